/**
 * Conformance: decisions recorded once (Store.appendAuditOnce). Every process of a node runs
 * the release job, so the store, not the caller, decides whether a decision is already in the
 * log (issue 18).
 */
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../audit.js';
import { rejectionCode } from './fixtures.js';
import { type StoreFactory, useStore } from './harness.suite.js';

const decision = (over: Partial<AuditEvent> = {}): AuditEvent => ({
  at: '2021-07-19T12:00:00.000Z',
  action: 'advisory.released',
  orgId: 'us',
  objectId: 'report--6b0f3b1e-0d3a-4d7e-9a4c-2f1e0d9c8b7a',
  objectVersion: '2021-07-19T10:00:00.000Z',
  detail: 'collection c release 2021-07-19T12:00:00.000Z',
  ...over,
});

/** appendAuditOnce. */
export function auditOnceSuite(makeStore: StoreFactory): void {
  describe('decisions recorded once', () => {
    const store = useStore(makeStore);

    it('appends a decision once, whoever asks again and whatever its time or detail', async () => {
      expect(await store().appendAuditOnce(decision())).toBe(true);
      expect(await store().appendAuditOnce(decision({ at: '2021-07-19T12:00:01.000Z', orgId: 'uk' }))).toBe(
        false,
      );
      expect(await store().appendAuditOnce(decision({ detail: 'other' }))).toBe(false);
      const events = await store().listAudit({ objectId: decision().objectId as string });
      expect(events).toEqual([decision()]);
    });

    it('tells decisions apart by action, object and version', async () => {
      expect(await store().appendAuditOnce(decision())).toBe(true);
      expect(await store().appendAuditOnce(decision({ action: 'advisory.missed' }))).toBe(true);
      expect(await store().appendAuditOnce(decision({ objectVersion: '2021-07-19T11:00:00.000Z' }))).toBe(
        true,
      );
      expect(
        await store().appendAuditOnce(decision({ objectId: 'report--00000000-0000-4000-8000-000000000001' })),
      ).toBe(true);
      const { objectVersion: _, ...unversioned } = decision();
      expect(await store().appendAuditOnce(unversioned)).toBe(true);
      expect(await store().appendAuditOnce(unversioned)).toBe(false);
    });

    it('counts what appendAudit recorded, alone or in one batch with others', async () => {
      await store().appendAudit([
        decision({ objectId: 'report--00000000-0000-4000-8000-000000000002' }),
        decision(),
      ]);
      expect(await store().appendAuditOnce(decision())).toBe(false);
    });

    it('records one of several calls made at once', async () => {
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, (_, i) => store().appendAuditOnce(decision({ orgId: `org-${i}` }))),
      );
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect(await store().listAudit({ objectId: decision().objectId as string })).toHaveLength(1);
    });

    it('refuses an event that names no object (STORE_INVALID_RECORD)', async () => {
      const { objectId: _, ...anonymous } = decision();
      expect(await rejectionCode(store().appendAuditOnce(anonymous))).toBe('STORE_INVALID_RECORD');
    });
  });
}
