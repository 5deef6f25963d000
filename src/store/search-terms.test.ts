import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TERM_LENGTH, normaliseSearchText, searchTermsOf } from './search-terms.js';

/** The normal form as ADR 0015 defines it, in its plain three passes. */
const reference = (text: string) =>
  text
    .replace(/\p{Cc}/gu, '')
    .trim()
    .replace(/\s+/gu, ' ')
    .toLowerCase()
    .slice(0, MAX_TERM_LENGTH);

// Text dense in what the cleaning changes: spaces at the ends and in runs, tabs, line breaks,
// no-break and ideographic spaces, control characters, letters that change length when lowered.
const awkward = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ' ',
        '  ',
        '\t',
        '\n',
        '\r\n',
        '\u00a0',
        '\u3000',
        '\u2028',
        '\u0000',
        '\u0085',
        '\u007f',
      ),
      fc.constantFrom('a', 'B', 'İ', 'ẞ', 'Σ', '1', '-', '.', '\ud800'),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('search terms (ADR 0015)', () => {
  it('the normal form of any text is the three-pass one: control characters out, trimmed, spaces collapsed, lower-cased, cut', () => {
    fc.assert(
      fc.property(fc.oneof(awkward, fc.string({ unit: 'binary', maxLength: 300 })), (text) => {
        expect(normaliseSearchText(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives each (term, field) of an object once, whatever it holds (PostgreSQL inserts them without ON CONFLICT)', () => {
    const text = fc.oneof(
      awkward,
      fc.constantFrom('Fancy Bear', 'fancy bear', 'FANCY  BEAR', 'x'.repeat(250)),
    );
    const texts = fc.array(text, { maxLength: 6 });
    const ref = fc.constantFrom(
      'indicator--00000000-0000-4000-8000-000000000001',
      'INDICATOR--00000000-0000-4000-8000-000000000001',
      'malware--00000000-0000-4000-8000-000000000002',
    );
    const object = fc.record(
      {
        type: fc.constantFrom('indicator', 'relationship', 'sighting', 'file'),
        id: ref,
        name: text,
        aliases: texts,
        x_mitre_aliases: texts,
        external_references: fc.array(fc.record({ external_id: text }), { maxLength: 4 }),
        pattern_type: fc.constant('stix'),
        pattern: texts.map((ls) => ls.map((l) => `[x:value = '${l.replace(/['\\]/g, '')}']`).join(' OR ')),
        value: text,
        hashes: fc.dictionary(fc.constantFrom('MD5', 'SHA-1', 'SHA-256'), text),
        source_ref: ref,
        target_ref: ref,
        sighting_of_ref: ref,
        where_sighted_refs: fc.array(ref, { maxLength: 4 }),
      },
      { requiredKeys: ['type', 'id'] },
    );
    fc.assert(
      fc.property(object, (o) => {
        const keys = searchTermsOf(o).map((t) => `${t.field}\u0000${t.term}`);
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('pattern literals are indexed unescaped, with or without escapes', () => {
    const terms = searchTermsOf({
      type: 'indicator',
      id: 'indicator--00000000-0000-4000-8000-000000000001',
      pattern_type: 'stix',
      pattern: "[file:name = 'a\\'b\\\\c.exe'] OR [domain-name:value = 'Evil.Example']",
    });
    const values = terms.filter((t) => t.field === 'value').map((t) => t.term);
    expect(values).toEqual(["a'b\\c.exe", 'evil.example']);
  });
});
