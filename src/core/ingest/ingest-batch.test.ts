import { describe, expect, it } from 'vitest';
import { asMicros, TLP_V2 } from '../../stix/index.js';
import { SqliteStore } from '../../store/sqlite/index.js';
import { addCollection } from '../admin/add-collection.js';
import { addOrganization } from '../admin/add-organization.js';
import { nodeServices } from '../node/node-services.js';
import { addEmbargo } from '../sharing.js';
import { ingestBatch } from './ingest-batch.js';

const NOW = asMicros(Date.UTC(2030, 0, 1) * 1000);
const RELEASE = '2030-02-01T00:00:00Z';

const indicator = (n: number, refs: readonly string[]) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--00000000-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`,
  created: '2029-06-01T00:00:00.000Z',
  modified: '2029-06-01T00:00:00.000Z',
  pattern: `[domain-name:value = 'e${n}.example']`,
  pattern_type: 'stix',
  valid_from: '2029-06-01T00:00:00Z',
  ...(refs.length > 0 ? { object_marking_refs: refs } : {}),
});

describe('ingestBatch', () => {
  it('gives a released entry to an embargoed version beside TLP, and none to TLP-only versions', async () => {
    const store = new SqliteStore({ path: ':memory:', clock: () => NOW });
    await store.init();
    await addOrganization(store, { id: 'uk-ncsc' });
    const { id } = await addCollection(store, { title: 'T', canRead: ['*'], canWrite: ['*'] });
    const embargo = await addEmbargo(store, { releaseAt: RELEASE, cosigners: ['uk-ncsc'] });
    const green = TLP_V2.green.id;
    const objects = [indicator(1, []), indicator(2, [green]), indicator(3, [green, String(embargo.id)])];
    const items = objects.map((value, i) => ({ value, path: `/objects/${i}` }));
    const report = await ingestBatch(nodeServices(store, { now: () => NOW }), id, items, {
      producerOrg: 'uk-ncsc',
      origin: 'local',
    });
    expect(report.failures).toEqual([]);
    const page = await store.queryObjects(
      { collectionId: id, limit: 10, now: asMicros(Number.MAX_SAFE_INTEGER) },
      (row) => `${row.id.slice(-2)} ${row.entry}`,
    );
    expect(page.items).toEqual(['01 added', '02 added', '03 added', '03 released']);
    await store.close();
  });
});
