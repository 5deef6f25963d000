import { describe, it } from 'vitest';
import { expectIssue, expectNoErrors, expectNoIssue, variant } from '../../../test/stix/examples.js';

type Case = [
  name: string,
  obj: Record<string, unknown>,
  expected: { code: string; path?: string; severity?: 'error' | 'warning' },
];
const malware = 'malware--31b940d4-6f7f-459a-80ea-9c1f17b58abc';

const cases: Case[] = [
  [
    '5.1.2 relationship_type uses lower-case ASCII, digits and hyphens',
    variant('relationship', { relationship_type: 'Indicates' }),
    { code: 'STIX_INVALID_VALUE', path: '/relationship_type' },
  ],
  [
    '5.1.2 source_ref cannot point to an SRO',
    variant('relationship', { source_ref: 'relationship--31b940d4-6f7f-459a-80ea-9c1f17b58abc' }),
    { code: 'STIX_REFERENCE_TYPE', path: '/source_ref' },
  ],
  [
    '5.1.2 target_ref cannot point to a marking definition',
    variant('relationship', { target_ref: 'marking-definition--31b940d4-6f7f-459a-80ea-9c1f17b58abc' }),
    { code: 'STIX_REFERENCE_TYPE', path: '/target_ref' },
  ],
  [
    '5.1.2 target_ref cannot point to a bundle',
    variant('relationship', { target_ref: 'bundle--31b940d4-6f7f-459a-80ea-9c1f17b58abc' }),
    { code: 'STIX_REFERENCE_TYPE', path: '/target_ref' },
  ],
  [
    '5.1.2 stop_time is later than start_time',
    variant('relationship', { start_time: '2016-01-01T00:00:00Z', stop_time: '2016-01-01T00:00:00Z' }),
    { code: 'STIX_TIME_ORDER', path: '/stop_time' },
  ],
  [
    'Appendix B a relationship outside the summary table is a warning',
    variant('relationship', { target_ref: 'identity--31b940d4-6f7f-459a-80ea-9c1f17b58abc' }),
    { code: 'STIX_RELATIONSHIP_TYPE', severity: 'warning' },
  ],
  [
    '3.7 derived-from links objects of the same type',
    variant('relationship', { relationship_type: 'derived-from' }),
    { code: 'STIX_RELATIONSHIP_TYPE', severity: 'warning' },
  ],
  [
    '5.2.1 sighting_of_ref references an SDO',
    variant('sighting', { sighting_of_ref: 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4' }),
    { code: 'STIX_REFERENCE_TYPE', path: '/sighting_of_ref' },
  ],
  [
    '5.2.1 observed_data_refs reference observed-data',
    variant('sighting', { observed_data_refs: [malware] }),
    { code: 'STIX_REFERENCE_TYPE', path: '/observed_data_refs/0' },
  ],
  [
    '5.2.1 where_sighted_refs reference identities or locations',
    variant('sighting', { where_sighted_refs: [malware] }),
    { code: 'STIX_REFERENCE_TYPE', path: '/where_sighted_refs/0' },
  ],
  [
    '5.2.1 count is between 0 and 999,999,999',
    variant('sighting', { count: -1 }),
    { code: 'STIX_INVALID_VALUE', path: '/count' },
  ],
  [
    '5.2.1 last_seen is not earlier than first_seen',
    variant('sighting', { first_seen: '2016-01-02T00:00:00Z', last_seen: '2016-01-01T00:00:00Z' }),
    { code: 'STIX_TIME_ORDER', path: '/last_seen' },
  ],
];

describe('STIX Relationship Objects (spec section 5, Appendix B)', () => {
  for (const [name, obj, expected] of cases) it(name, () => expectIssue(obj, expected));

  it('3.7 related-to links any SDOs and SCOs without a warning', () => {
    const rel = variant('relationship', {
      relationship_type: 'related-to',
      target_ref: 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4',
    });
    expectNoErrors(rel);
    expectNoIssue(rel, 'STIX_RELATIONSHIP_TYPE');
  });

  it('Appendix B infrastructure consists-of any SCO', () => {
    const rel = variant('relationship', {
      relationship_type: 'consists-of',
      source_ref: 'infrastructure--31b940d4-6f7f-459a-80ea-9c1f17b58abc',
      target_ref: 'url--31b940d4-6f7f-459a-80ea-9c1f17b58abc',
    });
    expectNoErrors(rel);
    expectNoIssue(rel, 'STIX_RELATIONSHIP_TYPE');
  });

  it('5.2.1 a sighting may be seen by a location', () => {
    expectNoErrors(
      variant('sighting', {
        where_sighted_refs: ['location--31b940d4-6f7f-459a-80ea-9c1f17b58abc'],
        count: 0,
      }),
    );
  });
});
