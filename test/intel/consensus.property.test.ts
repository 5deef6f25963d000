/**
 * Consensus equals the plain oracle (consensus-oracle.ts, no code shared with src/intel/) over
 * random worlds, for every reader: from an index of everything with the reader's visibility as
 * a filter, from an index of only what the reader sees, and subject by subject. So hidden
 * claims are never counted and never revealed: the answer depends only on what the reader sees.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AttributionIndex } from '../../src/intel/index.js';
import { storedObject } from '../../src/policy/index.js';
import { asMicros } from '../../src/stix/index.js';
import { ORGS, type WorldRecord, worldArb } from './attribution-world.js';
import { oracleConsensus } from './consensus-oracle.js';

/** The world's versions as a store hands them out (malformed ones included: intel/ checks anyway). */
const stored = (records: readonly WorldRecord[]) =>
  records.map((r) => ({ ...r, object: storedObject(r.object) }));

const T0 = Date.UTC(2021, 6, 19, 12) * 1000;

describe('attribution consensus (CONTRACT.md "Attribution and consensus")', () => {
  it('equals the oracle for every reader, with or without an as-of time', () => {
    fc.assert(
      fc.property(
        worldArb,
        fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
        (world, asOfMinute) => {
          const asOf = asOfMinute === undefined ? undefined : asMicros(T0 + asOfMinute * 60_000_000);
          const reading = asOf === undefined ? {} : { asOf: { at: asOf } };
          const everything = AttributionIndex.of(stored(world.records));
          for (const reader of ORGS) {
            const mine = world.records.filter((r) => r.readers.includes(reader));
            const expected = oracleConsensus(mine, asOf);
            const sees = (r: unknown) => (r as WorldRecord).readers.includes(reader);
            const filtered = everything.consensus({ ...reading, sees });
            expect(filtered).toEqual(expected);
            expect(AttributionIndex.of(stored(mine)).consensus(reading)).toEqual(expected);
            for (const id of world.ids) {
              const one = everything.subject(id, { ...reading, sees });
              const whole = filtered.subjects.find((s) => s.subject_refs.includes(id));
              expect(one).toEqual(whole);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order versions arrive in', () => {
    fc.assert(
      fc.property(worldArb, fc.integer(), (world, seed) => {
        const shuffled = [...world.records];
        let s = seed;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (Math.imul(s, 1103515245) + 12345) | 0;
          const j = Math.abs(s) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j] as WorldRecord, shuffled[i] as WorldRecord];
        }
        expect(AttributionIndex.of(stored(shuffled)).consensus()).toEqual(
          AttributionIndex.of(stored(world.records)).consensus(),
        );
      }),
      { numRuns: 100 },
    );
  });
});
