/** Language codes (RFC 5646) used by `lang`, granular markings and language-content. */
import { type Check, jsonType, show } from '../validate/context.js';

// RFC 5646 langtag shape (language[-script][-region]*(-variant)*(-extension)[-privateuse]) or private use / grandfathered.
const LANGTAG =
  /^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-(?:[A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-[xX](?:-[A-Za-z0-9]{1,8})+)?|[xX](?:-[A-Za-z0-9]{1,8})+|i-[a-z]{3,8})$/;

/** True when the text has the shape of an RFC 5646 language tag. */
export function isLanguageTag(text: string): boolean {
  return LANGTAG.test(text);
}

/** A string that is an RFC 5646 language code. */
export const languageCode =
  (section: string): Check =>
  (value, path, ctx) => {
    if (typeof value !== 'string') {
      ctx.error('STIX_WRONG_TYPE', path, `must be a language code string, not ${jsonType(value)}`, section);
    } else if (!LANGTAG.test(value)) {
      ctx.error(
        'STIX_LANGUAGE_CODE',
        path,
        `${show(value)} is not an RFC 5646 language code (e.g. en, de, pt-BR)`,
        section,
      );
    }
  };
