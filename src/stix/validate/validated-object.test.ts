import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type CustomObject,
  META_TYPES,
  SCO_TYPES,
  SDO_TYPES,
  SRO_TYPES,
  type StixType,
  type ValidatedObject,
  type ValidatedOf,
  validateObject,
} from '../index.js';

const examples = (
  JSON.parse(
    readFileSync(new URL('../../../test/fixtures/stix/spec-examples-v21.json', import.meta.url), 'utf8'),
  ) as { section: string; value: unknown }[]
).map((e) => e.value);

const INDICATOR = {
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created: '2016-04-06T20:03:48.000Z',
  modified: '2016-04-06T20:03:48.000Z',
  pattern: "[ipv4-addr:value = '198.51.100.1']",
  pattern_type: 'stix',
  valid_from: '2016-01-01T00:00:00Z',
};

describe('validateObject returns typed objects (STIX 2.1 sections 4-7, 11.2)', () => {
  it('every spec-defined type the validator registers is a member of the union, and no other', () => {
    type Registered =
      | keyof typeof SDO_TYPES
      | keyof typeof SRO_TYPES
      | keyof typeof SCO_TYPES
      | keyof typeof META_TYPES;
    expectTypeOf<Registered>().toEqualTypeOf<StixType>();
    const registered = [SDO_TYPES, SRO_TYPES, SCO_TYPES, META_TYPES].flatMap((t) => Object.keys(t));
    expect(new Set(registered).size).toBe(registered.length);
  });

  it('4.7: narrowing on type gives the indicator its properties, without a cast', () => {
    const result = validateObject(INDICATOR);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const o: ValidatedObject = result.value;
    if (o.type !== 'indicator') throw new Error(`expected an indicator, got ${o.type}`);
    expectTypeOf(o).toEqualTypeOf<ValidatedOf<'indicator'>>();
    expectTypeOf(o.pattern).toEqualTypeOf<string>();
    expectTypeOf(o.spec_version).toEqualTypeOf<'2.0' | '2.1' | undefined>();
    expect([o.pattern, o.pattern_type, o.valid_from]).toEqual([
      INDICATOR.pattern,
      INDICATOR.pattern_type,
      INDICATOR.valid_from,
    ]);
  });

  it('11.2: a custom x- object is its own member: narrowing on a spec type excludes it', () => {
    const custom = { type: 'x-acme-widget', id: 'x-acme-widget--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' };
    const result = validateObject(custom);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const o = result.value;
    if (o.type === 'indicator' || o.type === 'malware') throw new Error('a custom object is no spec type');
    expectTypeOf<Extract<typeof o, CustomObject>>().toEqualTypeOf<CustomObject>();
    expect(o).toBe(custom);
  });

  it('2-7, 11.2.1: every valid spec example comes back as the same value, its type a member of the union', () => {
    const known = new Set<string>(
      [SDO_TYPES, SRO_TYPES, SCO_TYPES, META_TYPES].flatMap((t) => Object.keys(t)),
    );
    let valid = 0;
    for (const example of examples) {
      const result = validateObject(example);
      if (!result.ok) continue;
      valid++;
      expect(result.value).toBe(example);
      const { type } = result.value;
      // Other names pass only as custom objects, with the 11.2.1 warning (CustomObject's caveat).
      const warned = result.issues.some((i) => i.code === 'STIX_CUSTOM_OBJECT');
      expect(known.has(type) || type.startsWith('x-') || warned, type).toBe(true);
    }
    expect(valid).toBeGreaterThan(40);
  });
});
