import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STIX_ERROR_CODES } from '../index.js';

describe('STIX error catalog', () => {
  it('docs/reference/errors-stix.md lists exactly the codes of the catalog', () => {
    const doc = readFileSync(new URL('../../../docs/reference/errors-stix.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| `(STIX_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(STIX_ERROR_CODES).sort());
  });
});
