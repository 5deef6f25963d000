/**
 * STIX validation conformance cases (test/fixtures/stix/conformance-cases.json): each names the
 * section it follows, the verdict, the codes it must report, and whether the OASIS reference
 * validator's verdict agrees with the spec text. Where it does not, the spec text decides.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../src/stix/index.js';

interface Case {
  readonly section: string;
  readonly rule: string;
  readonly document: unknown;
  readonly valid: boolean;
  readonly codes: readonly string[];
  readonly reference: string;
}

const cases = JSON.parse(
  readFileSync(new URL('../fixtures/stix/conformance-cases.json', import.meta.url), 'utf8'),
) as Case[];

describe('STIX conformance cases (spec text over reference where they differ)', () => {
  for (const c of cases) {
    it(`${c.section} ${c.rule}${c.reference === 'agrees' ? '' : ` [${c.reference}]`}`, () => {
      const doc = validateDocument(c.document);
      const issues = doc.results.flatMap((r) => [...r.errors, ...r.warnings]);
      const codes = issues.map((i) => `${i.severity} ${i.code}`);
      expect(doc.valid, JSON.stringify(issues, null, 1)).toBe(c.valid);
      for (const code of c.codes) expect(codes, JSON.stringify(issues, null, 1)).toContain(code);
      if (c.codes.length === 0) expect(codes, JSON.stringify(issues, null, 1)).toEqual([]);
    });
  }
});
