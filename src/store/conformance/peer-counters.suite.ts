/** Conformance: each peer's cumulative sync counters (PeerState.counters), kept with its state (issue 17). */
import { describe, expect, it } from 'vitest';
import type { PeerCounters } from '../peers.js';
import { type StoreFactory, useStore } from './harness.suite.js';

const COUNTERS: PeerCounters = {
  pull: { new: 3, updated: 2, unchanged: 7, refused: 1, invalid: 4, transportErrors: 5 },
  push: { sent: 11, refused: 6, transportErrors: 9 },
};

/** putPeerState keeps counters exactly, replaces them with the state, and deletePeer drops them. */
export function peerCountersSuite(makeStore: StoreFactory): void {
  describe('peer counters', () => {
    const store = useStore(makeStore);

    it('keeps each counter of both directions apart, beside the cursors', async () => {
      await store().putPeerState({
        name: 'bravo',
        pullCursor: '2021-07-19T00:00:00.000000Z',
        counters: COUNTERS,
      });
      expect(await store().getPeerState('bravo')).toEqual({
        name: 'bravo',
        pullCursor: '2021-07-19T00:00:00.000000Z',
        counters: COUNTERS,
      });
      // Large cumulative counts survive as numbers (a busy peer over years).
      const big = { ...COUNTERS, pull: { ...COUNTERS.pull, unchanged: 2 ** 40 + 1 } };
      await store().putPeerState({ name: 'bravo', counters: big });
      expect((await store().getPeerState('bravo'))?.counters).toEqual(big);
    });

    it('replaces counters with the whole state: a state written without them has none', async () => {
      await store().putPeerState({ name: 'bravo', counters: COUNTERS });
      await store().putPeerState({ name: 'bravo', lastError: 'timeout' });
      expect(await store().getPeerState('bravo')).toEqual({ name: 'bravo', lastError: 'timeout' });
    });

    it("drops a peer's counters with the peer, and keeps the other peers' own", async () => {
      const peer = {
        url: 'https://peer.example/taxii2/',
        username: 'u',
        password: 'p',
        remoteCollection: 'r',
        localCollection: 'l',
        orgId: 'org-b',
        speaksFor: ['org-b'],
        pull: true,
        push: false,
        intervalSeconds: 60,
      };
      await store().putPeer({ ...peer, name: 'bravo' });
      await store().putPeer({ ...peer, name: 'charlie' });
      await store().putPeerState({ name: 'bravo', counters: COUNTERS });
      const other = { ...COUNTERS, push: { sent: 1, refused: 0, transportErrors: 0 } };
      await store().putPeerState({ name: 'charlie', counters: other });
      expect(await store().deletePeer('bravo')).toBe(true);
      expect(await store().getPeerState('bravo')).toBeUndefined();
      expect((await store().getPeerState('charlie'))?.counters).toEqual(other);
    });
  });
}
