import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addEmbargo, addSharingGroup, listAudit } from '../../src/core/sharing.js';
import {
  buildMarkingIndex,
  EMBARGO_EXTENSION_ID,
  embargoOf,
  SHARING_GROUP_EXTENSION_ID,
} from '../../src/policy/index.js';
import type { Store } from '../../src/store/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';

const ORGS = [
  { id: 'uk-ncsc', name: 'UK NCSC', identityId: 'identity--00000000-0000-4000-8000-0000000000a1' },
  { id: 'cert-fr', name: 'CERT-FR', identityId: 'identity--00000000-0000-4000-8000-0000000000a2' },
  { id: 'bsi', name: 'BSI', identityId: 'identity--00000000-0000-4000-8000-0000000000a3' },
];

describe('sharing administration (core use cases over the SQLite store)', () => {
  let store: Store;
  beforeEach(async () => {
    store = new SqliteStore({ path: ':memory:' });
    await store.init();
    for (const o of ORGS) await store.addOrganization(o);
  });
  afterEach(() => store.close());

  it('group add maps organisation slugs to identity ids and stores the definition', async () => {
    const def = await addSharingGroup(store, { id: 'five-eyes', members: ['uk-ncsc', 'cert-fr'] });
    expect(def.name).toBe('five-eyes');
    expect(def.created_by_ref).toBe(ORGS[0]!.identityId);
    expect(def.extensions).toEqual({
      [SHARING_GROUP_EXTENSION_ID]: {
        extension_type: 'property-extension',
        members: [ORGS[0]!.identityId, ORGS[1]!.identityId],
      },
    });
    const stored = await store.listMarkingDefinitions();
    expect(JSON.parse(stored.get(String(def.id))!.json)).toEqual(def);
    expect(stored.get(String(def.id))!.source).toEqual({ kind: 'node' });
  });

  it('group add takes the creating organisation from asOrg', async () => {
    const def = await addSharingGroup(store, { id: 'g', members: ['cert-fr'], name: 'G', asOrg: 'bsi' });
    expect([def.name, def.created_by_ref]).toEqual(['G', ORGS[2]!.identityId]);
  });

  it('refuses unknown organisations, empty member lists and bad ids', async () => {
    await expect(addSharingGroup(store, { id: 'g', members: ['nope'] })).rejects.toMatchObject({
      code: 'CORE_NOT_FOUND',
    });
    await expect(addSharingGroup(store, { id: 'g', members: [] })).rejects.toMatchObject({
      code: 'CORE_INVALID',
    });
    await expect(addSharingGroup(store, { id: 'Bad Id', members: ['bsi'] })).rejects.toMatchObject({
      code: 'CORE_INVALID',
    });
    await expect(addEmbargo(store, { releaseAt: '2030-01-01', cosigners: ['bsi'] })).rejects.toMatchObject({
      code: 'CORE_INVALID',
    });
    expect((await store.listMarkingDefinitions()).size).toBe(0);
  });

  it('embargo add stores a definition the policy reads back', async () => {
    const def = await addEmbargo(store, { releaseAt: '2030-01-01T00:00:00Z', cosigners: ['cert-fr', 'bsi'] });
    expect((def.extensions as Record<string, unknown>)[EMBARGO_EXTENSION_ID]).toEqual({
      extension_type: 'property-extension',
      release_at: '2030-01-01T00:00:00Z',
      cosigners: [ORGS[1]!.identityId, ORGS[2]!.identityId],
    });
    const markings = buildMarkingIndex((await store.listMarkingDefinitions()).values());
    expect(
      embargoOf({ object_marking_refs: [def.id] }, markings, { producerOrg: 'x', origin: 'local' }),
    ).toEqual({
      releaseAt: Date.UTC(2030, 0, 1) * 1000,
      cosigners: [ORGS[1]!.identityId, ORGS[2]!.identityId],
    });
  });

  it('records each administrative change in the audit log, filterable by organisation and time', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    const g = await addSharingGroup(store, { id: 'g', members: ['uk-ncsc', 'bsi'] });
    const e = await addEmbargo(store, { releaseAt: '2030-01-01T00:00:00Z', cosigners: ['bsi'] });
    const all = await listAudit(store, { since: before });
    expect(all.map((a) => [a.action, a.orgId])).toEqual([
      ['group.add', 'uk-ncsc'],
      ['embargo.add', 'bsi'],
    ]);
    expect(all[0]!.detail).toContain(String(g.id));
    expect(all[1]!.detail).toContain(String(e.id));
    expect((await listAudit(store, { orgId: 'bsi' })).map((a) => a.action)).toEqual(['embargo.add']);
    expect(await listAudit(store, { since: '2100-01-01T00:00:00Z' })).toEqual([]);
    await expect(listAudit(store, { since: 'yesterday' })).rejects.toMatchObject({ code: 'CORE_INVALID' });
  });
});
