/**
 * Issue 5: an embargo across its release instant, seen by a TAXII poller that pages with
 * `added_after` cursors (TAXII 2.1 section 3.4.1, date headers of 3.2): hidden from everyone but
 * the producer and co-signers until release, then delivered once, as added at the release time,
 * so the poller that already paged past the original entry still receives it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addEmbargo } from '../../src/core/sharing.js';
import { timestampMicros } from '../../src/stix/index.js';
import { type Reply, type TestNode, testNode } from './http-harness.js';

const T0 = Date.UTC(2030, 0, 1) * 1000;
const RELEASE = T0 + 100_000;
const COLL = '3d9d3a0e-4f6b-4c1d-9e8f-0a1b2c3d4e5f';
const ident = (n: number) => `identity--00000000-0000-4000-8000-00000000001${n}`;
const ind = (n: number, extra: Record<string, unknown> = {}) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--00000000-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`,
  created: '2029-06-01T00:00:00.000Z',
  modified: '2029-06-01T00:00:00.000Z',
  name: `indicator ${n}`,
  pattern: `[domain-name:value = 'e${n}.example']`,
  pattern_type: 'stix',
  valid_from: '2029-06-01T00:00:00Z',
  ...extra,
});
const ids = (r: Reply) => ((r.body.objects as { id: string }[] | undefined) ?? []).map((o) => o.id);
const lastAdded = (r: Reply) => r.headers['x-taxii-date-added-last'];

describe('embargo across the release instant, polled with added_after cursors', () => {
  let node: TestNode;
  const users: Record<string, string> = {};
  const x1 = ind(1);
  const x2 = ind(2);
  const x3 = ind(3);
  let secret: Record<string, unknown>;

  /** One poll of the objects endpoint after `cursor`, following `next` to the end. */
  async function poll(
    user: string,
    cursor: string | undefined,
  ): Promise<{ ids: string[]; cursor: string | undefined; dates: number[] }> {
    const out: string[] = [];
    const dates: number[] = [];
    let last = cursor;
    let next: string | undefined;
    do {
      const q: Record<string, string> = {
        limit: '1',
        ...(cursor ? { added_after: cursor } : {}),
        ...(next ? { next } : {}),
      };
      const r = await node.get(user, `collections/${COLL}/objects/`, q);
      expect(r.status).toBe(200);
      out.push(...ids(r));
      if (lastAdded(r)) {
        last = lastAdded(r);
        dates.push(timestampMicros(last)!);
      }
      next = r.body.next as string | undefined;
    } while (next);
    return { ids: out, cursor: last, dates };
  }

  beforeAll(async () => {
    node = await testNode(T0);
    for (const [i, slug] of ['a', 'b', 'c'].entries()) {
      await node.addOrg(slug, ident(i + 1));
      users[slug] = await node.addUser(slug);
    }
    await node.addCollection(COLL, ['*'], ['*']);
    const embargo = await addEmbargo(node.store, {
      releaseAt: new Date(RELEASE / 1000).toISOString(),
      cosigners: ['b'],
      asOrg: 'a',
    });
    secret = ind(9, { object_marking_refs: [embargo.id] });
    for (const [i, obj] of [x1, secret, x2].entries()) {
      node.setNow(T0 + (i + 1) * 1000);
      expect((await node.post(users.a!, COLL, [obj])).body.success_count).toBe(1);
    }
  });
  afterAll(() => node.close());

  it('delivers the embargoed object to the other poller exactly at release, after its cursor', async () => {
    node.setNow(T0 + 10_000);
    const first = await poll(users.c!, undefined);
    expect(first.ids).toEqual([x1.id, x2.id]);

    node.setNow(T0 + 50_000);
    expect((await node.post(users.a!, COLL, [x3])).body.success_count).toBe(1);
    node.setNow(RELEASE - 1);
    const before = await poll(users.c!, first.cursor);
    expect(before.ids).toEqual([x3.id]);
    // One microsecond before release: nothing, through any endpoint.
    expect((await poll(users.c!, before.cursor)).ids).toEqual([]);
    expect((await node.get(users.c!, `collections/${COLL}/objects/${String(secret.id)}/`)).status).toBe(404);
    expect(
      (await node.get(users.c!, `collections/${COLL}/objects/${String(secret.id)}/versions/`)).status,
    ).toBe(404);
    expect(ids(await node.get(users.c!, `collections/${COLL}/manifest/`))).toEqual([x1.id, x2.id, x3.id]);

    node.setNow(RELEASE);
    const atRelease = await poll(users.c!, before.cursor);
    expect(atRelease.ids).toEqual([secret.id]);
    expect(atRelease.dates).toEqual([RELEASE]);
    const manifest = await node.get(users.c!, `collections/${COLL}/manifest/`);
    expect(ids(manifest)).toEqual([x1.id, x2.id, x3.id, secret.id]);
    expect(timestampMicros((manifest.body.objects as { date_added: string }[])[3]!.date_added)).toBe(RELEASE);
    expect((await poll(users.c!, atRelease.cursor)).ids).toEqual([]);
  });

  it('the co-signer and the producer see it from the start, once, at its original place', async () => {
    for (const u of [users.a!, users.b!]) {
      node.setNow(T0 + 10_000);
      const early = await poll(u, undefined);
      expect(early.ids).toEqual([x1.id, secret.id, x2.id]);
      node.setNow(RELEASE + 1000);
      const late = await poll(u, undefined);
      expect(late.ids).toEqual([x1.id, secret.id, x2.id, x3.id]);
      expect((await poll(u, early.cursor)).ids).toEqual([x3.id]);
    }
  });

  // A version stored after its release time has no released entry: its added entry serves all.
  it('a version stored after its release time reaches the others once, through its added entry', async () => {
    const late = ind(20, { object_marking_refs: secret.object_marking_refs });
    node.setNow(RELEASE + 5000);
    expect((await node.post(users.a!, COLL, [late])).body.success_count).toBe(1);
    node.setNow(RELEASE + 6000);
    const manifest = await node.get(users.c!, `collections/${COLL}/manifest/`, { 'match[version]': 'all' });
    const entries = (manifest.body.objects as { id: string; date_added: string }[]).filter(
      (e) => e.id === late.id,
    );
    expect(entries.map((e) => timestampMicros(e.date_added))).toEqual([RELEASE + 5000]);
  });
});
