import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliContext } from './context.js';
import { registerDetect } from './detect.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-detect-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** Runs `accord detect …` in-process; returns stdout, stderr and the exit code. */
async function run(args: string[], input = ''): Promise<{ out: string; err: string; code: number }> {
  const [stdin, stdout, stderr] = [new PassThrough(), new PassThrough(), new PassThrough()];
  let out = '';
  let err = '';
  stdout.on('data', (c) => {
    out += String(c);
  });
  stderr.on('data', (c) => {
    err += String(c);
  });
  let code = 0;
  const ctx: CliContext = {
    stdin,
    stdout,
    stderr,
    env: {},
    interactive: false,
    openStore: () => Promise.reject(new Error('detect --indicators uses no store')),
    setExitCode: (c) => {
      code = c;
    },
  };
  const program = new Command('accord').exitOverride();
  program.configureOutput({
    writeErr: (s) => {
      err += s;
    },
    writeOut: (s) => {
      out += s;
    },
  });
  registerDetect(program, ctx);
  stdin.end(input);
  try {
    await program.parseAsync(['node', 'accord', 'detect', ...args]);
  } catch (e) {
    code = (e as { exitCode?: number }).exitCode ?? 2;
    err += (e as Error).message;
  }
  return { out, err, code };
}

const INDICATOR = {
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created: '2021-07-19T12:00:00.000Z',
  modified: '2021-07-19T12:00:00.000Z',
  pattern: "[ipv4-addr:value = '198.51.100.3']",
  pattern_type: 'stix',
  valid_from: '2021-07-19T12:00:00Z',
};
const indicators = file('indicators.jsonl', `${JSON.stringify(INDICATOR)}\n`);
const conn = readFileSync(new URL('../../test/fixtures/detect/zeek/conn.log', import.meta.url), 'utf8');
const events = file('conn.log', conn);

describe('accord detect (CONTRACT.md "Detection")', () => {
  it('writes STIX JSONL and the report; exit 0 when every line was read', async () => {
    const out = join(dir, 'out.jsonl');
    const report = join(dir, 'report.json');
    const r = await run([
      '--indicators',
      indicators,
      '--events',
      events,
      '--format',
      'zeek',
      '--out',
      out,
      '--report',
      report,
    ]);
    expect(r.code).toBe(0);
    const objects = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(objects.map((o) => o.type).sort()).toEqual([
      'ipv4-addr',
      'ipv4-addr',
      'network-traffic',
      'observed-data',
      'sighting',
    ]);
    expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({
      records: 3,
      rejected: [],
      matches: 1,
      sightings: 1,
      indicators_rejected: [],
    });
  });

  it('writes to stdout without --out, reads stdin for -, and exits 1 listing a rejected line', async () => {
    const report = join(dir, 'report-nul.json');
    const r = await run(
      ['--indicators', indicators, '--events', '-', '--report', report],
      `${conn}1626742900.0\tC\t10.0.0.\u00003\t1\t198.51.100.3\t80\ttcp\n`,
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('"type":"sighting"');
    expect(JSON.parse(readFileSync(report, 'utf8')).rejected).toEqual([
      { file: '-', line: 15, reason: expect.stringMatching(/^NUL byte at byte \d+ of the line$/) },
    ]);
  });

  it('exits 2 on bad usage: no indicators, node options without --as, a contradicted --format, a bad --tz', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--events', events], /--indicators FILE or --collection ID --as USER/],
      [['--events', events, '--collection', 'c1'], /--collection needs --as USER/],
      [['--events', events, '--indicators', indicators, '--store', 'c1'], /--store needs --as USER/],
      [
        ['--events', events, '--indicators', indicators, '--as', 'ana'],
        /--as goes with --collection or --store/,
      ],
      [
        [
          '--events',
          events,
          '--indicators',
          indicators,
          '--store',
          'c1',
          '--as',
          'ana',
          '--identity',
          'identity--00000000-0000-4000-8000-000000000000',
        ],
        /--identity does not go with --store/,
      ],
      [
        ['--events', events, '--indicators', indicators, '--format', 'ecs'],
        /--format ecs contradicts the file: line 1 is Zeek TSV/,
      ],
      [['--events', events, '--indicators', indicators, '--tz', 'CEST'], /--tz CEST/],
      [['--events', events, '--indicators', indicators, '--follow'], /--follow needs --out/],
      [
        ['--events', `${events}.gz`, '--indicators', indicators, '--follow', '--out', join(dir, 'f.jsonl')],
        /gzip/,
      ],
      [['--events', join(dir, 'missing.log'), '--indicators', indicators], /cannot read/],
      [['--events', events, '--indicators', join(dir, 'missing.jsonl')], /cannot read the indicators file/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
    }
  });
});
