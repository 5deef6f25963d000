/**
 * Issue 17: `GET /api/objects/ID/access` agrees with what each organisation actually gets, for
 * random worlds of the policy property tests (test/policy/world.ts): an organisation "can see"
 * an object exactly when its user gets it through TAXII (any collection, GET …/objects/ID/) and
 * through `GET /api/objects/ID`. The producer sees every organisation; any other organisation
 * that sees the object only itself. Search by id agrees too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testNode } from '../policy/http-harness.js';
import { type World, worldArb } from '../policy/world.js';

const collId = (i: number) => `00000000-0000-4000-8000-00000000c0${i}0`;
const PASSWORD = 'correct horse battery';
const auth = (user: string) => `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`;

async function check(world: World): Promise<void> {
  const node = await testNode(world.base - 1_000_000);
  try {
    const users = new Map<string, string>();
    for (const o of world.orgs) {
      await node.addOrg(o.slug, o.identityId);
      users.set(o.slug, await node.addUser(o.slug));
    }
    for (const [i, c] of world.collections.entries()) await node.addCollection(collId(i), c.canRead, ['*']);
    for (const m of world.markings)
      if (m.json) await node.store.putMarkingDefinition(m.id, m.json, { kind: 'node' });
    const producers = new Map<string, Set<string>>();
    const due = world.objects.filter((o) => o.addedAt <= world.now).sort((a, b) => a.addedAt - b.addedAt);
    for (const o of due) {
      node.setNow(o.addedAt);
      const r = await node.post(users.get(o.producer)!, collId(o.collection), [o.object]);
      const id = o.object.id as string;
      if (r.body.success_count === 1) producers.set(id, new Set([...(producers.get(id) ?? []), o.producer]));
    }
    node.setNow(world.now);
    const api = (user: string, url: string) =>
      node.app.inject({ method: 'GET', url, headers: { authorization: auth(user) } });

    for (const [id, producedBy] of producers) {
      const sees = new Map<string, boolean>();
      for (const org of world.orgs) {
        const user = users.get(org.slug)!;
        let viaTaxii = false;
        for (const [ci] of world.collections.entries()) {
          const r = await node.get(user, `collections/${collId(ci)}/objects/${id}/`);
          if (r.status === 200 && Array.isArray(r.body.objects) && r.body.objects.length > 0) viaTaxii = true;
        }
        const viaApi = (await api(user, `/api/objects/${id}`)).statusCode === 200;
        expect(viaApi, `${org.slug} ${id}: API and TAXII disagree`).toBe(viaTaxii);
        // Search by id finds exactly what the organisation sees (hidden ≡ absent).
        const found = (await api(user, `/api/search?q=${id}`))
          .json()
          .results.map((r: { id: string }) => r.id);
        expect(found, `${org.slug} searches ${id}`).toEqual(viaApi ? [id] : []);
        sees.set(org.slug, viaApi);
      }
      for (const org of world.orgs) {
        const res = await api(users.get(org.slug)!, `/api/objects/${id}/access`);
        if (!sees.get(org.slug)) {
          expect(res.statusCode).toBe(404);
          continue;
        }
        expect(res.statusCode).toBe(200);
        const listed = (res.json().organisations as { org: { slug: string }; canSee: boolean }[]).map((o) => [
          o.org.slug,
          o.canSee,
        ]);
        const expected = producedBy.has(org.slug)
          ? world.orgs.map((o) => [o.slug, sees.get(o.slug)])
          : [[org.slug, true]];
        expect(listed, `${org.slug} asks about ${id}`).toEqual(expected);
      }
    }
  } finally {
    await node.close();
  }
}

describe('GET /api/objects/ID/access (issue 17)', () => {
  it('agrees with what each organisation gets through TAXII and GET /api/objects/ID, for random worlds', async () => {
    await fc.assert(fc.asyncProperty(worldArb, check), { numRuns: 20 });
  }, 300_000);
});
