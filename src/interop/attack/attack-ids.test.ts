/**
 * ATT&CK ids (issue 19): every object of the ICS 18.1 bundle (MITRE, licence in
 * test/fixtures/stix/attack-ics/LICENSE.txt) that has an ATT&CK id gives it, and its type is
 * among those its id's prefix names, so a query narrowed by type still finds it.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attackIdsOf, attackTypesOf, isAttackId } from './attack-ids.js';

type Json = Record<string, unknown>;

const ics = JSON.parse(
  readFileSync(
    new URL('../../../test/fixtures/stix/attack-ics/ics-attack-18.1.json', import.meta.url),
    'utf8',
  ),
) as { objects: Json[] };

describe('ATT&CK ids', () => {
  it('every ICS object with an ATT&CK id: found, and of a type its prefix names', () => {
    let found = 0;
    for (const o of ics.objects) {
      const ids = attackIdsOf(o);
      for (const id of ids) {
        found++;
        expect(attackTypesOf(id), id).toContain(o.type);
      }
    }
    // The catalogue's objects with an id (the matrix's `ics-attack` is no ATT&CK id).
    expect(found).toBe(449);
  });

  it('reads techniques, sub-techniques, groups, software, tactics; case-insensitively', () => {
    expect(attackTypesOf('T1059')).toEqual(['attack-pattern']);
    expect(attackTypesOf('t1059.001')).toEqual(['attack-pattern']);
    expect(attackTypesOf('G0007')).toEqual(['intrusion-set']);
    expect(attackTypesOf('S0154')).toEqual(['malware', 'tool']);
    expect(attackTypesOf('TA0001')).toEqual(['x-mitre-tactic']);
    expect(attackTypesOf('DET0001')).toEqual(['x-mitre-detection-strategy']);
    for (const no of ['T105', 'G0007.001', 'X1234', 'T1059.01', 'ics-attack', ' T1059', 'T1059 '])
      expect(attackTypesOf(no), no).toBeUndefined();
  });

  it('ignores ids of other sources (CAPEC, CVE) and malformed references', () => {
    const o = {
      external_references: [
        { source_name: 'capec', external_id: 'CAPEC-98' },
        {
          source_name: 'mitre-attack',
          external_id: 'T1566',
          url: 'https://attack.mitre.org/techniques/T1566',
        },
        { source_name: 'mitre-attack' },
        null,
        { source_name: 'url', external_id: 'T1000' },
      ],
    };
    expect(attackIdsOf(o)).toEqual(['T1566']);
  });

  it('property: an id isAttackId accepts has types exactly when it is not a non-technique sub-id', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (s) => {
        const types = attackTypesOf(s);
        if (!isAttackId(s)) expect(types).toBeUndefined();
        else expect(types === undefined).toBe(s.includes('.') && !/^t\d/i.test(s));
      }),
    );
  });
});
