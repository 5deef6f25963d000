/**
 * Issue 5: Accord's marking definitions and extension definitions survive a round trip through
 * TAXII (POST then GET return them unchanged), and a sharing group that arrives by TAXII is
 * enforced like one created locally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCORD_EXTENSION_DEFINITIONS, embargoMarking, sharingGroupMarking } from '../../src/policy/index.js';
import { TLP_V2 } from '../../src/stix/index.js';
import { type TestNode, testNode } from './http-harness.js';

const T0 = Date.UTC(2030, 0, 1) * 1000;
const COLL = '4e9d3a0e-4f6b-4c1d-9e8f-0a1b2c3d4e5f';
const ident = (n: number) => `identity--00000000-0000-4000-8000-00000000002${n}`;

describe('Accord markings through TAXII', () => {
  let node: TestNode;
  const users: Record<string, string> = {};
  beforeAll(async () => {
    node = await testNode(T0);
    for (const [i, slug] of ['a', 'b', 'c'].entries()) {
      await node.addOrg(slug, ident(i + 1));
      users[slug] = await node.addUser(slug);
    }
    await node.addCollection(COLL, ['*'], ['*']);
  });
  afterAll(() => node.close());

  it('7.3 extension definitions and both markings come back unchanged', async () => {
    const group = sharingGroupMarking({ name: 'ab', members: [ident(1), ident(2)], createdByRef: ident(1) });
    const embargo = embargoMarking({
      releaseAt: '2031-01-01T00:00:00.000Z',
      cosigners: [ident(2)],
      createdByRef: ident(1),
    });
    const sent = [...ACCORD_EXTENSION_DEFINITIONS, group, embargo];
    node.setNow(T0 + 1000);
    const status = await node.post(users.a!, COLL, sent);
    expect([status.body.success_count, status.body.failure_count]).toEqual([4, 0]);
    node.setNow(T0 + 2000);
    for (const obj of sent) {
      const r = await node.get(users.c!, `collections/${COLL}/objects/${String(obj.id)}/`);
      expect((r.body.objects as unknown[])[0]).toEqual(obj);
    }
  });

  it('a sharing group received by TAXII is enforced', async () => {
    const group = sharingGroupMarking({ members: [ident(1), ident(2)], createdByRef: ident(1) });
    const red = {
      type: 'note',
      spec_version: '2.1',
      id: 'note--00000000-0000-4000-8000-000000000201',
      created: '2030-01-01T00:00:00.000Z',
      modified: '2030-01-01T00:00:00.000Z',
      content: 'for a and b only',
      object_refs: [String(group.id)],
      object_marking_refs: [TLP_V2.red.id, String(group.id)],
    };
    node.setNow(T0 + 3000);
    expect((await node.post(users.a!, COLL, [group, red])).body.success_count).toBe(2);
    node.setNow(T0 + 4000);
    const path = `collections/${COLL}/objects/${red.id}/`;
    expect((await node.get(users.b!, path)).status).toBe(200);
    expect((await node.get(users.c!, path)).status).toBe(404);
  });
});
