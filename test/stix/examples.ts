/** Small valid STIX objects to derive rule test cases from, and assertion helpers (test support). */
import { expect } from 'vitest';
import { type Issue, validateObject } from '../../src/stix/index.js';

type Obj = Record<string, unknown>;

const ts = '2016-04-06T20:03:48.000Z';
const later = '2016-05-07T11:22:30.000Z';

/** Common properties of an SDO/SRO of `type`. */
export const core = (type: string, uuid = '8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'): Obj => ({
  type,
  spec_version: '2.1',
  id: `${type}--${uuid}`,
  created: ts,
  modified: ts,
});

/** One valid object per type, as small as the spec allows. */
export const VALID: Readonly<Record<string, Obj>> = {
  campaign: { ...core('campaign'), name: 'Green Group Attacks' },
  indicator: {
    ...core('indicator'),
    pattern: "[ipv4-addr:value = '198.51.100.1']",
    pattern_type: 'stix',
    valid_from: ts,
  },
  identity: { ...core('identity'), name: 'ACME', identity_class: 'organization' },
  location: { ...core('location'), region: 'europe' },
  malware: { ...core('malware'), name: 'Cryptolocker', is_family: true },
  'malware-analysis': { ...core('malware-analysis'), product: 'microsoft', result: 'malicious' },
  'observed-data': {
    ...core('observed-data'),
    first_observed: ts,
    last_observed: later,
    number_observed: 1,
    object_refs: ['ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4'],
  },
  report: {
    ...core('report'),
    name: 'Report',
    published: ts,
    object_refs: ['indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'],
  },
  relationship: {
    ...core('relationship'),
    relationship_type: 'indicates',
    source_ref: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    target_ref: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b58abc',
  },
  sighting: { ...core('sighting'), sighting_of_ref: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' },
  vulnerability: { ...core('vulnerability'), name: 'CVE-2016-1234' },
  'attack-pattern': { ...core('attack-pattern'), name: 'Spear Phishing' },
  file: {
    type: 'file',
    spec_version: '2.1',
    id: 'file--fb0419a8-f09c-57f8-be64-71a80417591c',
    name: 'foo.exe',
  },
  'ipv4-addr': {
    type: 'ipv4-addr',
    id: 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4',
    value: '198.51.100.3',
  },
  'network-traffic': {
    type: 'network-traffic',
    id: 'network-traffic--2568d22a-8998-58eb-99ec-3c8ca74f527d',
    src_ref: 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4',
    protocols: ['tcp'],
  },
  artifact: {
    type: 'artifact',
    id: 'artifact--6f437177-6e48-5cf8-9d9e-872a2bddd641',
    payload_bin: 'aGVsbG8=',
  },
  'marking-definition': {
    type: 'marking-definition',
    spec_version: '2.1',
    id: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41db',
    created: ts,
    definition_type: 'statement',
    definition: { statement: 'Copyright 2019, Example Corp' },
  },
  'extension-definition': {
    ...core('extension-definition'),
    created_by_ref: 'identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    name: 'Extension',
    description: 'An extension',
    schema: 'https://example.com/schema.json',
    version: '1.0.0',
    extension_types: ['property-extension'],
  },
  'language-content': {
    ...core('language-content'),
    object_ref: 'campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    contents: { de: { name: 'Bank Angriff' } },
  },
};

/** A valid object of `type` with `changes` applied (undefined deletes a property). */
export function variant(type: string, changes: Obj): Obj {
  const out: Obj = { ...VALID[type]! };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** The issues of one object. */
export const issuesOf = (obj: unknown): readonly Issue[] => validateObject(obj).issues;

/** Asserts the object has an issue with this code (and path/severity/section when given). */
export function expectIssue(
  obj: unknown,
  expected: { code: string; path?: string; severity?: 'error' | 'warning'; section?: string },
): void {
  const issues = issuesOf(obj);
  const match = issues.find(
    (i) =>
      i.code === expected.code &&
      (expected.path === undefined || i.path === expected.path) &&
      (expected.severity === undefined ? i.severity === 'error' : i.severity === expected.severity) &&
      (expected.section === undefined || i.section === expected.section),
  );
  expect(
    match,
    `expected ${JSON.stringify(expected)} among ${JSON.stringify(issues, null, 1)}`,
  ).toBeDefined();
}

/** Asserts the object has no errors (warnings allowed). */
export function expectNoErrors(obj: unknown): void {
  expect(issuesOf(obj).filter((i) => i.severity === 'error')).toEqual([]);
}

/** Asserts the object has no issue (error or warning) with this code. */
export function expectNoIssue(obj: unknown, code: string): void {
  expect(issuesOf(obj).filter((i) => i.code === code)).toEqual([]);
}
