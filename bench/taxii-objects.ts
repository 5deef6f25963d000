/** The objects bench/taxii stores and looks up: deterministic, so no list of them is kept in memory. */

/** The id of object i. */
export function idOf(i: number): string {
  return `indicator--0b5e7c1a-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
}

/** Object i: an indicator of one IPv4 address. */
export function object(i: number): Record<string, unknown> {
  const a = (i >> 16) & 255;
  const b = (i >> 8) & 255;
  const c = i & 255;
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: idOf(i),
    created: '2021-07-19T12:00:00.000Z',
    modified: '2021-07-19T12:00:00.000Z',
    name: `bench indicator ${i}`,
    indicator_types: ['malicious-activity'],
    pattern: `[ipv4-addr:value = '10.${a}.${b}.${c}']`,
    pattern_type: 'stix',
    valid_from: '2021-07-19T12:00:00Z',
  };
}
