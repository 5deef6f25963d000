/**
 * Issue 14, "one error": every module's error class extends the one base, AccordError, and keeps
 * the stable codes of its catalog; shells tell errors apart by `instanceof AccordError` and `code`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORE_ERRORS, CoreError } from '../../src/core/index.js';
import { DETECT_ERROR_CODES, DetectError } from '../../src/detect/index.js';
import { AccordError, isAccordError } from '../../src/errors/index.js';
import { SYNC_ERROR_CODES, SyncError } from '../../src/federation/index.js';
import { INTEL_ERROR_CODES, IntelError } from '../../src/intel/index.js';
import { INTEROP_ERROR_CODES, InteropError } from '../../src/interop/index.js';
import { PATTERN_ERROR_CODES, PatternError } from '../../src/pattern/index.js';
import { POLICY_ERROR_CODES, PolicyError } from '../../src/policy/index.js';
import { STIX_ERROR_CODES, StixError } from '../../src/stix/index.js';
import { STORE_ERROR_CODES, StoreError } from '../../src/store/index.js';
import { TAXII_CLIENT_ERRORS, TaxiiClientError } from '../../src/taxii/client/index.js';
import { TAXII_ERRORS, TaxiiError } from '../../src/taxii/index.js';

type Make = (code: string) => AccordError;
const MODULES: readonly (readonly [string, Make, Readonly<Record<string, unknown>>])[] = [
  ['CoreError', (c) => new CoreError(c as never, 'm'), CORE_ERRORS],
  ['DetectError', (c) => new DetectError(c as never, 'm'), DETECT_ERROR_CODES],
  ['SyncError', (c) => new SyncError(c as never, 'm'), SYNC_ERROR_CODES],
  ['IntelError', (c) => new IntelError(c as never, 'm'), INTEL_ERROR_CODES],
  ['InteropError', (c) => new InteropError(c as never, 'm'), INTEROP_ERROR_CODES],
  ['PatternError', (c) => new PatternError(c as never, 'm'), PATTERN_ERROR_CODES],
  ['PolicyError', (c) => new PolicyError(c as never, 'm'), POLICY_ERROR_CODES],
  ['StixError', (c) => new StixError(c as never, 'm'), STIX_ERROR_CODES],
  ['StoreError', (c) => new StoreError(c as never, 'm'), STORE_ERROR_CODES],
  ['TaxiiClientError', (c) => new TaxiiClientError(c as never, 'm'), TAXII_CLIENT_ERRORS],
  ['TaxiiError', (c) => new TaxiiError(c as never, 'm'), TAXII_ERRORS],
];

describe('one error base (issue 14)', () => {
  it.each(MODULES)('%s extends AccordError and keeps every catalog code', (name, make, catalog) => {
    const codes = Object.keys(catalog);
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) {
      const err = make(code);
      expect(err).toBeInstanceOf(AccordError);
      expect(isAccordError(err, code)).toBe(true);
      expect(err.code).toBe(code);
      expect(err.name).toBe(name);
    }
  });

  it('every class in src/ that extends Error is a domain error or a documented exception', () => {
    // RecordRejection never leaves detect/: an adapter throws it and the reader turns it into a
    // report line; CliError is the CLI shell's own exit signal, not a domain error.
    const allowed = new Set(['AccordError', 'RecordRejection', 'CliError']);
    const direct: string[] = [];
    for (const file of sources(new URL('../../src/', import.meta.url).pathname))
      for (const m of readFileSync(file, 'utf8').matchAll(/class (\w+)[^{]*\bextends Error\b/g))
        if (!allowed.has(m[1]!)) direct.push(`${m[1]} (${file})`);
    expect(direct).toEqual([]);
  });

  it('no source recognises an error by its name string', () => {
    const offenders: string[] = [];
    for (const file of sources(new URL('../../src/', import.meta.url).pathname)) {
      const text = readFileSync(file, 'utf8');
      if (/\.name\s*[!=]==?\s*'\w*Error'|\bname\s*===?\s*'\w+Error'/.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (path.endsWith('.ts') && !path.endsWith('.test.ts')) yield path;
  }
}
