/**
 * bench/detect: `accord detect` end to end (lines read from a file, matched, objects and sightings
 * written to a file) on one core: 1,000,000 Zeek JSON records against 100,000 indicators, beside a
 * floor measured in the same run (a loop that only JSON.parses each line and does two Set lookups).
 * Goal: at least 100,000 records/s or a third of the floor, whichever is lower; peak RSS under
 * 1.5 GB. Then the rates of Zeek TSV, ECS, W3C and Suricata EVE logs (200,000 records each).
 * BENCH_SCALE scales every count.
 */

import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  compileIndicators,
  eventSource,
  exactJson,
  type LogFormat,
  readIndicators,
  runDetection,
} from '../src/detect/index.js';

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const N_RECORDS = Math.max(1000, Math.round(1_000_000 * SCALE));
const N_INDICATORS = Math.max(100, Math.round(100_000 * SCALE));
const N_OTHER = Math.max(1000, Math.round(200_000 * SCALE));
const HIT_RATE = 0.01;

let seed = 0x5eed;
const rand = (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (n: number): number => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
const hex = (n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[int(16)]).join('');
const ip = (): string => `${1 + int(223)}.${int(256)}.${int(256)}.${int(256)}`;
const word = (): string =>
  Array.from({ length: 5 + int(6) }, () => 'abcdefghijklmnopqrstuvwxyz'[int(26)]).join('');
const domain = (): string => `${word()}.${pick(['com', 'net', 'org', 'info'])}`;

const pools = { ip: [] as string[], domain: [] as string[], sha: [] as string[], uri: [] as string[] };
function indicatorPattern(i: number): string {
  const r = (i * 7919) % 100;
  if (r < 45) {
    const v = ip();
    pools.ip.push(v);
    return `[ipv4-addr:value = '${v}']`;
  }
  if (r < 70) {
    const v = domain();
    pools.domain.push(v);
    return `[domain-name:value = '${v}']`;
  }
  if (r < 90) {
    const v = hex(64);
    pools.sha.push(v);
    return `[file:hashes.'SHA-256' = '${v}']`;
  }
  if (r < 95) {
    const v = `/${word()}/${word()}.php`;
    pools.uri.push(v);
    return `[network-traffic:extensions.'http-request-ext'.request_value = '${v}']`;
  }
  const v = ip();
  pools.ip.push(v);
  return `[network-traffic:dst_ref.value = '${v}' AND network-traffic:dst_port = 443] OR [domain-name:value LIKE '%.${word()}-zone.net']`;
}

const indicators = Array.from({ length: N_INDICATORS }, (_, i) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  pattern: indicatorPattern(i),
  pattern_type: 'stix',
  valid_from: '2020-01-01T00:00:00Z',
}));

interface Rec {
  ts: number;
  src: string;
  dst: string;
  sport: number;
  dport: number;
  kind: 'conn' | 'dns' | 'http' | 'files';
  query: string;
  uri: string;
  sha: string;
}
function rec(i: number): Rec {
  const hit = rand() < HIT_RATE;
  const from = (pool: string[], make: () => string): string => (hit && pool.length > 0 ? pick(pool) : make());
  const r = int(100);
  return {
    ts: 1626739200 + i * 0.05,
    src: `10.${int(4)}.${int(256)}.${int(256)}`,
    dst: r < 55 ? from(pools.ip, ip) : ip(),
    sport: 1024 + int(60000),
    dport: pick([443, 80, 53, 8443]),
    kind: r < 55 ? 'conn' : r < 75 ? 'dns' : r < 90 ? 'http' : 'files',
    query: from(pools.domain, domain),
    uri: from(pools.uri, () => `/${word()}/${word()}.php`),
    sha: from(pools.sha, () => hex(64)),
  };
}

const LINE: Record<string, (r: Rec, i: number) => string> = {
  zeekJson: (r, i) => {
    const base = {
      ts: r.ts,
      uid: `C${i.toString(36)}`,
      'id.orig_h': r.src,
      'id.orig_p': r.sport,
      'id.resp_h': r.dst,
      'id.resp_p': r.dport,
    };
    switch (r.kind) {
      case 'conn':
        return JSON.stringify({
          _path: 'conn',
          ...base,
          proto: 'tcp',
          service: 'ssl',
          duration: 1.25,
          orig_bytes: 512,
          resp_bytes: 4096,
          conn_state: 'SF',
        });
      case 'dns':
        return JSON.stringify({
          _path: 'dns',
          ...base,
          proto: 'udp',
          query: r.query,
          qtype_name: 'A',
          answers: [ip()],
          TTLs: [60.0],
        });
      case 'http':
        return JSON.stringify({
          _path: 'http',
          ...base,
          method: 'GET',
          host: r.query,
          uri: r.uri,
          user_agent: 'Mozilla/5.0',
          status_code: 200,
        });
      default:
        return JSON.stringify({
          _path: 'files',
          ts: r.ts,
          fuid: `F${i}`,
          tx_hosts: [r.dst],
          rx_hosts: [r.src],
          mime_type: 'application/x-dosexec',
          sha256: r.sha,
          total_bytes: 4096,
        });
    }
  },
  zeekTsv: (r, i) =>
    `${r.ts.toFixed(6)}\tC${i.toString(36)}\t${r.src}\t${r.sport}\t${r.dst}\t${r.dport}\ttcp\tssl\t1.250000\t512\t4096\tSF`,
  ecs: (r) =>
    JSON.stringify({
      '@timestamp': new Date(r.ts * 1000).toISOString(),
      ecs: { version: '8.11.0' },
      host: { name: `wks-${r.src}` },
      event: { kind: 'event', category: ['network'] },
      source: { ip: r.src, port: r.sport },
      destination: { ip: r.dst, port: r.dport, domain: r.query },
      network: { transport: 'tcp' },
    }),
  w3c: (r) => {
    const t = new Date(r.ts * 1000).toISOString();
    return `${t.slice(0, 10)} ${t.slice(11, 19)} 192.0.2.80 GET ${r.uri} - 443 - ${r.dst} Mozilla/5.0+(Windows+NT+10.0) - 200 0 0 15`;
  },
  suricata: (r) =>
    JSON.stringify({
      timestamp: new Date(r.ts * 1000).toISOString().replace('Z', '+0000'),
      flow_id: 1000000 + int(1e9),
      event_type: 'flow',
      src_ip: r.src,
      src_port: r.sport,
      dest_ip: r.dst,
      dest_port: r.dport,
      proto: 'TCP',
      app_proto: 'tls',
      flow: { pkts_toserver: 10, pkts_toclient: 12, bytes_toserver: 1200, bytes_toclient: 5400 },
    }),
};
const HEADERS: Record<string, string> = {
  zeekTsv:
    '#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\n#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\n',
  w3c: '#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n',
};

const dir = mkdtempSync(join(tmpdir(), 'bench-detect-'));
async function writeLog(name: string, kind: string, n: number): Promise<string> {
  const path = join(dir, name);
  const out = createWriteStream(path);
  out.write(HEADERS[kind] ?? '');
  let buf = '';
  for (let i = 0; i < n; i++) {
    buf += `${(LINE[kind] as (r: Rec, i: number) => string)(rec(i), i)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return path;
}

/** The floor: read the same file, JSON.parse each line, two Set lookups. */
async function floor(path: string): Promise<{ ms: number; cpuMs: number; hits: number }> {
  const ips = new Set(pools.ip);
  const domains = new Set(pools.domain);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let hits = 0;
  let rest = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      const r = JSON.parse(line) as Record<string, unknown>;
      if (ips.has(r['id.resp_h'] as string) || domains.has(r.query as string)) hits++;
    }
  }
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, hits };
}

async function detect(path: string, format: LogFormat, compiled: ReturnType<typeof compileIndicators>) {
  const outPath = join(dir, `out-${format}.jsonl`);
  const out = createWriteStream(outPath);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const report = await runDetection({
    indicators: compiled,
    sources: [eventSource(path, process.stdin)],
    sink: {
      async write(objects) {
        if (objects.length > 0 && !out.write(objects.map((o) => `${exactJson(o)}\n`).join('')))
          await once(out, 'drain');
      },
    },
    options: { format },
  });
  out.end();
  await once(out, 'finish');
  const c = process.cpuUsage(c0);
  return {
    ms: performance.now() - t0,
    cpuMs: (c.user + c.system) / 1000,
    report,
    outBytes: statSync(outPath).size,
  };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const rate = (n: number, ms: number): number => (n / ms) * 1000;

try {
  console.log(
    `bench/detect: ${fmt(N_RECORDS)} Zeek JSON records, ${fmt(N_INDICATORS)} indicators (BENCH_SCALE=${SCALE}), hit rate ~${HIT_RATE * 100}%`,
  );
  let t = performance.now();
  const compiled = compileIndicators(readIndicators(indicators).indicators);
  console.log(
    `compile ${fmt(N_INDICATORS)} indicators: ${fmt(performance.now() - t)} ms (${compiled.rejected.length} rejected)`,
  );
  t = performance.now();
  const zeekJson = await writeLog('zeek.json', 'zeekJson', N_RECORDS);
  console.log(
    `generate ${fmt(N_RECORDS)} lines (${fmt(statSync(zeekJson).size / 1e6)} MB): ${fmt(performance.now() - t)} ms`,
  );

  const f = await floor(zeekJson);
  const d = await detect(zeekJson, 'zeek', compiled);
  const floorRate = rate(N_RECORDS, f.cpuMs);
  const detectRate = rate(N_RECORDS, d.cpuMs);
  const goal = Math.min(100_000, floorRate / 3);
  console.log(
    `floor (JSON.parse + 2 Set lookups): ${fmt(rate(N_RECORDS, f.ms))} records/s wall, ${fmt(floorRate)} per CPU-second`,
  );
  console.log(
    `detect, Zeek JSON, end to end: ${fmt(rate(N_RECORDS, d.ms))} records/s wall, ${fmt(detectRate)} per CPU-second (${(detectRate / floorRate).toFixed(2)} of the floor; ${fmt(d.report.matches)} matches, ${fmt(d.report.sightings)} sightings, ${fmt(d.outBytes / 1e6)} MB written, ${d.report.rejected.length} rejected)`,
  );
  console.log(
    `goal: ≥ ${fmt(goal)} records/s (100,000 or a third of the floor, whichever is lower): ${detectRate >= goal ? 'met' : 'not met'} (per CPU-second)`,
  );

  for (const [kind, format] of [
    ['zeekTsv', 'zeek'],
    ['ecs', 'ecs'],
    ['w3c', 'w3c'],
    ['suricata', 'suricata'],
  ] as const) {
    const path = await writeLog(`${kind}.log`, kind, N_OTHER);
    const r = await detect(path, format, compiled);
    console.log(
      `detect, ${kind}: ${fmt(rate(N_OTHER, r.ms))} records/s wall, ${fmt(rate(N_OTHER, r.cpuMs))} per CPU-second (${fmt(r.report.matches)} matches, ${r.report.rejected.length} rejected)`,
    );
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(
    `peak memory (max RSS): ${fmt(peak / 1024 / 1024)} MB (goal < 1,536 MB): ${peak < 1.5 * 1024 ** 3 ? 'met' : 'not met'}`,
  );
  console.log(
    `machine load average (1 min): ${loadavg()[0]?.toFixed(1)} (wall-time rates drop when other work shares the cores)`,
  );
  if (detectRate < goal || peak >= 1.5 * 1024 ** 3) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
