/**
 * Differential test: what detection reports for a log record equals what `accord pattern eval`
 * (evaluatePattern) says for each indicator alone on the STIX objects detection writes for that
 * record. Records are sampled from the real OTRF APT29 Zeek logs and the hand-written fixtures;
 * patterns are drawn from the values those records hold, so that many of them match.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileIndicators,
  createAdapter,
  DEFAULT_SENSOR_IDENTITY,
  DetectionSession,
  eventObjects,
  type LogEvent,
  type LogFormat,
  observedDataId,
  readIndicators,
} from '../../src/detect/index.js';
import { evaluatePattern } from '../../src/pattern/index.js';

const FILES: Array<[LogFormat, string]> = [
  ['zeek', 'zeek-apt29/combined_zeek.log'],
  ['zeek', 'zeek/http.log'],
  ['zeek', 'zeek/files.log'],
  ['ecs', 'ecs/winlogbeat-sysmon.ndjson'],
  ['w3c', 'w3c/u_ex210720.log'],
  ['w3c', 'w3c/HttpProxy_2021072000-1.LOG'],
  ['suricata', 'suricata/eve.json'],
];

interface Sample {
  readonly format: LogFormat;
  readonly context: string;
  readonly text: string;
  readonly event: LogEvent;
}

function samples(): Sample[] {
  const out: Sample[] = [];
  for (const [format, name] of FILES) {
    const adapter = createAdapter(format);
    const lines = readFileSync(new URL(`../fixtures/detect/${name}`, import.meta.url), 'utf8').split('\n');
    lines.forEach((text, i) => {
      const r = adapter.read(text);
      // Every 7th APT29 record (about 300), every record of the small fixtures.
      if (r.kind === 'event' && r.event.objects.length > 0 && (lines.length < 100 || i % 7 === 0))
        out.push({ format, context: adapter.context(), text, event: r.event });
    });
  }
  return out;
}

const SAMPLES = samples();
const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Comparisons drawn from the sampled records' own values (so they often hold). */
function comparisonsOf(s: Sample): string[] {
  const out: string[] = [];
  for (const o of s.event.objects) {
    if (typeof o.value === 'string') {
      out.push(`${o.type}:value = ${quote(o.value)}`);
      if (o.type === 'domain-name') out.push(`${o.type}:value LIKE ${quote(`%${o.value.slice(-6)}`)}`);
      if (o.type === 'ipv4-addr')
        out.push(`ipv4-addr:value ISSUBSET '${o.value.split('.').slice(0, 2).join('.')}.0.0/16'`);
    }
    if (o.type === 'network-traffic') {
      if (typeof o.dst_port === 'number')
        out.push(`network-traffic:dst_port = ${o.dst_port}`, `network-traffic:dst_port > ${o.dst_port - 1}`);
      const dst = o.dst_ref ? s.event.objects[Number(String(o.dst_ref).slice(1))] : undefined;
      if (typeof dst?.value === 'string') out.push(`network-traffic:dst_ref.value = ${quote(dst.value)}`);
      const http = (o.extensions as Record<string, Record<string, unknown>> | undefined)?.[
        'http-request-ext'
      ];
      if (http)
        out.push(
          `network-traffic:extensions.'http-request-ext'.request_method = ${quote(String(http.request_method))}`,
        );
      out.push(`network-traffic:protocols[*] = ${quote(String((o.protocols as string[]).at(-1)))}`);
    }
    if (o.type === 'file' && o.hashes)
      for (const [k, v] of Object.entries(o.hashes as Record<string, string>))
        out.push(`file:hashes.${quote(k)} = ${quote(v)}`);
    if (o.type === 'file' && typeof o.name === 'string')
      out.push(
        `file:name MATCHES ${quote(`^${o.name.slice(0, 3).replace(/[.*+?^${}()|[\]\\]/g, '\\\\$&')}`)}`,
      );
    if (o.type === 'process' && typeof o.pid === 'number')
      out.push(`process:pid = ${o.pid}`, `process:image_ref.name = 'payload.exe'`);
  }
  return out;
}

const POOL = [...new Set(SAMPLES.flatMap(comparisonsOf))];
const comparison = fc.constantFrom(
  ...POOL,
  "ipv4-addr:value = '203.0.113.254'",
  "domain-name:value = 'absent.example'",
);
const observation = fc.oneof(
  comparison.map((c) => `[${c}]`),
  fc.tuple(comparison, comparison).map(([a, b]) => `[${a} OR ${b}]`),
  fc.tuple(comparison, comparison).map(([a, b]) => `[${a}] OR [${b}]`),
  comparison.map((c) => `[${c}] START t'2000-01-01T00:00:00Z' STOP t'2030-01-01T00:00:00Z'`),
  comparison.map((c) => (c.includes(' = ') ? `[${c.replace(' = ', ' != ')}]` : `[${c}]`)),
);

describe('detect equals pattern eval, one indicator at a time (sampled real and fixture records)', () => {
  it(`holds on ${SAMPLES.length} sampled records for random indicator sets`, () => {
    expect(SAMPLES.length).toBeGreaterThan(250);
    fc.assert(
      fc.property(
        fc.array(observation, { minLength: 1, maxLength: 40 }),
        fc.subarray(SAMPLES, { minLength: 1, maxLength: 25 }),
        (patterns, records) => {
          const objects = patterns.map((pattern, i) => ({
            type: 'indicator',
            spec_version: '2.1',
            id: `indicator--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
            pattern,
            pattern_type: 'stix',
            valid_from: '2000-01-01T00:00:00Z',
          }));
          const read = readIndicators(objects);
          const compiled = compileIndicators(read.indicators);
          expect(compiled.rejected).toEqual([]);
          for (const r of records) {
            const session = new DetectionSession(compiled, { format: r.format, retro: true });
            const file = session.openFile('f');
            if (r.context)
              for (const h of r.context.split('\n')) if (h.startsWith('#')) session.text(file, h, 0);
            session.text(file, r.text, 1);
            const detected = session
              .sightings()
              .map((s) => s.indicator)
              .sort();
            const od = observedDataId(r.format, r.context, r.text);
            const { observedData, scos } = eventObjects(r.event, od, DEFAULT_SENSOR_IDENTITY);
            const stix = [observedData, ...scos];
            const evaluated = objects
              .filter((o) => evaluatePattern(o.pattern, stix))
              .map((o) => o.id)
              .sort();
            expect(detected, `${r.text.slice(0, 200)}`).toEqual(evaluated);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
