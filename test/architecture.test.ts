/**
 * Seams of docs/architecture.md that dependency-cruiser cannot see: decisions about roles and
 * access lists live in src/policy alone (issue 14), and no module keeps mutable state at module
 * level (two nodes in one process must share nothing).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !/\.(test|suite)\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Lines of `files` matching `pattern`, as "file:line: text". */
function offending(files: readonly string[], pattern: RegExp): string[] {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${relative(SRC, file)}:${i + 1}: ${line.trim()}`] : [])),
  );
}

/** A comparison with a role, or a membership test of a collection's access list. */
const ROLE_TEST =
  /\brole\s*[!=]==|[!=]==\s*'(admin|editor|reader)'|\.(canRead|canWrite)\.(includes|some|indexOf)\(/;

describe('architecture', () => {
  const files = sourceFiles(SRC);

  it('nothing outside policy/ decides by role or by a collection access list', () => {
    const outside = files.filter((f) => !relative(SRC, f).startsWith('policy/'));
    expect(offending(outside, ROLE_TEST)).toEqual([]);
  });

  it('the check above notices a role decision where it does not belong', () => {
    expect(ROLE_TEST.test("if (caller.role === 'admin') return true;")).toBe(true);
    expect(ROLE_TEST.test('collection.canWrite.includes(org)')).toBe(true);
    expect(ROLE_TEST.test("role: 'editor',")).toBe(false);
  });

  it('one clock and one canonical JSON: no Date.now() * 1000 outside stix/time, no second JCS package', () => {
    const outside = files.filter((f) => !relative(SRC, f).startsWith('stix/time/'));
    expect(offending(outside, /Date\.now\(\)\s*\*\s*1000/)).toEqual([]);
    expect(offending(files, /from 'canonicalize'/)).toEqual([]);
  });

  it('no module keeps mutable state at module level (a let, or a cache keyed by objects)', () => {
    // Constant lookup tables (a Map or Set built once at load) are fine and not matched.
    const moduleState = /^(export )?let |^(export )?const \w+ = new WeakMap\b/;
    expect(offending(files, moduleState)).toEqual([]);
  });
});
