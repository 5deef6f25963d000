import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TAXII_CLIENT_ERRORS } from '../taxii/client/index.js';
import { SYNC_ERROR_CODES } from './sync-error-codes.js';

const DOC = readFileSync(new URL('../../docs/reference/errors-sync.md', import.meta.url), 'utf8');

/** Rows `| `CODE` | meaning |` of the doc whose code starts with `prefix`. */
function documented(prefix: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const m of DOC.matchAll(/^\| `([A-Z_]+)` \| (.+) \|$/gm))
    if (m[1]!.startsWith(prefix)) rows.set(m[1]!, m[2]!);
  return rows;
}

function sentence(s: string): string {
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}

describe('docs/reference/errors-sync.md', () => {
  it('lists exactly the SYNC_ codes, with their meanings', () => {
    const doc = documented('SYNC_');
    expect([...doc.keys()].sort()).toEqual(Object.keys(SYNC_ERROR_CODES).sort());
    for (const [code, meaning] of Object.entries(SYNC_ERROR_CODES))
      expect(doc.get(code)).toBe(sentence(meaning));
  });

  it('lists exactly the TAXII_CLIENT_ codes, with their meanings', () => {
    const doc = documented('TAXII_CLIENT_');
    expect([...doc.keys()].sort()).toEqual(Object.keys(TAXII_CLIENT_ERRORS).sort());
    for (const [code, meaning] of Object.entries(TAXII_CLIENT_ERRORS))
      expect(doc.get(code)).toBe(sentence(meaning));
  });
});
