/** Conformance: removing organisations, users and collections never leaves a row pointing at nothing. */

import { describe, expect, it } from 'vitest';
import type { PeerRecord } from '../peers.js';
import { collection, rejectionCode, sdo, version } from './fixtures.js';
import { type StoreFactory, useStore } from './harness.suite.js';

const org = (id: string, n: number) => ({
  id,
  name: id,
  identityId: `identity--00000000-0000-4000-8000-00000000000${n}`,
});
const user = (username: string, orgId: string) => ({
  username,
  orgId,
  role: 'editor' as const,
  passwordHash: 'scrypt$x$y',
});
const token = (tokenId: string, username: string) => ({
  tokenId,
  username,
  secretHash: 'scrypt$a$b',
  createdAt: '2026-01-01T00:00:00Z',
});
const peer = (name: string, orgId: string, localCollection: string, speaksFor = [orgId]): PeerRecord => ({
  name,
  url: 'https://peer.example.com/taxii2/',
  username: 'node',
  password: 'secret',
  remoteCollection: 'r',
  localCollection,
  orgId,
  speaksFor,
  pull: true,
  push: false,
  intervalSeconds: 60,
});

/** Removal tests. */
export function removalsSuite(makeStore: StoreFactory): void {
  describe('removals', () => {
    const store = useStore(makeStore);

    it('an organisation with users and grants is kept without cascade; with it, users, tokens and grants go', async () => {
      const s = store();
      await s.addOrganization(org('org-a', 1));
      await s.addOrganization(org('org-b', 2));
      await s.addUser(user('alice', 'org-a'));
      await s.addUser(user('bob', 'org-b'));
      await s.addToken(token('t-alice', 'alice'));
      await s.addCollection({ ...collection('c1'), canRead: ['org-a', 'org-b'], canWrite: ['org-a'] });
      expect(await s.organizationReferences('org-a')).toEqual({
        users: ['alice'],
        collections: ['c1'],
        peers: [],
        versions: 0,
      });
      expect(await rejectionCode(s.removeOrganization('org-a', { cascade: false }))).toBe(
        'STORE_STILL_REFERENCED',
      );
      expect(await s.getUser('alice')).toBeDefined();
      expect(await s.removeOrganization('org-a', { cascade: true })).toBe(true);
      expect(await s.getOrganization('org-a')).toBeUndefined();
      expect(await s.getUser('alice')).toBeUndefined();
      expect(await s.getToken('t-alice')).toBeUndefined();
      expect(await s.getUser('bob')).toBeDefined();
      expect(await s.getCollection('c1')).toMatchObject({ canRead: ['org-b'], canWrite: [] });
      expect(await s.organizationReferences('org-a')).toBeUndefined();
      expect(await s.removeOrganization('org-a', { cascade: true })).toBe(false);
    });

    it('peers and produced versions keep an organisation even with cascade', async () => {
      const s = store();
      await s.addOrganization(org('org-a', 1));
      await s.addOrganization(org('org-b', 2));
      await s.addOrganization(org('org-c', 3));
      await s.addCollection(collection('c1'));
      await s.putPeer(peer('p', 'org-b', 'c1', ['org-b', 'org-c']));
      await s.addVersions('c1', [version(sdo('indicator', 1, '2026-01-01T00:00:00.000Z'), 'org-a')]);
      expect(await s.organizationReferences('org-a')).toMatchObject({ versions: 1 });
      expect(await s.organizationReferences('org-c')).toMatchObject({ peers: ['p'] });
      for (const id of ['org-a', 'org-b', 'org-c']) {
        expect(await rejectionCode(s.removeOrganization(id, { cascade: true })), id).toBe(
          'STORE_STILL_REFERENCED',
        );
        expect(await s.getOrganization(id)).toBeDefined();
      }
    });

    it('a user goes with its tokens; an unknown user is false', async () => {
      const s = store();
      await s.addOrganization(org('org-a', 1));
      await s.addUser(user('alice', 'org-a'));
      await s.addToken(token('t1', 'alice'));
      await s.addToken(token('t2', 'alice'));
      expect(await s.removeUser('alice')).toBe(true);
      expect(await s.getUser('alice')).toBeUndefined();
      expect(await s.listTokens()).toEqual([]);
      expect(await s.removeUser('alice')).toBe(false);
    });

    it('a collection with versions is kept without cascade; with it, its versions go; a peer keeps it', async () => {
      const s = store();
      await s.addCollection(collection('c1'));
      await s.addCollection(collection('c2'));
      await s.addVersions('c1', [
        version(sdo('indicator', 1, '2026-01-01T00:00:00.000Z')),
        version(sdo('indicator', 2, '2026-01-01T00:00:00.000Z')),
      ]);
      await s.addVersions('c2', [version(sdo('indicator', 3, '2026-01-01T00:00:00.000Z'))]);
      expect(await s.collectionReferences('c1')).toEqual({ versions: 2, peers: [] });
      expect(await rejectionCode(s.removeCollection('c1', { cascade: false }))).toBe(
        'STORE_STILL_REFERENCED',
      );
      expect(await s.removeCollection('c1', { cascade: true })).toBe(true);
      expect(await s.getCollection('c1')).toBeUndefined();
      expect(await s.countVersions()).toBe(1);
      expect(await s.collectionReferences('c1')).toBeUndefined();
      expect(await s.removeCollection('c1', { cascade: true })).toBe(false);
      await s.addOrganization(org('org-a', 1));
      await s.putPeer(peer('p', 'org-a', 'c2'));
      expect(await rejectionCode(s.removeCollection('c2', { cascade: true }))).toBe('STORE_STILL_REFERENCED');
      expect(await s.getVersions('c2', `indicator--${'00000000-0000-4000-8000-000000000003'}`)).toHaveLength(
        1,
      );
    });
  });
}
