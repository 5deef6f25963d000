import { describe, expect, it } from 'vitest';
import { formatSelector, parseSelector, resolves } from './granular-selector.js';

// The example object of spec 7.2.3.
const vuln = {
  id: 'vulnerability--ee916c28-c7a4-4d0d-ad56-a8d357f89fef',
  spec_version: '2.1',
  created: '2016-02-14T00:00:00.000Z',
  modified: '2016-02-14T00:00:00.000Z',
  type: 'vulnerability',
  name: 'CVE-2014-0160',
  description: 'The (1) TLS...',
  external_references: [{ source_name: 'cve', external_id: 'CVE-2014-0160' }],
  labels: ['heartbleed', 'has-logo'],
};
const ok = (s: string) => {
  const steps = parseSelector(s);
  return steps !== undefined && resolves(vuln, steps);
};

describe('7.2.3 selector syntax', () => {
  it('7.2.3 accepts the valid selectors of the spec example', () => {
    for (const s of [
      'description',
      'external_references.[0].source_name',
      'labels.[0]',
      'labels',
      'external_references',
    ]) {
      expect(ok(s)).toBe(true);
    }
  });
  it('7.2.3 rejects the invalid selectors of the spec example', () => {
    for (const s of ['pattern', 'external_references.[3]', 'description.[0]', 'labels.name'])
      expect(ok(s)).toBe(false);
  });
  it('rejects malformed selectors', () => {
    for (const s of ['', '.', 'a..b', '[01]', '[-1]', 'a[0]', '[0', 1, null])
      expect(parseSelector(s)).toBeUndefined();
    expect(parseSelector('x.'.repeat(100) + 'x')).toBeUndefined();
  });
  it('round-trips through formatSelector', () => {
    const s = 'external_references.[0].hashes.SHA-256';
    expect(formatSelector(parseSelector(s)!)).toBe(s);
  });
  it('does not follow inherited properties', () => {
    expect(ok('constructor')).toBe(false);
    expect(ok('labels.length')).toBe(false);
  });
});
