/**
 * Spec 7.2.1: marking definitions cannot be versioned. A definition published again under a
 * known id (with another `created`, so the store takes it as a new version) must not change
 * what the id means: otherwise any editor could add itself to someone else's sharing group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSharingGroup } from '../../src/core/sharing.js';
import { TLP_V2 } from '../../src/stix/index.js';
import { type TestNode, testNode } from './http-harness.js';

const T0 = Date.UTC(2030, 0, 1) * 1000;
const COLL = '5f9d3a0e-4f6b-4c1d-9e8f-0a1b2c3d4e5f';
const OWN = '6a9d3a0e-4f6b-4c1d-9e8f-0a1b2c3d4e5f';
const ident = (n: number) => `identity--00000000-0000-4000-8000-00000000003${n}`;

describe('7.2.1 re-publishing a sharing group under its id', () => {
  let node: TestNode;
  const users: Record<string, string> = {};
  beforeAll(async () => {
    node = await testNode(T0);
    for (const [i, slug] of ['a', 'b', 'c'].entries()) {
      await node.addOrg(slug, ident(i + 1));
      users[slug] = await node.addUser(slug);
    }
    await node.addCollection(COLL, ['*'], ['a']);
    await node.addCollection(OWN, ['c'], ['c']);
  });
  afterAll(() => node.close());

  // Marking definitions cannot be versioned (STIX 2.1 section 7.2.1): the first definition of an
  // id wins, so re-posting a group's id with more members must not widen it.
  it('does not let another organisation widen the group', async () => {
    const group = await addSharingGroup(node.store, { id: 'ab', members: ['a', 'b'] });
    const red = {
      type: 'note',
      spec_version: '2.1',
      id: 'note--00000000-0000-4000-8000-000000000301',
      created: '2030-01-01T00:00:00.000Z',
      modified: '2030-01-01T00:00:00.000Z',
      content: 'for a and b only',
      object_refs: [String(group.id)],
      object_marking_refs: [TLP_V2.red.id, String(group.id)],
    };
    node.setNow(T0 + 1000);
    expect((await node.post(users.a!, COLL, [red])).body.success_count).toBe(1);
    const ext = group.extensions as Record<string, { members: string[] }>;
    const [extId] = Object.keys(ext);
    const forged = {
      ...group,
      created: '2030-01-01T00:00:01.000Z',
      extensions: {
        [extId!]: { extension_type: 'property-extension', members: [ident(1), ident(2), ident(3)] },
      },
    };
    node.setNow(T0 + 2000);
    await node.post(users.c!, OWN, [forged]);
    node.setNow(T0 + 3000);
    expect((await node.get(users.c!, `collections/${COLL}/objects/${red.id}/`)).status).toBe(404);
  });
});
