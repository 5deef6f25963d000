import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STORE_ERROR_CODES } from './store-error-codes.js';

describe('store error catalog', () => {
  it('docs/reference/errors-store.md documents exactly the catalog codes', () => {
    const doc = readFileSync(new URL('../../docs/reference/errors-store.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| `(STORE_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(STORE_ERROR_CODES).sort());
  });

  it('every code is namespaced STORE_ and described', () => {
    for (const [code, text] of Object.entries(STORE_ERROR_CODES)) {
      expect(code).toMatch(/^STORE_[A-Z_]+$/);
      expect(text.length).toBeGreaterThan(10);
    }
  });
});
