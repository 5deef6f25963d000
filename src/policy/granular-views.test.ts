import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asMicros, TLP_V1, TLP_V2 } from '../stix/index.js';
import { auditLevelOf } from './audit-level.js';
import { decide, objectLevel } from './decide.js';
import { decideByViews, granularViewsOf, MAX_VIEW_REFS } from './granular-views.js';
import { buildMarkingIndex } from './marking-index.js';
import { embargo, group, READERS } from './test-support/three-organisations.js';
import type { PolicyContext } from './types.js';

const markings = buildMarkingIndex([group, embargo].map((d) => JSON.stringify(d)));
const REFS = [
  ...Object.values(TLP_V2).map((m) => m.id),
  TLP_V1.red.id,
  String(group.id),
  String(embargo.id),
  'marking-definition--00000000-0000-4000-8000-0000000000ff', // unknown: denies
];
// Properties of an indicator, required ones among them (spec 4.7), list items, nested content,
// and selectors that resolve to nothing.
const SELECTORS = [
  'description',
  'labels',
  'labels.[0]',
  'labels.[1]',
  'labels.[7]',
  'name',
  'pattern',
  'external_references.[0].url',
  'external_references.[0].source_name',
  'kill_chain_phases.[0]',
  'missing',
];
const LATE = asMicros(Date.parse('2031-01-01T00:00:00Z') * 1000);

const objectArb = fc
  .record({
    objectRefs: fc.uniqueArray(fc.constantFrom(...REFS), { maxLength: 2 }),
    granular: fc.array(
      fc.oneof(
        fc.record({
          marking_ref: fc.constantFrom(...REFS),
          selectors: fc.uniqueArray(fc.constantFrom(...SELECTORS), { minLength: 1, maxLength: 3 }),
        }),
        fc.record({ lang: fc.constant('fr'), selectors: fc.constant(['name']) }),
      ),
      { minLength: 1, maxLength: 5 },
    ),
  })
  .map(({ objectRefs, granular }) => {
    const object: Record<string, unknown> = {
      type: 'indicator',
      spec_version: '2.1',
      id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
      name: 'n',
      description: 'd',
      labels: ['x', 'y'],
      external_references: [{ source_name: 'ref', url: 'https://example.com/a' }],
      kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'execution' }],
      pattern: "[domain-name:value = 'x.example']",
      pattern_type: 'stix',
      valid_from: '2024-01-01T00:00:00Z',
      granular_markings: granular,
    };
    if (objectRefs.length > 0) object.object_marking_refs = objectRefs;
    return object;
  });

const distinctGranularRefs = (object: Record<string, unknown>) =>
  new Set((object.granular_markings as { marking_ref?: string }[]).flatMap((g) => g.marking_ref ?? [])).size;

describe('granular views (decisions worked out when a version is stored)', () => {
  it('decideByViews answers as decide() for every reader, entry, producer and clock (DESIGN.md Visibility; STIX 2.1 section 7.2.3)', () => {
    fc.assert(
      fc.property(
        objectArb,
        fc.constantFrom(...READERS),
        fc.constantFrom('a', 'b', 'c'),
        fc.constantFrom<'added' | 'released'>('added', 'released'),
        fc.constantFrom(asMicros(1), LATE),
        fc.boolean(),
        (object, reader, producerOrg, entry, dateAdded, late) => {
          const views = granularViewsOf(object);
          if (distinctGranularRefs(object) > MAX_VIEW_REFS) {
            expect(views).toBeUndefined();
            return;
          }
          if (views === undefined) throw new Error('no views for an object with few granular refs');
          // The store keeps them as data: what comes back is a copy.
          const stored = JSON.parse(JSON.stringify(views)) as typeof views;
          const ctx: PolicyContext = {
            markings,
            now: asMicros(late ? LATE + 1 : 2),
            identityOfOrg: () => undefined,
          };
          const subject = { producerOrg, origin: 'local', entry, dateAdded };
          const expected = decide(reader, { ...subject, object }, ctx);
          const got = decideByViews(reader, subject, stored, ctx);
          if (got === undefined) {
            // An added entry past its embargo's release time is left to decide(): it shows only
            // when the object is no advisory (ADR 0004), which the views do not record.
            const refs = (object.object_marking_refs as string[] | undefined) ?? [];
            if (!('kind' in objectLevel(reader, subject, refs, ctx))) {
              if ('kind' in objectLevel(reader, subject, refs, ctx, true)) return;
            }
            // Otherwise only granular TLP:RED beside a granular group of the reader is left to decide().
            const granularRefs = (object.granular_markings as { marking_ref?: string }[]).map(
              (g) => g.marking_ref,
            );
            expect(granularRefs.some((r) => r === TLP_V2.red.id || r === TLP_V1.red.id)).toBe(true);
            expect(granularRefs.includes(String(group.id)) && reader.orgId !== 'c').toBe(true);
            return;
          }
          expect(got.kind).toBe(expected.kind);
          if (got.kind === 'redacted' && expected.kind === 'redacted') {
            expect(JSON.parse(got.json)).toEqual(expected.object);
            // The audit log records the level of what was disclosed.
            expect(auditLevelOf({ object_marking_refs: got.markingRefs }, markings)).toBe(
              auditLevelOf(expected.object, markings),
            );
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('a redacted view is the canonical JSON of what it shows', () => {
    const object = {
      type: 'indicator',
      spec_version: '2.1',
      id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
      description: 'secret',
      pattern: "[domain-name:value = 'x.example']",
      pattern_type: 'stix',
      valid_from: '2024-01-01T00:00:00Z',
      granular_markings: [{ marking_ref: TLP_V2.red.id, selectors: ['description'] }],
      object_marking_refs: [TLP_V2.green.id],
    };
    const views = granularViewsOf(object);
    expect(views?.granularRefs).toEqual([TLP_V2.red.id]);
    expect(views?.views[0]).toEqual({ outcome: 'visible' });
    const { description: _, granular_markings: __, ...rest } = object;
    expect(views?.views[1]).toEqual({
      outcome: 'redacted',
      json: JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1)))),
      markingRefs: [TLP_V2.green.id],
    });
  });

  it('keeps no views for objects without granular markings, with malformed object refs, or with too many granular refs', () => {
    const base = { type: 'note', content: 'c', object_refs: ['x'] };
    expect(granularViewsOf(base)).toBeUndefined();
    const gm = (ref: string) => ({ marking_ref: ref, selectors: ['content'] });
    expect(
      granularViewsOf({ ...base, object_marking_refs: 'x', granular_markings: [gm(REFS[0]!)] }),
    ).toBeUndefined();
    const many = REFS.slice(0, MAX_VIEW_REFS + 1).map(gm);
    expect(granularViewsOf({ ...base, granular_markings: many })).toBeUndefined();
    expect(granularViewsOf({ ...base, granular_markings: many.slice(1) })?.views).toHaveLength(
      2 ** MAX_VIEW_REFS,
    );
  });
});
