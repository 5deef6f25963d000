import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INTEL_ERROR_CODES } from './intel-error-codes.js';

const DOC = readFileSync(new URL('../../docs/reference/errors-intel.md', import.meta.url), 'utf8');

describe('docs/reference/errors-intel.md', () => {
  it('lists exactly the INTEL_ codes, with their meanings', () => {
    const rows = new Map([...DOC.matchAll(/^\| `(INTEL_[A-Z_]+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2]]));
    expect([...rows.keys()].sort()).toEqual(Object.keys(INTEL_ERROR_CODES).sort());
    for (const [code, meaning] of Object.entries(INTEL_ERROR_CODES))
      expect(rows.get(code)).toBe(`${meaning[0]?.toUpperCase()}${meaning.slice(1)}.`);
  });
});
