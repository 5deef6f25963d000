import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './login-limiter.js';

describe('LoginLimiter', () => {
  it('lets the free failures through, then blocks with a doubling delay', () => {
    let now = 0;
    const limiter = new LoginLimiter({ freeFailures: 3, baseDelayMs: 1000, now: () => now });
    for (let i = 0; i < 3; i++) limiter.fail(['user:a']);
    expect(limiter.waitMs(['user:a'])).toBe(0);
    limiter.fail(['user:a']);
    expect(limiter.waitMs(['user:a'])).toBe(1000);
    limiter.fail(['user:a']);
    expect(limiter.waitMs(['user:a'])).toBe(2000);
    now += 2000;
    expect(limiter.waitMs(['user:a'])).toBe(0);
  });

  it('caps the delay and forgets a key after success', () => {
    let now = 0;
    const limiter = new LoginLimiter({
      freeFailures: 0,
      baseDelayMs: 1000,
      maxDelayMs: 5000,
      now: () => now,
    });
    for (let i = 0; i < 20; i++) limiter.fail(['ip:x']);
    expect(limiter.waitMs(['ip:x'])).toBe(5000);
    limiter.succeed('ip:x');
    expect(limiter.waitMs(['ip:x'])).toBe(0);
    now += 1;
  });

  it('keys are independent and the longest wait wins', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 }), (a, b) => {
        const limiter = new LoginLimiter({ freeFailures: 0, baseDelayMs: 100, now: () => 0 });
        for (let i = 0; i < a; i++) limiter.fail(['k1']);
        for (let i = 0; i < b; i++) limiter.fail(['k2']);
        const w1 = limiter.waitMs(['k1']);
        const w2 = limiter.waitMs(['k2']);
        expect(w1).toBe(100 * 2 ** (a - 1));
        expect(limiter.waitMs(['k1', 'k2'])).toBe(Math.max(w1, w2));
      }),
    );
  });

  it('bounds the number of tracked keys', () => {
    const limiter = new LoginLimiter({ freeFailures: 0, maxEntries: 10, now: () => 0 });
    for (let i = 0; i < 100; i++) limiter.fail([`k${i}`]);
    expect(limiter.waitMs(['k0'])).toBe(0);
    expect(limiter.waitMs(['k99'])).toBeGreaterThan(0);
  });
});
