/**
 * The advisory release job (docs/decisions/0004-advisory-release.md) on one node with its own
 * clock: a sealed advisory is released at its release time (report and signatures, added at
 * that instant for TAXII pollers) and not before; a missed one writes nothing; a signature made
 * in time that arrives late still seals it within the grace period, and not after it.
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
  advisoryStatus,
  type Caller,
  DEFAULT_RELEASE_GRACE_MS,
  draftJointAdvisory,
  ingestBatch,
  nodeServices,
  signJointAdvisory,
} from '../../src/core/index.js';
import { signAdvisory, signatureMarkings, unwrap } from '../../src/intel/index.js';
import { asMicros, type ValidatedObject, versionOf } from '../../src/stix/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';

const COLLECTION = '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const ORGS = {
  us: 'identity--6d2e0b20-0000-4000-8000-0000000000c1',
  uk: 'identity--6d2e0b20-0000-4000-8000-0000000000c2',
  press: 'identity--6d2e0b20-0000-4000-8000-0000000000c3',
} as const;
const PRESS: Caller = { username: 'press', orgId: 'press', identityId: ORGS.press, role: 'reader' };
const S = 1_000_000; // one second in µs

let dir: string;
let store: SqliteStore;
/** The node's clock (µs): starts an hour ahead of the store's own, so every entry precedes it. */
let clock = (Date.now() + 3_600_000) * 1000;
const node = () => nodeServices(store, { now: () => asMicros(clock) });
const iso = (us: number) => new Date(us / 1000).toISOString();

/** What press gets for `id` from the manifest: its date_added (µs), or undefined when hidden. */
async function pressSees(id: string): Promise<number | undefined> {
  const page = await new AccordNode({ store, now: () => asMicros(clock) }).queryObjects(
    PRESS,
    COLLECTION,
    { ids: [id], limit: 10 },
    'manifest',
  );
  return page.items[0]?.dateAdded;
}

async function draft(releaseAt: number): Promise<string> {
  return draftJointAdvisory(node(), {
    username: 'us-editor',
    collectionId: COLLECTION,
    title: 'Joint advisory',
    body: '# Patch now',
    cosigners: ['us', 'uk'],
    releaseAt: iso(releaseAt),
    tlp: 'green',
  });
}

/** A uk signature made at `madeAt` that reaches the node only now (federation lag). */
async function lateUkSignature(reportId: string, madeAt: number): Promise<string> {
  const status = await advisoryStatus(node(), 'us-editor', reportId);
  const page = await new AccordNode({ store, now: () => asMicros(clock) }).queryObjects(
    { username: 'us-editor', orgId: 'us', identityId: ORGS.us, role: 'editor' },
    COLLECTION,
    { ids: [reportId], limit: 1 },
    'objects',
  );
  const report = page.items[0]?.object as ValidatedObject;
  expect(versionOf(report)).toBe(status.version);
  const at = { now: asMicros(Math.floor(madeAt / 1000) * 1000) };
  const marks = signatureMarkings(report, ORGS.uk, at);
  const signature = unwrap(signAdvisory(report, ORGS.uk, at, marks?.markingRefs));
  const items = [marks?.embargo, signature].flatMap((value, i) => (value ? [{ value, path: `/${i}` }] : []));
  const r = await ingestBatch(node(), COLLECTION, items, { producerOrg: 'uk', origin: 'local' });
  expect(r.failures).toEqual([]);
  return String(signature.id);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'accord-release-'));
  store = new SqliteStore({ path: join(dir, 'accord.db') });
  await store.init();
  for (const [id, identityId] of Object.entries(ORGS)) await addOrganization(store, { id, identityId });
  const fast = { N: 1024, r: 8, p: 1 };
  for (const org of ['us', 'uk'])
    await addUser(store, { username: `${org}-editor`, orgId: org, password: 'pw-editor-secret' }, fast);
  await addUser(
    store,
    { username: 'press', orgId: 'press', password: 'pw-press-secret', role: 'reader' },
    fast,
  );
  await addCollection(store, { id: COLLECTION, title: 'Joint', canRead: ['*'], canWrite: ['*'] });
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('advisory release job (ADR 0004)', () => {
  it('releases a sealed advisory and its signatures at the release time, and not before', async () => {
    const release = clock + 60 * S;
    const id = await draft(release);
    clock += 10 * S;
    const signatures = [
      await signJointAdvisory(node(), 'us-editor', id),
      await signJointAdvisory(node(), 'uk-editor', id),
    ];
    expect((await advisoryStatus(node(), 'uk-editor', id)).state).toBe('sealed');
    const job = new AdvisoryReleases(node());
    clock = release - 1;
    expect(await job.runOnce()).toEqual([]);
    expect(await pressSees(id)).toBeUndefined();
    clock = release;
    expect(await job.runOnce()).toMatchObject([{ reportId: id, outcome: 'released', releaseAt: release }]);
    // TAXII pollers get it as added at the release time (CONTRACT.md "Joint advisories").
    expect(await pressSees(id)).toBe(release);
    // Feed entries are strictly ordered: the signatures' follow the report's by a microsecond each.
    clock = release + 1000;
    for (const s of signatures) {
      const added = await pressSees(s.id);
      expect(added !== undefined && added > release && added < release + 1000, s.id).toBe(true);
    }

    expect((await advisoryStatus(node(), 'press', id)).state).toBe('released');
    // Done once: a second pass records nothing new.
    expect(await job.runOnce()).toEqual([]);
    const audit = await store.listAudit({});
    expect(audit.filter((e) => e.action === 'advisory.released' && e.objectId === id)).toHaveLength(1);
  });

  it('writes nothing for a missed advisory; a late signature made in time seals it within the grace period', async () => {
    const release = clock + 60 * S;
    const id = await draft(release);
    clock += 10 * S;
    await signJointAdvisory(node(), 'us-editor', id);
    const job = new AdvisoryReleases(node());
    clock = release + S;
    expect(await job.runOnce()).toEqual([]);
    expect(await pressSees(id)).toBeUndefined();
    expect((await advisoryStatus(node(), 'us-editor', id)).state).toBe('missed');
    // uk signed before the release time; its signature arrives now.
    await lateUkSignature(id, release - 5 * S);
    clock = release + 2 * S;
    expect(await job.runOnce()).toMatchObject([{ reportId: id, outcome: 'released' }]);
    // Pollers that paged past the release time still get it: added now, not in the past.
    expect(await pressSees(id)).toBeGreaterThanOrEqual(release);
  });

  it('after the grace period missed is final: a late signature never releases it', async () => {
    const release = clock + 60 * S;
    const id = await draft(release);
    clock += 10 * S;
    await signJointAdvisory(node(), 'us-editor', id);
    clock = release + DEFAULT_RELEASE_GRACE_MS * 1000 + S;
    expect(await new AdvisoryReleases(node()).runOnce()).toMatchObject([{ reportId: id, outcome: 'missed' }]);
    await lateUkSignature(id, release - 5 * S);
    clock += S;
    // A new job (a restart) reads the decision back from the audit log.
    expect(await new AdvisoryReleases(node()).runOnce()).toEqual([]);
    expect(await pressSees(id)).toBeUndefined();
    // For press the missed advisory answers exactly as an unknown id.
    const unknown = 'report--00000000-0000-4000-8000-000000000000';
    const message = (e: unknown) => (e as Error).message;
    const hidden = await advisoryStatus(node(), 'press', id).catch((e: unknown) => e);
    const absent = await advisoryStatus(node(), 'press', unknown).catch((e: unknown) => e);
    expect(hidden).toMatchObject({ code: 'CORE_NOT_FOUND' });
    expect(message(hidden).replace(id, 'ID')).toBe(message(absent).replace(unknown, 'ID'));
  });
});
