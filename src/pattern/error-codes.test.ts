import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PATTERN_ERROR_CODES } from './error-codes.js';

describe('pattern error catalog', () => {
  it('docs/reference/errors-pattern.md lists exactly the codes of the catalog', () => {
    const doc = readFileSync(new URL('../../docs/reference/errors-pattern.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| `(PATTERN_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual(Object.keys(PATTERN_ERROR_CODES));
  });
  it('every code is used somewhere in the module', () => {
    const sources = [
      'lexer.ts',
      'parser.ts',
      'literal-token.ts',
      'validate.ts',
      'regex.ts',
      'matcher/bindings.ts',
      'matcher/observation-set.ts',
    ].map((f) => readFileSync(new URL(f, import.meta.url), 'utf8'));
    for (const code of Object.keys(PATTERN_ERROR_CODES))
      expect(
        sources.some((s) => s.includes(`'${code}'`)),
        code,
      ).toBe(true);
  });
});
