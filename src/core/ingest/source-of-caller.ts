/**
 * The ingest source of a user's writes (TAXII POST, import). A user of an organisation that a
 * configured peer is (its push account, CONTRACT.md `peer add --org`) relays for that peer:
 * its versions are received exactly as a pull from the peer would receive them (origin
 * `peer:NAME`, provenance by `--speaks-for`), so that pushing and pulling cannot differ in trust.
 */
import type { Store } from '../../store/index.js';
import type { Caller } from '../accounts/caller.js';
import type { IngestSource } from './provenance.js';

/** Who adds what `caller` writes. */
export async function sourceOfCaller(store: Store, caller: Pick<Caller, 'orgId'>): Promise<IngestSource> {
  const peer = (await store.listPeers()).find((p) => p.orgId === caller.orgId);
  if (peer === undefined) return { producerOrg: caller.orgId, origin: 'local' };
  const origin = `peer:${peer.name}`;
  return { producerOrg: caller.orgId, origin, speaksFor: peer.speaksFor };
}
