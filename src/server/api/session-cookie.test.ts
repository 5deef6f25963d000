import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { clearedSessionCookie, sessionCookie, sessionSecretOf } from './session-cookie.js';

const over = (protocol: 'http' | 'https', cookie?: string) =>
  ({ protocol, headers: cookie === undefined ? {} : { cookie } }) as unknown as FastifyRequest;

describe('the session cookie (RFC 6265)', () => {
  it('is Secure when the node is served over TLS, and only then', () => {
    expect(sessionCookie(over('https'), 'a'.repeat(43), 3600)).toBe(
      `accord_session=${'a'.repeat(43)}; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=3600`,
    );
    expect(sessionCookie(over('http'), 'a'.repeat(43), 3600)).not.toContain('Secure');
    expect(clearedSessionCookie(over('https'))).toBe(
      'accord_session=; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=0',
    );
  });

  it('reads the secret among other cookies and ignores malformed values', () => {
    const secret = 'b'.repeat(43);
    expect(sessionSecretOf(over('http', `theme=dark; accord_session=${secret}; x=1`))).toBe(secret);
    expect(sessionSecretOf(over('http', 'accord_session=short'))).toBeUndefined();
    expect(sessionSecretOf(over('http', 'accord_session=has spaces and ; semicolons'))).toBeUndefined();
    expect(sessionSecretOf(over('http'))).toBeUndefined();
  });
});
