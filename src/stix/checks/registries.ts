/**
 * Values the spec takes from outside registries: IANA character sets (_enc properties, 2.9 and
 * 6.x), IANA media types (mime_type), ISO 3166-1 alpha-2 countries (location.country).
 */
import { type Check, jsonType, show } from '../validate/context.js';
import { CHARACTER_SETS } from '../vocab/registries/character-sets.js';
import { ISO_3166_1_ALPHA_2 } from '../vocab/registries/country-codes.js';
import { IANA_MEDIA_TYPES } from '../vocab/registries/media-types.js';

/** Every registered name or alias of a character set (lower case: RFC 2978 names are case-insensitive) → the name to use. */
const CHARSET_NAME = new Map<string, string>();
for (const entry of CHARACTER_SETS) {
  const [use, ...others] = entry.split(' ') as [string, ...string[]];
  for (const name of [use, ...others])
    if (!CHARSET_NAME.has(name.toLowerCase())) CHARSET_NAME.set(name.toLowerCase(), use);
}
const MEDIA_TYPES = new Set(IANA_MEDIA_TYPES.join(' ').split(' '));
const COUNTRIES = new Set(ISO_3166_1_ALPHA_2.join(' ').split(' '));

/**
 * An `_enc` property: the character set's preferred MIME name from the IANA registry, or its
 * Name when it has none (6.3.1, 6.7.1, "MUST"); another alias of a registered set names the
 * one to use.
 */
export const characterSet =
  (section: string): Check =>
  (value, path, ctx) => {
    if (typeof value !== 'string') {
      ctx.error('STIX_WRONG_TYPE', path, `must be a character set name, not ${jsonType(value)}`, section);
      return;
    }
    const use = CHARSET_NAME.get(value.toLowerCase());
    if (use === undefined) {
      ctx.error(
        'STIX_CHARACTER_SET',
        path,
        `${show(value)} is not a character set of the IANA registry (e.g. UTF-8, windows-1251, ISO-8859-1)`,
        section,
      );
    } else if (use.toLowerCase() !== value.toLowerCase()) {
      ctx.error(
        'STIX_CHARACTER_SET',
        path,
        `${show(value)} is an alias: the IANA registry's name to use for this character set is ${use}`,
        section,
      );
    }
  };

/** A MIME type (type/subtype, parameters allowed) that SHOULD be in the IANA media types registry. */
export const mediaType =
  (section: string): Check =>
  (value, path, ctx) => {
    if (typeof value !== 'string') {
      ctx.error('STIX_WRONG_TYPE', path, `must be a MIME type string, not ${jsonType(value)}`, section);
      return;
    }
    const essence = value.split(';', 1)[0]?.trim().toLowerCase() ?? '';
    if (!MEDIA_TYPES.has(essence)) {
      ctx.warn(
        'STIX_MEDIA_TYPE',
        path,
        `${show(value)} is not in the IANA media types registry (e.g. application/pdf, text/plain)`,
        section,
      );
    }
  };

/** A country that SHOULD be an ISO 3166-1 alpha-2 code (upper case, e.g. DE). */
export const countryCode =
  (section: string): Check =>
  (value, path, ctx) => {
    if (typeof value !== 'string') {
      ctx.error('STIX_WRONG_TYPE', path, `must be a string, not ${jsonType(value)}`, section);
    } else if (!COUNTRIES.has(value)) {
      const hint = COUNTRIES.has(value.toUpperCase()) ? `; write it ${value.toUpperCase()}` : '';
      ctx.warn('STIX_COUNTRY_CODE', path, `${show(value)} is not an ISO 3166-1 alpha-2 code${hint}`, section);
    }
  };
