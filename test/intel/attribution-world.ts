/**
 * Random attribution worlds for property tests: grouped objects named from a small pool (so
 * names and aliases collide), claims and disputes in several versions (some revoked, some not
 * claims at all), each version visible to a random subset of readers.
 */

import fc from 'fast-check';
import { asMicros, type Micros } from '../../src/stix/index.js';

export const ORGS = [
  'identity--00000000-0000-4000-8000-00000000000a',
  'identity--00000000-0000-4000-8000-00000000000b',
  'identity--00000000-0000-4000-8000-00000000000c',
  'identity--00000000-0000-4000-8000-00000000000d',
] as const;

const NAMES = ['HAFNIUM', 'Silk Typhoon', 'APT40', 'Leviathan', 'APT31', 'ZIRCONIUM', 'MSS', 'G0125', 'PRC'];
const T0 = Date.UTC(2021, 6, 19, 12);

export interface WorldRecord {
  readonly object: Record<string, unknown>;
  readonly producer: string;
  readonly addedAt: Micros;
  /** Readers (org identity ids) that may see this version. */
  readonly readers: readonly string[];
}

const uuid = (kind: number, n: number) =>
  `00000000-0000-4000-8000-${kind.toString(16).padStart(4, '0')}${n.toString(16).padStart(8, '0')}`;

/** A name from the pool in some spelling: case and spacing vary, so keys must be normalised. */
const spelling = fc
  .tuple(fc.constantFrom(...NAMES), fc.constantFrom('as-is', 'lower', 'upper', 'spaced'))
  .map(([n, how]) =>
    how === 'lower'
      ? n.toLowerCase()
      : how === 'upper'
        ? n.toUpperCase()
        : how === 'spaced'
          ? ` ${n.replace(' ', '  ')} `
          : n,
  );

/** True about one time in four. */
const sometimes = fc.integer({ min: 0, max: 3 }).map((n) => n === 0);

const stamp = (minute: number) => new Date(T0 + minute * 60_000).toISOString();

/** Versions of one object: distinct minutes, the properties each version has. */
function versions<T>(props: fc.Arbitrary<T>) {
  return fc
    .uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 3 })
    .chain((minutes) =>
      fc.tuple(
        ...minutes
          .sort((a, b) => a - b)
          .map((m) => fc.tuple(fc.constant(m), props, fc.subarray([...ORGS]), sometimes)),
      ),
    );
}

export const worldArb = fc
  .record({
    grouped: fc.array(
      fc.record({
        type: fc.constantFrom('intrusion-set', 'threat-actor', 'campaign', 'identity', 'malware'),
        versions: versions(
          fc.record({
            name: fc.option(spelling, { nil: undefined }),
            aliases: fc.array(spelling, { maxLength: 3 }),
            attack: fc.option(fc.constantFrom('G0125', 'g0065', 'G0128'), { nil: undefined }),
            revoked: sometimes,
          }),
        ),
      }),
      { maxLength: 8 },
    ),
    claims: fc.array(
      fc.record({
        producer: fc.constantFrom(...ORGS),
        versions: versions(
          fc.record({
            subject: fc.nat(9),
            target: fc.nat(9),
            confidence: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(-1, 101, 50.5, undefined)),
            type: fc.constantFrom('attributed-to', 'attributed-to', 'attributed-to', 'uses'),
            revoked: sometimes,
          }),
        ),
      }),
      { maxLength: 12 },
    ),
    disputes: fc.array(
      fc.record({
        producer: fc.constantFrom(...ORGS),
        versions: versions(
          fc.record({
            claims: fc.array(fc.nat(13), { minLength: 1, maxLength: 3 }),
            opinion: fc.constantFrom('disagree', 'strongly-disagree', 'disagree', 'agree', 'neutral'),
            revoked: sometimes,
          }),
        ),
      }),
      { maxLength: 6 },
    ),
  })
  .map(buildWorld);

/** The STIX records of a generated world. */
function buildWorld(raw: {
  grouped: {
    type: string;
    versions: [
      number,
      { name?: string | undefined; aliases: string[]; attack?: string | undefined; revoked: boolean },
      string[],
      boolean,
    ][];
  }[];
  claims: {
    producer: string;
    versions: [
      number,
      { subject: number; target: number; confidence: unknown; type: string; revoked: boolean },
      string[],
      boolean,
    ][];
  }[];
  disputes: {
    producer: string;
    versions: [number, { claims: number[]; opinion: string; revoked: boolean }, string[], boolean][];
  }[];
}): { records: WorldRecord[]; ids: string[] } {
  const records: WorldRecord[] = [];
  let added = 0;
  const groupedIds = raw.grouped.map((g, i) => `${g.type}--${uuid(1, i)}`);
  // Ends of claims: the grouped objects, plus ids no object has.
  const ends = [...groupedIds, ...[0, 1, 2].map((i) => `intrusion-set--${uuid(9, i)}`)];
  const end = (n: number) => ends[n % ends.length] as string;
  const claimIds = raw.claims.map((_, i) => `relationship--${uuid(2, i)}`);
  const push = (object: Record<string, unknown>, producer: string, readers: string[], twice: boolean) => {
    records.push({ object, producer, addedAt: asMicros(T0 * 1000 + ++added), readers });
    // The same version a second time (another collection), seen by other readers.
    if (twice)
      records.push({
        object,
        producer,
        addedAt: asMicros(T0 * 1000 + ++added),
        readers: [...ORGS].filter((o) => !readers.includes(o)),
      });
  };
  raw.grouped.forEach((g, i) => {
    for (const [minute, v, readers, twice] of g.versions) {
      const object: Record<string, unknown> = {
        type: g.type,
        spec_version: '2.1',
        id: groupedIds[i],
        created: stamp(0),
        modified: stamp(minute),
        ...(v.name !== undefined ? { name: v.name } : {}),
        ...(v.aliases.length > 0 ? { aliases: v.aliases } : {}),
        ...(v.attack !== undefined
          ? { external_references: [{ source_name: 'mitre-attack', external_id: v.attack }] }
          : {}),
        ...(v.revoked ? { revoked: true } : {}),
      };
      push(object, ORGS[0], readers, twice);
    }
  });
  raw.claims.forEach((c, i) => {
    for (const [minute, v, readers, twice] of c.versions) {
      push(
        {
          type: 'relationship',
          spec_version: '2.1',
          id: claimIds[i],
          created: stamp(0),
          modified: stamp(minute),
          relationship_type: v.type,
          source_ref: end(v.subject),
          target_ref: end(v.target),
          ...(v.confidence !== undefined ? { confidence: v.confidence } : {}),
          ...(v.revoked ? { revoked: true } : {}),
        },
        c.producer,
        readers,
        twice,
      );
    }
  });
  raw.disputes.forEach((d, i) => {
    for (const [minute, v, readers, twice] of d.versions) {
      push(
        {
          type: 'opinion',
          spec_version: '2.1',
          id: `opinion--${uuid(3, i)}`,
          created: stamp(0),
          modified: stamp(minute),
          opinion: v.opinion,
          object_refs: v.claims.map((n) => claimIds[n] ?? `relationship--${uuid(8, n)}`),
          ...(v.revoked ? { revoked: true } : {}),
        },
        d.producer,
        readers,
        twice,
      );
    }
  });
  return { records, ids: [...ends, ...claimIds] };
}
