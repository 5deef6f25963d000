/**
 * Issue 13, the adversarial property: random worlds of issue 5 (world.ts) plus a hostile
 * organisation `h` that may post anything, in envelopes of mixed objects, at any moment,
 * directly or as a peer's account: definitions under any marking id, versions of any object id,
 * forged `created_by_ref`, objects of its own. Two promises (DESIGN.md, Trust):
 * - honest organisations keep seeing exactly what the oracle of issue 5 says (whatever h posts);
 * - h learns no id, count or byte it could not see: every answer h gets is the same on a node
 *   holding the whole world as on a node holding only what h may see.
 * The one residual risk the generator leaves out is documented in docs/security/threat-model.md:
 * claiming, under one's own name, an id one learned before the node stores it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configurePeer } from '../../src/core/index.js';
import { checkPattern } from '../../src/pattern/index.js';
import { TLP_V2, timestampMicros, UNTRUSTED_TIMESTAMP, validateObject } from '../../src/stix/index.js';
import { type Reply, type TestNode, testNode } from '../policy/http-harness.js';
import { content, oracleMayRead, oracleView } from '../policy/oracle.js';
import { GROUP_EXT, rowsOf, type World, type WorldObject, worldArb } from '../policy/world.js';

const H = { slug: 'h', identityId: 'identity--00000000-0000-4000-8000-0000000000ee' };
const collId = (i: number) => `00000000-0000-4000-8000-00000000c1${i}0`;
const micros = (s: string | undefined) =>
  s === undefined ? undefined : timestampMicros(s, UNTRUSTED_TIMESTAMP);

/** One object the hostile organisation posts. */
type Attack =
  | { readonly kind: 'define'; readonly marking: number; readonly as: Creator; readonly collection: number }
  | {
      readonly kind: 'version';
      readonly target: number;
      readonly as: Creator;
      readonly modified: number;
      readonly clear: boolean;
      readonly collection: number;
    }
  | { readonly kind: 'own'; readonly n: number; readonly clear: boolean; readonly collection: number };
/** Whom an attack names as creator: nobody, h itself, or an honest organisation (forged). */
type Creator =
  | { readonly kind: 'none' }
  | { readonly kind: 'self' }
  | { readonly kind: 'forged'; readonly org: number };

const creatorArb: fc.Arbitrary<Creator> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.constant({ kind: 'self' as const }),
  fc.nat(3).map((org) => ({ kind: 'forged' as const, org })),
);
const attackArb: fc.Arbitrary<Attack> = fc.oneof(
  fc.record({
    kind: fc.constant('define' as const),
    marking: fc.nat(40),
    as: creatorArb,
    collection: fc.nat(1),
  }),
  fc.record({
    kind: fc.constant('version' as const),
    target: fc.nat(7),
    as: creatorArb,
    modified: fc.integer({ min: -1, max: 1 }),
    clear: fc.boolean(),
    collection: fc.nat(1),
  }),
  fc.record({ kind: fc.constant('own' as const), n: fc.nat(9), clear: fc.boolean(), collection: fc.nat(1) }),
);
/** Envelopes of 1–3 attacks, each sent after `after` honest posts. */
const campaignArb = fc.array(
  fc.record({ after: fc.nat(8), attacks: fc.array(attackArb, { minLength: 1, maxLength: 3 }) }),
  { minLength: 1, maxLength: 5 },
);

function creatorRef(world: World, as: Creator): Record<string, unknown> {
  if (as.kind === 'none') return {};
  if (as.kind === 'self') return { created_by_ref: H.identityId };
  return { created_by_ref: world.orgs[as.org % world.orgs.length]!.identityId };
}

/** The object an attack posts, or undefined when it would claim an id h cannot know yet (see top). */
function attackObject(
  world: World,
  a: Attack,
  posted: ReadonlySet<number>,
): Record<string, unknown> | undefined {
  if (a.kind === 'define') {
    const id = world.markings[a.marking % world.markings.length]!.id;
    return {
      type: 'marking-definition',
      spec_version: '2.1',
      id,
      created: '2029-01-01T00:00:00.000Z',
      name: 'defined by h',
      ...creatorRef(world, a.as),
      extensions: {
        [GROUP_EXT]: {
          extension_type: 'property-extension',
          members: [H.identityId, ...world.orgs.map((o) => o.identityId)],
        },
      },
    };
  }
  if (a.kind === 'own') {
    return {
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--00000000-0000-4000-8000-0000000e${String(a.n).padStart(4, '0')}`,
      created: '2029-06-01T00:00:00.000Z',
      modified: '2029-06-01T00:00:00.000Z',
      pattern: "[domain-name:value = 'h.example']",
      pattern_type: 'stix',
      valid_from: '2029-06-01T00:00:00Z',
      created_by_ref: H.identityId,
      ...(a.clear ? { object_marking_refs: [TLP_V2.clear.id] } : {}),
    };
  }
  const i = a.target % world.objects.length;
  const target = world.objects[i]!.object;
  // Claiming, unforged, an id not yet stored here is the documented residual risk: left out.
  if (!posted.has(i) && a.as.kind !== 'forged') return undefined;
  const modified = new Date(Date.parse(String(target.modified)) + a.modified * 86_400_000).toISOString();
  const { created_by_ref: _c, object_marking_refs: _m, granular_markings: _g, ...rest } = target;
  return {
    ...rest,
    modified,
    name: 'forged by h',
    ...creatorRef(world, a.as),
    ...(a.clear ? { object_marking_refs: [TLP_V2.clear.id] } : {}),
  };
}

/** Loads the honest objects `keep` of `world` and the campaign into a fresh node; returns h's transcript. */
async function play(
  world: World,
  campaign: readonly { after: number; attacks: readonly Attack[] }[],
  keep: (o: WorldObject) => boolean,
  hostileIsPeer: boolean,
): Promise<{ node: TestNode; users: Map<string, string>; transcript: unknown[]; loaded: World }> {
  const node = await testNode(world.base - 1_000_000);
  const users = new Map<string, string>();
  for (const o of [...world.orgs, H]) {
    await node.addOrg(o.slug, o.identityId);
    users.set(o.slug, await node.addUser(o.slug));
  }
  for (const [i, c] of world.collections.entries()) await node.addCollection(collId(i), c.canRead, ['*']);
  for (const m of world.markings)
    if (m.json) await node.store.putMarkingDefinition(m.id, m.json, { kind: 'node' });
  if (hostileIsPeer) {
    await configurePeer(node.store, {
      name: 'hostile',
      url: 'http://127.0.0.1:9/taxii2/',
      username: 'x',
      password: 'x',
      remoteCollection: collId(0),
      localCollection: collId(0),
      orgId: 'h',
    });
  }
  const transcript: unknown[] = [];
  const due = world.objects
    .map((o, i) => ({ o, i }))
    .filter(({ o }) => o.addedAt <= world.now)
    .sort((a, b) => a.o.addedAt - b.o.addedAt);
  const posted = new Set<number>(); // world objects an honest organisation tried to post
  const attackAt = (k: number) => campaign.filter((c) => Math.min(c.after, due.length) === k);
  const attack = async (k: number, t: number) => {
    for (const [e, envelope] of attackAt(k).entries()) {
      const objects = envelope.attacks
        .map((a) => attackObject(world, a, posted))
        .filter((o) => o !== undefined);
      if (objects.length === 0) continue;
      node.setNow(t + 4 * e);
      const collection = envelope.attacks[0]!.collection % world.collections.length;
      const r = await node.post(users.get('h')!, collId(collection), objects);
      transcript.push(['post', k, e, r.status, { ...r.body, id: undefined, request_timestamp: undefined }]);
    }
  };
  const kept: WorldObject[] = [];
  // Envelopes go 10 µs after the previous honest post (worlds are spaced 100 µs apart, below).
  for (const [k, { o, i }] of due.entries()) {
    await attack(k, k === 0 ? o.addedAt - 50 : (due[k - 1]?.o.addedAt ?? 0) + 10);
    // World objects may be invalid (a selector past a list's end): such an id is never stored.
    const valid = validateObject(o.object, { patternCheck: checkPattern }).ok;
    if (valid) posted.add(i);
    if (!keep(o)) continue;
    node.setNow(o.addedAt);
    const r = await node.post(users.get(o.producer)!, collId(o.collection), [o.object]);
    // Nothing h posts keeps an honest organisation from adding a valid object.
    expect(r.body.success_count, JSON.stringify(r.body.failures)).toBe(valid ? 1 : 0);
    if (valid) kept.push(o);
  }
  await attack(due.length, (due.at(-1)?.o.addedAt ?? world.now - 500) + 10);
  node.setNow(world.now);
  transcript.push(...(await readsOf(node, users.get('h')!, world)));
  return { node, users, transcript, loaded: { ...world, objects: kept } };
}

/** Every read h may make of every collection, normalised (cursors are opaque: named by page). */
async function readsOf(node: TestNode, user: string, world: World): Promise<unknown[]> {
  const out: unknown[] = [];
  // Cursors and error ids are opaque and random: what they hold is checked elsewhere.
  const shape = (r: Reply) => [
    r.status,
    r.headers['x-taxii-date-added-first'],
    r.headers['x-taxii-date-added-last'],
    {
      ...r.body,
      next: r.body.next === undefined ? undefined : 'next',
      error_id: r.body.error_id === undefined ? undefined : 'error',
    },
  ];
  const ids = new Set<string>([
    ...world.objects.map((o) => String(o.object.id)),
    ...world.markings.map((m) => m.id),
    ...Array.from(
      { length: 10 },
      (_, n) => `indicator--00000000-0000-4000-8000-0000000e${String(n).padStart(4, '0')}`,
    ),
  ]);
  for (const [ci] of world.collections.entries()) {
    const base = `collections/${collId(ci)}/`;
    let next: string | undefined;
    let pages = 0;
    do {
      const r = await node.get(user, `${base}objects/`, {
        limit: '2',
        'match[version]': 'all',
        ...(next ? { next } : {}),
      });
      out.push(['objects', ci, pages, ...shape(r)]);
      next = r.body.next as string | undefined;
      pages++;
    } while (next && pages < 30);
    out.push([
      'manifest',
      ci,
      ...shape(await node.get(user, `${base}manifest/`, { 'match[version]': 'all' })),
    ]);
    for (const id of ids) {
      out.push([
        'object',
        ci,
        id,
        ...shape(await node.get(user, `${base}objects/${id}/`, { 'match[version]': 'all' })),
      ]);
      out.push(['versions', ci, id, ...shape(await node.get(user, `${base}objects/${id}/versions/`))]);
    }
  }
  return out;
}

/** Honest organisations see exactly the oracle's world (h's own objects aside). */
async function checkHonest(node: TestNode, users: Map<string, string>, world: World): Promise<void> {
  const rows = rowsOf(world).filter((r) => r.dateAdded <= world.now);
  for (const org of world.orgs) {
    for (const [ci] of world.collections.entries()) {
      if (!oracleMayRead(world, org.slug, ci)) continue;
      const expected = rows
        .filter((r) => r.collectionId === `c${ci}`)
        .map((r) => ({
          row: r,
          view: oracleView(
            world,
            org.slug,
            r.producerOrg,
            JSON.parse(r.json),
            r.entry,
            r.dateAdded,
            world.now,
          ),
        }))
        .filter((e) => e.view !== undefined)
        .sort((a, b) => a.row.dateAdded - b.row.dateAdded);
      const got: Record<string, unknown>[] = [];
      let next: string | undefined;
      let pages = 0;
      do {
        const r = await node.get(users.get(org.slug)!, `collections/${collId(ci)}/objects/`, {
          limit: '3',
          'match[version]': 'all',
          ...(next ? { next } : {}),
        });
        got.push(...((r.body.objects as Record<string, unknown>[] | undefined) ?? []));
        next = r.body.next as string | undefined;
        pages++;
      } while (next && pages < 30);
      // What h posted under an id nobody has in this collection is h's own object, to share as
      // it likes; a version of an id an honest organisation stored here never reaches anyone.
      const hostile = (o: Record<string, unknown>) =>
        o.created_by_ref === H.identityId || (typeof o.name === 'string' && o.name.endsWith('by h'));
      const honest = got.filter((o) => !hostile(o));
      expect(honest.map(content)).toEqual(expected.map((e) => content(e.view)));
      const storedHere = new Set(
        world.objects.filter((o) => o.collection === ci).map((o) => String(o.object.id)),
      );
      expect(got.filter((o) => hostile(o) && storedHere.has(String(o.id)))).toEqual([]);
      const manifest = await node.get(users.get(org.slug)!, `collections/${collId(ci)}/manifest/`, {
        'match[version]': 'all',
      });
      const entries = (manifest.body.objects as { id: string; date_added: string }[] | undefined) ?? [];
      const hostileIds = new Set(got.filter(hostile).map((o) => o.id));
      expect(entries.filter((e) => !hostileIds.has(e.id)).map((e) => [e.id, micros(e.date_added)])).toEqual(
        expected.map((e) => [e.row.id, e.row.dateAdded]),
      );
    }
  }
}

describe('a hostile organisation against random worlds (issue 13, property)', () => {
  it('honest organisations see what the oracle says, and h learns nothing it may not see', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, campaignArb, fc.boolean(), async (base, campaign, hostileIsPeer) => {
        // Honest posts 100 µs apart within a millisecond (world.ts puts them 1 µs apart): an
        // entry's date_added depends on entries of the last few µs, so h posts in between.
        const world: World = {
          ...base,
          objects: base.objects.map((o, i) => ({ ...o, addedAt: o.addedAt + (i + 1) * 99 })),
        };
        const hView: World = { ...world, orgs: [...world.orgs, H] };
        const visibleToH = (o: WorldObject) =>
          oracleMayRead(hView, 'h', o.collection) &&
          rowsOf({ ...hView, objects: [o] }).some(
            (r) =>
              r.dateAdded <= world.now &&
              oracleView(hView, 'h', r.producerOrg, JSON.parse(r.json), r.entry, r.dateAdded, world.now) !==
                undefined,
          );
        const full = await play(world, campaign, () => true, hostileIsPeer);
        try {
          await checkHonest(full.node, full.users, full.loaded).catch(async (error: unknown) => {
            if (process.env.ADVERSARIAL_DUMP) {
              const { writeFileSync } = await import('node:fs');
              writeFileSync(
                '/tmp/adv-case.json',
                JSON.stringify({ world, campaign, hostileIsPeer }, null, 1),
              );
            }
            throw error;
          });
          const seen = await play(world, campaign, visibleToH, hostileIsPeer);
          try {
            if (
              process.env.ADVERSARIAL_DUMP &&
              JSON.stringify(seen.transcript) !== JSON.stringify(full.transcript)
            ) {
              const { writeFileSync } = await import('node:fs');
              writeFileSync(
                '/tmp/adv.json',
                JSON.stringify(
                  { world, campaign, hostileIsPeer, a: full.transcript, b: seen.transcript },
                  null,
                  1,
                ),
              );
            }
            expect(seen.transcript).toEqual(full.transcript);
          } finally {
            await seen.node.close();
          }
        } finally {
          await full.node.close();
        }
      }),
      { numRuns: Number(process.env.ADVERSARIAL_RUNS ?? 20) },
    );
  }, 600_000);
});
