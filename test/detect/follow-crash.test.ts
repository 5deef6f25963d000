/**
 * End-to-end test of `accord detect --follow`: lines arrive in bursts, the process is SIGKILLed
 * while a burst is being read, restarted with the same command, and the file is rotated by rename
 * and by copytruncate. The sightings it ends with (newest version of each) equal a batch run over
 * all the lines: same ids, counts, first and last seen.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compileIndicators, readIndicators, runDetection, type StixJson } from '../../src/detect/index.js';
import { waitFor } from '../support/wait-for.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'accord-follow-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const DSTS = Array.from({ length: 12 }, (_, i) => `198.51.100.${i + 1}`);
const LINES = Array.from({ length: 600 }, (_, i) =>
  JSON.stringify({
    _path: 'conn',
    ts: 1626739200 + i * 300 + (i % 7) / 8,
    uid: `C${i}`,
    'id.orig_h': `192.0.2.${i % 5}`,
    'id.orig_p': 40000 + i,
    'id.resp_h': DSTS[(i * 7) % DSTS.length],
    'id.resp_p': i % 4 === 0 ? 8443 : 443,
    proto: 'tcp',
  }),
);
const chunk = (from: number, to: number): string => `${LINES.slice(from, to).join('\n')}\n`;

const indicator = (n: number, pattern: string) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  created: '2021-01-01T00:00:00.000Z',
  modified: '2021-01-01T00:00:00.000Z',
  pattern,
  pattern_type: 'stix',
  valid_from: '2021-01-01T00:00:00Z',
});
const INDICATORS = [
  indicator(1, "[ipv4-addr:value = '198.51.100.3']"),
  indicator(2, "[network-traffic:dst_ref.value = '198.51.100.8' AND network-traffic:dst_port = 8443]"),
  indicator(3, '[network-traffic:dst_port = 8443]'),
];

type Seen = Record<
  string,
  { count: unknown; first_seen: unknown; last_seen: unknown; sighting_of_ref: unknown }
>;
const essence = (sightings: readonly StixJson[]): Seen => {
  const newest = new Map<string, StixJson>();
  for (const s of sightings) {
    const prior = newest.get(s.id);
    if (!prior || String(prior.modified) < String(s.modified)) newest.set(s.id, s);
  }
  return Object.fromEntries(
    [...newest.values()].map((s) => [
      s.id,
      {
        count: s.count,
        first_seen: s.first_seen,
        last_seen: s.last_seen,
        sighting_of_ref: s.sighting_of_ref,
      },
    ]),
  );
};

async function batch(): Promise<Seen> {
  const compiled = compileIndicators(readIndicators(INDICATORS).indicators);
  const objects: StixJson[] = [];
  await runDetection({
    indicators: compiled,
    sources: [{ name: 'all', open: () => Readable.from([Buffer.from(chunk(0, LINES.length))]) }],
    sink: { write: async (o) => void objects.push(...o) },
  });
  return essence(objects.filter((o) => o.type === 'sighting'));
}

const until = (what: string, condition: () => boolean, timeout = 60_000): Promise<void> =>
  waitFor(condition, { timeout, interval: 50, message: what });

describe('accord detect --follow', () => {
  it('survives SIGKILL mid-file, rename and copytruncate rotation: final sightings equal a batch run', async () => {
    const log = join(dir, 'conn.log');
    const out = join(dir, 'out.jsonl');
    const report = join(dir, 'report.json');
    const indicators = join(dir, 'indicators.jsonl');
    writeFileSync(indicators, INDICATORS.map((i) => JSON.stringify(i)).join('\n'));
    writeFileSync(log, '');
    const args = [
      '--import',
      'tsx',
      MAIN,
      'detect',
      '--follow',
      '--indicators',
      indicators,
      '--events',
      log,
      '--out',
      out,
      '--report',
      report,
    ];
    const start = (): ChildProcess => {
      const c = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      children.push(c);
      return c;
    };
    const records = (): number => {
      try {
        return (JSON.parse(readFileSync(report, 'utf8')) as { records: number }).records;
      } catch {
        return -1;
      }
    };
    const exited = (c: ChildProcess): Promise<number | null> =>
      new Promise((r) =>
        c.exitCode !== null || c.signalCode !== null ? r(c.exitCode) : c.once('exit', (code) => r(code)),
      );

    let child = start();
    appendFileSync(log, chunk(0, 200));
    await until('the first 200 lines', () => records() === 200);
    // A burst, and SIGKILL while it is being read.
    appendFileSync(log, chunk(200, 300));
    child.kill('SIGKILL');
    await exited(child);

    child = start();
    await until('the restart to catch up', () => records() === 300);
    // Rotation by rename: the old file gets more lines before the new one appears, and is drained.
    renameSync(log, `${log}.1`);
    appendFileSync(`${log}.1`, chunk(300, 350));
    writeFileSync(log, chunk(350, 450));
    await until('the renamed file drained and the new one read', () => records() === 450);
    // Rotation by copytruncate: the file shrinks and is read again from its start.
    copyFileSync(log, `${log}.2`);
    truncateSync(log, 0);
    const state = (): { files: Array<{ offset: number }> } | undefined =>
      existsSync(`${out}.state`) ? JSON.parse(readFileSync(`${out}.state`, 'utf8')) : undefined;
    await until('the truncation to be seen', () => state()?.files[0]?.offset === 0);
    appendFileSync(log, chunk(450, 520));
    child.kill('SIGKILL');
    await exited(child);
    appendFileSync(log, chunk(520, 600));

    child = start();
    await until('all 600 lines', () => records() === 600);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);

    const written = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as StixJson);
    const followed = essence(written.filter((o) => o.type === 'sighting'));
    const expected = await batch();
    expect(Object.keys(expected).length).toBeGreaterThan(3);
    expect(followed).toEqual(expected);
    const rep = JSON.parse(readFileSync(report, 'utf8'));
    expect(rep).toMatchObject({ records: 600, rejected: [] });
  }, 180_000);
});
