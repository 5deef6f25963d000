import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POLICY_ERROR_CODES } from './policy-error-codes.js';

describe('policy error catalog', () => {
  it('docs/reference/errors-policy.md lists exactly the catalog codes', () => {
    const doc = readFileSync(new URL('../../docs/reference/errors-policy.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| `(POLICY_[A-Z_]+)` \|/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(POLICY_ERROR_CODES).sort());
  });
});
