/**
 * Issue 13, reproductions 1–4 and 7, tried as an attacker would: an ordinary editor of a third
 * organisation (c) against objects of a and b, over TAXII. Each test failed before the trust
 * rules of DESIGN.md ("Trust") and passes after.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { addEmbargo, addSharingGroup } from '../../src/core/sharing.js';
import { TLP_V2 } from '../../src/stix/index.js';
import { type Reply, type TestNode, testNode } from '../policy/http-harness.js';

const T0 = Date.UTC(2030, 0, 1) * 1000;
const SHARED = '7c9d3a0e-4f6b-4c1d-9e8f-0a1b2c3d4e51';
const OWN_C = '7c9d3a0e-4f6b-4c1d-9e8f-0a1b2c3d4e52';
const ident = (n: number) => `identity--00000000-0000-4000-8000-00000000001${n}`;
const GROUP_EXT = 'extension-definition--f9eaf669-d97c-4eac-bd5e-1c00d92d098e';
const EMBARGO_EXT = 'extension-definition--1a382379-7f51-4647-a93e-e74201b0719d';
const ind = (n: number, extra: Record<string, unknown> = {}, modified = '2029-06-01T00:00:00.000Z') => ({
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--00000000-0000-4000-8000-0000000013${String(n).padStart(2, '0')}`,
  created: '2029-06-01T00:00:00.000Z',
  modified,
  name: `indicator ${n}`,
  description: `context ${n}`,
  pattern: `[domain-name:value = 'h${n}.example']`,
  pattern_type: 'stix',
  valid_from: '2029-06-01T00:00:00Z',
  ...extra,
});
const groupDef = (id: string, members: string[]) => ({
  type: 'marking-definition',
  spec_version: '2.1',
  id,
  created: '2029-01-01T00:00:00.000Z',
  name: 'a group',
  extensions: { [GROUP_EXT]: { extension_type: 'property-extension', members } },
});
const objects = (r: Reply) => (r.body.objects as Record<string, unknown>[] | undefined) ?? [];

describe('a hostile editor of a third organisation (issue 13)', () => {
  let node: TestNode;
  const users: Record<string, string> = {};
  let now = T0;
  const tick = () => {
    now += 1000;
    node.setNow(now);
  };
  const post = async (user: string, collection: string, objs: unknown[]) => {
    tick();
    return node.post(user, collection, objs);
  };
  const get = async (user: string, path: string, query?: Record<string, string>) => {
    tick();
    return node.get(user, path, query);
  };

  beforeEach(async () => {
    now = T0;
    node = await testNode(T0);
    for (const [i, slug] of ['a', 'b', 'c'].entries()) {
      await node.addOrg(slug, ident(i + 1));
      users[slug] = await node.addUser(slug);
    }
    await node.addCollection(SHARED, ['*'], ['*']);
    await node.addCollection(OWN_C, ['c'], ['c']);
    return () => node.close();
  });

  it('1. defining a marking that hidden objects reference, before the node knows it, reveals nothing', async () => {
    const m = 'marking-definition--00000000-0000-4000-8000-000000001301';
    const hidden = ind(1, { object_marking_refs: [TLP_V2.red.id, m] });
    expect((await post(users.a!, SHARED, [hidden])).body.success_count).toBe(1);
    // c defines m as a group of its own, in its collection and in the shared one.
    expect((await post(users.c!, OWN_C, [groupDef(m, [ident(3)])])).body.success_count).toBe(1);
    expect((await get(users.c!, `collections/${SHARED}/objects/${hidden.id}/`)).status).toBe(404);
    const other = 'marking-definition--00000000-0000-4000-8000-000000001302';
    const hidden2 = ind(2, { object_marking_refs: [other] });
    await post(users.a!, SHARED, [hidden2]);
    expect((await post(users.c!, SHARED, [groupDef(other, [ident(3)])])).body.success_count).toBe(1);
    expect((await get(users.c!, `collections/${SHARED}/objects/${hidden2.id}/`)).status).toBe(404);
    // b, not named by c's definitions, sees neither either: they stay hidden, fail closed.
    expect((await get(users.b!, `collections/${SHARED}/objects/${hidden.id}/`)).status).toBe(404);
  });

  it('2. re-posting an existing group or embargo with more members or an earlier release changes nothing', async () => {
    const group = await addSharingGroup(node.store, { id: 'ab', members: ['a', 'b'] });
    const embargo = await addEmbargo(node.store, {
      releaseAt: '2031-01-01T00:00:00.000Z',
      cosigners: ['a', 'b'],
    });
    const red = ind(3, { object_marking_refs: [TLP_V2.red.id, String(group.id)] });
    const embargoed = ind(4, { object_marking_refs: [String(embargo.id)] });
    await post(users.a!, SHARED, [red, embargoed]);
    const wider = groupDef(String(group.id), [ident(1), ident(2), ident(3)]);
    // c names itself as creator: naming a is refused outright (see 3).
    const earlier = {
      ...embargo,
      created_by_ref: ident(3),
      extensions: {
        [EMBARGO_EXT]: {
          extension_type: 'property-extension',
          release_at: '2029-01-01T00:00:00.000Z',
          cosigners: [ident(1), ident(2), ident(3)],
        },
      },
    };
    for (const collection of [SHARED, OWN_C]) {
      const status = await post(users.c!, collection, [wider, earlier]);
      // The same answer whether or not the ids are known: c cannot tell.
      expect(status.body.success_count).toBe(2);
    }
    for (const o of [red, embargoed])
      expect((await get(users.c!, `collections/${SHARED}/objects/${o.id}/`)).status).toBe(404);
    // Others read the group as it was made: GET of the definition never serves c's copy.
    const served = await get(users.b!, `collections/${SHARED}/objects/${group.id}/`);
    expect(served.status).toBe(200);
    const members = objects(served).map(
      (d) =>
        ((d.extensions as Record<string, { members: string[] }>)[GROUP_EXT] as { members: string[] }).members,
    );
    expect(members).toEqual([[ident(1), ident(2)]]);
    expect((await get(users.b!, `collections/${SHARED}/objects/${red.id}/`)).status).toBe(200);
  });

  it('3. STIX 2.1 section 3.6: another organisation cannot add versions of an object, seen or hidden', async () => {
    const seen = ind(5, { created_by_ref: ident(1) });
    const hidden = ind(6, { object_marking_refs: [TLP_V2.red.id] });
    await post(users.a!, SHARED, [seen, hidden]);
    const later = '2029-09-01T00:00:00.000Z';
    // Naming a as the creator is refused outright, whatever the id: c may not speak for a.
    const forged = await post(users.c!, SHARED, [
      ind(5, { created_by_ref: ident(1), name: 'forged' }, later),
    ]);
    expect(forged.body.failure_count).toBe(1);
    expect(JSON.stringify(forged.body.failures)).toContain('may not speak for');
    // A version of an object c can see is refused with a reason.
    const visible = await post(users.c!, SHARED, [ind(5, { name: 'forged' }, later)]);
    expect(visible.body.failure_count).toBe(1);
    expect(JSON.stringify(visible.body.failures)).toContain('section 3.6');
    // A version of an object c cannot see is answered as for an absent object, and kept for c alone.
    const blind = await post(users.c!, SHARED, [ind(6, { name: 'forged' }, later)]);
    expect(blind.body.success_count).toBe(1);
    for (const reader of ['a', 'b']) {
      const r = await get(users[reader]!, `collections/${SHARED}/objects/${seen.id}/`);
      expect(objects(r).map((o) => o.name)).toEqual(['indicator 5']);
    }
    const a = await get(users.a!, `collections/${SHARED}/objects/${hidden.id}/`, { 'match[version]': 'all' });
    expect(objects(a).map((o) => o.name)).toEqual(['indicator 6']);
    expect((await get(users.b!, `collections/${SHARED}/objects/${hidden.id}/`)).status).toBe(404);
    const c = await get(users.c!, `collections/${SHARED}/objects/${hidden.id}/`, { 'match[version]': 'all' });
    expect(objects(c).map((o) => o.name)).toEqual(['forged']);
  });

  it('4. posting the id and version of a hidden object answers as for an absent one (no existence oracle)', async () => {
    const hidden = ind(7, { object_marking_refs: [TLP_V2.red.id] });
    await post(users.a!, SHARED, [hidden]);
    const guess = { ...ind(7), name: 'guess' };
    const absent = { ...ind(8), name: 'guess' };
    const onHidden = await post(users.c!, SHARED, [guess]);
    const onAbsent = await post(users.c!, SHARED, [absent]);
    const shape = (r: Reply) => ({
      ...r.body,
      id: undefined,
      request_timestamp: undefined,
      successes: undefined,
    });
    expect(shape(onHidden)).toEqual(shape(onAbsent));
    expect(onHidden.body.success_count).toBe(1);
    // Posting it again is "already stored" for c in both cases alike.
    expect(shape(await post(users.c!, SHARED, [guess]))).toEqual(
      shape(await post(users.c!, SHARED, [absent])),
    );
    // And c's reads of both look alike: its own version, once.
    for (const id of [guess.id, absent.id]) {
      const r = await get(users.c!, `collections/${SHARED}/objects/${id}/versions/`);
      expect(r.body.versions).toEqual([guess.modified]);
    }
  });

  it('7. granular TLP:RED with a granular sharing group on the same content admits the group members', async () => {
    const group = await addSharingGroup(node.store, { id: 'ab', members: ['a', 'b'] });
    const object = ind(9, {
      granular_markings: [
        { marking_ref: TLP_V2.red.id, selectors: ['description'] },
        { marking_ref: String(group.id), selectors: ['description'] },
      ],
    });
    await post(users.a!, SHARED, [object]);
    const b = await get(users.b!, `collections/${SHARED}/objects/${object.id}/`);
    expect(objects(b)[0]?.description).toBe('context 9');
    const c = await get(users.c!, `collections/${SHARED}/objects/${object.id}/`);
    expect(objects(c)).toHaveLength(1);
    expect(objects(c)[0]?.description).toBeUndefined();
  });
});
