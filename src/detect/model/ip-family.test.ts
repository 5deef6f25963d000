import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipFamily } from './ip-family.js';

describe('ipFamily', () => {
  it('agrees with node:net isIP on addresses, near-addresses and any text', () => {
    const part = fc.oneof(fc.nat(300).map(String), fc.constantFrom('00', '01', '', '-1', '1a', '255', '256'));
    const quad = fc.array(part, { minLength: 2, maxLength: 5 }).map((p) => p.join('.'));
    const v6 = fc.ipV6();
    fc.assert(
      fc.property(fc.oneof(quad, fc.ipV4(), v6, fc.string({ maxLength: 20 })), (s) => {
        expect(ipFamily(s)).toBe(isIP(s));
      }),
      { numRuns: 2000 },
    );
  });
});
