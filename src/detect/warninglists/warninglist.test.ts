import { describe, expect, it } from 'vitest';
import { fixture } from '../test-support/fixture-events.js';
import { buildWarninglists, loadWarninglists } from './warninglist.js';

describe('MISP warninglists', () => {
  it('loads the real rfc1918 and security-provider-blogpost lists (CIDR containment, hostnames and subdomains)', async () => {
    const lists = await loadWarninglists(fixture('misp-warninglists'));
    expect(lists.names).toEqual([
      'List of RFC 1918 CIDR blocks',
      'List of known security providers/vendors blog domain',
    ]);
    expect(lists.lookup('10.20.30.40')).toBe('List of RFC 1918 CIDR blocks');
    expect(lists.lookup('172.31.255.255')).toBe('List of RFC 1918 CIDR blocks');
    expect(lists.lookup('172.32.0.1')).toBeUndefined();
    expect(lists.lookup('192.168.0.0/24')).toBe('List of RFC 1918 CIDR blocks');
    expect(lists.lookup('2014.hack.lu')).toBe('List of known security providers/vendors blog domain');
    expect(lists.lookup('www.2014.HACK.lu.')).toBe('List of known security providers/vendors blog domain');
    expect(lists.lookup('http://2014.hack.lu/talks')).toBe(
      'List of known security providers/vendors blog domain',
    );
    expect(lists.lookup('hack.lu')).toBeUndefined();
  });

  it('reads IPv6 blocks, exact strings and substrings; skips regex lists with a warning', () => {
    const lists = buildWarninglists([
      { source: 'a', doc: { name: 'v6', type: 'cidr', list: ['2001:db8::/32'] } },
      { source: 'b', doc: { name: 'exact', type: 'string', list: ['Benign.Example'] } },
      { source: 'c', doc: { name: 'sub', type: 'substring', list: ['cdn.'] } },
      { source: 'd', doc: { name: 're', type: 'regex', list: ['^x'] } },
    ]);
    expect(lists.lookup('2001:DB8::1')).toBe('v6');
    expect(lists.lookup('2001:db9::1')).toBeUndefined();
    expect(lists.lookup('benign.example')).toBe('exact');
    expect(lists.lookup('img.cdn.example')).toBe('sub');
    expect(lists.warnings).toEqual(['d: regex warninglists are not applied']);
  });

  it('refuses a document that is not a warninglist', () => {
    expect(() => buildWarninglists([{ source: 'x.json', doc: { list: 'nope' } }])).toThrow(
      /x\.json: not a MISP warninglist/,
    );
  });
});
