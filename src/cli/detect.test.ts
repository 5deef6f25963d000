import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAccord } from '../../test/support/run-accord.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-detect-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const noStore = () => Promise.reject(new Error('detect --indicators uses no store'));

/** Runs `accord detect …` in-process; returns stdout, stderr and the exit code. */
const run = (args: string[], input = '') => runAccord(['detect', ...args], noStore, input);

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

describe('accord detect honours revoked and valid_from/valid_until by default (STIX 2.1 4.7; issue 20)', () => {
  // One Zeek record of 2026-03-02 to 198.51.100.3, and indicators of that address.
  const header = '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\n';
  const log2026 = file(
    'conn-2026.log',
    `${header}1772445600.000000\tC26\t192.0.2.10\t50000\t198.51.100.3\t443\ttcp\n`,
  );
  const ind = (n: number, extra: Record<string, unknown>) => ({
    ...INDICATOR,
    id: `indicator--00000000-0000-4000-8000-00000000002${n}`,
    ...extra,
  });
  const set = file(
    'indicators-2026.jsonl',
    `${[
      ind(0, {}),
      ind(1, { revoked: true }),
      ind(2, { valid_until: '2020-06-01T00:00:00Z', valid_from: '2019-01-01T00:00:00Z' }),
      ind(3, { valid_from: '2027-01-01T00:00:00Z' }),
    ]
      .map((o) => JSON.stringify(o))
      .join('\n')}\n`,
  );
  const sighted = (out: string) =>
    out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; sighting_of_ref?: string })
      .filter((o) => o.type === 'sighting')
      .map((o) => o.sighting_of_ref)
      .sort();

  it('a revoked indicator and one expired in 2020 do not match a 2026 event; --retro lifts the windows only', async () => {
    const report = join(dir, 'report-2026.json');
    const r = await run(['--indicators', set, '--events', log2026, '--format', 'zeek', '--report', report]);
    expect(r.code).toBe(0);
    expect(sighted(r.out)).toEqual([ind(0, {}).id]);
    expect(JSON.parse(readFileSync(report, 'utf8')).indicators_rejected).toEqual([
      { id: ind(1, {}).id, error: 'revoked' },
    ]);
    const retro = await run(['--indicators', set, '--events', log2026, '--format', 'zeek', '--retro']);
    expect(sighted(retro.out)).toEqual([ind(0, {}).id, ind(2, {}).id, ind(3, {}).id]);
  });
});
