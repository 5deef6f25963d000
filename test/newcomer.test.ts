/**
 * The newcomer's path (issue 4): start the node with the demo data as `npm start` does, read the
 * printed URL and login, and fetch the demo collection over real HTTP with a TAXII 2.1 GET.
 * Then the first day (issue 20): the block of docs/guides/operations.md run line by line in a
 * new folder, as a newcomer who read README.md would: an organisation, a user, a collection,
 * an import marked TLP:AMBER, lists, a token revoked, a backup restored.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { accordIn, docBlock, runDocLines } from './support/doc-shell.js';

const TAXII = 'application/taxii+json;version=2.1';

interface StixLike {
  readonly type: string;
  readonly name?: string;
  readonly relationship_type?: string;
  readonly confidence?: number;
  readonly published?: string;
}
const dir = mkdtempSync(join(tmpdir(), 'accord-newcomer-'));
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `accord serve --demo` on a free port; resolves with the printed URL and login. */
function startDemo(): Promise<{ url: string; username: string; password: string }> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--demo', '--port', '0', '--db', join(dir, 'accord.db')],
    { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child = proc;
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /accord listening on (\S+)/.exec(out)?.[1];
      const login = /demo login: (\S+) (\S+)/.exec(out);
      if (url && login) resolve({ url, username: login[1]!, password: login[2]! });
    });
    proc.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    proc.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err.slice(-500)}`)));
  });
}

describe('newcomer path', () => {
  it('serve --demo prints a URL and a login that read the demo collection over TAXII 2.1', async () => {
    const { url, username, password } = await startDemo();
    const headers = {
      Accept: TAXII,
      Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
    };
    const getJson = async <T>(path: string): Promise<T> => {
      const res = await fetch(new URL(path, url), { headers });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe(TAXII);
      return (await res.json()) as T;
    };
    const discovery = await getJson<{ default: string }>('/taxii2/');
    const apiRoot: string = discovery.default;
    const { collections } = await getJson<{ collections: { id: string; title: string }[] }>(
      `${apiRoot}collections/`,
    );
    const demo = collections.find((c: { title: string }) => /July 2021/.test(c.title));
    expect(demo).toMatchObject({ can_read: true });
    const { objects } = await getJson<{ objects: StixLike[] }>(
      `${apiRoot}collections/${demo?.id}/objects/?limit=1000`,
    );
    const names = (type: string) =>
      objects.filter((o: { type: string }) => o.type === type).map((o: { name?: string }) => o.name);
    expect(names('intrusion-set')).toEqual(expect.arrayContaining(['HAFNIUM', 'APT40', 'APT31']));
    expect(names('vulnerability')).toEqual(
      expect.arrayContaining(['CVE-2021-26855', 'CVE-2021-26857', 'CVE-2021-26858', 'CVE-2021-27065']),
    );
    const attributions = objects.filter(
      (o: { relationship_type?: string; confidence?: number }) =>
        o.relationship_type === 'attributed-to' && typeof o.confidence === 'number',
    );
    expect(attributions.length).toBeGreaterThanOrEqual(8);
    const reports = objects.filter((o: { type: string }) => o.type === 'report');
    // The partners' eight statements and the joint advisory released with them (issue 15).
    expect(reports.length).toBe(9);
    expect(reports.every((r) => r.published?.startsWith('2021-07-19'))).toBe(true);
    expect(names('identity')).toEqual(expect.arrayContaining(['United States Government', 'European Union']));
    expect(objects.some((o: { type: string }) => o.type === 'sighting')).toBe(true);
  }, 60_000);
});

describe('the first day, as docs/guides/operations.md tells it', () => {
  const repo = join(import.meta.dirname, '..');

  it('README leads to the guide, and every README link is a file of the repository', () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    expect(readme).toContain('](docs/guides/operations.md)');
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(10);
    for (const link of links) {
      expect(link, 'README links only inside the repository').not.toMatch(/^(\.\.\/|\/|[a-z]+:)/);
      expect(existsSync(join(repo, link.split('#')[0]!)), link).toBe(true);
    }
  });

  it('runs line by line in a new folder: org, user, collection, import --tlp amber, lists, token revoked, backup restored', () => {
    const clone = join(dir, 'clone');
    mkdirSync(clone);
    cpSync(join(repo, 'docs'), join(clone, 'docs'), { recursive: true });
    const lines = docBlock(join(repo, 'docs/guides/operations.md'), 'first-day');
    const runs = runDocLines(lines, clone);
    const out = (start: string) => runs.find((r) => r.line.startsWith(start))?.stdout ?? '';
    const col = out('COL=').trim();
    expect(col).toMatch(/^[0-9a-f-]{36}$/);
    expect(out('npx accord import')).toMatch(/^new 2, unchanged 0, rejected 0/);
    expect(out('npx accord collection show')).toMatch(/^object versions:\s+2$/m);
    expect(out('npx accord user list')).toMatch(/^alice\s+uk-ncsc\s+admin\s+active$/m);
    // TLP:AMBER on every imported object (TLP 2.0 marking definition).
    const exported = JSON.parse(readFileSync(join(clone, 'shared.json'), 'utf8')) as {
      objects: { type: string; object_marking_refs?: string[] }[];
    };
    const indicators = exported.objects.filter((o) => o.type === 'indicator');
    expect(indicators).toHaveLength(2);
    for (const o of indicators)
      expect(o.object_marking_refs).toEqual(['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421']);
    // The token was listed before its revocation and is gone after it.
    const token = out('TOKEN=').trim();
    const tokenId = token.split('_')[1]!;
    expect(out('npx accord token list')).toContain(tokenId);
    expect(out('npx accord token revoke')).toBe(`token ${tokenId} revoked\n`);
    const accord = (...args: string[]) => accordIn(clone, ...args);
    expect(JSON.parse(accord('token', 'list', 'alice', '--json').stdout)).toEqual([]);
    // The restored database holds the same collection and objects.
    expect(out('npx accord collection list --db restored')).toContain(col);
    const shown = (db: string[]) =>
      JSON.parse(accord('collection', 'show', col, '--json', ...db).stdout) as unknown;
    expect(shown(['--db', 'restored/accord.db'])).toEqual(shown([]));
  }, 120_000);
});
