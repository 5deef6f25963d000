/**
 * Issue 5: a TLP:RED object shared with a sharing group of two of three organisations is
 * invisible to the third through every TAXII endpoint: lists, counts, date headers, manifests,
 * versions, match[id], errors (404, never 403) and pagination (`more`/`next`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSharingGroup, listAudit } from '../../src/core/sharing.js';
import { TLP_V2 } from '../../src/stix/index.js';
import { type Reply, type TestNode, testNode } from './http-harness.js';

const T0 = Date.UTC(2030, 0, 1) * 1000;
const COLL = '2c9d3a0e-4f6b-4c1d-9e8f-0a1b2c3d4e5f';
const ident = (n: number) => `identity--00000000-0000-4000-8000-00000000000${n}`;
const ind = (n: number, extra: Record<string, unknown> = {}, modified = '2029-06-01T00:00:00.000Z') => ({
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`,
  created: '2029-06-01T00:00:00.000Z',
  modified,
  name: `indicator ${n}`,
  description: `context ${n}`,
  pattern: `[domain-name:value = 'x${n}.example']`,
  pattern_type: 'stix',
  valid_from: '2029-06-01T00:00:00Z',
  ...extra,
});
const ids = (r: Reply) => ((r.body.objects as { id: string }[] | undefined) ?? []).map((o) => o.id);

describe('TLP:RED shared with a sharing group of two of three organisations', () => {
  let node: TestNode;
  const users: Record<string, string> = {};
  const o1 = ind(1, { object_marking_refs: [TLP_V2.green.id] });
  const o2 = ind(2, { object_marking_refs: [TLP_V2.green.id] });
  let red1: Record<string, unknown>;
  let red2: Record<string, unknown>;
  let red3: Record<string, unknown>;
  let granular: Record<string, unknown>;
  const at: number[] = [];

  beforeAll(async () => {
    node = await testNode(T0);
    for (const [i, slug] of ['a', 'b', 'c'].entries()) {
      await node.addOrg(slug, ident(i + 1));
      users[slug] = await node.addUser(slug);
    }
    await node.addCollection(COLL, ['*'], ['*']);
    const group = await addSharingGroup(node.store, { id: 'ab', members: ['a', 'b'] });
    const red = { object_marking_refs: [TLP_V2.red.id, group.id] };
    red1 = ind(10, red);
    red2 = ind(10, red, '2029-07-01T00:00:00.000Z');
    red3 = ind(11, red);
    granular = ind(12, { granular_markings: [{ marking_ref: TLP_V2.red.id, selectors: ['description'] }] });
    // Feed order: o1, red v1, granular, red v2, o2, red3 (all added by organisation a).
    for (const [i, obj] of [o1, red1, granular, red2, o2, red3].entries()) {
      at.push(T0 + (i + 1) * 1000);
      node.setNow(at[i]!);
      const r = await node.post(users.a!, COLL, [obj]);
      expect(r.body.success_count).toBe(1);
    }
    node.setNow(T0 + 10_000);
  });
  afterAll(() => node.close());

  it('5.4 objects: the third organisation sees neither the object nor its slot; the group does', async () => {
    const c = await node.get(users.c!, `collections/${COLL}/objects/`);
    expect(ids(c)).toEqual([o1.id, granular.id, o2.id]);
    expect(c.body.more).toBeUndefined();
    expect((c.body.objects as Record<string, unknown>[])[1]!.description).toBeUndefined();
    for (const u of [users.a!, users.b!]) {
      const r = await node.get(u, `collections/${COLL}/objects/`);
      expect(ids(r)).toEqual([o1.id, granular.id, red2.id, o2.id, red3.id]);
    }
  });

  it('3.2 date headers count only what the reader sees', async () => {
    const c = await node.get(users.c!, `collections/${COLL}/objects/`);
    expect(c.headers['x-taxii-date-added-first']).toBe(
      new Date(at[0]! / 1000).toISOString().replace('Z', '000Z'),
    );
    expect(c.headers['x-taxii-date-added-last']).toBe(
      new Date(at[4]! / 1000).toISOString().replace('Z', '000Z'),
    );
    const b = await node.get(users.b!, `collections/${COLL}/objects/`);
    expect(b.headers['x-taxii-date-added-last']).toBe(
      new Date(at[5]! / 1000).toISOString().replace('Z', '000Z'),
    );
    const hidden = await node.get(users.c!, `collections/${COLL}/objects/`, { 'match[id]': String(red1.id) });
    expect([hidden.status, hidden.body, hidden.headers['x-taxii-date-added-first']]).toEqual([
      200,
      {},
      undefined,
    ]);
  });

  it('5.6 get object: 404 for the hidden object, exactly as for an absent one', async () => {
    const absent = 'indicator--99999999-0000-4000-8000-000000000099';
    const hidden = await node.get(users.c!, `collections/${COLL}/objects/${String(red1.id)}/`);
    const missing = await node.get(users.c!, `collections/${COLL}/objects/${absent}/`);
    expect(hidden.status).toBe(404);
    // Same status and body but for the id named and the per-request error_id.
    const norm = (r: Reply, id: string) => JSON.stringify({ ...r.body, error_id: '' }).replaceAll(id, 'X');
    expect(norm(hidden, String(red1.id))).toBe(norm(missing, absent));
    expect((await node.get(users.b!, `collections/${COLL}/objects/${String(red1.id)}/`)).status).toBe(200);
  });

  it('5.8 versions: 404 for the third organisation, both versions for the group', async () => {
    expect(
      (await node.get(users.c!, `collections/${COLL}/objects/${String(red1.id)}/versions/`)).status,
    ).toBe(404);
    const b = await node.get(users.b!, `collections/${COLL}/objects/${String(red1.id)}/versions/`);
    expect(b.body.versions).toEqual([red1.modified, red2.modified]);
  });

  it('5.3 manifest lists only visible versions, with match[version]=all', async () => {
    const c = await node.get(users.c!, `collections/${COLL}/manifest/`, { 'match[version]': 'all' });
    expect(ids(c)).toEqual([o1.id, granular.id, o2.id]);
    const a = await node.get(users.a!, `collections/${COLL}/manifest/`, { 'match[version]': 'all' });
    expect(ids(a)).toEqual([o1.id, red1.id, granular.id, red2.id, o2.id, red3.id]);
  });

  it('3.4 pagination: hidden entries take no slot, and no page promises more that is hidden', async () => {
    const pages: string[][] = [];
    const mores: unknown[] = [];
    let next: string | undefined;
    do {
      const r: Reply = await node.get(users.c!, `collections/${COLL}/objects/`, {
        limit: '1',
        ...(next ? { next } : {}),
      });
      pages.push(ids(r));
      mores.push(r.body.more ?? false);
      next = r.body.next as string | undefined;
    } while (next && pages.length < 10);
    expect(pages).toEqual([[o1.id], [granular.id], [o2.id]]);
    expect(mores).toEqual([true, true, false]);
    const after = await node.get(users.c!, `collections/${COLL}/objects/`, {
      added_after: new Date(at[1]! / 1000).toISOString(),
    });
    expect(ids(after)).toEqual([granular.id, o2.id]);
  });

  it('the audit log records who read the RED version, and nothing for the organisation that could not', async () => {
    await node.get(users.b!, `collections/${COLL}/objects/${String(red1.id)}/`);
    await node.get(users.c!, `collections/${COLL}/objects/${String(red1.id)}/`);
    const reads = (await listAudit(node.store, {})).filter(
      (e) => e.action === 'read' && e.objectId === red1.id,
    );
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads.map((e) => e.orgId))).toEqual(new Set(['a', 'b']));
    expect(new Set(reads.map((e) => e.marking))).toEqual(new Set(['red']));
    const cReads = (await listAudit(node.store, { orgId: 'c' })).filter((e) => e.action === 'read');
    // c received the granular object only with its RED content removed: nothing restricted to record.
    expect(cReads).toEqual([]);
  });
});
