/**
 * `accord attribution …` and `accord advisory …` as CONTRACT.md writes them, run as the real CLI
 * in child processes: outputs, --json shapes and exit statuses; bad input (unknown or hidden
 * ids, confidence outside 0–100, a co-signer list without the drafter, a release time in the
 * past, a non-co-signer signing) exits 1 and stores nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCollection, addOrganization, addUser, importFiles } from '../../src/core/index.js';
import { pdfRendererAvailable } from '../../src/intel/index.js';
import { nowMicros, TLP_V2 } from '../../src/stix/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const COLLECTION = '5e0b7c1a-2d3f-4a5b-8c6d-7e8f9a0b1c2d';
const UK = 'identity--7e3f1c30-0000-4000-8000-0000000000d1';
const US = 'identity--7e3f1c30-0000-4000-8000-0000000000d2';
const SET = 'intrusion-set--0c7e22ad-b099-4dc3-b0df-2ea3f49ae2e6';
const ACTOR = 'threat-actor--56f3f0db-b5d5-431c-ae56-c18f02caf500';
const SECRET_SET = 'intrusion-set--9d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a';
const INDICATOR = 'indicator--13e2ad4f-e0ca-4655-a4bd-43337dcca3af';

const stix = (type: string, id: string, props: Record<string, unknown>) => ({
  type,
  spec_version: '2.1',
  id,
  created: '2021-07-19T12:00:00.000Z',
  modified: '2021-07-19T12:00:00.000Z',
  ...props,
});

let dir: string;
let db: string;

function accord(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args, '--db', db], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The one `accord:` line of a failed command. */
const errorLine = (r: { stderr: string }) => r.stderr.split('\n').filter((l) => l.startsWith('accord:'));

async function versionsStored(): Promise<number> {
  const store = new SqliteStore({ path: db });
  await store.init();
  try {
    let n = 0;
    for (const type of ['relationship', 'opinion', 'report', 'marking-definition']) {
      const page = await store.queryObjects(
        {
          collectionId: COLLECTION,
          types: [type],
          versions: { kind: 'all' },
          limit: 1000,
          now: nowMicros(),
        },
        (row) => row,
      );
      n += page.items.length;
    }
    return n;
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'accord-intel-cli-'));
  db = join(dir, 'accord.db');
  const store = new SqliteStore({ path: db });
  await store.init();
  await addOrganization(store, { id: 'uk-ncsc', name: 'UK NCSC', identityId: UK });
  await addOrganization(store, { id: 'us-cisa', name: 'US CISA', identityId: US });
  await addOrganization(store, { id: 'press' });
  const fast = { N: 1024, r: 8, p: 1 };
  await addUser(store, { username: 'analyst', orgId: 'uk-ncsc', password: 'pw-analyst-secret' }, fast);
  await addUser(store, { username: 'cisa', orgId: 'us-cisa', password: 'pw-cisa-secret' }, fast);
  await addUser(
    store,
    { username: 'press', orgId: 'press', password: 'pw-press-secret', role: 'reader' },
    fast,
  );
  await addCollection(store, { id: COLLECTION, title: 'Joint', canRead: ['*'], canWrite: ['*'] });
  const file = join(dir, 'threats.json');
  writeFileSync(
    file,
    JSON.stringify([
      stix('intrusion-set', SET, { name: 'HAFNIUM', aliases: ['Silk Typhoon'] }),
      stix('threat-actor', ACTOR, { name: 'MSS', threat_actor_types: ['nation-state'] }),
      // Only the UK sees this one (TLP:RED): for everyone else it does not exist.
      stix('intrusion-set', SECRET_SET, { name: 'Secret set', object_marking_refs: [TLP_V2.red.id] }),
      stix('indicator', INDICATOR, {
        name: 'Exchange web shell host',
        pattern: "[ipv4-addr:value = '203.0.113.17']",
        pattern_type: 'stix',
        valid_from: '2021-07-01T00:00:00Z',
        object_marking_refs: [TLP_V2.clear.id],
      }),
    ]),
  );
  const summary = await importFiles(store, { files: [file], collectionId: COLLECTION, username: 'analyst' });
  expect(summary.rejected).toBe(0);
  await store.close();
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('accord attribution (CONTRACT.md "Attribution and consensus")', () => {
  it('claim prints the relationship id; dispute the opinion id; consensus --json shows both', async () => {
    const claim = await accord(
      'attribution',
      'claim',
      SET,
      ACTOR,
      '--confidence',
      '80',
      '--collection',
      COLLECTION,
      '--as',
      'analyst',
      '--evidence',
      INDICATOR,
    );
    expect(claim.code).toBe(0);
    const claimId = claim.stdout.trim();
    expect(claimId).toMatch(/^relationship--[0-9a-f-]{36}$/);
    const dispute = await accord(
      'attribution',
      'dispute',
      claimId,
      '--collection',
      COLLECTION,
      '--as',
      'cisa',
      '--explanation',
      'not the MSS',
    );
    expect(dispute.code).toBe(0);
    const opinionId = dispute.stdout.trim();
    expect(opinionId).toMatch(/^opinion--[0-9a-f-]{36}$/);
    const consensus = await accord('attribution', 'consensus', '--as', 'press', '--json');
    expect(consensus.code).toBe(0);
    expect(JSON.parse(consensus.stdout)).toEqual({
      subjects: [
        {
          subject_refs: [SET],
          name: 'HAFNIUM',
          candidates: [
            {
              target_refs: [ACTOR],
              name: 'MSS',
              supporting: [{ org: UK, confidence: 80, claim: claimId }],
              disputing: [{ org: US, opinion: opinionId }],
              mean_confidence: 80,
              dissent: true,
            },
          ],
        },
      ],
    });
    // --as-of before the claim: nothing yet; --subject by an alias's object id works as well.
    const before = await accord(
      'attribution',
      'consensus',
      '--as',
      'press',
      '--json',
      '--as-of',
      '2021-01-01T00:00:00Z',
    );
    expect(JSON.parse(before.stdout)).toEqual({ subjects: [] });
    const one = await accord('attribution', 'consensus', '--as', 'press', '--subject', SET);
    expect([one.code, one.stdout]).toEqual([0, expect.stringContaining('HAFNIUM')]);
  }, 120_000);

  it('refuses bad input with exit 1, one accord: line, and stores nothing', async () => {
    const before = await versionsStored();
    const claim = (...args: string[]) =>
      accord('attribution', 'claim', SET, ACTOR, '--collection', COLLECTION, '--as', 'analyst', ...args);
    const [over, words, unknown, hidden] = await Promise.all([
      claim('--confidence', '101'),
      claim('--confidence', 'high'),
      accord(
        'attribution',
        'claim',
        'intrusion-set--00000000-0000-4000-8000-000000000000',
        ACTOR,
        '--confidence',
        '50',
        '--collection',
        COLLECTION,
        '--as',
        'cisa',
      ),
      accord(
        'attribution',
        'claim',
        SECRET_SET,
        ACTOR,
        '--confidence',
        '50',
        '--collection',
        COLLECTION,
        '--as',
        'cisa',
      ),
    ]);
    for (const r of [over, words, unknown, hidden]) {
      expect(r.code).toBe(1);
      expect(errorLine(r)).toHaveLength(1);
    }
    expect(errorLine(over)[0]).toMatch(/confidence/);
    // A subject the caller may not see is reported exactly as one that does not exist.
    expect(errorLine(hidden)[0]?.replace(SECRET_SET, 'ID')).toBe(
      errorLine(unknown)[0]?.replace('intrusion-set--00000000-0000-4000-8000-000000000000', 'ID'),
    );
    const [notClaim, subject] = await Promise.all([
      accord('attribution', 'dispute', INDICATOR, '--collection', COLLECTION, '--as', 'cisa'),
      accord('attribution', 'consensus', '--as', 'cisa', '--subject', SECRET_SET),
    ]);
    expect([notClaim.code, subject.code]).toEqual([1, 1]);
    expect(await versionsStored()).toBe(before);
  }, 120_000);
});

describe('accord advisory (CONTRACT.md "Joint advisories")', () => {
  const body = () => {
    const file = join(dir, 'advisory.md');
    writeFileSync(file, '# Exchange\n\n<script>alert(1)</script>Patch now.\n');
    return file;
  };
  const future = () => new Date(Date.now() + 3_600_000).toISOString();

  it('draft, sign, status and export as the contract says; hidden ≡ unknown for status', async () => {
    const draft = await accord(
      'advisory',
      'draft',
      '--title',
      'Joint advisory',
      '--body',
      body(),
      '--cosigners',
      'uk-ncsc,us-cisa',
      '--release-at',
      future(),
      '--collection',
      COLLECTION,
      '--as',
      'analyst',
      '--refs',
      `${INDICATOR},${SET}`,
      '--tlp',
      'green',
    );
    expect(draft.code).toBe(0);
    const id = draft.stdout.trim();
    expect(id).toMatch(/^report--[0-9a-f-]{36}$/);
    const status = await accord('advisory', 'status', id, '--as', 'cisa', '--json');
    expect(JSON.parse(status.stdout)).toMatchObject({
      id,
      title: 'Joint advisory',
      state: 'draft',
      cosigners: [
        { org: UK, signed: false },
        { org: US, signed: false },
      ],
      // ADR 0022: this node first; no peers are configured here.
      nodes: [{ self: true, state: 'pending' }],
    });
    const [ukSign, usSign, pressSign] = await Promise.all([
      accord('advisory', 'sign', id, '--as', 'analyst'),
      accord('advisory', 'sign', id, '--as', 'cisa', '--json'),
      accord('advisory', 'sign', id, '--as', 'press'),
    ]);
    expect([ukSign.code, usSign.code, pressSign.code]).toEqual([0, 0, 1]);
    expect(ukSign.stdout).toMatch(/^opinion--/);
    expect(JSON.parse(usSign.stdout)).toMatchObject({ created: true });
    // Signing the same text again changes nothing (exit 0, the same signature).
    const again = await accord('advisory', 'sign', id, '--as', 'analyst');
    expect([again.code, again.stdout.split(' ')[0]?.trim()]).toEqual([0, ukSign.stdout.trim()]);
    const sealed = await accord('advisory', 'status', id, '--as', 'analyst', '--json');
    expect(JSON.parse(sealed.stdout)).toMatchObject({
      state: 'sealed',
      cosigners: [{ signed: true }, { signed: true }],
    });
    // Press may not see the advisory before its release: exactly an unknown id.
    const hidden = await accord('advisory', 'status', id, '--as', 'press', '--json');
    const unknown = await accord(
      'advisory',
      'status',
      'report--00000000-0000-4000-8000-000000000000',
      '--as',
      'press',
      '--json',
    );
    expect([hidden.code, hidden.stdout]).toEqual([1, '']);
    expect(errorLine(hidden)[0]?.replace(id, 'ID')).toBe(
      errorLine(unknown)[0]?.replace('report--00000000-0000-4000-8000-000000000000', 'ID'),
    );
    const md = join(dir, 'advisory-export.md');
    const [markdown, html, bundle] = await Promise.all([
      accord('advisory', 'export', id, '--as', 'cisa', '--format', 'md', '--out', md),
      accord('advisory', 'export', id, '--as', 'cisa', '--format', 'html'),
      accord('advisory', 'export', id, '--as', 'cisa', '--format', 'stix'),
    ]);
    expect([markdown.code, html.code, bundle.code]).toEqual([0, 0, 0]);
    const text = readFileSync(md, 'utf8');
    for (const part of ['TLP:GREEN', 'UK NCSC', 'US CISA', '203.0.113.17']) expect(text).toContain(part);
    expect(html.stdout).toContain('TLP:GREEN');
    expect(html.stdout).not.toContain('<script>');
    const objects = (JSON.parse(bundle.stdout) as { type: string; objects: { id: string; type: string }[] })
      .objects;
    expect(objects[0]?.id).toBe(id);
    expect(objects.filter((o) => o.type === 'opinion')).toHaveLength(2);
    expect(objects.some((o) => o.id === INDICATOR)).toBe(true);
    // PDF through Debian's Chromium (.ci/run installs it; without it: exit 2, INTEL_PDF_UNAVAILABLE).
    const pdfFile = join(dir, 'advisory.pdf');
    const pdf = await accord('advisory', 'export', id, '--as', 'cisa', '--format', 'pdf', '--out', pdfFile);
    if (pdfRendererAvailable()) {
      expect(pdf.code).toBe(0);
      expect(readFileSync(pdfFile).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } else {
      expect([pdf.code, errorLine(pdf)[0]]).toEqual([2, expect.stringContaining('Chromium')]);
    }
  }, 240_000);

  it('refuses a co-signer list without the drafter, a past release time, an unknown organisation: exit 1, nothing stored', async () => {
    const before = await versionsStored();
    const draft = (...args: string[]) =>
      accord(
        'advisory',
        'draft',
        '--title',
        'T',
        '--body',
        body(),
        '--collection',
        COLLECTION,
        '--as',
        'analyst',
        ...args,
      );
    const results = await Promise.all([
      draft('--cosigners', 'us-cisa', '--release-at', future()),
      draft('--cosigners', 'uk-ncsc', '--release-at', '2020-01-01T00:00:00Z'),
      draft('--cosigners', 'uk-ncsc,nobody', '--release-at', future()),
    ]);
    expect(results.map((r) => r.code)).toEqual([1, 1, 1]);
    expect(errorLine(results[0]!)[0]).toMatch(/drafting organisation/);
    const usage = await draft('--cosigners', 'uk-ncsc', '--release-at', future(), '--tlp', 'red');
    expect(usage.code).toBe(2);
    expect(await versionsStored()).toBe(before);
  }, 120_000);
});
