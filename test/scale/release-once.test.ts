/**
 * Release timers run on every process of a node (issue 18): two processes on one database that
 * decide the same advisory at the same moment record it exactly once in the audit log and give
 * each version exactly one release entry (ADR 0014).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccordNode,
  AdvisoryReleases,
  addCollection,
  addOrganization,
  addUser,
  type Caller,
  DEFAULT_RELEASE_GRACE_MS,
  draftJointAdvisory,
  nodeServices,
  signJointAdvisory,
} from '../../src/core/index.js';
import { asMicros } from '../../src/stix/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';

const COLLECTION = '4e2d3c5b-6e7f-4a81-9bac-1d2e3f4a5b6c';
const ORGS = {
  us: 'identity--7e3f1c30-0000-4000-8000-0000000000d1',
  uk: 'identity--7e3f1c30-0000-4000-8000-0000000000d2',
  press: 'identity--7e3f1c30-0000-4000-8000-0000000000d3',
} as const;
const PRESS: Caller = { username: 'press', orgId: 'press', identityId: ORGS.press, role: 'reader' };
const S = 1_000_000;

let dir: string;
/** One connection per process, as two `accord serve` processes on one SQLite file have. */
let stores: SqliteStore[];
/** The node's clock (µs), ahead of the wall clock so that every entry precedes it. */
let clock = (Date.now() + 3_600_000) * 1000;
const processOf = (i: number) => nodeServices(stores[i] as SqliteStore, { now: () => asMicros(clock) });
const iso = (us: number) => new Date(us / 1000).toISOString();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'accord-release-once-'));
  const path = join(dir, 'accord.db');
  stores = [new SqliteStore({ path }), new SqliteStore({ path })];
  for (const s of stores) await s.init();
  const store = stores[0] as SqliteStore;
  for (const [id, identityId] of Object.entries(ORGS)) await addOrganization(store, { id, identityId });
  const fast = { N: 1024, r: 8, p: 1 };
  for (const org of ['us', 'uk'])
    await addUser(store, { username: `${org}-editor`, orgId: org, password: 'pw-editor-secret' }, fast);
  await addCollection(store, { id: COLLECTION, title: 'Joint', canRead: ['*'], canWrite: ['*'] });
});

afterAll(async () => {
  for (const s of stores) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

async function sealedAdvisory(releaseAt: number): Promise<string> {
  const id = await draftJointAdvisory(processOf(0), {
    username: 'us-editor',
    collectionId: COLLECTION,
    title: 'Joint advisory',
    body: '# Patch now',
    cosigners: ['us', 'uk'],
    releaseAt: iso(releaseAt),
    tlp: 'green',
  });
  clock += S;
  await signJointAdvisory(processOf(0), 'us-editor', id);
  await signJointAdvisory(processOf(1), 'uk-editor', id);
  return id;
}

describe('two processes releasing one advisory (issue 18)', () => {
  it('record the release once and give each version one released entry', async () => {
    const release = clock + 60 * S;
    const id = await sealedAdvisory(release);
    const jobs = [new AdvisoryReleases(processOf(0)), new AdvisoryReleases(processOf(1))];
    clock = release;
    const decisions = await Promise.all(jobs.map((j) => j.runOnce()));
    // Both passes again, as their timers would: nothing more is recorded.
    decisions.push(...(await Promise.all(jobs.map((j) => j.runOnce()))));
    expect(decisions.flat().map((d) => d.outcome)).toEqual(['released']);
    const audit = await (stores[1] as SqliteStore).listAudit({ since: iso(release - S) });
    expect(audit.filter((e) => e.action === 'advisory.released' && e.objectId === id)).toHaveLength(1);
    // Press sees the report once, at the release time, whichever process it asks.
    for (const i of [0, 1]) {
      const page = await new AccordNode({
        store: stores[i] as SqliteStore,
        now: () => asMicros(clock),
      }).queryObjects(PRESS, COLLECTION, { ids: [id], limit: 10, versions: { kind: 'all' } }, 'manifest');
      expect(page.items.map((e) => e.dateAdded)).toEqual([release]);
    }
  });

  it('record a missed advisory once when both decide it after the grace period', async () => {
    const release = clock + 60 * S;
    const id = await draftJointAdvisory(processOf(0), {
      username: 'us-editor',
      collectionId: COLLECTION,
      title: 'Unsigned advisory',
      body: '# Wait',
      cosigners: ['us', 'uk'],
      releaseAt: iso(release),
      tlp: 'green',
    });
    const jobs = [new AdvisoryReleases(processOf(0)), new AdvisoryReleases(processOf(1))];
    clock = release + DEFAULT_RELEASE_GRACE_MS * 1000 + S;
    const decisions = await Promise.all(jobs.map((j) => j.runOnce()));
    expect(
      decisions
        .flat()
        .filter((d) => d.reportId === id)
        .map((d) => d.outcome),
    ).toEqual(['missed']);
    const audit = await (stores[0] as SqliteStore).listAudit({ since: iso(release - S) });
    expect(audit.filter((e) => e.action === 'advisory.missed' && e.objectId === id)).toHaveLength(1);
  });
});
