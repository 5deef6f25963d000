import { describe, expect, it } from 'vitest';
import { expectIssue, expectNoErrors, VALID, variant } from '../../../test/stix/examples.js';
import { TLP_V1, TLP_V2, validateDocument } from '../index.js';

type Case = [
  name: string,
  obj: Record<string, unknown>,
  expected: { code: string; path?: string; severity?: 'error' | 'warning' },
];

const cases: Case[] = [
  [
    '7.1.1 contents keys are RFC 5646 language codes',
    variant('language-content', { contents: { 'not a language': { name: 'x' } } }),
    { code: 'STIX_LANGUAGE_CODE' },
  ],
  [
    '7.1.1 language-content requires object_ref',
    variant('language-content', { object_ref: undefined }),
    { code: 'STIX_MISSING_PROPERTY', path: '/object_ref' },
  ],
  [
    '7.1 language-content has no lang property',
    variant('language-content', { lang: 'en' }),
    { code: 'STIX_PROPERTY_NOT_APPLICABLE', path: '/lang' },
  ],
  [
    '7.2.1 a marking without extensions needs definition_type and definition',
    variant('marking-definition', { definition: undefined, definition_type: undefined }),
    { code: 'STIX_MISSING_PROPERTY', path: '/definition_type' },
  ],
  [
    '7.2.1 marking definitions are not versioned',
    variant('marking-definition', { modified: '2016-08-01T00:00:00.000Z' }),
    { code: 'STIX_PROPERTY_NOT_APPLICABLE', path: '/modified' },
  ],
  [
    '7.2.1.3 a statement marking has a statement',
    variant('marking-definition', { definition: { text: 'x' } }),
    { code: 'STIX_MISSING_PROPERTY', path: '/definition/statement' },
  ],
  [
    '7.2.1.4 only the standard TLP 1.0 definitions may be used',
    { ...TLP_V1.red, id: 'marking-definition--31b940d4-6f7f-459a-80ea-9c1f17b58abc' },
    { code: 'STIX_TLP_DEFINITION' },
  ],
  [
    '7.2.1.4 a TLP level is white, green, amber or red',
    { ...TLP_V1.red, definition: { tlp: 'clear' } },
    { code: 'STIX_TLP_DEFINITION' },
  ],
  [
    '3.2 a marking definition does not mark itself',
    variant('marking-definition', { object_marking_refs: [VALID['marking-definition']!.id] }),
    { code: 'STIX_CIRCULAR_MARKING' },
  ],
  [
    '7.3.1 an extension definition requires created_by_ref',
    variant('extension-definition', { created_by_ref: undefined }),
    { code: 'STIX_MISSING_PROPERTY', path: '/created_by_ref' },
  ],
  [
    '7.3.1 extension_properties only with toplevel-property-extension',
    variant('extension-definition', { extension_properties: ['rank'] }),
    { code: 'STIX_DEPENDENT_PROPERTY', path: '/extension_properties' },
  ],
  [
    '10.5 extension_types come from extension-type-enum',
    variant('extension-definition', { extension_types: ['property_extension'] }),
    { code: 'STIX_VOCAB_CLOSED', path: '/extension_types/0' },
  ],
];

describe('STIX Meta Objects (spec section 7)', () => {
  for (const [name, obj, expected] of cases) it(name, () => expectIssue(obj, expected));

  it('7.2.1.4 the TLP 1.0 and TLP 2.0 marking definitions validate', () => {
    for (const def of [...Object.values(TLP_V1), ...Object.values(TLP_V2)]) expectNoErrors(def);
  });
});

const bundle = (objects: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'bundle',
  id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
  ...extra,
  objects,
});

describe('STIX Bundle (spec section 8)', () => {
  it('8.1 a bundle id starts with bundle--', () => {
    const doc = validateDocument({
      ...bundle([VALID.campaign]),
      id: 'campaign--5d0092c5-5f74-4287-9642-33f4c354e56d',
    });
    expect(doc.results[0]!.errors.map((e) => e.code)).toContain('STIX_ID_TYPE_MISMATCH');
  });

  it('8.1 objects is a non-empty list', () => {
    expect(validateDocument(bundle([])).results[0]!.errors.map((e) => e.code)).toEqual(['STIX_EMPTY_LIST']);
  });

  it('8 results come one per object in input order, the bundle first, with pointers into the input', () => {
    const doc = validateDocument(bundle([VALID.campaign, variant('indicator', { created: 'yesterday' })]));
    expect(doc.valid).toBe(false);
    expect(doc.results.map((r) => [r.id, r.valid])).toEqual([
      ['bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', true],
      [VALID.campaign!.id, true],
      [VALID.indicator!.id, false],
    ]);
    expect(doc.results[2]!.errors[0]!.path).toBe('/objects/1/created');
  });

  it('8 objects of a STIX 2.0 bundle are accepted without spec_version', () => {
    const { spec_version: _v, ...indicator20 } = variant('indicator', {
      pattern_type: undefined,
      labels: ['malicious-activity'],
    });
    expect(validateDocument(bundle([indicator20], { spec_version: '2.0' })).valid).toBe(true);
    expect(validateDocument(bundle([indicator20])).valid).toBe(false);
  });
});
