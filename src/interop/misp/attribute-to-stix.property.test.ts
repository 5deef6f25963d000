/**
 * Property: any valid value of any mapped MISP attribute type, with or without to_ids, gives
 * objects that are valid STIX 2.1, patterns included (the full pattern check). This is what lets
 * the conversion skip re-checking the indicators and relationships it writes (event-to-stix.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPattern } from '../../pattern/index.js';
import { validateObject } from '../../stix/index.js';
import { ATTRIBUTE_TYPES } from './attribute-table.js';
import { eventToStix } from './event-to-stix.js';
import { readEvent } from './read-event.js';
import type { ValueKind } from './value-kinds.js';

const hexOf = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
const text = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
  .filter((s) => s.trim() !== '' && !s.includes('|'));

function validValue(kind: ValueKind): fc.Arbitrary<string> {
  switch (kind) {
    case 'ip':
      return fc.oneof(
        fc.ipV4(),
        fc.ipV6(),
        // A CIDR block names its network address: no bits set past the prefix (STIX 2.1 6.4).
        fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([ip, b]) => {
          const n = ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
          const net = b === 0 ? 0 : Math.floor(n / 2 ** (32 - b)) * 2 ** (32 - b);
          return `${[24, 16, 8, 0].map((s) => Math.floor(net / 2 ** s) % 256).join('.')}/${b}`;
        }),
      );
    case 'domain':
    case 'hostname':
      return fc.domain();
    case 'port':
      return fc.integer({ min: 0, max: 65535 }).map(String);
    case 'asn':
      return fc.integer({ min: 0, max: 4294967295 }).map((n) => `AS${n}`);
    case 'integer':
      return fc.nat().map(String);
    case 'email':
      return fc.tuple(fc.stringMatching(/^[a-z0-9._%+-]{1,20}$/), fc.domain()).map(([l, d]) => `${l}@${d}`);
    case 'url':
      return fc.webUrl();
    case 'filename':
    case 'text':
      return text;
    case 'mac':
      return fc.array(hexOf(2), { minLength: 6, maxLength: 6 }).map((p) => p.join(':'));
    case 'ssdeep':
      return fc.stringMatching(/^\d{1,3}:[A-Za-z0-9/+]{1,30}:[A-Za-z0-9/+]{1,30}$/);
    case 'tlsh':
      return hexOf(70);
    case 'timestamp':
      return fc
        .date({ min: new Date(0), max: new Date(4102444800000), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'regkey':
      return fc
        .tuple(fc.constantFrom('HKLM', 'HKCU', 'HKEY_USERS'), text)
        .map(([h, rest]) => `${h}\\${rest}`);
    default: {
      const [a, b] = kind.slice(4).split('-').map(Number);
      return fc.integer({ min: a!, max: b ?? a! }).chain((n) => hexOf(n));
    }
  }
}

const mapped = Object.entries(ATTRIBUTE_TYPES).flatMap(([type, m]) =>
  'slots' in m ? [{ type, slots: m.slots }] : [],
);

const attribute = fc.constantFrom(...mapped).chain(({ type, slots }) =>
  fc.record({
    type: fc.constant(type),
    value: fc.tuple(...slots.map((s) => validValue(s.kind))).map((parts) => parts.join('|')),
    to_ids: fc.boolean(),
    comment: fc.option(text, { nil: undefined }),
  }),
);

describe('property: every valid value of every mapped type gives valid STIX 2.1', () => {
  it('indicators (full pattern check), observations, notes and references are all valid', () => {
    fc.assert(
      fc.property(fc.array(attribute, { minLength: 1, maxLength: 4 }), (attributes) => {
        const event = {
          uuid: '4c237b7e-2ac9-458e-8b3c-9b55c8752054',
          info: 'property',
          timestamp: '1710000000',
          date: '2024-03-09',
          Attribute: attributes.map((a, i) => ({
            ...a,
            uuid: `5bbe59dd-5bbc-4c78-9c79-7ad70a0162${String(i).padStart(2, '0')}`,
            category: 'Network activity',
            timestamp: '1710000000',
          })),
        };
        const conversion = eventToStix(readEvent(event, '/Event', 0).event!);
        expect(conversion.issues.filter((i) => i.severity === 'error')).toEqual([]);
        for (const o of conversion.objects) {
          const errors = validateObject(o, { patternCheck: checkPattern }).issues.filter(
            (i) => i.severity === 'error',
          );
          expect(errors, JSON.stringify(o)).toEqual([]);
        }
      }),
      { numRuns: 120 },
    );
  });
});
