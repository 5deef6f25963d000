import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SpecVersion } from './ast.js';
import { compileIndicatorSet } from './indicator-set/indicator-set.js';
import { evaluatePattern } from './matcher/evaluate.js';
import { validatePattern } from './validate.js';

interface CorpusLine {
  readonly source: string;
  readonly spec_version: SpecVersion;
  readonly pattern: string;
}
const load = (name: string): CorpusLine[] =>
  readFileSync(new URL(`../../test/fixtures/pattern/corpus/${name}.jsonl`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as CorpusLine);
const corpus = {
  oasis: load('oasis'),
  unit42: load('unit42'),
  amnesty: load('amnesty'),
  dogood: load('dogood'),
};

/** An event holding, for each `[type:path = 'value']` comparison of a pattern, an SCO with that value. */
function eventFor(pattern: string): unknown[] {
  const scos: Array<Record<string, unknown>> = [];
  for (const m of pattern.matchAll(
    /([a-z0-9-]+):([a-z_]+)(?:\.'?([A-Za-z0-9_-]+)'?)? ?= ?'((?:[^'\\]|\\.)*)'/g,
  )) {
    const [, type, prop, key, raw] = m as unknown as [string, string, string, string | undefined, string];
    const value = raw.replace(/\\(.)/g, '$1');
    scos.push({ type, id: `${type}--${scos.length}`, [prop]: key ? { [key]: value } : value });
  }
  return [
    { type: 'observed-data', id: 'observed-data--1', number_observed: 1, object_refs: scos.map((s) => s.id) },
    ...scos,
  ];
}

describe('real-world patterns (test/fixtures/pattern/corpus)', () => {
  it.each(Object.entries(corpus))('%s: every pattern is valid', (_name, lines) => {
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      const r = validatePattern(l.pattern, { specVersion: l.spec_version });
      expect(r.ok, `${l.source}: ${l.pattern} ${JSON.stringify(r.issues)}`).toBe(true);
    }
  });
  it('amnesty uses non-STIX object types and properties: warnings, not errors', () => {
    const warned = corpus.amnesty.filter((l) =>
      validatePattern(l.pattern).issues.some((i) => i.severity === 'warning'),
    );
    expect(warned.map((l) => l.pattern.slice(1, l.pattern.indexOf(':')))).toEqual(
      expect.arrayContaining(['app', 'configuration-profile', 'file']),
    );
  });
  it('simple equality patterns match an observation holding their values (9.6.1)', () => {
    let matched = 0;
    for (const l of [...corpus.dogood, ...corpus.amnesty, ...corpus.unit42]) {
      if (!/^\[[^\]]*\]$/.test(l.pattern) || /MATCHES|LIKE| AND /.test(l.pattern)) continue;
      expect(
        evaluatePattern(l.pattern, eventFor(l.pattern), { specVersion: l.spec_version }),
        l.pattern,
      ).toBe(true);
      matched++;
    }
    expect(matched).toBeGreaterThan(500);
  });
  it('the whole corpus as one indicator set reports what each pattern alone reports', () => {
    const all = Object.values(corpus).flat();
    const set = compileIndicatorSet(all.map((l) => ({ pattern: l.pattern, specVersion: l.spec_version })));
    expect(set.errors).toEqual([]);
    for (const l of all.filter((_, i) => i % 7 === 0)) {
      const event = eventFor(l.pattern);
      const expected = all.flatMap((p, i) =>
        evaluatePattern(p.pattern, event, { specVersion: p.spec_version }) ? [i] : [],
      );
      expect(set.match(event)).toEqual(expected);
    }
  });
});
