/**
 * The search terms of an object, derived here once so that every backend indexes the same
 * ones: names and aliases (whole and word by word), external ids (ATT&CK T1059, G0016, CVEs),
 * the values an indicator's STIX pattern compares with, an observable's value and hashes, and
 * the id. Terms are lower-cased (case-insensitive search) and bounded in length and number,
 * since objects come from untrusted peers.
 */
import type { IndexField, ReferenceField, SearchTerm } from './search.js';

/** Longest term kept (longer text is cut: a prefix search still finds it). */
export const MAX_TERM_LENGTH = 200;
/** Most terms kept per version. */
export const MAX_TERMS = 200;

const ALIAS_PROPERTIES = ['aliases', 'x_mitre_aliases'] as const;
const VALUE_PROPERTIES = ['value', 'path', 'key'] as const;
// A quoted string literal of STIX patterning (section 9.2): ' delimits, \' and \\ escape.
const PATTERN_STRING = /'((?:[^'\\]|\\.)*)'/g;
const WORD_SPLIT = /[\s,;:()[\]{}"'/|]+/u;
// What normaliseSearchText's cleaning would change: a control character, white space other than
// one plain space between two other characters.
const UNCLEAN = /[^\S ]|\p{Cc}|^ | $| {2}/u;

/**
 * The form text takes in the index and in queries: control characters out, trimmed, spaces
 * collapsed, lower-cased. (Reference terms start with a control character, so no query text
 * ever reaches them.)
 */
export function normaliseSearchText(text: string): string {
  // Most text has nothing to clean: one test instead of three passes that would change nothing.
  const clean = UNCLEAN.test(text)
    ? text
        .replace(/\p{Cc}/gu, '')
        .trim()
        .replace(/\s+/gu, ' ')
    : text;
  return clean.toLowerCase().slice(0, MAX_TERM_LENGTH);
}

/** The term under which the index keeps a reference to the object `id`. */
export function referenceTerm(id: string): string {
  return `\u0001${id.toLowerCase().slice(0, MAX_TERM_LENGTH)}`;
}

const REFERENCES: readonly (readonly [string, ReferenceField])[] = [
  ['source_ref', 'source_ref'],
  ['target_ref', 'target_ref'],
  ['sighting_of_ref', 'sighting_of_ref'],
  ['where_sighted_refs', 'where_sighted_ref'],
];

const REFERENCE_FIELDS: Readonly<Record<string, true>> = {
  source_ref: true,
  target_ref: true,
  sighting_of_ref: true,
  where_sighted_ref: true,
};

class Terms {
  readonly #seen = new Set<string>();
  readonly list: SearchTerm[] = [];

  add(text: unknown, field: IndexField): void {
    if (typeof text !== 'string' || this.list.length >= MAX_TERMS) return;
    const term = field in REFERENCE_FIELDS ? referenceTerm(text) : normaliseSearchText(text);
    const key = `${field}\u0000${term}`;
    if (term.length === 0 || this.#seen.has(key)) return;
    this.#seen.add(key);
    this.list.push({ term, field });
  }

  /** The whole text and, for several words, each word: "Fancy Bear" is found by "bear". */
  addWords(text: unknown, field: IndexField): void {
    if (typeof text !== 'string') return;
    this.add(text, field);
    const words = text.split(WORD_SPLIT).filter((w) => w.length > 1);
    if (words.length > 1) for (const w of words) this.add(w, field);
  }
}

/** The distinct search terms of one object. */
export function searchTermsOf(object: Readonly<Record<string, unknown>>): readonly SearchTerm[] {
  const terms = new Terms();
  terms.add(object.id, 'id');
  terms.addWords(object.name, 'name');
  for (const p of ALIAS_PROPERTIES) {
    const aliases = object[p];
    if (Array.isArray(aliases)) for (const a of aliases) terms.addWords(a, 'alias');
  }
  const refs = object.external_references;
  if (Array.isArray(refs)) {
    for (const r of refs) terms.add((r as { external_id?: unknown } | null)?.external_id, 'external_id');
  }
  if (object.type === 'indicator' && object.pattern_type === 'stix' && typeof object.pattern === 'string') {
    for (const m of object.pattern.slice(0, 100_000).matchAll(PATTERN_STRING)) {
      const literal = m[1] ?? '';
      terms.add(literal.includes('\\') ? literal.replace(/\\(.)/gu, '$1') : literal, 'value');
    }
  }
  for (const p of VALUE_PROPERTIES) terms.add(object[p], 'value');
  for (const [property, field] of REFERENCES) {
    const v = object[property];
    for (const ref of Array.isArray(v) ? v.slice(0, MAX_TERMS) : [v]) terms.add(ref, field);
  }
  const hashes = object.hashes;
  if (typeof hashes === 'object' && hashes !== null && !Array.isArray(hashes)) {
    for (const h of Object.values(hashes)) terms.add(h, 'value');
  }
  return terms.list;
}
