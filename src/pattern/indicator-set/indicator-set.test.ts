import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePattern } from '../matcher/compile-pattern.js';
import { evaluatePattern } from '../matcher/evaluate.js';
import { type JsonObject, readObservations } from '../matcher/observation-set.js';
import { parsePattern } from '../parser.js';
import { createCorrelator } from './correlator.js';
import { observationLeaves } from './index-keys.js';
import { compileIndicatorSet } from './indicator-set.js';

// A small universe of values, so that random patterns and random observations often meet.
const STRINGS = [
  'a.com',
  'b.com',
  'evil.org',
  'caf\u00e9.com',
  'cafe\u0301.com',
  '10.0.0.1',
  '10.0.0.0/24',
  'x',
  '',
];
const IPS = [
  '10.0.0.1',
  '10.0.0.2',
  '10.0.1.5',
  '192.168.1.1',
  '10.0.0.0/24',
  '10.0.0.1/32',
  '2001:db8::1',
  '2001:db8::/32',
];
const PATHS: Record<string, string[]> = {
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'domain-name': ['value', 'resolves_to_refs[*].value', 'resolves_to_refs[0].value'],
  file: ['name', 'hashes.MD5', "hashes.'SHA-256'", 'size'],
  url: ['value'],
  'network-traffic': ['dst_ref.value', 'src_port', 'protocols[*]', 'protocols[0]'],
};
const TYPES = Object.keys(PATHS);
const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const stringLit = fc.constantFrom(...STRINGS, ...IPS).map(quote);
const constant = fc.oneof(stringLit, fc.constantFrom('0', '80', '443', '1.5', 'true', "h'6162'", "b'YQ=='"));
const comparisonArb = fc
  .record({
    type: fc.constantFrom(...TYPES),
    pathIndex: fc.nat(3),
    not: fc.boolean(),
    op: fc.constantFrom(
      '=',
      '=',
      '=',
      '!=',
      '<',
      '>=',
      'IN',
      'LIKE',
      'MATCHES',
      'ISSUBSET',
      'ISSUPERSET',
      'EXISTS',
    ),
    value: constant,
    set: fc.array(stringLit, { minLength: 1, maxLength: 3 }),
    like: fc.constantFrom('a%', '%com', '%.%', 'caf\u00e9%', 'cafe\u0301%', '10.0.%', '_.com', 'a.com', '%'),
    regex: fc.constantFrom('^a', '^10\\\\.0', 'com$', '^caf', '(?i)^A', '^b\\\\.c', '.'),
    cidr: fc.constantFrom('10.0.0.0/24', '10.0.0.0/8', '10.0.0.1', '192.168.0.0/16', '::/0', '2001:db8::/48'),
  })
  .map(({ type, pathIndex, not, op, value, set, like, regex, cidr }) => {
    const paths = PATHS[type] as string[];
    const path = `${type}:${paths[pathIndex % paths.length]}`;
    const n = not ? 'NOT ' : '';
    switch (op) {
      case 'EXISTS':
        return `EXISTS ${path}`;
      case 'IN':
        return `${path} ${n}IN (${set.join(', ')})`;
      case 'LIKE':
        return `${path} ${n}LIKE ${quote(like)}`;
      case 'MATCHES':
        return `${path} ${n}MATCHES '${regex}'`;
      case 'ISSUBSET':
      case 'ISSUPERSET':
        return `${path} ${n}${op} '${cidr}'`;
      case '<':
      case '>=':
        return `${path} ${n}${op} ${value === 'true' ? '1' : value}`;
      default:
        return `${path} ${n}${op} ${value}`;
    }
  });
const compArb: fc.Arbitrary<string> = fc.letrec<{ c: string }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparisonArb,
    fc.tuple(tie('c'), fc.constantFrom('AND', 'OR'), tie('c')).map(([a, op, b]) => `(${a} ${op} ${b})`),
  ),
})).c;
const obsArb: fc.Arbitrary<string> = fc.letrec<{ o: string }>((tie) => ({
  o: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    compArb.map((c) => `[${c}]`),
    fc
      .tuple(tie('o'), fc.constantFrom('AND', 'OR', 'FOLLOWEDBY'), tie('o'))
      .map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc
      .tuple(
        tie('o'),
        fc.constantFrom(
          'REPEATS 2 TIMES',
          'WITHIN 60 SECONDS',
          "START t'2021-01-01T00:00:00Z' STOP t'2021-01-01T00:10:00Z'",
        ),
      )
      .map(([a, q]) => `(${a}) ${q}`),
  ),
})).o;

let seq = 0;
const scoArb = fc.constantFrom(...TYPES).chain((type) =>
  fc
    .record({
      s: fc.constantFrom(...STRINGS),
      ip: fc.constantFrom(...IPS),
      n: fc.constantFrom(0, 80, 443, 1.5),
      h: fc.constantFrom('a.com', 'b.com', 'x'),
    })
    .map(({ s, ip, n, h }): JsonObject[] => {
      const id = (t: string) => `${t}--00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
      switch (type) {
        case 'ipv4-addr':
        case 'ipv6-addr':
          return [{ type, id: id(type), value: ip }];
        case 'url':
          return [{ type, id: id(type), value: s }];
        case 'file':
          return [{ type, id: id(type), name: s, size: n, hashes: { MD5: h, 'SHA-256': s } }];
        case 'domain-name': {
          const addr = { type: 'ipv4-addr', id: id('ipv4-addr'), value: ip };
          return [{ type, id: id(type), value: s, resolves_to_refs: [addr.id] }, addr];
        }
        default: {
          const addr = { type: 'ipv4-addr', id: id('ipv4-addr'), value: ip };
          return [{ type, id: id(type), dst_ref: addr.id, src_port: n, protocols: [h, s] }, addr];
        }
      }
    }),
);
const observationArb = fc
  .record({
    scos: fc.array(scoArb, { minLength: 1, maxLength: 3 }),
    minute: fc.nat(12),
    count: fc.constantFrom(1, 1, 2),
  })
  .map(({ scos, minute, count }): JsonObject[] => {
    const objects = scos.flat();
    const t = `2021-01-01T00:${String(minute).padStart(2, '0')}:00Z`;
    const od = {
      type: 'observed-data',
      id: `observed-data--00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
      first_observed: t,
      last_observed: t,
      number_observed: count,
      object_refs: objects.map((o) => o.id),
    };
    return [od, ...objects];
  });
const eventArb = fc.array(observationArb, { minLength: 1, maxLength: 3 }).map((o) => o.flat());

const alone = (pattern: string, objects: JsonObject[]): boolean => {
  try {
    return evaluatePattern(pattern, objects);
  } catch {
    return false;
  }
};

describe('indicator sets', () => {
  it('differential: the compiled set reports exactly what evaluating each pattern alone reports', () => {
    fc.assert(
      fc.property(
        fc.array(obsArb, { minLength: 1, maxLength: 25 }),
        fc.array(eventArb, { minLength: 1, maxLength: 4 }),
        (patterns, events) => {
          const set = compileIndicatorSet(patterns);
          for (const objects of events) {
            const expected = patterns.flatMap((p, i) => (alone(p, objects) ? [i] : []));
            expect(set.match(objects)).toEqual(expected);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('matches single-observation events through the value indexes', () => {
    const set = compileIndicatorSet([
      "[ipv4-addr:value = '198.51.100.3']",
      "[ipv4-addr:value ISSUBSET '198.51.100.0/24']",
      "[domain-name:value LIKE '%.example.com']",
      "[url:value MATCHES '^https://evil\\\\.example/']",
      "[file:hashes.MD5 IN ('aa', 'bb')]",
      "[ipv4-addr:value = '203.0.113.9']",
      '[ipv4-addr:value = ',
    ]);
    expect(set.errors.map((e) => e.index)).toEqual([6]);
    const event = (...objects: JsonObject[]) => {
      const scos = objects.map((o, i) => ({ id: `${String(o.type)}--${i}`, ...o }));
      return [{ type: 'observed-data', id: 'observed-data--1', object_refs: scos.map((s) => s.id) }, ...scos];
    };
    expect(set.match(event({ type: 'ipv4-addr', value: '198.51.100.3' }))).toEqual([0, 1]);
    expect(set.match(event({ type: 'domain-name', value: 'www.example.com' }))).toEqual([2]);
    expect(set.match(event({ type: 'url', value: 'https://evil.example/x' }))).toEqual([3]);
    expect(
      set.match(event({ type: 'file', hashes: { MD5: 'bb' } }, { type: 'ipv4-addr', value: '203.0.113.9' })),
    ).toEqual([4, 5]);
    expect(set.match(event({ type: 'file', name: 'bb' }))).toEqual([]);
    expect(set.stats().typeOnly).toBe(0);
  });

  it('indexes patterns so that only candidates are evaluated', () => {
    const patterns = Array.from(
      { length: 2000 },
      (_, i) => `[ipv4-addr:value = '10.0.${i >> 8}.${i & 255}']`,
    );
    const set = compileIndicatorSet(patterns);
    // Each address is indexed as written and as a network key (9.3: '/32' equals the address).
    expect(set.stats()).toMatchObject({ indexed: 4000, typeOnly: 0, paths: 1 });
    const od = [
      { type: 'observed-data', id: 'observed-data--1', object_refs: ['ipv4-addr--1'] },
      { type: 'ipv4-addr', id: 'ipv4-addr--1', value: '10.0.3.7' },
    ];
    expect(set.match(od)).toEqual([3 * 256 + 7]);
  });
});

/** True when some observation expression `[…]` of the pattern holds on the event alone. */
function someLeafHolds(pattern: string, event: JsonObject[]): boolean {
  try {
    const p = parsePattern(pattern);
    const observations = readObservations(event);
    return observationLeaves(p.root).some((root) =>
      observations.some((o) => compilePattern({ ...p, root }).matches([o])),
    );
  } catch {
    return false;
  }
}

describe('correlation across events (bounded state)', () => {
  it('differential: with an unbounded window, reports what each pattern reports on all events so far', () => {
    fc.assert(
      fc.property(
        fc.array(obsArb, { minLength: 1, maxLength: 12 }),
        fc.array(observationArb, { minLength: 1, maxLength: 6 }),
        (patterns, events) => {
          const correlator = createCorrelator(patterns, {
            windowSeconds: 1e9,
            maxObservationsPerPattern: 1e6,
          });
          const seen: JsonObject[] = [];
          for (const event of events) {
            seen.push(...event);
            const expected = patterns.flatMap((p, i) =>
              someLeafHolds(p, event) && alone(p, seen) ? [i] : [],
            );
            expect(correlator.push(event)).toEqual(expected);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('drops observations older than the window and beyond the count bound', () => {
    const at = (name: string, second: number) => {
      const t = new Date(Date.UTC(2021, 0, 1, 0, 0, second)).toISOString();
      return [
        {
          type: 'observed-data',
          id: `observed-data--${name}${second}`,
          first_observed: t,
          last_observed: t,
          number_observed: 1,
          object_refs: [`file--${name}${second}`],
        },
        { type: 'file', id: `file--${name}${second}`, name },
      ];
    };
    const c = createCorrelator(["[file:name = 'a'] FOLLOWEDBY [file:name = 'b']", "[file:name = 'a']"], {
      windowSeconds: 60,
      maxObservationsPerPattern: 3,
    });
    expect(c.push(at('a', 0))).toEqual([1]);
    expect(c.push(at('b', 30))).toEqual([0]);
    expect(c.push(at('x', 50))).toEqual([]);
    expect(c.push(at('b', 59))).toEqual([0]);
    expect(c.push(at('b', 61))).toEqual([]);
    for (let s = 0; s < 20; s++) c.push(at('a', 100 + s));
    expect(c.held()).toBeLessThanOrEqual(6);
  });
});
