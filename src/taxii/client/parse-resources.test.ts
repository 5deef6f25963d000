import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TaxiiClientError } from './errors.js';
import { isTaxiiJson } from './media-types.js';
import {
  parseApiRoot,
  parseCollections,
  parseDiscovery,
  parseEnvelope,
  parseManifest,
  parseStatus,
  parseVersions,
} from './parse-resources.js';
import { withFilter } from './urls.js';

const PARSERS: ((v: unknown) => unknown)[] = [
  (v) => parseDiscovery(v, 'http://127.0.0.1/taxii2/'),
  parseApiRoot,
  parseCollections,
  (v) => parseEnvelope(v, {}),
  (v) => parseManifest(v, {}),
  (v) => parseVersions(v, {}),
  parseStatus,
];

describe('response parsing', () => {
  it('random JSON never throws anything but TaxiiClientError', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat({ max: PARSERS.length - 1 }), (v, i) => {
        try {
          PARSERS[i]!(v);
        } catch (e) {
          return e instanceof TaxiiClientError && e.code === 'TAXII_CLIENT_BAD_RESPONSE';
        }
        return true;
      }),
    );
  });

  it('3.7 an absent more means false and absent objects an empty list', () => {
    expect(parseEnvelope({}, {})).toEqual({ objects: [], more: false });
  });

  it('4.3.1 status counts must be non-negative integers', () => {
    const st = {
      id: 's',
      status: 'complete',
      total_count: 1,
      success_count: -1,
      failure_count: 0,
      pending_count: 0,
    };
    expect(() => parseStatus(st)).toThrow(/\/success_count/);
  });

  it('1.6.8.2 accepts TAXII JSON with version 2.1 or none, refuses other versions and types', () => {
    expect(isTaxiiJson('application/taxii+json;version=2.1')).toBe(true);
    expect(isTaxiiJson('application/taxii+json; charset=utf-8')).toBe(true);
    expect(isTaxiiJson('application/taxii+json;version=2.0')).toBe(false);
    expect(isTaxiiJson('text/html')).toBe(false);
    expect(isTaxiiJson(null)).toBe(false);
  });

  it('3.4 filters round-trip through the query string as comma lists', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ minLength: 1 }).filter((s) => !s.includes(',')),
          { maxLength: 4 },
        ),
        fc.option(fc.string(), { nil: undefined }),
        (types, next) => {
          const url = new URL(withFilter('http://h/c/', { types, ...(next === undefined ? {} : { next }) }));
          const got = url.searchParams.get('match[type]');
          return (
            (types.length === 0 ? got === null : got === types.join(',')) &&
            url.searchParams.get('next') === (next ?? null)
          );
        },
      ),
    );
  });
});
