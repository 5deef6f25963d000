import { describe, expect, it } from 'vitest';
import { validateObject } from '../../stix/index.js';
import {
  SIGHTING_SUMMARY_EXTENSION_ID,
  type SightingRecord,
  summarizeSightings,
  summaryId,
} from './summarize-sightings.js';

const IND = 'indicator--00000000-0000-4000-8000-000000000001';
const PRODUCER = 'identity--00000000-0000-4000-8000-0000000000aa';
const org = (n: number): string =>
  `identity--00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const sighting = (n: number, orgN: number, count: number, first: string, last: string): SightingRecord => ({
  id: `sighting--00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`,
  sighting_of_ref: IND,
  created_by_ref: org(orgN),
  count,
  first_seen: first,
  last_seen: last,
});
const NOW = '2030-01-01T00:00:00.000Z';

describe('k-anonymous sighting summaries', () => {
  it('publishes nothing for an indicator fewer than k organisations sighted', () => {
    const two = [
      sighting(1, 1, 5, '2021-07-20T01:00:00Z', '2021-07-20T02:00:00Z'),
      sighting(2, 2, 1, '2021-07-21T01:00:00Z', '2021-07-21T01:00:00Z'),
      sighting(3, 2, 4, '2021-07-22T01:00:00Z', '2021-07-22T01:00:00Z'),
    ];
    expect(summarizeSightings(two, { producer: PRODUCER, now: NOW })).toEqual([]);
  });

  it('publishes one summary for k organisations: total count, day-rounded times, no identities or refs', () => {
    const three = [
      sighting(1, 1, 5, '2021-07-20T01:00:00.123Z', '2021-07-20T02:00:00Z'),
      sighting(2, 2, 1, '2021-07-21T01:00:00Z', '2021-07-21T01:00:00Z'),
      sighting(3, 3, 4, '2021-07-19T23:59:59Z', '2021-07-22T13:00:00Z'),
    ];
    const [s, ...rest] = summarizeSightings(three, { producer: PRODUCER, now: NOW });
    expect(rest).toEqual([]);
    expect(s).toEqual({
      type: 'sighting',
      spec_version: '2.1',
      id: summaryId(IND, PRODUCER),
      created_by_ref: PRODUCER,
      created: NOW,
      modified: NOW,
      sighting_of_ref: IND,
      count: 10,
      summary: true,
      first_seen: '2021-07-19T00:00:00.000Z',
      last_seen: '2021-07-22T00:00:00.000Z',
      extensions: { [SIGHTING_SUMMARY_EXTENSION_ID]: { extension_type: 'property-extension', org_count: 3 } },
    });
    expect(JSON.stringify(s)).not.toMatch(/identity--0+-0000-4000-8000-0000000000(01|02|03)/);
    expect(validateObject(s).issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('counts each sighting once by its latest version, ignores earlier summaries and foreign indicators', () => {
    const v1 = sighting(1, 1, 1, '2021-07-20T01:00:00Z', '2021-07-20T01:00:00Z');
    const v2 = { ...v1, count: 7 };
    const others = [
      sighting(2, 2, 1, '2021-07-20T01:00:00Z', '2021-07-20T01:00:00Z'),
      sighting(3, 3, 1, '2021-07-20T01:00:00Z', '2021-07-20T01:00:00Z'),
    ];
    const old = { ...sighting(9, 9, 100, '2021-07-20T01:00:00Z', '2021-07-20T01:00:00Z'), summary: true };
    const [s] = summarizeSightings([v1, v2, ...others, old], { producer: PRODUCER, now: NOW, k: 3 });
    expect(s?.count).toBe(9);
    expect(
      summarizeSightings([v1, ...others], { producer: PRODUCER, now: NOW, ownIndicator: () => false }),
    ).toEqual([]);
    expect(summarizeSightings([v1, ...others], { producer: PRODUCER, now: NOW, k: 4 })).toEqual([]);
  });

  it('takes the summary id from idOf when given (a node keeps its own ids)', () => {
    const three = [1, 2, 3].map((n) => sighting(n, n, 1, '2021-07-20T01:00:00Z', '2021-07-20T01:00:00Z'));
    const id = 'sighting--0d0d0d0d-0000-4000-8000-000000000001';
    const [s] = summarizeSightings(three, { producer: PRODUCER, now: NOW, idOf: () => id });
    expect(s?.id).toBe(id);
  });
});
