/**
 * What the misp-stix comparison tests share (issue 19: "compare the comparisons, not the
 * strings"): misp-stix's documented patterns (test/fixtures/misp/misp-stix/expected.json,
 * extracted by extract.mjs), Accord's conversion of the same content, and patterns reduced to
 * their comparisons. Where Accord writes another comparison, each test file declares the
 * difference with its reason (the same reasons as docs/guides/interop.md); any other fails.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { eventToStix } from '../../src/interop/misp/event-to-stix.js';
import { readEvent } from '../../src/interop/misp/read-event.js';
import {
  type ComparisonExpression,
  checkPattern,
  type Literal,
  type ObservationExpression,
  parsePattern,
} from '../../src/pattern/index.js';
import { validateObject } from '../../src/stix/index.js';

/** misp-stix's documented examples: attributes and objects with the patterns it writes. */
export interface Expected {
  attributes: {
    section: string;
    attribute: Record<string, unknown>;
    pattern: string;
    pattern_type: string;
  }[];
  objects: {
    section: string;
    objects: Record<string, unknown>[];
    patterns: { id: string; pattern: string; pattern_type: string }[];
  }[];
}
export const expected = JSON.parse(
  readFileSync(new URL('../fixtures/misp/misp-stix/expected.json', import.meta.url), 'utf8'),
) as Expected;

// The documentation abbreviates attachments as "…[...]…", which is not base64: a real payload stands in.
const PAYLOAD = 'UEsDBAoACQAAAAaOU1EvUbiwLwAAACMAAAAgABwAMjA=';
export const fixData = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value).replace(/[A-Za-z0-9+/]*\[\.\.\.\][A-Za-z0-9+/=]*/g, PAYLOAD));

const literal = (l: Literal): string =>
  l.kind === 'timestamp'
    ? new Date(l.ms).toISOString()
    : l.kind === 'binary' || l.kind === 'hex'
      ? '<bin>'
      : String(l.value);

/** The comparisons of a pattern as `path = value` texts (paths unquoted, constants as text). */
export function comparisons(pattern: string): string[] {
  const out: string[] = [];
  const comparison = (e: ComparisonExpression): void => {
    if (e.kind === 'and' || e.kind === 'or') e.operands.forEach(comparison);
    else if (e.kind === 'comparison') {
      const path = e.path.steps.map((s) => (s.kind === 'key' ? `.${s.name}` : `[${s.index}]`)).join('');
      const value = Array.isArray(e.value) ? e.value.map(literal).join(',') : literal(e.value as Literal);
      // A timestamp written as a plain string compares as the instant it names.
      const v = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d/.test(value)
        ? new Date(value.replace(' ', 'T')).toISOString()
        : value;
      out.push(`${e.path.objectType}:${path.slice(1)} ${e.operator} ${v}`);
    }
  };
  const observation = (o: ObservationExpression): void => {
    if (o.kind === 'observation') comparison(o.expression);
    else if ('left' in o) {
      observation(o.left);
      observation(o.right);
    } else observation(o.expression);
  };
  observation(parsePattern(pattern).root);
  return out.sort();
}

const event = (content: { Attribute?: unknown[]; Object?: unknown[] }) => ({
  uuid: 'a6ef17d6-91cb-4a05-b10b-2f045daf874c',
  info: 'misp-stix documentation examples',
  date: '2020-10-25',
  timestamp: '1603642920',
  Orgc: { name: 'MISP-Project', uuid: 'a0c22599-9e58-4da4-96ac-7051603fa951' },
  ...content,
});

/** Converts the content in an event; every object made must be valid STIX 2.1 (full pattern check). */
export function convert(content: { Attribute?: unknown[]; Object?: unknown[] }) {
  const read = readEvent(event(fixData(content)), '/Event', 0);
  const conversion = eventToStix(read.event!);
  for (const o of conversion.objects) {
    const issues = validateObject(o, { patternCheck: checkPattern }).issues.filter(
      (i) => i.severity === 'error',
    );
    expect(issues, JSON.stringify(o)).toEqual([]);
  }
  return conversion;
}

/** Declared differences: comparisons only misp-stix writes, and those only Accord writes. */
export interface Deviation {
  readonly why: string;
  readonly mispStix: readonly string[];
  readonly accord: readonly string[];
}

/** The comparisons only misp-stix writes and those only Accord writes. */
export const diff = (mine: string[], theirs: string[]) => ({
  mispStix: theirs.filter((c) => !mine.includes(c)),
  accord: mine.filter((c) => !theirs.includes(c)),
});

/** The difference a test expects: the declared one, sorted, or none. */
export const declaredDiff = (declared: Deviation | undefined) =>
  declared
    ? { mispStix: [...declared.mispStix].sort(), accord: [...declared.accord].sort() }
    : { mispStix: [], accord: [] };
