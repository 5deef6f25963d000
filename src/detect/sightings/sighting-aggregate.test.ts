import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateObject } from '../../stix/index.js';
import { observedDataId, sightingId } from '../output/detect-ids.js';
import { epochSeconds } from '../time/event-time.js';
import {
  aggregateSightings,
  SightingAggregator,
  type SightingMatch,
  sightingObject,
} from './sighting-aggregate.js';

const IND = 'indicator--00000000-0000-4000-8000-000000000001';
const ME = 'identity--00000000-0000-4000-8000-0000000000aa';
const match = (seconds: string, line: string, indicator = IND): SightingMatch => ({
  indicator,
  identity: ME,
  time: epochSeconds(seconds)!,
  observedData: observedDataId('zeek', '', line),
});

describe('sighting aggregation (4.13)', () => {
  it('makes one sighting per (indicator, identity, UTC day) with a deterministic id', () => {
    const s = aggregateSightings([
      match('1626739200', 'a'),
      match('1626825599.999', 'b'),
      match('1626825600', 'c'),
    ]);
    expect(s.map((x) => [x.day, x.count])).toEqual([
      ['2021-07-20', 2],
      ['2021-07-21', 1],
    ]);
    expect(s[0]?.id).toBe(sightingId(IND, ME, '2021-07-20'));
  });

  it('counts distinct events: the same observed-data id twice counts once', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 60 }), (lines) => {
        const [s] = aggregateSightings(lines.map((n) => match(`1626739${200 + n}`, String(n))));
        expect(s?.count ?? 0).toBe(new Set(lines).size);
      }),
    );
  });

  it('keeps first/last seen as the earliest and latest event times, whatever the order', () => {
    const [s] = aggregateSightings([
      match('1626739300.25', 'b'),
      match('1626739200.000001', 'a'),
      match('1626739250', 'c'),
    ]);
    expect([s?.firstSeen.text, s?.lastSeen.text]).toEqual([
      '2021-07-20T00:00:00.000001Z',
      '2021-07-20T00:01:40.25Z',
    ]);
  });

  it('caps observed_data_refs (first ones kept) and tracked events (then events count as new)', () => {
    const a = new SightingAggregator({ maxRefs: 3, maxTracked: 5 });
    for (let i = 0; i < 8; i++) a.add(match(`16267392${10 + i}`, String(i)));
    a.add(match('1626739210', '0')); // tracked: a repeat
    a.add(match('1626739217', '7')); // beyond the tracking budget: counted again
    const [s] = a.all();
    expect(s?.refs).toHaveLength(3);
    expect(s?.count).toBe(9);
  });

  it('snapshots and restores to the same aggregates', () => {
    const a = new SightingAggregator();
    a.add(match('1626739200', 'a'));
    const b = SightingAggregator.restore(JSON.parse(JSON.stringify(a.snapshot())));
    expect(b.add(match('1626739200', 'a'))).toBe(false);
    expect(b.add(match('1626739201', 'b'))).toBe(true);
    expect(b.all()[0]?.count).toBe(2);
  });

  it('writes a valid STIX sighting with where_sighted_refs and observed_data_refs', () => {
    const [s] = aggregateSightings([match('1626739200', 'a')]);
    const obj = sightingObject(s!, {
      created: '2030-01-01T00:00:00.000Z',
      modified: '2030-01-01T00:00:00.000Z',
    });
    expect(validateObject(obj).ok).toBe(true);
    expect(obj).toMatchObject({ count: 1, where_sighted_refs: [ME], sighting_of_ref: IND });
  });
});
