/** Conformance: the audit log newest first, a page of records at a time (listRecentAudit). */
import { describe, expect, it } from 'vitest';
import { type StoreFactory, useStore } from './harness.suite.js';

const at = (second: number) => `2030-01-01T00:00:${String(second).padStart(2, '0')}.000Z`;

/** listRecentAudit. */
export function recentAuditSuite(makeStore: StoreFactory): void {
  describe('audit log, newest first', () => {
    const store = useStore(makeStore);

    it('pages from the newest record back, each event once, by organisation when asked', async () => {
      // Two records share an instant: the page boundary must not lose either.
      const seconds = [1, 2, 3, 3, 4, 5, 6];
      for (const [i, s] of seconds.entries())
        await store().appendAudit({
          at: at(s),
          action: 'org.add',
          orgId: i % 2 === 0 ? 'a' : 'b',
          detail: `e${i}`,
        });
      const all: string[] = [];
      let before: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await store().listRecentAudit({ limit: 2, ...(before === undefined ? {} : { before }) });
        all.push(...page.events.map((e) => e.detail ?? ''));
        if (page.next === undefined) break;
        before = page.next;
      }
      expect(all).toEqual(['e6', 'e5', 'e4', 'e3', 'e2', 'e1', 'e0']);
      const onlyB = await store().listRecentAudit({ limit: 10, orgId: 'b' });
      expect(onlyB.events.map((e) => e.detail)).toEqual(['e5', 'e3', 'e1']);
      expect(onlyB.next).toBeUndefined();
    });

    it('refuses a malformed position', async () => {
      await expect(store().listRecentAudit({ limit: 1, before: 'nope' })).rejects.toMatchObject({
        code: 'STORE_BAD_CURSOR',
      });
    });
  });
}
