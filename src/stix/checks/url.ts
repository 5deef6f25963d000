/** URLs (RFC 3986) of the url SCO (6.15) and the artifact's url (6.1.1). */
import { type Check, jsonType, show } from '../validate/context.js';

// RFC 3986 3.1: a scheme (a letter, then letters, digits, + - .), a colon, and no whitespace.
const URL_SHAPE = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;

/** True when the text has the shape of an absolute URL (a scheme, no whitespace). */
export function isUrl(text: string): boolean {
  return URL_SHAPE.test(text);
}

/** A string that MUST be a valid URL. */
export const urlString =
  (section: string): Check =>
  (value, path, ctx) => {
    if (typeof value !== 'string') {
      ctx.error('STIX_WRONG_TYPE', path, `must be a URL string, not ${jsonType(value)}`, section);
    } else if (!isUrl(value)) {
      ctx.error(
        'STIX_INVALID_VALUE',
        path,
        `${show(value)} is not a URL (RFC 3986): it needs a scheme such as https:`,
        section,
      );
    }
  };
