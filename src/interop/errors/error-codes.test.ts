import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { INTEROP_ERROR_CODES } from './error-codes.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !path.includes('errors')
      ? [readFileSync(path, 'utf8')]
      : [];
  });

describe('interop code catalog', () => {
  it('docs/reference/errors-interop.md lists exactly the codes of the catalog, with their meaning', () => {
    const doc = readFileSync(new URL('../../../docs/reference/errors-interop.md', import.meta.url), 'utf8');
    const rows = [...doc.matchAll(/^\| `(INTEROP_[A-Z_]+)` \| \w+ \| (.+) \|$/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(Object.entries(INTEROP_ERROR_CODES));
  });

  it('every code is used somewhere in the module', () => {
    const code = sources(root).join('\n');
    for (const name of Object.keys(INTEROP_ERROR_CODES)) expect(code.includes(`'${name}'`), name).toBe(true);
  });
});
