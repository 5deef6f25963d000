/**
 * Issue 19, `accord export`: an export holds no reference to anything it does not hold, however
 * long the chain (a note on a relationship to a relationship's target the reader may not see…).
 * Property tests on random graphs: heldObjects, reading pages and chunks as a store gives them,
 * finds the same set as the plain fixpoint over the whole graph, and that set is closed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TLP_V2, validateObject } from '../../stix/index.js';
import { STIX_VALIDATION } from '../ingest/stix-validation.js';
import { type HeldSource, heldObjects } from './held-objects.js';
import { referencesOf, withheldReferences } from './withhold-references.js';

type Json = Record<string, unknown>;

const T = '2021-07-19T12:00:00.000Z';
const base = (type: string, n: number) => ({
  type,
  spec_version: '2.1',
  id: `${type}--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  created: T,
  modified: T,
});

/** SDO kinds a relationship or sighting may name; relationships and sightings may be named by reports and notes. */
const kinds = ['indicator', 'malware', 'note', 'report', 'relationship', 'sighting'] as const;

/** A random graph: object n references only objects before it; each is visible or not. */
const graph = fc
  .array(
    fc.record({
      kind: fc.constantFrom(...kinds),
      visible: fc.boolean(),
      refs: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      /** For a report: a granular marking on one of its references. */
      marked: fc.option(fc.nat()),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((specs) => {
    const objects: { object: Json; visible: boolean }[] = [];
    specs.forEach((s, n) => {
      const sdos = objects.filter((o) => !['relationship', 'sighting'].includes(String(o.object.type)));
      const pick = (pool: typeof objects) => [
        ...new Set(s.refs.map((r) => String(pool[r % pool.length]!.object.id))),
      ];
      let object: Json;
      if (
        s.kind === 'indicator' ||
        objects.length === 0 ||
        (sdos.length === 0 && s.kind !== 'note' && s.kind !== 'report')
      )
        object = {
          ...base('indicator', n),
          pattern: "[ipv4-addr:value = '198.51.100.1']",
          pattern_type: 'stix',
          valid_from: T,
        };
      else if (s.kind === 'malware') object = { ...base('malware', n), name: `m${n}`, is_family: true };
      else if (s.kind === 'relationship') {
        const [a, b] = pick(sdos);
        object = {
          ...base('relationship', n),
          relationship_type: 'related-to',
          source_ref: a,
          target_ref: b ?? a,
        };
      } else if (s.kind === 'sighting') object = { ...base('sighting', n), sighting_of_ref: pick(sdos)[0] };
      else {
        const refs = pick(objects);
        object =
          s.kind === 'note'
            ? { ...base('note', n), content: 'n', object_refs: refs }
            : { ...base('report', n), name: 'r', published: T, object_refs: refs };
        if (s.kind === 'report' && s.marked !== null)
          object.granular_markings = [
            { marking_ref: TLP_V2.red.id, selectors: [`object_refs.[${s.marked % refs.length}]`] },
          ];
      }
      objects.push({ object, visible: s.visible });
    });
    return objects;
  });

/** The plain fixpoint over the whole graph, in memory: the oracle. */
function oracle(visible: readonly Json[]): Set<string> {
  const held = new Set(visible.map((o) => String(o.id)));
  for (let changed = true; changed; ) {
    changed = false;
    for (const o of visible)
      if (held.has(String(o.id)) && withheldReferences(o, (r) => held.has(r)) === undefined) {
        held.delete(String(o.id));
        changed = true;
      }
  }
  return held;
}

/** The visible objects, served in pages of `size` and by ids, as a store read through the policy serves them. */
function sourceOf(visible: readonly Json[], size: number): HeldSource & { reads: number } {
  const byId = new Map(visible.map((o) => [String(o.id), o]));
  const source = {
    reads: 0,
    async *pages() {
      for (let i = 0; i < visible.length; i += size) yield visible.slice(i, i + size);
    },
    async objects(ids: readonly string[]) {
      source.reads += ids.length;
      return ids.flatMap((id): Json[] => {
        const o = byId.get(id);
        return o === undefined ? [] : [o];
      });
    },
  };
  return source;
}

describe('heldObjects (issue 19: an export references only what it holds)', () => {
  it('property: the same set as the whole-graph fixpoint, closed, each object valid', async () => {
    await fc.assert(
      fc.asyncProperty(graph, fc.integer({ min: 1, max: 7 }), async (objects, size) => {
        const visible = objects.filter((o) => o.visible).map((o) => o.object);
        const held = await heldObjects(sourceOf(visible, size));
        expect([...held].sort()).toEqual([...oracle(visible)].sort());
        for (const o of visible) {
          const kept = withheldReferences(o, (r) => held.has(r));
          if (!held.has(String(o.id))) {
            // Withheld only when it cannot stand without what is not held.
            expect(kept).toBeUndefined();
            continue;
          }
          expect(kept).toBeDefined();
          expect(validateObject(kept, STIX_VALIDATION).ok).toBe(true);
          // No exported object references a non-exported id: hidden or withheld, at any depth.
          for (const r of referencesOf(kept)) expect(held.has(r), `${String(o.id)} → ${r}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('follows a chain to its end: report → note → relationship → hidden malware', async () => {
    const malware = { ...base('malware', 1), name: 'hidden', is_family: true };
    const indicator = {
      ...base('indicator', 2),
      pattern: "[url:value = 'x']",
      pattern_type: 'stix',
      valid_from: T,
    };
    const rel = {
      ...base('relationship', 3),
      relationship_type: 'indicates',
      source_ref: indicator.id,
      target_ref: malware.id,
    };
    const note = { ...base('note', 4), content: 'about the link', object_refs: [rel.id] };
    const report = { ...base('report', 5), name: 'r', published: T, object_refs: [note.id, indicator.id] };
    const visible = [report, note, rel, indicator];
    const held = await heldObjects(sourceOf(visible, 1));
    expect([...held].sort()).toEqual([indicator.id, report.id].sort());
    expect(withheldReferences(report, (r) => held.has(r))).toMatchObject({ object_refs: [indicator.id] });
  });

  it('keeps a granular marking on the reference it marked when an earlier one goes (7.2.3)', () => {
    const [a, b, c] = [1, 2, 3].map((n) => base('malware', n).id);
    const report = {
      ...base('report', 9),
      name: 'r',
      published: T,
      object_refs: [a, b, c],
      granular_markings: [
        { marking_ref: TLP_V2.red.id, selectors: ['object_refs.[2]'] },
        { marking_ref: TLP_V2.amber.id, selectors: ['object_refs.[1]'] },
      ],
    };
    const kept = withheldReferences(report, (id) => id !== b);
    expect(kept).toMatchObject({
      object_refs: [a, c],
      granular_markings: [{ marking_ref: TLP_V2.red.id, selectors: ['object_refs.[1]'] }],
    });
  });

  it('reads again only what lost a reference', async () => {
    const ind = (n: number) => ({
      ...base('indicator', n),
      pattern: "[url:value = 'x']",
      pattern_type: 'stix',
      valid_from: T,
    });
    const visible: Json[] = Array.from({ length: 50 }, (_, i) => ind(i + 1));
    visible.push({ ...base('sighting', 99), sighting_of_ref: base('indicator', 1000).id });
    const source = sourceOf(visible, 10);
    await heldObjects(source);
    expect(source.reads).toBe(1);
  });
});
