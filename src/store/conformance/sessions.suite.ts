/** Conformance: web console sessions (SessionStore), shared by every process on the store. */
import { describe, expect, it } from 'vitest';
import { asMicros } from '../../stix/index.js';
import type { SessionRecord } from '../sessions.js';
import { type StoreFactory, useStore } from './harness.suite.js';

const T0 = 1_700_000_000_000_000;

function session(idHash: string, username: string, at = T0): SessionRecord {
  return {
    idHash,
    username,
    credentialStamp: `stamp-${username}`,
    createdAt: asMicros(at),
    lastSeenAt: asMicros(at),
    expiresAt: asMicros(at + 3_600_000_000),
  };
}

/** addSession, getSession, touchSession and the three ways a session ends. */
export function sessionsSuite(makeStore: StoreFactory): void {
  describe('sessions', () => {
    const store = useStore(makeStore);

    async function withUsers(): Promise<void> {
      await store().addOrganization({ id: 'org-a', name: 'Org A', identityId: 'identity--a' });
      for (const username of ['ann', 'ben'])
        await store().addUser({ username, orgId: 'org-a', role: 'reader', passwordHash: 'h' });
    }

    it('keeps a session by the hash that names it, and records its use without going back', async () => {
      await withUsers();
      const s = session('h1', 'ann');
      await store().addSession(s);
      expect(await store().getSession('h1')).toEqual(s);
      expect(await store().getSession('h2')).toBeUndefined();
      await store().touchSession('h1', asMicros(T0 + 60_000_000));
      await store().touchSession('h1', asMicros(T0 + 30_000_000));
      expect((await store().getSession('h1'))?.lastSeenAt).toBe(T0 + 60_000_000);
      await store().touchSession('unknown', asMicros(T0));
    });

    it('ends one session, or every session of a user', async () => {
      await withUsers();
      for (const [h, u] of [
        ['a1', 'ann'],
        ['a2', 'ann'],
        ['b1', 'ben'],
      ] as const)
        await store().addSession(session(h, u));
      expect(await store().deleteSession('a1')).toBe(true);
      expect(await store().deleteSession('a1')).toBe(false);
      expect(await store().deleteUserSessions('ann')).toBe(1);
      expect(await store().getSession('a2')).toBeUndefined();
      expect(await store().getSession('b1')).toBeDefined();
    });

    it('removes sessions past their absolute expiry or idle too long, and keeps the others', async () => {
      await withUsers();
      await store().addSession(session('old', 'ann', T0 - 7_200_000_000)); // expired at T0 - 1 h
      await store().addSession(session('idle', 'ann', T0 - 1_800_000_000)); // last seen 30 min ago
      await store().addSession(session('live', 'ben', T0));
      const removed = await store().deleteExpiredSessions(asMicros(T0), asMicros(T0 - 900_000_000));
      expect(removed).toBe(2);
      expect(await store().getSession('live')).toBeDefined();
      expect(await store().getSession('idle')).toBeUndefined();
    });
  });
}
