import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GranularView, GranularViews } from '../objects.js';
import { packViews, unpackViews } from './granular-view-table.js';

const ref = fc.uuid().map((u) => `marking-definition--${u}`);
const viewArb: fc.Arbitrary<GranularView> = fc.oneof(
  fc.constant({ outcome: 'hidden' as const }),
  fc.constant({ outcome: 'visible' as const }),
  fc.record({
    outcome: fc.constant('redacted' as const),
    // Any JSON text: JSON.stringify escapes every control character.
    json: fc.jsonValue().map((v) => JSON.stringify(v)),
    markingRefs: fc.array(ref, { maxLength: 3 }),
  }),
);
const viewsArb: fc.Arbitrary<GranularViews> = fc
  .record({
    objectRefs: fc.array(ref, { maxLength: 3 }),
    granularRefs: fc.uniqueArray(ref, { maxLength: 3 }),
  })
  .chain(({ objectRefs, granularRefs }) =>
    fc
      .array(viewArb, { minLength: 2 ** granularRefs.length, maxLength: 2 ** granularRefs.length })
      .map((views) => ({ objectRefs, granularRefs, views })),
  );

describe('packed granular views', () => {
  it('unpack(pack(views)) gives the views back', () => {
    fc.assert(
      fc.property(viewsArb, (views) => {
        expect(unpackViews(packViews(views))).toEqual(views);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses what it could not unpack unambiguously, and reads anything else as hidden', () => {
    const base: GranularViews = { objectRefs: [], granularRefs: ['marking-definition--x'], views: [] };
    const redacted = (json: string, markingRefs: string[] = []) => ({
      outcome: 'redacted' as const,
      json,
      markingRefs,
    });
    expect(() => packViews(base)).toThrow(/one view per set/);
    expect(() => packViews({ ...base, views: [redacted('{}'), redacted('"\u0001"')] })).toThrow(/control/);
    expect(() => packViews({ ...base, views: [redacted('{}', ['a b']), redacted('{}')] })).toThrow(
      /marking id/,
    );
    expect(() => packViews({ ...base, objectRefs: [''], views: [redacted('{}'), redacted('{}')] })).toThrow(
      /marking id/,
    );
    expect(unpackViews('\u0001m\u0001x\u0001r{}').views).toEqual([
      { outcome: 'hidden' },
      { outcome: 'hidden' },
    ]);
  });
});
