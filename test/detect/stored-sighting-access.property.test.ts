/**
 * The access rule of stored sightings (CONTRACT.md "Detection", `--store`), over random
 * (sighter, producer) pairs: each stored sighting is visible to exactly its sighter and the
 * indicator's producer, however many pairs share the node and its sighting groups.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccordNode, callerOf, nodeServices, storeSightings } from '../../src/core/index.js';
import { sightingId } from '../../src/detect/index.js';
import type { SqliteStore } from '../../src/store/sqlite/index.js';
import { COLLECTION, DetectNode, ORG_IDS, type OrgName } from './support/detect-node.js';

const ORGS = Object.keys(ORG_IDS) as OrgName[];
const node = new DetectNode();
let store: SqliteStore;

beforeAll(async () => {
  await node.setUp();
  store = await node.open();
});
afterAll(async () => {
  await store.close();
  node.destroy();
});

describe('stored sightings: visible to sighter and producer only', () => {
  it('holds for random pairs, days and counts', { timeout: 120_000 }, async () => {
    const services = nodeServices(store);
    const reader = new AccordNode({ store, policy: services.policy });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ORGS),
        fc.constantFrom(...ORGS),
        fc.integer({ min: 1, max: 1000 }),
        async (sighter, producer, count) => {
          n++;
          const indicator = `indicator--${n.toString(16).padStart(8, '0')}-0000-4000-8000-0000000a0c0e`;
          const caller = await callerOf(store, `${sighter}-ed`);
          const id = sightingId(indicator, caller.identityId, '2021-07-20');
          const report = await storeSightings(services, caller, {
            collectionId: COLLECTION,
            producerOf: () => ORG_IDS[producer],
            sightings: [
              {
                type: 'sighting',
                spec_version: '2.1',
                id,
                created: '2021-07-21T00:00:00.000Z',
                modified: '2021-07-21T00:00:00.000Z',
                sighting_of_ref: indicator,
                count,
                first_seen: '2021-07-20T01:00:00Z',
                last_seen: '2021-07-20T02:00:00Z',
                observed_data_refs: ['observed-data--00000000-0000-4000-8000-000000000001'],
                where_sighted_refs: [caller.identityId],
              },
            ],
          });
          expect(report).toMatchObject({ stored: 1, failures: [] });
          for (const org of ORGS) {
            const page = await reader.queryObjects(
              await callerOf(store, `${org}-ed`),
              COLLECTION,
              { ids: [id], limit: 10 },
              'objects',
            );
            expect(page.items.length, `${org} sees ${sighter}'s sighting for ${producer}`).toBe(
              org === sighter || org === producer ? 1 : 0,
            );
          }
        },
      ),
      { numRuns: 30 },
    );
    // One group per ordered pair at most: groups are reused, not made per sighting.
    expect((await store.listMarkingDefinitions()).size).toBeLessThanOrEqual(ORGS.length * (ORGS.length - 1));
  });
});
