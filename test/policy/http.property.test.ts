/**
 * Issue 5, the whole read surface: random worlds (world.ts) loaded into a real node through
 * TAXII POST, then every organisation reads every collection through every read endpoint
 * (objects with paging and date headers, object, versions, manifest) and receives exactly what
 * the oracle (oracle.ts) says: nothing it may not see, everything it may.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timestampMicros } from '../../src/stix/index.js';
import type { StoredObject } from '../../src/store/index.js';
import { type Reply, testNode } from './http-harness.js';
import { content, oracleMayRead, oracleView } from './oracle.js';
import { rowsOf, type World, worldArb } from './world.js';

const collId = (i: number) => `00000000-0000-4000-8000-00000000c0${i}0`;
const micros = (s: string | undefined) => (s === undefined ? undefined : timestampMicros(s));

async function check(world: World): Promise<void> {
  const node = await testNode(world.base - 1_000_000);
  try {
    const users = new Map<string, string>();
    for (const o of world.orgs) {
      await node.addOrg(o.slug, o.identityId);
      users.set(o.slug, await node.addUser(o.slug));
    }
    // Writing is open to all here: write lists are covered by the decision-level property.
    for (const [i, c] of world.collections.entries()) await node.addCollection(collId(i), c.canRead, ['*']);
    for (const m of world.markings)
      if (m.json) await node.store.putMarkingDefinition(m.id, m.json, { kind: 'node' });
    const accepted = new Set<string>();
    const due = world.objects.filter((o) => o.addedAt <= world.now).sort((a, b) => a.addedAt - b.addedAt);
    for (const o of due) {
      node.setNow(o.addedAt);
      const r = await node.post(users.get(o.producer)!, collId(o.collection), [o.object]);
      if (r.body.success_count === 1) accepted.add(o.object.id as string);
    }
    node.setNow(world.now);
    const loaded: World = { ...world, objects: due.filter((o) => accepted.has(o.object.id as string)) };
    const rows = rowsOf(loaded).filter((r) => r.dateAdded <= world.now);
    for (const org of world.orgs) {
      const user = users.get(org.slug)!;
      for (const [ci] of world.collections.entries()) {
        const base = `collections/${collId(ci)}/`;
        if (!oracleMayRead(world, org.slug, ci)) {
          const r = await node.get(user, `${base}objects/`);
          expect([403, 404]).toContain(r.status);
          expect(r.body.objects).toBeUndefined();
          continue;
        }
        const expected = rows
          .filter((r) => r.collectionId === `c${ci}`)
          .map((r) => ({ row: r, view: view(world, org.slug, r) }))
          .filter((e) => e.view !== undefined)
          .sort((a, b) => a.row.dateAdded - b.row.dateAdded);
        // Objects endpoint, two per page, following next; date headers per page.
        const got: Record<string, unknown>[] = [];
        let next: string | undefined;
        let pages = 0;
        do {
          const r: Reply = await node.get(user, `${base}objects/`, { limit: '2', ...(next ? { next } : {}) });
          expect(r.status).toBe(200);
          const objs = (r.body.objects as Record<string, unknown>[] | undefined) ?? [];
          const slice = expected.slice(got.length, got.length + objs.length);
          expect(micros(r.headers['x-taxii-date-added-first'])).toBe(slice[0]?.row.dateAdded);
          expect(micros(r.headers['x-taxii-date-added-last'])).toBe(slice.at(-1)?.row.dateAdded);
          got.push(...objs);
          next = r.body.next as string | undefined;
          expect(r.body.more ?? false).toBe(next !== undefined);
          pages++;
        } while (next && pages < 20);
        expect(got.map(content)).toEqual(expected.map((e) => content(e.view)));
        // Manifest: ids and date_added of every visible version.
        const manifest = await node.get(user, `${base}manifest/`, { 'match[version]': 'all' });
        const entries = (manifest.body.objects as { id: string; date_added: string }[] | undefined) ?? [];
        expect(entries.map((e) => [e.id, micros(e.date_added)])).toEqual(
          expected.map((e) => [e.row.id, e.row.dateAdded]),
        );
        // Object and versions endpoints: 404 exactly when nothing is visible.
        for (const o of loaded.objects.filter((x) => x.collection === ci)) {
          const id = o.object.id as string;
          const want = expected.find((e) => e.row.id === id);
          const one = await node.get(user, `${base}objects/${id}/`);
          expect(one.status).toBe(want ? 200 : 404);
          if (want)
            expect(content((one.body.objects as Record<string, unknown>[])[0])).toEqual(content(want.view));
          const versions = await node.get(user, `${base}objects/${id}/versions/`);
          expect(versions.status).toBe(want ? 200 : 404);
          if (want) expect(versions.body.versions).toEqual([o.object.modified]);
        }
      }
    }
  } finally {
    await node.close();
  }
}

function view(world: World, reader: string, row: StoredObject) {
  return oracleView(
    world,
    reader,
    row.producerOrg,
    JSON.parse(row.json),
    row.entry,
    row.dateAdded,
    world.now,
  );
}

describe('every read endpoint against the oracle (property, over HTTP)', () => {
  it('no organisation receives a byte it may not see, and it receives everything it may see', async () => {
    await fc.assert(fc.asyncProperty(worldArb, check), { numRuns: 25 });
  }, 120_000);
});
