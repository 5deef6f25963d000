import { describe, it } from 'vitest';
import { expectIssue, expectNoErrors, VALID, variant } from '../../../test/stix/examples.js';

const sha256 = 'effb46bba03f6c8aea5c653f9cf984f170dcdd3bbbe2ff6843c3e5da0e698766';
type Case = [
  name: string,
  obj: Record<string, unknown>,
  expected: { code: string; path?: string; severity?: 'error' | 'warning' },
];

const cases: Case[] = [
  [
    '2.1 binary values must be base64',
    variant('artifact', { payload_bin: 'not base64!' }),
    { code: 'STIX_INVALID_VALUE', path: '/payload_bin' },
  ],
  [
    '2.2 booleans must be true or false',
    variant('malware', { is_family: 'yes' }),
    { code: 'STIX_WRONG_TYPE', path: '/is_family' },
  ],
  [
    '2.3 dictionary keys are limited to letters, digits, - and _',
    variant('network-traffic', { ipfix: { 'bad key': 1 } }),
    { code: 'STIX_INVALID_KEY', path: '/ipfix/bad key' },
  ],
  [
    '2.3 empty dictionaries are prohibited',
    variant('network-traffic', { ipfix: {} }),
    { code: 'STIX_EMPTY_DICTIONARY', path: '/ipfix' },
  ],
  [
    '2.4 enumerations must not be expanded',
    variant('artifact', { encryption_algorithm: 'rot13' }),
    { code: 'STIX_VOCAB_CLOSED', path: '/encryption_algorithm' },
  ],
  [
    '2.5 an external reference requires source_name',
    variant('campaign', { external_references: [{ url: 'https://x.example' }] }),
    { code: 'STIX_MISSING_PROPERTY', path: '/external_references/0/source_name' },
  ],
  [
    '2.5.2 an external reference needs description, url or external_id',
    variant('campaign', { external_references: [{ source_name: 'x' }] }),
    { code: 'STIX_AT_LEAST_ONE', path: '/external_references/0' },
  ],
  [
    '2.6 floats must be JSON numbers',
    variant('location', { latitude: '1.5', longitude: 2 }),
    { code: 'STIX_WRONG_TYPE', path: '/latitude' },
  ],
  [
    '2.7 a hash value must match its algorithm',
    variant('file', { hashes: { 'SHA-256': 'abc' } }),
    { code: 'STIX_HASH_FORMAT', path: '/hashes/SHA-256' },
  ],
  [
    '2.7 hash algorithm names have at least 3 characters',
    variant('file', { hashes: { md: sha256 } }),
    { code: 'STIX_INVALID_KEY', path: '/hashes/md' },
  ],
  [
    '2.7 an algorithm outside hash-algorithm-ov is a warning',
    variant('file', { hashes: { sha256 } }),
    { code: 'STIX_HASH_ALGORITHM', severity: 'warning' },
  ],
  [
    '2.8 hex is an even number of lower-case hex digits',
    variant('network-traffic', { extensions: { 'tcp-ext': { src_flags_hex: 'ABC' } } }),
    { code: 'STIX_INVALID_VALUE', path: '/extensions/tcp-ext/src_flags_hex' },
  ],
  [
    '2.9 an identifier has the form type--UUID',
    variant('campaign', { id: 'campaign-8e2e2d2b' }),
    { code: 'STIX_INVALID_IDENTIFIER', path: '/id' },
  ],
  [
    '2.9 the UUID must be RFC 4122 compliant',
    variant('campaign', { id: 'campaign--8e2e2d2b-17d4-0cbf-938f-98ee46b3cd3f' }),
    { code: 'STIX_INVALID_IDENTIFIER', path: '/id' },
  ],
  [
    '2.9 the id starts with the object type',
    variant('campaign', { id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' }),
    { code: 'STIX_ID_TYPE_MISMATCH', path: '/id' },
  ],
  [
    '2.9 upper-case UUID digits are a warning',
    variant('campaign', { id: 'campaign--8E2E2D2B-17D4-4CBF-938F-98EE46B3CD3F' }),
    { code: 'STIX_ID_UPPERCASE', severity: 'warning' },
  ],
  [
    '2.10 integers are whole numbers',
    variant('sighting', { count: 1.5 }),
    { code: 'STIX_WRONG_TYPE', path: '/count' },
  ],
  [
    '2.10 integers fit in 54 bits',
    variant('file', { size: 2 ** 60 }),
    { code: 'STIX_INVALID_VALUE', path: '/size' },
  ],
  [
    '2.11 a kill chain phase requires phase_name',
    variant('attack-pattern', { kill_chain_phases: [{ kill_chain_name: 'mitre' }] }),
    { code: 'STIX_MISSING_PROPERTY', path: '/kill_chain_phases/0/phase_name' },
  ],
  [
    '2.11 kill chain names should be lower case with hyphens',
    variant('attack-pattern', {
      kill_chain_phases: [{ kill_chain_name: 'Lockheed Martin', phase_name: 'recon' }],
    }),
    { code: 'STIX_INVALID_VALUE', severity: 'warning' },
  ],
  [
    '2.12 empty lists are prohibited',
    variant('campaign', { labels: [] }),
    { code: 'STIX_EMPTY_LIST', path: '/labels' },
  ],
  [
    '2.12 every list item conforms to the item type',
    variant('campaign', { labels: ['ok', 1] }),
    { code: 'STIX_WRONG_TYPE', path: '/labels/1' },
  ],
  [
    '2.14 open vocabulary values outside the suggestions are warnings',
    variant('identity', { identity_class: 'martian' }),
    { code: 'STIX_VOCAB_OPEN', path: '/identity_class', severity: 'warning' },
  ],
  [
    '2.16 timestamps are UTC with a Z',
    variant('campaign', { created: '2016-04-06T20:03:48.000+00:00' }),
    { code: 'STIX_INVALID_TIMESTAMP', path: '/created' },
  ],
  [
    '2.16 no decimal point without digits',
    variant('campaign', { first_seen: '2016-04-06T20:03:48.Z' }),
    { code: 'STIX_INVALID_TIMESTAMP', path: '/first_seen' },
  ],
  [
    '2.16 timestamps are real calendar dates',
    variant('campaign', { first_seen: '2016-02-30T00:00:00Z' }),
    { code: 'STIX_INVALID_TIMESTAMP', path: '/first_seen' },
  ],
  [
    '3.1 custom property names are lower-case ASCII',
    variant('campaign', { xCustom: 1 }),
    { code: 'STIX_CUSTOM_PROPERTY_NAME', path: '/xCustom' },
  ],
  [
    '3.1 required properties must be present',
    variant('campaign', { name: undefined }),
    { code: 'STIX_MISSING_PROPERTY', path: '/name' },
  ],
  [
    '3.1 an _enc property needs the property it encodes',
    variant('file', { name: undefined, hashes: { 'SHA-256': sha256 }, name_enc: 'windows-1252' }),
    { code: 'STIX_DEPENDENT_PROPERTY', path: '/name_enc' },
  ],
  [
    '3.2 created has at least millisecond precision',
    variant('campaign', { created: '2016-04-06T20:03:48Z' }),
    { code: 'STIX_TIMESTAMP_PRECISION', path: '/created' },
  ],
  [
    '3.2 spec_version is 2.1',
    variant('campaign', { spec_version: '2.2' }),
    { code: 'STIX_SPEC_VERSION', path: '/spec_version' },
  ],
  [
    '3.2 SDOs require spec_version',
    variant('campaign', { spec_version: undefined }),
    { code: 'STIX_MISSING_PROPERTY', path: '/spec_version' },
  ],
  [
    '3.2 confidence is between 0 and 100',
    variant('campaign', { confidence: 101 }),
    { code: 'STIX_INVALID_VALUE', path: '/confidence' },
  ],
  [
    '3.2 created_by_ref references an identity',
    variant('campaign', { created_by_ref: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b58abc' }),
    { code: 'STIX_REFERENCE_TYPE', path: '/created_by_ref' },
  ],
  [
    '3.2 object_marking_refs reference marking definitions',
    variant('campaign', { object_marking_refs: ['identity--31b940d4-6f7f-459a-80ea-9c1f17b58abc'] }),
    { code: 'STIX_REFERENCE_TYPE', path: '/object_marking_refs/0' },
  ],
  [
    '3.2 defanged is used only on SCOs',
    variant('campaign', { defanged: true }),
    { code: 'STIX_PROPERTY_NOT_APPLICABLE', path: '/defanged' },
  ],
  [
    '3.2 SCOs have no created property',
    variant('file', { created: '2016-04-06T20:03:48.000Z' }),
    { code: 'STIX_PROPERTY_NOT_APPLICABLE', path: '/created' },
  ],
  [
    '3.2 lang is an RFC 5646 language code',
    variant('campaign', { lang: 'english!' }),
    { code: 'STIX_LANGUAGE_CODE', path: '/lang' },
  ],
  [
    '3.2 an extension keyed by an extension-definition id needs extension_type',
    variant('campaign', {
      extensions: { 'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e': { rank: 5 } },
    }),
    {
      code: 'STIX_EXTENSION',
      path: '/extensions/extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e/extension_type',
    },
  ],
  [
    '3.2 SDO extensions are keyed by extension-definition ids',
    variant('campaign', { extensions: { 'x-foo-ext': { a: 1 } } }),
    { code: 'STIX_EXTENSION', path: '/extensions/x-foo-ext' },
  ],
  [
    '3.6.1 modified is not earlier than created',
    variant('campaign', { modified: '2015-01-01T00:00:00.000Z' }),
    { code: 'STIX_MODIFIED_BEFORE_CREATED', path: '/modified' },
  ],
  [
    '3.6 a revoked object is reported as a warning',
    variant('campaign', { revoked: true }),
    { code: 'STIX_REVOKED', severity: 'warning' },
  ],
  [
    '3.8 reserved property names are rejected',
    variant('campaign', { severity: 'high' }),
    { code: 'STIX_RESERVED_PROPERTY', path: '/severity' },
  ],
  [
    '3.10 a predefined extension belongs to its SCO type',
    variant('file', { extensions: { 'http-request-ext': { request_method: 'get', request_value: '/' } } }),
    { code: 'STIX_EXTENSION', path: '/extensions/http-request-ext' },
  ],
  [
    '7.3.2 property-extension property names are a-z, 0-9 and _',
    variant('campaign', {
      extensions: {
        'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e': {
          extension_type: 'property-extension',
          'Bad-Name': 1,
        },
      },
    }),
    { code: 'STIX_CUSTOM_PROPERTY_NAME' },
  ],
  [
    '11.1.1 custom properties without x_ are warnings',
    variant('campaign', { rank: 5 }),
    { code: 'STIX_CUSTOM_PROPERTY', path: '/rank', severity: 'warning' },
  ],
  [
    '11.2.1 custom object type names follow the naming rules',
    { type: 'X_Bad', id: 'x_bad--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' },
    { code: 'STIX_CUSTOM_TYPE_NAME', path: '/type' },
  ],
  [
    '11.2.1 custom object types without x- are warnings',
    { ...VALID.campaign, type: 'widget', id: 'widget--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' },
    { code: 'STIX_CUSTOM_OBJECT', severity: 'warning' },
  ],
  [
    '11.2.1 custom objects still need an id',
    { type: 'x-widget', name: 'w' },
    { code: 'STIX_MISSING_PROPERTY', path: '/id' },
  ],
  [
    '11.3.1 custom SCO extension names end in -ext',
    variant('file', { extensions: { 'x-example-com-foo': { a: 1 } } }),
    { code: 'STIX_EXTENSION', path: '/extensions/x-example-com-foo' },
  ],
  [
    '7.2.3 granular marking selectors must resolve',
    variant('campaign', {
      granular_markings: [
        {
          marking_ref: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
          selectors: ['description'],
        },
      ],
    }),
    { code: 'STIX_GRANULAR_MARKING', path: '/granular_markings/0/selectors/0' },
  ],
  [
    '7.2.3 a list index selector must be inside the list',
    variant('campaign', { labels: ['a'], granular_markings: [{ lang: 'de', selectors: ['labels.[1]'] }] }),
    { code: 'STIX_GRANULAR_MARKING' },
  ],
  [
    '7.2.3 a granular marking has marking_ref or lang, not both',
    variant('campaign', {
      granular_markings: [
        {
          lang: 'de',
          marking_ref: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
          selectors: ['name'],
        },
      ],
    }),
    { code: 'STIX_GRANULAR_MARKING', path: '/granular_markings/0' },
  ],
  [
    '7.2.3 a granular marking needs marking_ref or lang',
    variant('campaign', { granular_markings: [{ selectors: ['name'] }] }),
    { code: 'STIX_GRANULAR_MARKING', path: '/granular_markings/0' },
  ],
];

describe('common data types and general concepts (spec sections 2, 3, 7.2.3, 7.3.2, 11)', () => {
  for (const [name, obj, expected] of cases) it(name, () => expectIssue(obj, expected));

  it('7.2.3 selectors into lists and nested objects are accepted', () => {
    expectNoErrors(
      variant('campaign', {
        labels: ['heartbleed', 'has-logo'],
        external_references: [{ source_name: 'cve', external_id: 'CVE-2014-0160' }],
        granular_markings: [
          {
            marking_ref: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
            selectors: ['labels.[0]', 'external_references.[0].source_name', 'name'],
          },
        ],
      }),
    );
  });

  it('7.3 a toplevel-property-extension makes custom top-level properties legitimate', () => {
    const obj = variant('campaign', {
      rank: 5,
      extensions: {
        'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e': {
          extension_type: 'toplevel-property-extension',
        },
      },
    });
    expectNoErrors(obj);
  });

  it('11.1.1 x_ custom properties and x- custom objects are accepted', () => {
    expectNoErrors(variant('campaign', { x_acme_rank: 5 }));
    expectNoErrors({
      ...VALID.campaign,
      type: 'x-acme-widget',
      id: 'x-acme-widget--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      colour: 'red',
    });
  });
});
