/**
 * bench/validate: STIX validation through the streaming path vs plain JSON.parse of the same bytes
 * (same run), and the peak memory of validating a 1 GB bundle in a child process.
 * BENCH_SCALE scales both sizes (default 1: 200,000 objects and 1 GB); BENCH_SKIP_1GB=1 skips part 2.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateStreamBatches } from '../src/stix/index.js';

const scale = Number(process.env.BENCH_SCALE ?? '1');

/** A small deterministic PRNG (mulberry32), so every run validates the same bundle. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (rand: () => number, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rand() * 16).toString(16);
  return s;
};
const uuid4 = (r: () => number): string =>
  `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
const ts = (r: () => number): string => new Date(1_500_000_000_000 + Math.floor(r() * 2e11)).toISOString();

/** The i-th object of the generated mix: SDOs, SROs and SCOs in the proportions of real feeds. */
function makeObject(r: () => number, i: number): Record<string, unknown> {
  const created = ts(r);
  const core = (type: string) => ({
    type,
    spec_version: '2.1',
    id: `${type}--${uuid4(r)}`,
    created,
    modified: created,
  });
  const marking = ['marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da'];
  switch (i % 10) {
    case 0:
    case 1:
    case 2: {
      const ip = `${Math.floor(r() * 223) + 1}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}`;
      return {
        ...core('indicator'),
        name: `Malicious IP ${ip}`,
        description: 'IP address seen in command-and-control traffic of a banking trojan campaign.',
        indicator_types: ['malicious-activity'],
        pattern: `[ipv4-addr:value = '${ip}']`,
        pattern_type: 'stix',
        valid_from: created,
        confidence: Math.floor(r() * 100),
        object_marking_refs: marking,
      };
    }
    case 3:
    case 4:
      return {
        ...core('relationship'),
        relationship_type: 'indicates',
        source_ref: `indicator--${uuid4(r)}`,
        target_ref: `malware--${uuid4(r)}`,
      };
    case 5:
      return {
        type: 'ipv4-addr',
        spec_version: '2.1',
        id: `ipv4-addr--${uuid4(r)}`,
        value: `10.${i % 256}.${(i >> 8) % 256}.${(i >> 16) % 256}`,
      };
    case 6:
      return {
        type: 'file',
        spec_version: '2.1',
        id: `file--${uuid4(r)}`,
        name: `sample-${i}.exe`,
        size: Math.floor(r() * 1e6),
        hashes: { 'SHA-256': hex(r, 64), MD5: hex(r, 32) },
      };
    case 7:
      return {
        ...core('malware'),
        name: `Family ${i}`,
        is_family: true,
        malware_types: ['trojan', 'backdoor'],
        kill_chain_phases: [
          { kill_chain_name: 'lockheed-martin-cyber-kill-chain', phase_name: 'installation' },
        ],
        external_references: [
          { source_name: 'vendor', url: `https://example.com/malware/${i}`, external_id: `M${i}` },
        ],
      };
    case 8:
      return {
        ...core('observed-data'),
        first_observed: created,
        last_observed: created,
        number_observed: 1 + Math.floor(r() * 50),
        object_refs: [`ipv4-addr--${uuid4(r)}`, `network-traffic--${uuid4(r)}`],
      };
    default:
      return {
        ...core('attack-pattern'),
        name: `Technique ${i}`,
        description: 'Adversaries may send spearphishing emails with a malicious attachment to gain access.',
        kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'initial-access' }],
        external_references: [
          {
            source_name: 'mitre-attack',
            external_id: `T${1000 + (i % 900)}`,
            url: 'https://attack.mitre.org/',
          },
        ],
        x_mitre_platforms: ['Windows', 'Linux'],
      };
  }
}

const HEAD = '{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[\n';

/** The generated bundle of `count` objects as JSON bytes. */
export function generateBundle(count: number): Buffer {
  const r = prng(42);
  const parts = [HEAD];
  for (let i = 0; i < count; i++) parts.push(`${i > 0 ? ',\n' : ''}${JSON.stringify(makeObject(r, i))}`);
  parts.push('\n]}\n');
  return Buffer.from(parts.join(''), 'utf8');
}

async function* chunks(buf: Buffer, size = 64 * 1024): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Seconds to JSON.parse the bytes (the result is dropped before the next measurement). */
function timeParse(bytes: Buffer, count: number): number {
  const t = process.hrtime.bigint();
  const parsed = JSON.parse(bytes.toString('utf8')) as { objects: unknown[] };
  const s = seconds(t);
  if (parsed.objects.length !== count) throw new Error('generator bug');
  return s;
}

/** Seconds to validate the bytes through the streaming path, and the number of invalid results. */
async function timeValidate(bytes: Buffer, count: number): Promise<[number, number]> {
  const t = process.hrtime.bigint();
  let n = 0;
  let invalid = 0;
  for await (const batch of validateStreamBatches(chunks(bytes))) {
    n += batch.length;
    for (const result of batch) if (!result.valid) invalid++;
  }
  const s = seconds(t);
  if (n !== count + 1) throw new Error(`expected ${count + 1} results, got ${n}`);
  return [s, invalid];
}

async function partOne(): Promise<number> {
  const count = Math.max(1000, Math.round(200_000 * scale));
  const bytes = generateBundle(count);
  const mb = bytes.length / 1e6;
  console.log(`bundle: ${fmt(count)} mixed objects, ${mb.toFixed(1)} MB (best of 5 interleaved runs each)`);
  let parseBest = Number.POSITIVE_INFINITY;
  let validateBest = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 5; run++) {
    // no forced GC: it made the measurements depend on heap layout
    parseBest = Math.min(parseBest, timeParse(bytes, count));
    // no forced GC: it made the measurements depend on heap layout
    const [s, invalid] = await timeValidate(bytes, count);
    if (invalid > 0) throw new Error(`${invalid} generated objects are invalid`);
    validateBest = Math.min(validateBest, s);
  }
  const parseRate = count / parseBest;
  const validateRate = count / validateBest;
  console.log(`JSON.parse (baseline):  ${fmt(parseRate)} objects/s  ${(mb / parseBest).toFixed(1)} MB/s`);
  console.log(
    `validate (streaming):   ${fmt(validateRate)} objects/s  ${(mb / validateBest).toFixed(1)} MB/s`,
  );
  console.log(`ratio validate/JSON.parse: ${(validateRate / parseRate).toFixed(2)}  (goal >= 0.33)`);
  return mb / parseBest;
}

async function writeLargeBundle(file: string, targetBytes: number): Promise<number> {
  const out = createWriteStream(file);
  const r = prng(7);
  let written = 0;
  let i = 0;
  const write = async (text: string) => {
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(HEAD);
  while (written < targetBytes) {
    let batch = '';
    for (let k = 0; k < 1000; k++, i++) batch += `${i > 0 ? ',\n' : ''}${JSON.stringify(makeObject(r, i))}`;
    await write(batch);
  }
  await write('\n]}\n');
  out.end();
  await once(out, 'finish');
  return i;
}

async function child(file: string): Promise<void> {
  const t = process.hrtime.bigint();
  let n = 0;
  let invalid = 0;
  for await (const batch of validateStreamBatches(createReadStream(file, { highWaterMark: 256 * 1024 }))) {
    n += batch.length;
    for (const result of batch) if (!result.valid) invalid++;
  }
  const s = seconds(t);
  console.log(JSON.stringify({ results: n, invalid, seconds: s, maxRssKb: process.resourceUsage().maxRSS }));
}

async function partTwo(parseMbPerSecond: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-validate-'));
  try {
    const file = join(dir, 'large-bundle.json');
    const target = Math.round(1e9 * scale);
    const count = await writeLargeBundle(file, target);
    const size = statSync(file).size;
    const self = fileURLToPath(import.meta.url);
    const run = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', file], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      results: number;
      invalid: number;
      seconds: number;
      maxRssKb: number;
    };
    const mbps = size / 1e6 / report.seconds;
    console.log(
      `large bundle: ${fmt(count)} objects, ${(size / 1e6).toFixed(0)} MB, validated in a child process`,
    );
    console.log(
      `  ${fmt(report.results / report.seconds)} objects/s  ${mbps.toFixed(1)} MB/s  (ratio to JSON.parse MB/s above: ${(mbps / parseMbPerSecond).toFixed(2)})`,
    );
    console.log(
      `  peak RSS ${(report.maxRssKb / 1024).toFixed(0)} MB  (goal < 300 MB); ${report.invalid} invalid`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain && process.argv[2] === '--child') {
  await child(process.argv[3]!);
} else if (isMain) {
  const parseMbps = await partOne();
  if (process.env.BENCH_SKIP_1GB === '1') console.log('large bundle: skipped (BENCH_SKIP_1GB=1)');
  else await partTwo(parseMbps);
}
