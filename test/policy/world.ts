/**
 * Random worlds for the policy property tests: organisations, collections with access lists,
 * marking definitions (TLP 1.0/2.0, statements, Accord sharing groups and embargoes, unknown
 * and unreadable definitions) and marked objects. Definitions are written here by hand in the
 * CONTRACT.md shapes, not with policy/'s builders, so the tests check the contract too.
 */
import fc from 'fast-check';
import { asMicros, TLP_V1, TLP_V2 } from '../../src/stix/index.js';
import type { StoredObject } from '../../src/store/index.js';

/** The Accord extension ids exactly as CONTRACT.md "Sharing rules" writes them. */
export const GROUP_EXT = 'extension-definition--f9eaf669-d97c-4eac-bd5e-1c00d92d098e';
export const EMBARGO_EXT = 'extension-definition--1a382379-7f51-4647-a93e-e74201b0719d';
/** The advisory and signature extensions of intel/ (docs/decisions/0003 and 0004), written out here. */
export const ADVISORY_EXT = 'extension-definition--3cbb3a08-2d10-47df-8ec3-7824a0c5e3b6';
export const SIGNATURE_EXT = 'extension-definition--7599d6ef-638c-4a3d-9de2-39bae64071f3';

/** One organisation of a world. */
export interface Org {
  readonly slug: string;
  readonly identityId: string;
}

/** A marking as the oracle understands it; `json` is what the node stores (absent: the node never heard of it). */
export type WorldMarking =
  | { readonly id: string; readonly kind: 'tlp'; readonly level: string; readonly json?: undefined }
  | { readonly id: string; readonly kind: 'statement'; readonly json: string }
  | {
      readonly id: string;
      readonly kind: 'group';
      readonly members: readonly string[];
      readonly json: string;
    }
  | {
      readonly id: string;
      readonly kind: 'embargo';
      readonly releaseAt: number;
      readonly cosigners: readonly string[];
      readonly json: string;
    }
  | { readonly id: string; readonly kind: 'opaque'; readonly json: string }
  | { readonly id: string; readonly kind: 'unknown'; readonly json?: undefined };

/** One object version of a world, with the organisation that added it. */
export interface WorldObject {
  readonly producer: string;
  readonly collection: number;
  readonly object: Record<string, unknown>;
  /** µs offset of its added entry, relative to the world's base time. */
  readonly addedAt: number;
  /**
   * The object carries the advisory (or signature) extension: its embargo lifts only by a
   * release entry, which the node's release job writes when the advisory was `sealed`.
   */
  readonly advisory?: { readonly sealed: boolean };
}

/** A whole random world. Times are µs; `now` and release times are multiples of 1000 (ms precision). */
export interface World {
  readonly orgs: readonly Org[];
  readonly collections: readonly {
    readonly canRead: readonly string[];
    readonly canWrite: readonly string[];
  }[];
  readonly markings: readonly WorldMarking[];
  readonly objects: readonly WorldObject[];
  readonly base: number;
  readonly now: number;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const uuid = (kind: number, n: number) => `${hex(kind, 8)}-0000-4000-8000-${hex(n, 12)}`;
const iso = (us: number) => new Date(us / 1000).toISOString();

/** Base time of every world: 2030-01-01T00:00:00Z in µs. */
export const BASE = Date.UTC(2030, 0, 1) * 1000;
const MS = 1000;

const TLPS: readonly WorldMarking[] = [
  ...Object.entries(TLP_V2).map(([level, d]) => ({ id: d.id, kind: 'tlp' as const, level })),
  ...Object.entries(TLP_V1).map(([level, d]) => ({ id: d.id, kind: 'tlp' as const, level })),
];

function markingDef(
  id: string,
  extensions: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    type: 'marking-definition',
    spec_version: '2.1',
    id,
    created: '2029-01-01T00:00:00.000Z',
    ...(Object.keys(extensions).length > 0 ? { extensions } : {}),
    ...extra,
  });
}

const subsetOf = <T>(items: readonly T[]) => fc.subarray([...items]);

/**
 * Arbitrary world with 2–4 organisations, 1–2 collections, up to 8 objects; with `advisories`,
 * some objects are joint advisories or their signatures, sealed or not (ADR 0004).
 */
export function worldArbOf(options: { readonly advisories: boolean }): fc.Arbitrary<World> {
  return fc
    .integer({ min: 2, max: 4 })
    .chain((n) => {
      const orgs: Org[] = Array.from({ length: n }, (_, i) => ({
        slug: `org-${i}`,
        identityId: `identity--${uuid(1, i)}`,
      }));
      const slugs = orgs.map((o) => o.slug);
      const acl = fc.oneof(fc.constant(['*']), subsetOf(slugs));
      const extra = fc.array(
        fc.oneof(
          fc.record({
            kind: fc.constant('group' as const),
            members: subsetOf(slugs).filter((m) => m.length > 0),
          }),
          fc.record({
            kind: fc.constant('embargo' as const),
            releaseAt: fc.integer({ min: -5, max: 20 }).map((k) => BASE + k * MS),
            cosigners: subsetOf(slugs).filter((m) => m.length > 0),
          }),
          fc.constant({ kind: 'statement' as const }),
          fc.constant({ kind: 'opaque' as const }),
          fc.constant({ kind: 'unknown' as const }),
        ),
        { minLength: 1, maxLength: 5 },
      );
      return fc.record({
        orgs: fc.constant(orgs),
        collections: fc.array(fc.record({ canRead: acl, canWrite: acl }), { minLength: 1, maxLength: 2 }),
        extra,
        nowK: fc.integer({ min: 0, max: 25 }),
        seeds: fc.array(
          fc.record({
            producer: fc.constantFrom(...slugs),
            collection: fc.nat(1),
            addedK: fc.integer({ min: -10, max: 25 }),
            omr: fc.array(fc.nat(40), { maxLength: 3 }),
            labels: fc.integer({ min: 1, max: 3 }),
            gms: fc.array(
              fc.record({
                ref: fc.nat(40),
                selectors: fc.array(
                  fc.constantFrom(
                    'description',
                    'name',
                    'labels',
                    'labels.[0]',
                    'labels.[1]',
                    'labels.[2]',
                    'pattern',
                    'nothere',
                  ),
                  { minLength: 1, maxLength: 2 },
                ),
              }),
              { maxLength: 2 },
            ),
            lang: fc.boolean(),
            advisory: options.advisories
              ? fc.option(fc.record({ signature: fc.boolean(), sealed: fc.boolean() }), { nil: undefined })
              : fc.constant(undefined),
          }),
          { minLength: 1, maxLength: 8 },
        ),
      });
    })
    .map(({ orgs, collections, extra, nowK, seeds }) => {
      const idOf = (slug: string) => orgs.find((o) => o.slug === slug)!.identityId;
      const markings: WorldMarking[] = [...TLPS];
      extra.forEach((e, i) => {
        const id = `marking-definition--${uuid(2, i)}`;
        switch (e.kind) {
          case 'group':
            markings.push({
              id,
              kind: 'group',
              members: e.members,
              json: markingDef(id, {
                [GROUP_EXT]: { extension_type: 'property-extension', members: e.members.map(idOf) },
              }),
            });
            break;
          case 'embargo':
            markings.push({
              id,
              kind: 'embargo',
              releaseAt: e.releaseAt,
              cosigners: e.cosigners,
              json: markingDef(id, {
                [EMBARGO_EXT]: {
                  extension_type: 'property-extension',
                  release_at: iso(e.releaseAt),
                  cosigners: e.cosigners.map(idOf),
                },
              }),
            });
            break;
          case 'statement':
            markings.push({
              id,
              kind: 'statement',
              json: markingDef(id, {}, { definition_type: 'statement', definition: { statement: 'ok' } }),
            });
            break;
          case 'opaque':
            markings.push({
              id,
              kind: 'opaque',
              json: markingDef(id, {
                [`extension-definition--${uuid(3, i)}`]: { extension_type: 'property-extension', x: 1 },
              }),
            });
            break;
          case 'unknown':
            markings.push({ id, kind: 'unknown' });
            break;
        }
      });
      const pick = (k: number) => markings[k % markings.length]!.id;
      const objects: WorldObject[] = seeds.map((s, i) => {
        const object: Record<string, unknown> = {
          type: 'indicator',
          spec_version: '2.1',
          id: `indicator--${uuid(4, i)}`,
          created: '2029-06-01T00:00:00.000Z',
          modified: '2029-06-01T00:00:00.000Z',
          name: `name ${i}`,
          description: `description ${i}`,
          pattern: `[domain-name:value = 'd${i}.example']`,
          pattern_type: 'stix',
          valid_from: '2029-06-01T00:00:00Z',
          labels: ['l0', 'l1', 'l2'].slice(0, s.labels),
        };
        const omr = [...new Set(s.omr.map(pick))];
        if (omr.length > 0) object.object_marking_refs = omr;
        const gms: Record<string, unknown>[] = s.gms.map((g) => ({
          marking_ref: pick(g.ref),
          selectors: [...new Set(g.selectors)],
        }));
        if (s.lang) gms.push({ lang: 'de', selectors: ['description'] });
        if (gms.length > 0) object.granular_markings = gms;
        if (s.advisory !== undefined) {
          const ext = s.advisory.signature ? SIGNATURE_EXT : ADVISORY_EXT;
          object.extensions = { [ext]: { extension_type: 'property-extension' } };
        }
        return {
          producer: s.producer,
          collection: s.collection % collections.length,
          object,
          addedAt: BASE + s.addedK * MS + i + 1,
          ...(s.advisory === undefined ? {} : { advisory: { sealed: s.advisory.sealed } }),
        };
      });
      return { orgs, collections, markings, objects, base: BASE, now: BASE + nowK * MS };
    });
}

/** Worlds without advisories (every embargo is lifted by the clock). */
export const worldArb: fc.Arbitrary<World> = worldArbOf({ advisories: false });

/** Release time of the object's object-level embargoes, as the oracle reads the world. */
function releaseOf(world: World, object: Record<string, unknown>): number | undefined {
  const times = ((object.object_marking_refs as string[] | undefined) ?? []).flatMap((id) => {
    const m = world.markings.find((x) => x.id === id);
    return m?.kind === 'embargo' ? [m.releaseAt] : [];
  });
  return times.length > 0 ? Math.max(...times) : undefined;
}

/** Feed entries of a world: each version's added entry, plus a released entry when added before its release. */
export function rowsOf(world: World): StoredObject[] {
  const rows: StoredObject[] = [];
  world.objects.forEach((o, seq) => {
    const base = {
      seq,
      collectionId: `c${o.collection}`,
      id: o.object.id as string,
      type: 'indicator',
      version: o.object.modified as string,
      specVersion: '2.1',
      producerOrg: o.producer,
      origin: 'local',
      // As a store derives them: object markings, then granular ones, each once.
      markingRefs: [
        ...new Set([
          ...((o.object.object_marking_refs as string[] | undefined) ?? []),
          ...((o.object.granular_markings as { marking_ref?: string }[] | undefined) ?? []).flatMap(
            (g) => g.marking_ref ?? [],
          ),
        ]),
      ],
      json: JSON.stringify(o.object),
    };
    rows.push({ ...base, dateAdded: asMicros(o.addedAt), entry: 'added' });
    const release = releaseOf(world, o.object);
    if (release === undefined) return;
    // An advisory's release entry is written only when it was sealed, at its release time or,
    // when it arrived later, after its added entry (Store.addReleaseEntry); others' by ingest.
    if (o.advisory !== undefined) {
      if (o.advisory.sealed)
        rows.push({ ...base, dateAdded: asMicros(Math.max(release, o.addedAt + 1)), entry: 'released' });
    } else if (o.addedAt < release) rows.push({ ...base, dateAdded: asMicros(release), entry: 'released' });
  });
  return rows;
}
