/** Conformance: organisations, users, tokens, marking definitions, status records, peers, audit log. */

import { describe, expect, it } from 'vitest';
import { asMicros } from '../../stix/index.js';
import type { StatusRecord } from '../statuses.js';
import { rejectionCode } from './fixtures.js';
import { type StoreFactory, useStore } from './harness.suite.js';

const ORG = { id: 'uk-ncsc', name: 'UK NCSC', identityId: 'identity--00000000-0000-4000-8000-000000000001' };
const USER = { username: 'alice', orgId: 'uk-ncsc', role: 'editor' as const, passwordHash: 'scrypt$x$y' };

/** Record-keeping tests. */
export function accountRecordsSuite(makeStore: StoreFactory): void {
  describe('accounts, status, peers and audit', () => {
    const store = useStore(makeStore);

    it('organisations, users and tokens round-trip; duplicates and dangling references are refused', async () => {
      await store().addOrganization(ORG);
      await store().addOrganization({ id: 'au-acsc', name: 'ACSC', identityId: 'identity--2' });
      expect(await store().getOrganization('uk-ncsc')).toEqual(ORG);
      expect((await store().listOrganizations()).map((o) => o.id).sort()).toEqual(['au-acsc', 'uk-ncsc']);
      expect(await rejectionCode(store().addOrganization(ORG))).toBe('STORE_ALREADY_EXISTS');
      await store().addUser(USER);
      expect(await store().getUser('alice')).toEqual({ ...USER, disabled: false });
      expect(await store().getUser('bob')).toBeUndefined();
      expect(await rejectionCode(store().addUser(USER))).toBe('STORE_ALREADY_EXISTS');
      expect(await rejectionCode(store().addUser({ ...USER, username: 'x', orgId: 'nowhere' }))).toBe(
        'STORE_UNKNOWN_ORGANIZATION',
      );
      const token = {
        tokenId: 't1',
        username: 'alice',
        secretHash: 'scrypt$a$b',
        createdAt: '2021-07-19T00:00:00Z',
      };
      await store().addToken(token);
      expect(await store().getToken('t1')).toEqual(token);
      expect(await store().getToken('t2')).toBeUndefined();
      expect(await rejectionCode(store().addToken(token))).toBe('STORE_ALREADY_EXISTS');
      expect(await rejectionCode(store().addToken({ ...token, tokenId: 't3', username: 'ghost' }))).toBe(
        'STORE_UNKNOWN_USER',
      );
    });

    it('users are listed, disabled and given new passwords; tokens expire, are listed and deleted', async () => {
      await store().addOrganization(ORG);
      await store().addOrganization({ id: 'au-acsc', name: 'ACSC', identityId: 'identity--2' });
      await store().addUser(USER);
      await store().addUser({ ...USER, username: 'bruce', orgId: 'au-acsc', role: 'reader' });
      expect((await store().listUsers()).map((u) => [u.username, u.disabled])).toEqual([
        ['alice', false],
        ['bruce', false],
      ]);
      expect((await store().listUsers('au-acsc')).map((u) => u.username)).toEqual(['bruce']);
      expect(await store().setUserDisabled('alice', true)).toBe(true);
      expect((await store().getUser('alice'))?.disabled).toBe(true);
      expect(await store().setUserDisabled('ghost', true)).toBe(false);
      expect(await store().setPasswordHash('alice', 'scrypt$new')).toBe(true);
      expect((await store().getUser('alice'))?.passwordHash).toBe('scrypt$new');
      expect(await store().setPasswordHash('ghost', 'scrypt$new')).toBe(false);
      const t1 = { tokenId: 't1', username: 'alice', secretHash: 'h1', createdAt: '2021-07-19T00:00:00Z' };
      const t2 = { ...t1, tokenId: 't2', username: 'bruce', expiresAt: '2021-10-17T00:00:00.000Z' };
      await store().addToken(t1);
      await store().addToken(t2);
      expect(await store().getToken('t2')).toEqual(t2);
      expect(await store().listTokens()).toEqual([t1, t2]);
      expect(await store().listTokens('bruce')).toEqual([t2]);
      expect(await store().deleteToken('t1')).toBe(true);
      expect(await store().deleteToken('t1')).toBe(false);
      expect(await store().getToken('t1')).toBeUndefined();
    });

    it('the policy generation changes with every new organisation or marking definition, not with a known id', async () => {
      const at = () => store().generation('policy');
      const g0 = await at();
      await store().addOrganization(ORG);
      const g1 = await at();
      expect(g1).not.toBe(g0);
      await store().putMarkingDefinition('marking-definition--g', '{"v":1}', { kind: 'node' });
      const g2 = await at();
      expect(g2).not.toBe(g1);
      // A known id keeps its first definition: nothing changed.
      await store().putMarkingDefinition('marking-definition--g', '{"v":2}', { kind: 'node' });
      expect(await at()).toBe(g2);
      // Adding users touches no policy fact.
      await store().addUser(USER);
      expect(await at()).toBe(g2);
    });

    it('the account generation changes with every change or removal of a user or token, not with additions', async () => {
      await store().addOrganization(ORG);
      const at = () => store().generation('accounts');
      const g0 = await at();
      await store().addUser(USER);
      await store().addToken({
        tokenId: 't1',
        username: 'alice',
        secretHash: 'h',
        createdAt: '2021-07-19T00:00:00Z',
      });
      expect(await at()).toBe(g0);
      const changes = [
        () => store().setPasswordHash('alice', 'scrypt$other'),
        () => store().setUserDisabled('alice', true),
        () => store().setUserDisabled('alice', false),
        () => store().deleteToken('t1'),
      ];
      let previous = g0;
      for (const change of changes) {
        await change();
        const now = await at();
        expect(now).not.toBe(previous);
        previous = now;
      }
    });

    it('7.2.1 marking definitions are kept by id; the first definition of an id wins', async () => {
      const byUk = { kind: 'version', producerOrg: 'uk-ncsc', origin: 'local' } as const;
      const first = await store().putMarkingDefinition('marking-definition--a', '{"v":1}', byUk);
      expect(first).toEqual({ json: '{"v":1}', source: byUk });
      await store().putMarkingDefinition('marking-definition--b', '{"v":2}', { kind: 'node' });
      // The first definition of an id stays, whoever defines it again: the node keeps it.
      expect(
        await store().putMarkingDefinition('marking-definition--a', '{"v":3}', { kind: 'node' }),
      ).toEqual(first);
      const all = await store().listMarkingDefinitions();
      expect([...all.entries()].sort()).toEqual([
        ['marking-definition--a', { json: '{"v":1}', source: byUk }],
        ['marking-definition--b', { json: '{"v":2}', source: { kind: 'node' } }],
      ]);
    });

    it('4.3 status records round-trip and are replaced as they complete', async () => {
      const pending: StatusRecord = {
        id: '2d086da7-4bdc-4f91-900e-d77486753710',
        collectionId: 'c',
        status: 'pending',
        requestTimestamp: '2021-07-19T10:00:00.000000Z',
        totalCount: 2,
        successes: [{ id: 'indicator--1', version: '2021-01-01T00:00:00.000Z' }],
        failures: [],
        pendings: [{ id: 'indicator--2', version: '2021-01-01T00:00:00.000Z' }],
        ownerOrg: 'uk-ncsc',
      };
      await store().putStatus(pending);
      expect(await store().getStatus(pending.id)).toEqual(pending);
      const done: StatusRecord = {
        ...pending,
        status: 'complete',
        pendings: [],
        failures: [{ id: 'indicator--2', version: '2021-01-01T00:00:00.000Z', message: 'bad pattern' }],
      };
      await store().putStatus(done);
      expect(await store().getStatus(pending.id)).toEqual(done);
      expect(await store().getStatus('missing')).toBeUndefined();
    });

    it('peers and their sync state round-trip; putPeer replaces', async () => {
      const peer = {
        name: 'bravo',
        url: 'https://bravo.example.com/taxii2/',
        username: 'alpha-node',
        password: 'secret',
        remoteCollection: 'r',
        localCollection: 'l',
        orgId: 'au-acsc',
        speaksFor: ['au-acsc', 'nz-ncsc'],
        pull: true,
        push: false,
        intervalSeconds: 60,
      };
      await store().putPeer(peer);
      await store().putPeer({ ...peer, name: 'alpha' });
      await store().putPeer({ ...peer, push: true, intervalSeconds: 30 });
      expect(await store().getPeer('bravo')).toEqual({ ...peer, push: true, intervalSeconds: 30 });
      expect((await store().listPeers()).map((p) => p.name).sort()).toEqual(['alpha', 'bravo']);
      expect(await store().getPeerState('bravo')).toBeUndefined();
      await store().putPeerState({
        name: 'bravo',
        pullCursor: '2021-07-19T00:00:00.000000Z',
        pushCursor: asMicros(42),
      });
      expect(await store().getPeerState('bravo')).toEqual({
        name: 'bravo',
        pullCursor: '2021-07-19T00:00:00.000000Z',
        pushCursor: asMicros(42),
      });
      await store().putPeerState({
        name: 'bravo',
        lastError: 'timeout',
        lastAttempt: '2021-07-19T01:00:00Z',
      });
      expect(await store().getPeerState('bravo')).toEqual({
        name: 'bravo',
        lastError: 'timeout',
        lastAttempt: '2021-07-19T01:00:00Z',
      });
    });

    it('deletePeer removes a peer and its sync state, and only it; false for an unknown name', async () => {
      const peer = {
        name: 'bravo',
        url: 'https://bravo.example.com/taxii2/',
        username: 'alpha-node',
        password: 'secret',
        remoteCollection: 'r',
        localCollection: 'l',
        orgId: 'au-acsc',
        speaksFor: ['au-acsc'],
        pull: true,
        push: true,
        intervalSeconds: 60,
      };
      await store().putPeer(peer);
      await store().putPeer({ ...peer, name: 'charlie' });
      await store().putPeerState({ name: 'bravo', lastError: 'timeout' });
      await store().putPeerState({ name: 'charlie', lastError: 'refused' });
      expect(await store().deletePeer('bravo')).toBe(true);
      expect(await store().getPeer('bravo')).toBeUndefined();
      expect(await store().getPeerState('bravo')).toBeUndefined();
      expect((await store().listPeers()).map((p) => p.name)).toEqual(['charlie']);
      expect(await store().getPeerState('charlie')).toEqual({ name: 'charlie', lastError: 'refused' });
      expect(await store().deletePeer('bravo')).toBe(false);
      // A peer added again under the name starts from nothing, not from the old cursors.
      await store().putPeer(peer);
      expect(await store().getPeerState('bravo')).toBeUndefined();
    });

    it('the audit log lists events oldest first, filtered by since (inclusive), organisation and limit', async () => {
      const events = [
        {
          at: '2021-07-19T10:00:02Z',
          action: 'read',
          orgId: 'au-acsc',
          username: 'bob',
          objectId: 'report--1',
        },
        { at: '2021-07-19T10:00:00Z', action: 'org.add', orgId: 'uk-ncsc', detail: 'au-acsc' },
        {
          at: '2021-07-19T10:00:01.500Z',
          action: 'send',
          orgId: 'au-acsc',
          marking: 'amber',
          objectVersion: 'v',
        },
      ];
      for (const e of events) await store().appendAudit(e);
      expect(await store().listAudit({})).toEqual([events[1], events[2], events[0]]);
      expect(await store().listAudit({ since: '2021-07-19T10:00:01.5Z' })).toEqual([events[2], events[0]]);
      expect(await store().listAudit({ orgId: 'au-acsc' })).toEqual([events[2], events[0]]);
      expect(await store().listAudit({ orgId: 'au-acsc', limit: 1 })).toEqual([events[2]]);
      expect(await rejectionCode(store().appendAudit({ ...events[0], at: 'now' } as never))).toBe(
        'STORE_INVALID_RECORD',
      );
      // Several events go in together, or none of them does.
      const later = { at: '2021-07-20T00:00:00.000Z', action: 'read', orgId: 'nz-ncsc' };
      expect(await rejectionCode(store().appendAudit([later, { ...later, at: 'never' }] as never))).toBe(
        'STORE_INVALID_RECORD',
      );
      expect(await store().listAudit({ orgId: 'nz-ncsc' })).toEqual([]);
      await store().appendAudit([later, { ...later, action: 'send' }]);
      expect(await store().listAudit({ orgId: 'nz-ncsc' })).toEqual([later, { ...later, action: 'send' }]);
    });

    it('the audit log keeps every event of a batch naming many objects, in order, under any limit', async () => {
      const at = '2021-07-19T11:00:00.000Z';
      const reads = Array.from({ length: 5 }, (_, i) => ({
        at,
        action: 'read',
        orgId: 'ca-cccs',
        username: 'carol',
        objectId: `indicator--${i}`,
        objectVersion: `2021-07-19T0${i}:00:00.000Z`,
        ...(i % 2 === 0 ? { marking: 'TLP:RED' } : {}),
      }));
      const admin = { at, action: 'user.add', orgId: 'ca-cccs', detail: 'dave' };
      const other = { ...reads[0]!, orgId: 'nz-ncsc', username: 'erin' };
      await store().appendAudit([...reads.slice(0, 3), admin, ...reads.slice(3), other]);
      const all = [...reads.slice(0, 3), admin, ...reads.slice(3), other];
      expect(await store().listAudit({ since: at })).toEqual(all);
      expect(await store().listAudit({ since: at, orgId: 'ca-cccs' })).toEqual(all.slice(0, 6));
      for (const limit of [0, 1, 2, 4, 5, 7]) {
        expect(await store().listAudit({ since: at, limit })).toEqual(all.slice(0, limit));
      }
    });

    it('a closed store refuses calls (STORE_CLOSED)', async () => {
      await store().close();
      expect(await rejectionCode(store().listCollections())).toBe('STORE_CLOSED');
      await store().close();
    });
  });
}
