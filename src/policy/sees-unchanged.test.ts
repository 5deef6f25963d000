import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asMicros, TLP_V1, TLP_V2 } from '../stix/index.js';
import type { StoredObject } from '../store/index.js';
import { auditLevelOf } from './audit-level.js';
import { decide } from './decide.js';
import { buildMarkingIndex } from './marking-index.js';
import { fastDecider, fastDecision, rowClasses, seesUnchanged } from './sees-unchanged.js';
import { embargo, group, READERS } from './test-support/three-organisations.js';
import type { PolicyContext } from './types.js';

const statement = {
  type: 'marking-definition',
  spec_version: '2.1',
  id: 'marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd',
  created: '2016-08-01T00:00:00.000Z',
  definition_type: 'statement',
  definition: { statement: 'Copyright 2019, Example Corp' },
};
const markings = buildMarkingIndex([group, embargo, statement].map((d) => JSON.stringify(d)));
const REFS = [
  ...Object.values(TLP_V2).map((m) => m.id),
  ...Object.values(TLP_V1).map((m) => m.id),
  String(group.id),
  String(embargo.id),
  statement.id,
  'marking-definition--00000000-0000-4000-8000-0000000000ff', // unknown: denies
];

const rowArb = fc
  .record({
    producer: fc.constantFrom('a', 'b', 'c'),
    entry: fc.constantFrom<'added' | 'released'>('added', 'released'),
    objectRefs: fc.uniqueArray(fc.constantFrom(...REFS), { maxLength: 3 }),
    granular: fc.array(
      fc.record({
        ref: fc.constantFrom(...REFS),
        selector: fc.constantFrom('description', 'labels', 'labels.[1]', 'name'),
      }),
      { maxLength: 3 },
    ),
    dateAdded: fc.constantFrom(asMicros(1), asMicros(Date.parse('2031-01-01T00:00:00Z') * 1000)),
    storeKnowsGranular: fc.boolean(),
  })
  .map(({ producer, entry, objectRefs, granular, dateAdded, storeKnowsGranular }) => {
    const object: Record<string, unknown> = {
      type: 'indicator',
      spec_version: '2.1',
      id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
      name: 'n',
      description: 'd',
      labels: ['x', 'y'],
      pattern: "[domain-name:value = 'x.example']",
      pattern_type: 'stix',
      valid_from: '2024-01-01T00:00:00Z',
    };
    if (objectRefs.length > 0) object.object_marking_refs = objectRefs;
    if (granular.length > 0) {
      object.granular_markings = granular.map((g) => ({ marking_ref: g.ref, selectors: [g.selector] }));
    }
    const row: StoredObject = {
      seq: 1,
      collectionId: 'c',
      id: String(object.id),
      type: 'indicator',
      version: String(object.modified),
      specVersion: '2.1',
      dateAdded,
      entry,
      producerOrg: producer,
      origin: 'local',
      markingRefs: [...new Set([...objectRefs, ...granular.map((g) => g.ref)])],
      json: JSON.stringify(object),
      ...(storeKnowsGranular ? { granular: granular.length > 0 } : {}),
    };
    return { row, object };
  });

describe('seesUnchanged (the fast path of the visibility decision)', () => {
  it('agrees with decide() whenever it decides: unchanged = visible, hidden = hidden', () => {
    fc.assert(
      fc.property(rowArb, fc.constantFrom(...READERS), fc.boolean(), ({ row, object }, reader, late) => {
        const ctx: PolicyContext = {
          markings,
          now: asMicros(late ? Date.parse('2032-01-01T00:00:00Z') * 1000 : 2),
          identityOfOrg: () => undefined,
        };
        const fast = fastDecision(reader, row, ctx);
        if (fast === undefined) return;
        const subject = {
          producerOrg: row.producerOrg,
          origin: row.origin,
          entry: row.entry,
          dateAdded: row.dateAdded,
          object,
        };
        expect(decide(reader, subject, ctx).kind).toBe(fast === 'unchanged' ? 'visible' : 'hidden');
      }),
      { numRuns: 2000 },
    );
  });

  it('fastDecider (ref sets remembered per array) answers as fastDecision for every row', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), fc.constantFrom(...READERS), (rows, reader) => {
        const ctx: PolicyContext = { markings, now: asMicros(2), identityOfOrg: () => undefined };
        const decider = fastDecider(reader, ctx);
        // Rows of one marking combination share one array, as a store's rows do.
        const shared = new Map<string, readonly string[]>();
        for (const { row } of rows) {
          const key = row.markingRefs.join(' ');
          const refs = shared.get(key) ?? row.markingRefs;
          shared.set(key, refs);
          const same = { ...row, markingRefs: refs };
          expect(decider(same)).toBe(fastDecision(reader, same, ctx));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('rowClasses answers for a whole marking combination what fastDecision answers for its added rows', () => {
    fc.assert(
      fc.property(rowArb, fc.constantFrom(...READERS), ({ row, object }, reader) => {
        const ctx: PolicyContext = { markings, now: asMicros(2), identityOfOrg: () => undefined };
        const c = rowClasses(reader, ctx)(row);
        const added = { ...row, entry: 'added' as const };
        const fast = fastDecision(reader, added, ctx);
        const granular = object.granular_markings !== undefined;
        if (c.kind === 'shown') expect(fast).toBe('unchanged');
        if (c.kind === 'shownUnlessGranular' && !granular) expect(fast).toBe('unchanged');
        if (c.kind === 'hiddenUnlessGranular' && !granular) expect(fast).toBe('hidden');
        // Audited: the level the read path records for a version seen as stored.
        expect(c.audited).toBe(
          auditLevelOf({ object_marking_refs: row.markingRefs }, markings) !== undefined,
        );
        // One function per reader and marking index, so that a store may remember its answers.
        expect(rowClasses(reader, { ...ctx, now: asMicros(3) })).toBe(rowClasses(reader, ctx));
      }),
      { numRuns: 1000 },
    );
  });

  it('takes the fast path for unmarked and TLP:GREEN rows of others, not for TLP:RED', () => {
    const ctx: PolicyContext = { markings, now: asMicros(2), identityOfOrg: () => undefined };
    const base = { seq: 1, collectionId: 'c', id: 'x', type: 'note', version: 'v', specVersion: '2.1' };
    const row = (markingRefs: string[]): StoredObject => ({
      ...base,
      dateAdded: asMicros(1),
      entry: 'added',
      producerOrg: 'a',
      origin: 'local',
      markingRefs,
      json: '{}',
    });
    expect(seesUnchanged(READERS[1]!, row([]), ctx)).toBe(true);
    expect(seesUnchanged(READERS[1]!, row([TLP_V2.green.id]), ctx)).toBe(true);
    expect(seesUnchanged(READERS[1]!, row([TLP_V2.red.id]), ctx)).toBe(false);
    expect(seesUnchanged(READERS[0]!, row([TLP_V2.red.id]), ctx)).toBe(true);
    expect(fastDecision(READERS[2]!, row([TLP_V2.red.id]), ctx)).toBe('hidden');
    expect(fastDecision(READERS[1]!, row([TLP_V2.red.id, String(group.id)]), ctx)).toBe('unchanged');
    expect(fastDecision(READERS[2]!, row([TLP_V2.red.id, String(group.id)]), ctx)).toBe('hidden');
    expect(fastDecision(READERS[1]!, row([String(embargo.id)]), ctx)).toBeUndefined();
  });

  it('granular markings that permit every reader need no parse; restrictive ones go to decide()', () => {
    const ctx: PolicyContext = { markings, now: asMicros(2), identityOfOrg: () => undefined };
    const granular = (ref: string): StoredObject => ({
      seq: 1,
      collectionId: 'c',
      id: 'x',
      type: 'note',
      version: 'v',
      specVersion: '2.1',
      dateAdded: asMicros(1),
      entry: 'added',
      producerOrg: 'a',
      origin: 'local',
      markingRefs: [TLP_V2.green.id, ref],
      json: JSON.stringify({ granular_markings: [{ marking_ref: ref, selectors: ['content'] }] }),
    });
    expect(fastDecision(READERS[2]!, granular(TLP_V2.amber.id), ctx)).toBe('unchanged');
    expect(fastDecision(READERS[2]!, granular(statement.id), ctx)).toBe('unchanged');
    expect(fastDecision(READERS[2]!, granular(TLP_V2.red.id), ctx)).toBeUndefined();
    expect(fastDecision(READERS[2]!, granular(String(group.id)), ctx)).toBeUndefined();
  });
});
