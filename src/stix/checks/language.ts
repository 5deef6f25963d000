/**
 * Language tags (RFC 5646) of `lang`, granular markings, language-content and software
 * `languages`: well formed, and valid (RFC 5646 2.2.9): the primary language and region
 * subtags must be in the IANA Language Subtag Registry.
 */
import { type Check, jsonType, show } from '../validate/context.js';
import {
  GRANDFATHERED_TAGS,
  ISO_639_2_TO_1,
  LANGUAGE_SUBTAGS,
  REGION_SUBTAGS,
} from '../vocab/registries/language-subtags.js';

// RFC 5646 2.1 langtag: language (2-3 letters + extlangs, or 4-8 letters), script, region,
// variants, extensions, private use; or a private-use tag (x-…) or a grandfathered i-… tag.
const LANGTAG =
  /^(?:([A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?(?:-([A-Za-z]{2}|\d{3}))?(?:-(?:[A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-[xX](?:-[A-Za-z0-9]{1,8})+)?|[xX](?:-[A-Za-z0-9]{1,8})+)$/;

const splitWords = (lines: readonly string[]): Set<string> => new Set(lines.join(' ').split(' '));
const LANGUAGES = splitWords(LANGUAGE_SUBTAGS);
const REGIONS = splitWords(REGION_SUBTAGS);
const GRANDFATHERED = splitWords(GRANDFATHERED_TAGS);
const SHORTER = new Map(
  ISO_639_2_TO_1.join(' ')
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

/** qaa..qtz (private-use languages), qm..qz and xa..xz (private-use regions), aa and zz. */
const privateLanguage = (s: string): boolean => /^q[a-t][a-z]$/.test(s);
const privateRegion = (s: string): boolean => /^(?:q[m-z]|x[a-z]|aa|zz)$/.test(s);

/** Why `text` is not a valid RFC 5646 language tag, or undefined when it is one. */
export function languageTagProblem(text: string): string | undefined {
  const lower = text.toLowerCase();
  if (GRANDFATHERED.has(lower)) return undefined;
  const m = LANGTAG.exec(text);
  if (m === null) return 'is not an RFC 5646 language tag (e.g. en, de, pt-BR)';
  const language = m[1]?.toLowerCase().split('-')[0];
  if (language !== undefined && !LANGUAGES.has(language) && !privateLanguage(language)) {
    const shorter = SHORTER.get(language);
    return shorter !== undefined
      ? `is not an RFC 5646 language tag: RFC 5646 writes the ISO 639-2 code ${language} as ${shorter} (2.2.1)`
      : `is not an RFC 5646 language tag: "${language}" is not a language subtag of the IANA registry`;
  }
  const region = m[2]?.toLowerCase();
  if (region !== undefined && !REGIONS.has(region) && !privateRegion(region))
    return `is not an RFC 5646 language tag: "${m[2]}" is not a region subtag of the IANA registry`;
  return undefined;
}

/** True when the text is a valid RFC 5646 language tag. */
export function isLanguageTag(text: string): boolean {
  return languageTagProblem(text) === undefined;
}

/** A string that is an RFC 5646 language code. */
export const languageCode =
  (section: string): Check =>
  (value, path, ctx) => {
    if (typeof value !== 'string') {
      ctx.error('STIX_WRONG_TYPE', path, `must be a language code string, not ${jsonType(value)}`, section);
      return;
    }
    const problem = languageTagProblem(value);
    if (problem !== undefined) ctx.error('STIX_LANGUAGE_CODE', path, `${show(value)} ${problem}`, section);
  };
