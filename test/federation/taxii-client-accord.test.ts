/** The TAXII client against the real Accord server (buildServer on 127.0.0.1, random port). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToken } from '../../src/core/index.js';
import { TaxiiClient } from '../../src/taxii/client/index.js';
import { COLLECTION, indicator, startNode, type TestNode } from './support/in-process-node.js';

let node: TestNode;
beforeAll(async () => {
  node = await startNode('us');
}, 60_000);
afterAll(async () => {
  await node.close();
});

describe('TaxiiClient against Accord', () => {
  it('4.1, 4.2, 5.1 discovery, API root and collections', async () => {
    const client = node.client('editor');
    const d = await client.discover(node.discovery);
    expect(d.api_roots).toEqual([node.apiRoot]);
    expect(await client.resolveApiRoot(node.discovery)).toBe(node.apiRoot);
    const info = await client.apiRoot(node.apiRoot);
    expect(info.versions).toContain('application/taxii+json;version=2.1');
    expect(info.max_content_length).toBeGreaterThan(0);
    const c = (await client.collections(node.apiRoot)).find((x) => x.id === COLLECTION);
    expect(c).toMatchObject({ can_read: true, can_write: true });
    expect(await client.collection(node.apiRoot, COLLECTION)).toMatchObject({ id: COLLECTION });
  });

  it('5.5 and 4.3 add objects and read the status back; 3.5 pages follow next', async () => {
    const client = node.client('editor');
    const objects = Array.from({ length: 5 }, (_, i) => indicator(100 + i));
    const status = await client.addObjects(node.apiRoot, COLLECTION, objects);
    expect(status).toMatchObject({ status: 'complete', success_count: 5, failure_count: 0 });
    expect((await client.getStatus(node.apiRoot, status.id)).success_count).toBe(5);
    const pages = [];
    for await (const p of client.objectPages(node.apiRoot, COLLECTION, {
      limit: 2,
      ids: objects.map((o) => String(o.id)),
    })) {
      pages.push(p);
    }
    expect(pages.map((p) => p.objects.length)).toEqual([2, 2, 1]);
    expect(pages.flatMap((p) => p.objects.map((o) => o.id))).toEqual(objects.map((o) => o.id));
    expect(pages[0]?.dateAddedFirst).toMatch(/^\d{4}-/);
  });

  it('5.6, 5.8, 5.3, 5.7 object versions, manifest and delete', async () => {
    const client = node.client('admin');
    const v1 = indicator(200);
    const v2 = { ...v1, modified: '2024-06-01T00:00:00.000Z', name: 'v2' };
    await client.addObjects(node.apiRoot, COLLECTION, [v1, v2]);
    const id = String(v1.id);
    expect((await client.getVersions(node.apiRoot, COLLECTION, id)).versions).toEqual([
      v1.modified,
      v2.modified,
    ]);
    expect((await client.getObject(node.apiRoot, COLLECTION, id)).objects).toEqual([v2]);
    expect(
      (await client.getObject(node.apiRoot, COLLECTION, id, { versions: ['all'] })).objects,
    ).toHaveLength(2);
    expect(
      (await client.getManifest(node.apiRoot, COLLECTION, { ids: [id], versions: ['first'] })).objects[0]
        ?.version,
    ).toBe(v1.modified);
    await client.deleteObject(node.apiRoot, COLLECTION, id, { versions: [String(v1.modified)] });
    expect((await client.getVersions(node.apiRoot, COLLECTION, id)).versions).toEqual([v2.modified]);
    await client.deleteObject(node.apiRoot, COLLECTION, id);
    await expect(client.getObject(node.apiRoot, COLLECTION, id)).rejects.toMatchObject({
      code: 'TAXII_CLIENT_NOT_FOUND',
    });
  });

  it('1.6.9 bearer tokens work; a wrong password is TAXII_CLIENT_UNAUTHORIZED with the error resource', async () => {
    const token = await addToken(node.store, 'editor');
    expect((await new TaxiiClient({ auth: { token } }).collections(node.apiRoot)).length).toBeGreaterThan(0);
    const err = await new TaxiiClient({
      auth: { username: 'editor', password: 'wrong-password' },
      retry: { maxAttempts: 1 },
    })
      .collections(node.apiRoot)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TAXII_CLIENT_UNAUTHORIZED', httpStatus: 401 });
    expect((err as { resource?: { http_status?: string } }).resource?.http_status).toBe('401');
    await expect(
      node.client('editor').getObjects(node.apiRoot, '00000000-0000-4000-8000-000000000000'),
    ).rejects.toMatchObject({
      code: 'TAXII_CLIENT_NOT_FOUND',
    });
  });
});
