import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'accord-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function accord(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: repo,
    input,
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const campaign = {
  type: 'campaign',
  spec_version: '2.1',
  id: 'campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created: '2016-04-06T20:03:48.000Z',
  modified: '2016-04-06T20:03:48.000Z',
  name: 'Green Group Attacks',
};

describe('accord validate / accord stix id (CONTRACT.md exit statuses)', () => {
  it('validate --json: exit 0 for a valid bundle, one result per object, bundle first', () => {
    const file = join(dir, 'ok.json');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'bundle',
        id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
        objects: [campaign],
      }),
    );
    const r = accord(['validate', '--json', file]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.valid).toBe(true);
    expect(out.results.map((x: { id: string }) => x.id)).toEqual([
      'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
      campaign.id,
    ]);
  });

  it('validate: exit 1 with one line per problem (path, message, section) and a summary', () => {
    const r = accord(['validate', '-'], JSON.stringify([{ ...campaign, created: 'yesterday' }]));
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^error\s+\/0\/created\s+.*not a valid STIX timestamp.*\(STIX 2\.1 §2\.16\)$/);
    expect(lines.at(-1)).toMatch(/^not valid: 1 result\(s\), 1 invalid/);
  });

  it('validate --json: exit 1 with the JSON pointer of the bad property', () => {
    const r = accord(
      ['validate', '--json', '-'],
      JSON.stringify({
        type: 'bundle',
        id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
        objects: [campaign, { ...campaign, name: 7 }],
      }),
    );
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.valid).toBe(false);
    expect(out.results[2].errors[0]).toMatchObject({ path: '/objects/1/name' });
  });

  it('validate: exit 2 with one accord: line for input that is not JSON or is missing', () => {
    const bad = accord(['validate', '-'], '{"type": "bundle", "objects": [ {"a": ] }');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^accord: stdin: line 1, column \d+: .+\n$/);
    const missing = accord(['validate', join(dir, 'nope.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^accord: cannot read .*nope\.json: no such file\n$/);
  });

  it('validate: an object nested 200,000 deep is one invalid result (exit 1), never a stack trace', () => {
    const r = accord(['validate', '--json', '-'], `[${'['.repeat(200_000)}${']'.repeat(200_000)}]`);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).results[0].errors[0]).toMatchObject({
      path: '/0',
      code: 'STIX_TOO_DEEP',
      message: 'line 1, column 101: nesting deeper than 100',
    });
    const truncated = accord(['validate', '-'], `[${'['.repeat(200_000)}`);
    expect(truncated.status).toBe(2);
    expect(truncated.stderr).toMatch(/^accord: stdin: line 1, column \d+: the input ends before .*\n$/);
  });

  it('validate: bytes that are not UTF-8 are refused with their position (exit 2), never replaced', () => {
    const input = Buffer.concat([
      Buffer.from('{"type":"note","content":"a'),
      Buffer.from([0xc0, 0xaf]),
      Buffer.from('"}'),
    ]);
    const r = accord(['validate', '-'], input);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'accord: stdin: line 1, column 28 (byte 27): invalid UTF-8: an overlong encoding\n',
    );
  });

  it('stix id: bytes that are not UTF-8 are refused with their position (exit 2)', () => {
    const input = Buffer.concat([
      Buffer.from('[{"type":"domain-name","value":"a'),
      Buffer.from([0xff]),
      Buffer.from('.example"}]'),
    ]);
    const r = accord(['stix', 'id', '-'], input);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'accord: stdin: line 1, column 34 (byte 33): invalid UTF-8: the byte 0xFF, which never occurs in UTF-8\n',
    );
  });

  it('stix id: deterministic ids in order, null (exit 1) for what is not a valid SCO, exit 2 if not an array', () => {
    const ok = accord(
      ['stix', 'id', '-'],
      JSON.stringify([
        { type: 'ipv4-addr', value: '198.51.100.3' },
        { type: 'domain-name', value: 'example.com' },
      ]),
    );
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual([
      'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4',
      'domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7',
    ]);
    const partly = accord(['stix', 'id', '--json', '-'], JSON.stringify([{ type: 'campaign', name: 'x' }]));
    expect(partly.status).toBe(1);
    expect(JSON.parse(partly.stdout)).toEqual([null]);
    // 2.9: no ID Contributing Properties (a process): a fresh UUIDv4, exit 0.
    const v4 = accord(['stix', 'id', '-'], JSON.stringify([{ type: 'process', pid: 4 }]));
    expect(v4.status).toBe(0);
    expect(JSON.parse(v4.stdout)[0]).toMatch(
      /^process--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const notArray = accord(['stix', 'id', '-'], '{"type":"ipv4-addr"}');
    expect(notArray.status).toBe(2);
    expect(notArray.stderr).toBe('accord: the input must be a JSON array of SCOs\n');
  });
});
