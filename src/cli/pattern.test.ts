import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAccord } from '../../test/support/run-accord.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-pattern-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const noStore = () => Promise.reject(new Error('no store in these tests'));

/** Runs `accord pattern …` in-process with `input` on stdin; returns stdout lines and the exit code. */
async function run(
  args: string[],
  input: string | Buffer = '',
): Promise<{ lines: Array<Record<string, unknown>>; code: number; err: string }> {
  const { out, err, code } = await runAccord(['pattern', ...args], noStore, input);
  return {
    lines:
      out.trim() === ''
        ? []
        : out
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l)),
    code,
    err,
  };
}

const od = {
  type: 'observed-data',
  spec_version: '2.1',
  id: 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf',
  first_observed: '2021-03-02T10:00:00Z',
  last_observed: '2021-03-02T10:00:00Z',
  number_observed: 1,
  object_refs: ['ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4'],
};
const addr = {
  type: 'ipv4-addr',
  spec_version: '2.1',
  id: 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4',
  value: '198.51.100.3',
};
const jsonl = (...xs: unknown[]) =>
  `${xs.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('\n')}\n`;

describe('accord pattern (CONTRACT.md "Patterning")', () => {
  it('validate: one line out per line in, bad lines get an error line', async () => {
    const r = await run(
      ['validate'],
      jsonl(
        { pattern: "[ipv4-addr:value = '198.51.100.3']" },
        { pattern: '[ipv4-addr:value = ]' },
        'not json',
        {},
        {
          pattern: "[a:b = 1] START '2016-06-01T00:00:00Z' STOP '2016-07-01T00:00:00Z'",
          spec_version: '2.0',
        },
      ),
    );
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(5);
    expect(r.lines[0]).toEqual({ valid: true });
    expect(r.lines[1]).toMatchObject({
      valid: false,
      error: expect.stringMatching(/^1:20: expected a constant/),
    });
    expect(r.lines[2]).toMatchObject({ valid: false, error: expect.stringContaining('not JSON') });
    expect(r.lines[3]).toMatchObject({ valid: false });
    expect(r.lines[4]).toEqual({ valid: true });
    const w = await run(
      ['validate', '--warnings'],
      jsonl({ pattern: "[app:id = 'x']" }, { pattern: "[file:name = 'x']" }),
    );
    expect(w.lines).toEqual([
      { valid: true, warnings: [expect.stringMatching(/^1:2: 'app' is not a STIX/)] },
      { valid: true },
    ]);
  });

  it('validate: a line that is not UTF-8 gets an error line naming the byte, the others are read (CRLF too)', async () => {
    const good = `${JSON.stringify({ pattern: "[file:name = 'a']" })}\r\n`;
    const bad = Buffer.concat([
      Buffer.from('{"pattern": "[file:name = \'b'),
      Buffer.from([0xc0, 0xa7]),
      Buffer.from('\']"}\n'),
    ]);
    const r = await run(['validate'], Buffer.concat([Buffer.from(good), bad, Buffer.from(good)]));
    expect(r.lines).toEqual([
      { valid: true },
      { valid: false, error: 'line is not UTF-8: byte 28 of the line is an overlong encoding' },
      { valid: true },
    ]);
  });

  it('eval: matched true / false / error, 2.0 and 2.1 observations', async () => {
    const od20 = {
      type: 'observed-data',
      first_observed: '2021-03-02T10:00:00Z',
      last_observed: '2021-03-02T10:00:00Z',
      number_observed: 1,
      objects: { 0: { type: 'ipv4-addr', value: '198.51.100.3' } },
    };
    const r = await run(
      ['eval'],
      jsonl(
        { pattern: "[ipv4-addr:value = '198.51.100.3']", observations: [od, addr] },
        { pattern: "[ipv4-addr:value = '203.0.113.9']", observations: [od, addr] },
        { pattern: '[ipv4-addr:value =', observations: [od, addr] },
        {
          pattern: "[ipv4-addr:value ISSUBSET '198.51.100.0/24']",
          observations: [od20],
          spec_version: '2.0',
        },
        { pattern: "[ipv4-addr:value = '198.51.100.3']" },
        '{"pattern": ',
      ),
    );
    expect(r.code).toBe(0);
    expect(r.lines).toEqual([
      { matched: true },
      { matched: false },
      { error: expect.any(String) },
      { matched: true },
      { error: 'line has no "observations" array' },
      { error: expect.stringContaining('not JSON') },
    ]);
  });

  it('match-set: one line per matching (pattern, event), one error line per bad pattern', async () => {
    const patterns = join(dir, 'p.jsonl');
    const events = join(dir, 'o.jsonl');
    writeFileSync(
      patterns,
      jsonl(
        { pattern: "[ipv4-addr:value = '203.0.113.9']" },
        { pattern: "[ipv4-addr:value ISSUBSET '198.51.100.0/24']" },
        {
          type: 'indicator',
          pattern_type: 'stix',
          spec_version: '2.1',
          pattern: "[ipv4-addr:value = '198.51.100.3']",
        },
        { type: 'indicator', pattern_type: 'snort', pattern: 'alert tcp any any' },
        { pattern: '[' },
      ),
    );
    const od20 = {
      type: 'observed-data',
      id: 'observed-data--20',
      objects: { 0: { type: 'ipv4-addr', value: '203.0.113.9' } },
    };
    writeFileSync(events, jsonl([od, addr], 'garbage', od20));
    const r = await run(['match-set', '--patterns', patterns, '--observations', events]);
    expect(r.code).toBe(0);
    const sorted = [...r.lines].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(sorted).toEqual([
      { observation_line: 2, error: expect.stringContaining('not JSON') },
      { pattern_index: 0, observation_id: 'observed-data--20' },
      { pattern_index: 1, observation_id: od.id },
      { pattern_index: 2, observation_id: od.id },
      { pattern_index: 3, error: expect.stringContaining('snort') },
      { pattern_index: 4, error: expect.stringMatching(/^1:2: /) },
    ]);
  });

  it('match-set: an unreadable file is exit 2 with one message', async () => {
    const r = await run([
      'match-set',
      '--patterns',
      join(dir, 'missing.jsonl'),
      '--observations',
      join(dir, 'missing.jsonl'),
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot read patterns file');
  });
});

describe('match-set honours revoked and valid_from/valid_until (STIX 2.1 4.7; issue 20)', () => {
  // A 2026 event and indicators of the same value: current, revoked, expired in 2020, not yet valid.
  const od26 = {
    ...od,
    id: 'observed-data--6b2e0f0a-5b4c-4d6a-9d1e-2c4b9f3a1d26',
    first_observed: '2026-03-02T10:00:00Z',
    last_observed: '2026-03-02T10:00:00Z',
  };
  const indicator = (n: number, extra: Record<string, unknown>) => ({
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--00000000-0000-4000-8000-00000000000${n}`,
    pattern_type: 'stix',
    pattern: "[ipv4-addr:value = '198.51.100.3']",
    valid_from: '2019-01-01T00:00:00Z',
    ...extra,
  });
  const files = (...lines: unknown[]) => {
    const patterns = join(dir, 'validity-p.jsonl');
    const events = join(dir, 'validity-o.jsonl');
    writeFileSync(patterns, jsonl(...lines));
    writeFileSync(events, jsonl([od26, addr]));
    return ['match-set', '--patterns', patterns, '--observations', events];
  };
  const indices = (lines: Array<Record<string, unknown>>) =>
    lines.map((l) => l.pattern_index as number).sort((a, b) => a - b);
  const all = [
    indicator(0, {}),
    indicator(1, { revoked: true }),
    indicator(2, { valid_until: '2020-06-01T00:00:00Z' }),
    indicator(3, { valid_from: '2027-01-01T00:00:00Z' }),
    indicator(4, { valid_until: '2026-03-02T10:00:00Z' }), // exclusive end: not valid at that instant
    indicator(5, { valid_from: '2026-03-02T10:00:00Z' }), // inclusive start
    { pattern: "[ipv4-addr:value = '198.51.100.3']" }, // no validity to honour
  ];

  it('by default a revoked or expired indicator does not match a 2026 event', async () => {
    const r = await run(files(...all));
    expect(r.code).toBe(0);
    expect(indices(r.lines)).toEqual([0, 5, 6]);
    expect(r.err).toContain('1 revoked indicator(s) will not match');
  });

  it('--include-revoked lets a revoked indicator match; --ignore-validity drops the windows', async () => {
    expect(indices((await run([...files(...all), '--include-revoked'])).lines)).toEqual([0, 1, 5, 6]);
    expect(indices((await run([...files(...all), '--ignore-validity'])).lines)).toEqual([0, 2, 3, 4, 5, 6]);
    const both = await run([...files(...all), '--ignore-validity', '--include-revoked']);
    expect(indices(both.lines)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('an indicator whose valid_until is no timestamp gets one error line; the event a bad time an error line', async () => {
    const r = await run(files(indicator(0, { valid_until: '2024-02-30T00:00:00Z' }), indicator(1, {})));
    expect(r.lines).toEqual([
      { pattern_index: 0, error: 'valid_until is not a STIX timestamp (2.16)' },
      { pattern_index: 1, observation_id: od26.id },
    ]);
    const events = join(dir, 'validity-bad-time.jsonl');
    writeFileSync(events, jsonl([{ ...od26, last_observed: 'yesterday' }, addr]));
    const patterns = join(dir, 'validity-p.jsonl');
    writeFileSync(patterns, jsonl(indicator(0, {})));
    const bad = await run(['match-set', '--patterns', patterns, '--observations', events]);
    expect(bad.lines).toEqual([{ observation_line: 1, error: expect.stringContaining('last_observed') }]);
  });
});
