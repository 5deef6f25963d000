/** Conformance: leases (LeaseStore), which keep two processes from running one peer's sync at once. */
import { describe, expect, it } from 'vitest';
import { type StoreFactory, useStore } from './harness.suite.js';

const MINUTE = 60_000;

/** A lease has one holder until it is released or expires; its holder may renew it. */
export function leasesSuite(makeStore: StoreFactory): void {
  describe('leases', () => {
    const store = useStore(makeStore);

    it('gives a free lease to the first holder and refuses it to another while it runs', async () => {
      expect(await store().acquireLease('sync:bravo', 'process-a', MINUTE)).toBe(true);
      expect(await store().acquireLease('sync:bravo', 'process-b', MINUTE)).toBe(false);
      // Another lease is another name.
      expect(await store().acquireLease('sync:charlie', 'process-b', MINUTE)).toBe(true);
    });

    it('lets its holder renew it', async () => {
      expect(await store().acquireLease('sync:bravo', 'process-a', MINUTE)).toBe(true);
      expect(await store().acquireLease('sync:bravo', 'process-a', MINUTE)).toBe(true);
      expect(await store().acquireLease('sync:bravo', 'process-b', MINUTE)).toBe(false);
    });

    it('frees it when its holder releases it, and only then', async () => {
      await store().acquireLease('sync:bravo', 'process-a', MINUTE);
      await store().releaseLease('sync:bravo', 'process-b');
      expect(await store().acquireLease('sync:bravo', 'process-b', MINUTE)).toBe(false);
      await store().releaseLease('sync:bravo', 'process-a');
      expect(await store().acquireLease('sync:bravo', 'process-b', MINUTE)).toBe(true);
      // Releasing a lease one does not hold, or one nobody holds, changes nothing.
      await store().releaseLease('sync:nobody', 'process-a');
      expect(await store().acquireLease('sync:bravo', 'process-a', MINUTE)).toBe(false);
    });

    it('frees it when it expires: a holder that died does not keep it', async () => {
      // A lease of 0 ms has expired by the next statement, whatever the backend's clock.
      expect(await store().acquireLease('sync:bravo', 'process-a', 0)).toBe(true);
      expect(await store().acquireLease('sync:bravo', 'process-b', MINUTE)).toBe(true);
      expect(await store().acquireLease('sync:bravo', 'process-a', MINUTE)).toBe(false);
    });

    it('gives a lease raced for by many holders at once to exactly one', async () => {
      const holders = Array.from({ length: 8 }, (_, i) => `process-${i}`);
      const won = await Promise.all(holders.map((h) => store().acquireLease('sync:bravo', h, MINUTE)));
      expect(won.filter(Boolean)).toHaveLength(1);
    });
  });
}
