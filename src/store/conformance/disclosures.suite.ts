/**
 * Conformance: the audit log's disclosures (Store.appendDisclosure). A disclosure names versions
 * by seq, and the log must keep naming each one as it was when disclosed: after deletions, and
 * after new versions take the place of deleted ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../audit.js';
import type { Store } from '../store.js';
import { collection, rejectionCode, sdo, version } from './fixtures.js';
import { type StoreFactory, useStore } from './harness.suite.js';

const V = (day: number) => `2021-07-${String(day).padStart(2, '0')}T00:00:00.000Z`;
const AT = '2021-07-19T12:00:00.000Z';

/** Adds one version of indicator `n` at `day` to collection `c`; returns its seq. */
async function add(store: Store, c: string, n: number, day: number): Promise<number> {
  const [outcome] = await store.addVersions(c, [version(sdo('indicator', n, V(day)))]);
  if (outcome?.status !== 'stored') throw new Error(`version of ${n} at day ${day} not stored`);
  return outcome.seq;
}

/** The read events a disclosure of `named` versions lists back. */
function reads(at: string, named: readonly [id: string, version: string, marking: string][]): AuditEvent[] {
  return named.map(([objectId, objectVersion, marking]) => ({
    at,
    action: 'read',
    orgId: 'au-acsc',
    username: 'bob',
    objectId,
    objectVersion,
    marking,
  }));
}

/** appendDisclosure tests. */
export function disclosuresSuite(makeStore: StoreFactory): void {
  describe('audit log disclosures', () => {
    const store = useStore(makeStore);
    const id = (n: number) => sdo('indicator', n, V(1)).id;

    it('a disclosure lists one event per version, in its order, among the other events by time', async () => {
      await store().addCollection(collection('c'));
      const a = await add(store(), 'c', 1, 1);
      const b = await add(store(), 'c', 2, 2);
      const c = await add(store(), 'c', 3, 3);
      const admin = { at: '2021-07-19T11:00:00.000Z', action: 'org.add', orgId: 'uk-ncsc', detail: 'x' };
      await store().appendAudit(admin);
      // A page may list a released entry (an older seq) after later added entries.
      await store().appendDisclosure({
        at: AT,
        action: 'read',
        orgId: 'au-acsc',
        username: 'bob',
        seqs: [b, c, a],
        markings: ['amber', 'red', 'amber'],
      });
      const expected = [
        admin,
        ...reads(AT, [
          [id(2), V(2), 'amber'],
          [id(3), V(3), 'red'],
          [id(1), V(1), 'amber'],
        ]),
      ];
      expect(await store().listAudit({})).toEqual(expected);
      expect(await store().listAudit({ orgId: 'au-acsc' })).toEqual(expected.slice(1));
      for (const limit of [0, 1, 2, 3, 4])
        expect(await store().listAudit({ limit })).toEqual(expected.slice(0, limit));
      // Nothing to record: no row.
      await store().appendDisclosure({ at: AT, action: 'send', orgId: 'nz-ncsc', seqs: [], markings: [] });
      expect(await store().listAudit({ orgId: 'nz-ncsc' })).toEqual([]);
    });

    it('events keep naming deleted versions, and a seq is never handed out again', async () => {
      await store().addCollection(collection('c'));
      const old = await add(store(), 'c', 1, 1);
      const newest = await add(store(), 'c', 1, 2);
      await store().appendDisclosure({
        at: AT,
        action: 'read',
        orgId: 'au-acsc',
        username: 'bob',
        seqs: [old, newest],
        markings: ['red', 'red'],
      });
      // Deleting the newest version frees the largest seq, which SQLite-like engines reuse.
      expect(await store().deleteObject('c', id(1))).toBe(2);
      const next = await add(store(), 'c', 9, 9);
      expect(next).toBeGreaterThan(newest);
      expect(await store().listAudit({})).toEqual(
        reads(AT, [
          [id(1), V(1), 'red'],
          [id(1), V(2), 'red'],
        ]),
      );
    });

    it('who received an object: the events naming any of its versions, by seq or by id, and no others', async () => {
      await store().addCollection(collection('c'));
      await store().addCollection(collection('d'));
      const v1 = await add(store(), 'c', 1, 1);
      const v2 = await add(store(), 'c', 1, 2);
      const other = await add(store(), 'c', 2, 1);
      const elsewhere = await add(store(), 'd', 1, 3);
      const send = {
        at: AT,
        action: 'send',
        orgId: 'nz-ncsc',
        objectId: id(1),
        objectVersion: V(1),
        marking: 'red',
      };
      await store().appendAudit([send, { ...send, objectId: id(2) }]);
      await store().appendDisclosure({
        at: AT,
        action: 'read',
        orgId: 'au-acsc',
        username: 'bob',
        seqs: [v1, other, v2, elsewhere],
        markings: ['red', 'red', 'amber', 'red'],
      });
      await store().appendAudit({ at: AT, action: 'org.add', orgId: 'uk-ncsc', detail: id(1) });
      const ofOne = [
        send,
        ...reads(AT, [
          [id(1), V(1), 'red'],
          [id(1), V(2), 'amber'],
          [id(1), V(3), 'red'],
        ]),
      ];
      expect(await store().listAudit({ objectId: id(1) })).toEqual(ofOne);
      expect(await store().listAudit({ objectId: id(1), orgId: 'au-acsc' })).toEqual(ofOne.slice(1));
      expect(await store().listAudit({ objectId: id(1), limit: 2 })).toEqual(ofOne.slice(0, 2));
      expect(await store().listAudit({ objectId: 'indicator--unknown' })).toEqual([]);
    });

    it('a long disclosure of consecutive versions lists back in order, each found by its id', async () => {
      await store().addCollection(collection('c'));
      const outcomes = await store().addVersions(
        'c',
        Array.from({ length: 2500 }, (_, i) => version(sdo('indicator', 100 + i, V(1)))),
      );
      const seqs = outcomes.map((o) => (o.status === 'stored' ? o.seq : 0));
      // Markings change now and then; one version is disclosed twice, out of order.
      const markings = seqs.map((_, i) => (Math.floor(i / 700) % 2 === 0 ? 'red' : 'amber'));
      const named = [...seqs, seqs[3] as number];
      const marks = [...markings, 'red'];
      await store().appendDisclosure({
        at: AT,
        action: 'send',
        orgId: 'nz-ncsc',
        seqs: named,
        markings: marks,
      });
      const events = await store().listAudit({});
      expect(events.map((e) => [e.objectId, e.marking])).toEqual(
        named.map((_, i) => [id(100 + (i < 2500 ? i : 3)), marks[i]]),
      );
      expect(await store().listAudit({ objectId: id(100 + 1999) })).toHaveLength(1);
      expect(await store().listAudit({ objectId: id(103) })).toHaveLength(2);
    });

    it('malformed disclosures are refused (STORE_INVALID_RECORD)', async () => {
      const base = { at: AT, action: 'read', orgId: 'au-acsc', seqs: [1], markings: ['red'] };
      const bad = [
        { ...base, markings: [] },
        { ...base, seqs: [0] },
        { ...base, seqs: [1.5] },
        { ...base, at: 'now' },
        { ...base, action: 'org.add' },
      ];
      for (const d of bad)
        expect(await rejectionCode(store().appendDisclosure(d))).toBe('STORE_INVALID_RECORD');
      expect(await store().listAudit({})).toEqual([]);
    });

    it('property: whatever is added and deleted, every disclosure lists the versions as they were disclosed', async () => {
      type Step =
        | { kind: 'add'; n: number; day: number }
        | { kind: 'disclose'; pick: number[]; marking: string }
        | { kind: 'delete'; n: number };
      const step: fc.Arbitrary<Step> = fc.oneof(
        fc.record({
          kind: fc.constant('add' as const),
          n: fc.integer({ min: 1, max: 4 }),
          day: fc.integer({ min: 1, max: 28 }),
        }),
        fc.record({
          kind: fc.constant('disclose' as const),
          pick: fc.array(fc.nat(), { maxLength: 6 }),
          marking: fc.constantFrom('amber', 'amber+strict', 'red'),
        }),
        fc.record({ kind: fc.constant('delete' as const), n: fc.integer({ min: 1, max: 4 }) }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
          const s = await makeStore();
          try {
            await s.addCollection(collection('c'));
            const live: { seq: number; n: number; version: string }[] = [];
            const expected: AuditEvent[] = [];
            for (const [i, st] of steps.entries()) {
              if (st.kind === 'add') {
                const [o] = await s.addVersions('c', [version(sdo('indicator', st.n, V(st.day)))]);
                if (o?.status === 'stored') live.push({ seq: o.seq, n: st.n, version: V(st.day) });
              } else if (st.kind === 'delete') {
                await s.deleteObject('c', id(st.n));
                for (let j = live.length - 1; j >= 0; j--) if (live[j]?.n === st.n) live.splice(j, 1);
              } else if (live.length > 0) {
                const named = st.pick.map((p) => live[p % live.length] as (typeof live)[number]);
                const at = new Date(Date.UTC(2021, 6, 19, 12, 0, i)).toISOString();
                await s.appendDisclosure({
                  at,
                  action: 'read',
                  orgId: 'au-acsc',
                  username: 'bob',
                  seqs: named.map((v) => v.seq),
                  markings: named.map(() => st.marking),
                });
                expected.push(
                  ...reads(
                    at,
                    named.map((v) => [id(v.n), v.version, st.marking]),
                  ),
                );
              }
            }
            expect(await s.listAudit({})).toEqual(expected);
            // Who received object n: exactly its events, whatever was deleted since.
            for (const n of [1, 2, 3, 4])
              expect(await s.listAudit({ objectId: id(n) })).toEqual(
                expected.filter((e) => e.objectId === id(n)),
              );
          } finally {
            await s.close();
          }
        }),
        { numRuns: 60 },
      );
      // Bounded by its runs, not by the clock: a store per run is slow on a loaded machine.
    }, 180_000);
  });
}
