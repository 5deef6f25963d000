import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DETECT_ERROR_CODES } from './detect-error.js';

describe('detection error catalog', () => {
  it('docs/reference/errors-detect.md lists exactly the codes of the catalog', () => {
    const doc = readFileSync(new URL('../../../docs/reference/errors-detect.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| `(DETECT_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual(Object.keys(DETECT_ERROR_CODES));
  });

  it('every code is used somewhere in the module', () => {
    const sources = [
      'pipeline/detection-session.ts',
      'pipeline/detect-settings.ts',
      'pipeline/run-detection.ts',
      'pipeline/follow-state.ts',
      'pipeline/follow-detection.ts',
      'input/indicator-file.ts',
      'warninglists/warninglist.ts',
    ].map((f) => readFileSync(new URL(`../${f}`, import.meta.url), 'utf8'));
    for (const code of Object.keys(DETECT_ERROR_CODES))
      expect(
        sources.some((s) => s.includes(`'${code}'`)),
        code,
      ).toBe(true);
  });
});
