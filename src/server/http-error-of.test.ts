import { describe, expect, it } from 'vitest';
import { CORE_ERRORS, CoreError, type CoreErrorCode } from '../core/index.js';
import { PolicyError } from '../policy/index.js';
import { StoreError } from '../store/index.js';
import { TaxiiError } from '../taxii/index.js';
import { httpErrorOf, WWW_AUTHENTICATE } from './http-error-of.js';

describe('httpErrorOf: the one map from domain errors to HTTP', () => {
  it('gives every core code a client-error status and keeps code and message', () => {
    for (const code of Object.keys(CORE_ERRORS) as CoreErrorCode[]) {
      const mapped = httpErrorOf(new CoreError(code, `because ${code}`));
      expect(mapped?.status).toBeGreaterThanOrEqual(400);
      expect(mapped?.status).toBeLessThan(500);
      expect(mapped).toMatchObject({ code, message: `because ${code}` });
    }
  });

  it('401 carries the challenges, 429 the Retry-After', () => {
    expect(httpErrorOf(new CoreError('CORE_UNAUTHENTICATED', 'x'))?.headers).toEqual({
      'WWW-Authenticate': WWW_AUTHENTICATE,
    });
    expect(httpErrorOf(new CoreError('CORE_RATE_LIMITED', 'x', 7))).toMatchObject({
      status: 429,
      headers: { 'Retry-After': '7' },
    });
  });

  it('a store failure a client did not cause is a 500 that does not repeat its message', () => {
    expect(httpErrorOf(new StoreError('STORE_BAD_CURSOR', 'bad next'))).toMatchObject({
      status: 400,
      message: 'bad next',
    });
    const failed = httpErrorOf(new StoreError('STORE_INVALID_RECORD', 'database /var/x.db is malformed'));
    expect(failed).toMatchObject({ status: 500, code: 'STORE_INVALID_RECORD', message: 'the store failed' });
  });

  it('leaves errors it does not know to the shell (500 there)', () => {
    expect(httpErrorOf(new PolicyError('POLICY_BAD_IDENTITY', 'x'))).toBeUndefined();
    expect(httpErrorOf(new TaxiiError('TAXII_NOT_FOUND', 'x'))).toBeUndefined();
    expect(
      httpErrorOf(Object.assign(new Error('x'), { name: 'CoreError', code: 'CORE_NOT_FOUND' })),
    ).toBeUndefined();
  });
});
