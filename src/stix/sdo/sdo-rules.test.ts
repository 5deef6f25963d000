import { describe, expect, it } from 'vitest';
import { expectIssue, expectNoErrors, issuesOf, variant } from '../../../test/stix/examples.js';
import { validateObject } from '../index.js';

type Case = [
  name: string,
  obj: Record<string, unknown>,
  expected: { code: string; path?: string; severity?: 'error' | 'warning' },
];
const sco = 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4';

const cases: Case[] = [
  [
    '4.1.1 a CAPEC external reference has an id CAPEC-[id]',
    variant('attack-pattern', { external_references: [{ source_name: 'capec', external_id: '163' }] }),
    { code: 'STIX_INVALID_VALUE', path: '/external_references/0/external_id' },
  ],
  [
    '4.2.1 last_seen is not earlier than first_seen',
    variant('campaign', { first_seen: '2016-05-01T00:00:00Z', last_seen: '2016-04-01T00:00:00Z' }),
    { code: 'STIX_TIME_ORDER', path: '/last_seen' },
  ],
  [
    '4.4.1 a grouping requires context',
    {
      ...variant('report', {
        published: undefined,
        type: 'grouping',
        id: 'grouping--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      }),
    },
    { code: 'STIX_MISSING_PROPERTY', path: '/context' },
  ],
  [
    '4.7.1 valid_until is later than valid_from',
    variant('indicator', { valid_until: '2016-04-06T20:03:48.000Z' }),
    { code: 'STIX_TIME_ORDER', path: '/valid_until' },
  ],
  [
    '4.7.1 indicators require pattern_type',
    variant('indicator', { pattern_type: undefined }),
    { code: 'STIX_MISSING_PROPERTY', path: '/pattern_type' },
  ],
  [
    '4.7.1 pattern_type outside pattern-type-ov is a warning',
    variant('indicator', { pattern_type: 'kql' }),
    { code: 'STIX_VOCAB_OPEN', severity: 'warning' },
  ],
  [
    '4.7 a STIX pattern has balanced brackets',
    variant('indicator', { pattern: "[ipv4-addr:value = '198.51.100.1'" }),
    { code: 'STIX_PATTERN', path: '/pattern' },
  ],
  [
    '4.7 a STIX pattern closes its string constants',
    variant('indicator', { pattern: "[ipv4-addr:value = '198.51.100.1]" }),
    { code: 'STIX_PATTERN', path: '/pattern' },
  ],
  [
    '4.10 a location needs region, country, or latitude and longitude',
    variant('location', { region: undefined, city: 'Bonn' }),
    { code: 'STIX_AT_LEAST_ONE' },
  ],
  [
    '4.10.1 latitude is between -90 and 90',
    variant('location', { latitude: 91, longitude: 0 }),
    { code: 'STIX_INVALID_VALUE', path: '/latitude' },
  ],
  [
    '4.10.1 latitude requires longitude',
    variant('location', { latitude: 10 }),
    { code: 'STIX_DEPENDENT_PROPERTY', path: '/latitude' },
  ],
  [
    '4.10.1 precision requires coordinates',
    variant('location', { precision: 10 }),
    { code: 'STIX_DEPENDENT_PROPERTY', path: '/precision' },
  ],
  [
    '4.11.1 a malware family has a name',
    variant('malware', { name: undefined }),
    { code: 'STIX_MISSING_PROPERTY', path: '/name' },
  ],
  [
    '4.11.1 sample_refs reference files or artifacts',
    variant('malware', { sample_refs: [sco] }),
    { code: 'STIX_REFERENCE_TYPE', path: '/sample_refs/0' },
  ],
  [
    '4.11.1 operating_system_refs reference software',
    variant('malware', { operating_system_refs: [sco] }),
    { code: 'STIX_REFERENCE_TYPE' },
  ],
  [
    '4.12 a malware analysis has result or analysis_sco_refs',
    variant('malware-analysis', { result: undefined }),
    { code: 'STIX_AT_LEAST_ONE' },
  ],
  [
    '4.12.1 product names should be lower case with dashes',
    variant('malware-analysis', { product: 'Microsoft Defender' }),
    { code: 'STIX_INVALID_VALUE', severity: 'warning' },
  ],
  [
    '4.14.1 number_observed is at least 1',
    variant('observed-data', { number_observed: 0 }),
    { code: 'STIX_INVALID_VALUE', path: '/number_observed' },
  ],
  [
    '4.14.1 number_observed is at most 999,999,999',
    variant('observed-data', { number_observed: 1_000_000_000 }),
    { code: 'STIX_INVALID_VALUE', path: '/number_observed' },
  ],
  [
    '4.14.1 last_observed is not earlier than first_observed',
    variant('observed-data', { last_observed: '2015-01-01T00:00:00Z' }),
    { code: 'STIX_TIME_ORDER', path: '/last_observed' },
  ],
  [
    '4.14 objects and object_refs are not both present',
    variant('observed-data', { objects: { 0: { type: 'ipv4-addr', value: '1.2.3.4' } } }),
    { code: 'STIX_MUTUALLY_EXCLUSIVE', path: '/objects' },
  ],
  [
    '4.14 one of objects or object_refs is present',
    variant('observed-data', { object_refs: undefined }),
    { code: 'STIX_AT_LEAST_ONE' },
  ],
  [
    '4.14.1 object_refs contains at least one SCO',
    variant('observed-data', { object_refs: ['relationship--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'] }),
    { code: 'STIX_REFERENCE_TYPE', path: '/object_refs' },
  ],
  [
    '4.14.1 object_refs lists only SCOs and SROs',
    variant('observed-data', { object_refs: [sco, 'malware--31b940d4-6f7f-459a-80ea-9c1f17b58abc'] }),
    { code: 'STIX_REFERENCE_TYPE', path: '/object_refs/1' },
  ],
  [
    '4.14.1 the objects container is deprecated in 2.1',
    variant('observed-data', {
      object_refs: undefined,
      objects: { 0: { type: 'ipv4-addr', value: '1.2.3.4' } },
    }),
    { code: 'STIX_DEPRECATED', severity: 'warning' },
  ],
  [
    '4.15.1 opinion comes from opinion-enum',
    {
      ...variant('report', {
        type: 'opinion',
        id: 'opinion--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
        name: undefined,
        published: undefined,
      }),
      opinion: 'maybe',
    },
    { code: 'STIX_VOCAB_CLOSED', path: '/opinion' },
  ],
  [
    '4.16.1 a report requires published',
    variant('report', { published: undefined }),
    { code: 'STIX_MISSING_PROPERTY', path: '/published' },
  ],
  [
    '4.16.1 a report requires object_refs',
    variant('report', { object_refs: undefined }),
    { code: 'STIX_MISSING_PROPERTY', path: '/object_refs' },
  ],
  [
    '4.19.1 a CVE external reference has the exact CVE id',
    variant('vulnerability', { external_references: [{ source_name: 'cve', external_id: '2016-1234' }] }),
    { code: 'STIX_INVALID_VALUE', path: '/external_references/0/external_id' },
  ],
];

describe('STIX Domain Objects (spec section 4)', () => {
  for (const [name, obj, expected] of cases) it(name, () => expectIssue(obj, expected));

  it('4.7 a supplied pattern engine replaces the balance check', () => {
    const seen: string[] = [];
    const result = validateObject(variant('indicator', {}), {
      patternCheck: (pattern, version) => {
        seen.push(`${version} ${pattern}`);
        return 'unknown object type';
      },
    });
    expect(seen).toEqual(["2.1 [ipv4-addr:value = '198.51.100.1']"]);
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.message)).toContain('invalid STIX pattern: unknown object type');
  });

  it('4.7 patterns of other languages are not parsed as STIX', () => {
    expectNoErrors(variant('indicator', { pattern_type: 'yara', pattern: 'rule x { condition: (' }));
  });

  it('4.10 each documented way of giving a location is enough', () => {
    expectNoErrors(variant('location', { region: undefined, country: 'DE' }));
    expectNoErrors(
      variant('location', { region: undefined, latitude: 48.8, longitude: 2.3, precision: 1000 }),
    );
  });

  it('4.11.1 a malware instance may omit its name', () => {
    expectNoErrors(variant('malware', { is_family: false, name: undefined }));
  });

  it('4.14 STIX 2.0 observed-data with an objects container is accepted without deprecation warnings', () => {
    const obj = variant('observed-data', {
      spec_version: '2.0',
      object_refs: undefined,
      objects: { 0: { type: 'ipv4-addr', value: '1.2.3.4' } },
    });
    expect(issuesOf(obj).filter((i) => i.severity === 'error' || i.code === 'STIX_DEPRECATED')).toEqual([]);
  });
});
