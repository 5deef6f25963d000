/** The promises of the login throttle (docs/security/login-throttling.md), checked over random histories. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THROTTLE, LoginLimiter } from './login-limiter.js';

const MINUTE = 60_000;
const users = ['alice', 'bob', 'carol', 'dave'] as const;
const addresses = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '192.0.2.7'] as const;

/** A clock tests move by hand. */
function clock() {
  let t = 1_000_000;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/** One event of a login history: a failure, a success, or time passing. */
type Event =
  | { readonly kind: 'fail' | 'succeed'; readonly user: string; readonly address: string }
  | { readonly kind: 'wait'; readonly ms: number };

const event = (userArb: fc.Arbitrary<string>, addressArb: fc.Arbitrary<string>): fc.Arbitrary<Event> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({ kind: fc.constant('fail' as const), user: userArb, address: addressArb }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('wait' as const),
        ms: fc.integer({ min: 0, max: 20 * MINUTE }),
      }),
    },
  );

function replay(history: readonly Event[]) {
  const c = clock();
  const limiter = new LoginLimiter({ now: c.now });
  for (const e of history) {
    if (e.kind === 'wait') c.advance(e.ms);
    else if (e.kind === 'fail') limiter.fail(e.user, e.address);
    else limiter.succeed(e.user, e.address);
  }
  return { limiter, clock: c };
}

describe('login throttle promises (property-based)', () => {
  it("one user's failures, from any addresses, never make another user wait anywhere", () => {
    fc.assert(
      fc.property(
        fc.array(event(fc.constant('alice'), fc.constantFrom(...addresses)), { maxLength: 300 }),
        fc.constantFrom('bob', 'carol'),
        fc.constantFrom(...addresses),
        (history, other, address) => {
          expect(replay(history).limiter.waitMs(other, address)).toBe(0);
        },
      ),
    );
  });

  it('failures from other addresses never make a user wait where the user recently logged in', () => {
    fc.assert(
      fc.property(
        fc.array(event(fc.constantFrom(...users), fc.constantFrom('10.0.0.2', '10.0.0.3', '192.0.2.7')), {
          maxLength: 300,
        }),
        fc.constantFrom(...users),
        (history, user) => {
          const { limiter, clock: c } = replay([]);
          limiter.succeed(user, '10.0.0.1');
          for (const e of history) {
            if (e.kind === 'wait') c.advance(Math.min(e.ms, MINUTE));
            else if (e.kind === 'fail') limiter.fail(e.user, e.address);
          }
          expect(limiter.waitMs(user, '10.0.0.1')).toBe(0);
        },
      ),
    );
  });

  it('at an address that never failed, anyone waits at most the per-user cap (a delay, never a lockout)', () => {
    fc.assert(
      fc.property(
        fc.array(event(fc.constantFrom(...users), fc.constantFrom('10.0.0.2', '10.0.0.3', '192.0.2.7')), {
          maxLength: 400,
        }),
        fc.constantFrom(...users),
        (history, user) => {
          expect(replay(history).limiter.waitMs(user, '10.0.0.1')).toBeLessThanOrEqual(
            DEFAULT_THROTTLE.user.maxDelayMs,
          );
        },
      ),
    );
  });

  it('guessing stays slow: an attacker retrying as soon as allowed, from many addresses, gets few guesses an hour', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 1, max: 64 }),
        (gaps, addressCount) => {
          const c = clock();
          const limiter = new LoginLimiter({ now: c.now });
          const end = c.now() + 60 * MINUTE;
          let guesses = 0;
          for (let k = 0; c.now() < end; k++) {
            const address = `198.51.100.${k % addressCount}`;
            const wait = limiter.waitMs('alice', address);
            if (wait > 0) {
              c.advance(wait);
              continue;
            }
            limiter.fail('alice', address);
            guesses++;
            c.advance(gaps[k % gaps.length]!);
          }
          // 10 free, then 1 s doubling to a 1-minute cap: 10 + 7 + about 59 over the hour.
          expect(guesses).toBeLessThanOrEqual(80);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('password spraying: an address failing for more than 20 users waits, except for users who logged in there', () => {
    const { limiter } = replay([]);
    limiter.succeed('alice', '10.0.0.9');
    for (let i = 0; i < DEFAULT_THROTTLE.address.freeFailures; i++) limiter.fail(`user${i}`, '10.0.0.9');
    expect(limiter.waitMs('zed', '10.0.0.9')).toBe(0);
    limiter.fail('one-more', '10.0.0.9');
    expect(limiter.waitMs('zed', '10.0.0.9')).toBe(1000);
    expect(limiter.waitMs('alice', '10.0.0.9')).toBe(0);
    expect(limiter.waitMs('zed', '10.0.0.10')).toBe(0);
  });

  it('one (user, address) pair: 5 free failures, then 1 s doubling to 15 minutes; a success forgets them', () => {
    const { limiter, clock: c } = replay([]);
    for (let i = 0; i < 5; i++) limiter.fail('bob', '10.0.0.1');
    expect(limiter.waitMs('bob', '10.0.0.1')).toBe(0);
    const waits: number[] = [];
    for (let i = 0; i < 14; i++) {
      limiter.fail('bob', '10.0.0.1');
      waits.push(limiter.waitMs('bob', '10.0.0.1'));
    }
    expect(waits.slice(0, 4)).toEqual([1000, 2000, 4000, 8000]);
    expect(Math.max(...waits)).toBe(15 * MINUTE);
    expect(limiter.waitMs('bob', '10.0.0.2')).toBeLessThanOrEqual(MINUTE);
    c.advance(15 * MINUTE);
    limiter.succeed('bob', '10.0.0.1');
    expect(limiter.waitMs('bob', '10.0.0.1')).toBe(0);
  });

  it('bounds the memory it keeps', () => {
    const limiter = new LoginLimiter({ maxEntries: 10, pair: { freeFailures: 0 }, now: () => 0 });
    for (let i = 0; i < 100; i++) limiter.fail(`u${i}`, `a${i}`);
    expect(limiter.waitMs('u0', 'a0')).toBe(0);
    expect(limiter.waitMs('u99', 'a99')).toBeGreaterThan(0);
  });
});
