import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileIndicators } from '../indicators/compile-indicators.js';
import { DetectionSession } from '../pipeline/detection-session.js';
import { fixture } from '../test-support/fixture-events.js';
import { createAdapter } from './create-adapter.js';
import type { LogFormat } from './log-adapter.js';

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));
const ipv6 = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 })
  .map((p) => p.map((x) => x.toString(16)).join(':'));
const ip = fc.oneof(ipv4, ipv6);
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
// A letter-only top-level label: a name of digits and dots would be an address.
const domain = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z]{2,6}$/))
  .map(([l, tld]) => [...l, tld].join('.'));
const upperish = (d: string): fc.Arbitrary<string> =>
  fc.tuple(fc.boolean(), fc.boolean()).map(([up, dot]) => `${up ? d.toUpperCase() : d}${dot ? '.' : ''}`);
const port = fc.integer({ min: 0, max: 65535 });
// Seconds between 2001 and 2033, microseconds as Zeek writes them.
const epoch = fc.tuple(
  fc.integer({ min: 1_000_000_000, max: 2_000_000_000 }),
  fc.integer({ min: 0, max: 999_999 }),
);

const record = fc
  .record({ src: ip, dst: ip, sport: port, dport: port, query: domain, t: epoch })
  .chain((r) => upperish(r.query).map((written) => ({ ...r, written })));
type Rec = typeof record extends fc.Arbitrary<infer T> ? T : never;

const iso = (r: Rec): string =>
  new Date(r.t[0] * 1000).toISOString().replace('.000Z', `.${String(r.t[1]).padStart(6, '0')}Z`);
const LINES: Record<LogFormat, (r: Rec) => string[]> = {
  zeek: (r) => [
    JSON.stringify({
      _path: 'dns',
      ts: Number(`${r.t[0]}.${String(r.t[1]).padStart(6, '0')}`),
      'id.orig_h': r.src,
      'id.orig_p': r.sport,
      'id.resp_h': r.dst,
      'id.resp_p': r.dport,
      proto: 'udp',
      query: r.written,
    }),
  ],
  ecs: (r) => [
    JSON.stringify({
      '@timestamp': iso(r),
      ecs: { version: '8.11.0' },
      source: { ip: r.src, port: r.sport },
      destination: { ip: r.dst, port: r.dport },
      network: { transport: 'udp' },
      dns: { question: { name: r.written } },
    }),
  ],
  suricata: (r) => [
    JSON.stringify({
      timestamp: iso(r).replace('Z', '+0000'),
      event_type: 'dns',
      src_ip: r.src,
      src_port: r.sport,
      dest_ip: r.dst,
      dest_port: r.dport,
      proto: 'UDP',
      dns: { type: 'query', rrname: r.written },
    }),
  ],
  w3c: (r) => [
    '#Fields: date time c-ip s-ip s-port cs-host cs-method cs-uri-stem',
    `${iso(r).slice(0, 10)} ${iso(r).slice(11, 26)} ${r.src} ${r.dst} ${r.dport} ${r.written} GET /`,
  ],
};

describe('adapters: random valid records round-trip', () => {
  for (const format of Object.keys(LINES) as LogFormat[])
    it(`${format}: addresses, ports, the canonical domain and the time come back`, () => {
      fc.assert(
        fc.property(record, (r) => {
          const adapter = createAdapter(format);
          const results = LINES[format](r).map((l) => adapter.read(l));
          const last = results[results.length - 1];
          if (last?.kind !== 'event') throw new Error(`not an event: ${JSON.stringify(last)}`);
          const e = last.event;
          const values = e.objects.filter((o) => o.type.endsWith('-addr')).map((o) => o.value);
          expect(values).toEqual([...new Set([r.src, r.dst])]);
          const nt = e.objects.find((o) => o.type === 'network-traffic');
          if (format !== 'w3c') expect(nt).toMatchObject({ src_port: r.sport, dst_port: r.dport });
          expect(e.objects.find((o) => o.type === 'domain-name')?.value).toBe(r.query);
          expect(e.time.ms).toBeCloseTo(r.t[0] * 1000 + r.t[1] / 1000, 3);
          // Zeek JSON writes ts as a number: trailing zeros of the fraction are not in the line.
          if (format !== 'zeek') expect(e.time.text).toBe(iso(r));
        }),
        { numRuns: 200 },
      );
    });
});

const SAMPLES: Array<[LogFormat | 'auto', string]> = [
  ['zeek', 'zeek/conn.log'],
  ['zeek', 'zeek/dns.log'],
  ['zeek', 'zeek/http.log'],
  ['ecs', 'ecs/winlogbeat-sysmon.ndjson'],
  ['w3c', 'w3c/u_ex210720.log'],
  ['w3c', 'w3c/HttpProxy_2021072000-1.LOG'],
  ['suricata', 'suricata/eve.json'],
  ['auto', 'suricata/eve.json'],
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('nest' as const), depth: fc.integer({ min: 1, max: 5000 }) }),
);

interface Mutation {
  kind: string;
  at?: number;
  bytes?: Uint8Array;
  byte?: number;
  depth?: number;
}

function mutate(line: Buffer, m: Mutation): Buffer {
  const at = line.length === 0 ? 0 : (m.at ?? 0) % line.length;
  switch (m.kind) {
    case 'truncate':
      return line.subarray(0, at);
    case 'insert':
      return Buffer.concat([
        line.subarray(0, at),
        Buffer.from(m.bytes ?? []).map((b) => (b === 10 ? 0 : b)),
        line.subarray(at),
      ]);
    case 'replace': {
      const copy = Buffer.from(line);
      if (copy.length > 0) copy[at] = m.byte === 10 ? 0 : (m.byte ?? 0);
      return copy;
    }
    default:
      return Buffer.from(`${'['.repeat(m.depth ?? 1)}${line.toString('latin1')}`, 'latin1');
  }
}

describe('adapters: mutated lines give report entries, never exceptions', () => {
  const none = compileIndicators([]);
  it('every mutated line is an event or a rejection with a reason, and the rest of the file is read', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLES),
        fc.array(fc.tuple(fc.nat(), mutation), { maxLength: 4 }),
        ([format, name], muts) => {
          const lines = readFileSync(fixture(name))
            .toString('latin1')
            .split('\n')
            .filter((l) => l !== '')
            .map((l): Buffer => Buffer.from(l, 'latin1'));
          for (const [i, m] of muts) {
            const k = i % lines.length;
            lines[k] = mutate(lines[k] as Buffer, m) as Buffer;
          }
          const session = new DetectionSession(none, { format });
          const file = session.openFile(name);
          lines.forEach((bytes, i) => {
            try {
              session.line(file, { kind: 'line', bytes, line: i + 1, end: 0 });
            } catch (err) {
              // A mutation may make the first line look like another format: that is a usage error, not a crash.
              if ((err as { code?: string }).code !== 'DETECT_FORMAT_MISMATCH') throw err;
            }
          });
          for (const r of session.report.rejected) {
            expect(r.file).toBe(name);
            expect(r.line).toBeGreaterThanOrEqual(1);
            expect(r.reason.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
