import { describe, expect, it } from 'vitest';
import { newToken, parseToken } from './bearer-token.js';
import { hashSecret, verifySecret } from './password-hash.js';

const FAST = { N: 1024, r: 8, p: 1 };

describe('scrypt hashes', () => {
  it('verifies the right secret and rejects a wrong one', async () => {
    const hash = await hashSecret('correct horse battery', FAST);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(hash).not.toContain('correct horse');
    expect(await verifySecret('correct horse battery', hash)).toBe(true);
    expect(await verifySecret('correct horse batterY', hash)).toBe(false);
  });

  it('salts: the same secret hashes differently each time', async () => {
    expect(await hashSecret('same secret', FAST)).not.toBe(await hashSecret('same secret', FAST));
  });

  it('never matches a malformed or over-expensive stored hash', async () => {
    for (const stored of [
      '',
      'plain',
      'scrypt$1024$8$1$abc',
      'scrypt$99999999$8$1$AAAA$AAAA',
      'bcrypt$x$y$z$a$b',
    ]) {
      expect(await verifySecret('x', stored)).toBe(false);
    }
  });
});

describe('bearer tokens', () => {
  it('accord_<tokenId>_<secret> round-trips and rejects other shapes', () => {
    const t = newToken();
    expect(t.token).toMatch(/^accord_[0-9a-f]{16}_[0-9a-f]{64}$/);
    expect(parseToken(t.token)).toEqual({ tokenId: t.tokenId, secret: t.secret });
    for (const bad of ['', 'accord__x', `accord_${t.tokenId}`, `${t.token}x`, t.token.toUpperCase()]) {
      expect(parseToken(bad)).toBeUndefined();
    }
  });
});
