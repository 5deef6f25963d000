import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES } from './api-error-codes.js';

describe('API error catalog', () => {
  it('docs/reference/api.md lists exactly the codes of the catalog', () => {
    const doc = readFileSync(new URL('../../../docs/reference/api.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| `(API_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual(Object.keys(API_ERROR_CODES));
  });
});
