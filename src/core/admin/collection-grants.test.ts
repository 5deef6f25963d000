/**
 * Property: after any sequence of `collection grant|revoke`, the access lists equal a plain set
 * model's, a refused change leaves them as they were, and policy's may() lets exactly the listed
 * organisations read and write (CONTRACT.md "Operations"; TAXII 2.1 section 5.2 can_read/can_write).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { may } from '../../policy/index.js';
import { openStore } from '../../store/index.js';
import { addCollection } from './add-collection.js';
import { grantCollectionAccess, revokeCollectionAccess } from './collection-grants.js';

const ORGS = ['a', 'b', 'c', 'd'] as const;
const IDENTITY = (i: number) => `identity--00000000-0000-4000-8000-00000000000${i}`;

type Op = { kind: 'grant' | 'revoke'; read: string[]; write: string[] };
const orgSet = fc.subarray([...ORGS, '*']);
const op: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('grant' as const, 'revoke' as const),
  read: orgSet,
  write: orgSet,
});

/** The model: a list is a set; grant refuses what is there (or `*`), revoke what is not (or one org under `*`). */
function apply(list: readonly string[], kind: Op['kind'], orgs: readonly string[]): string[] | 'refused' {
  if (kind === 'grant') {
    if (orgs.some((o) => list.includes(o) || list.includes('*'))) return 'refused';
    return [...list, ...orgs];
  }
  if (orgs.some((o) => !list.includes(o))) return 'refused';
  return list.filter((o) => !orgs.includes(o));
}

describe('collection grant and revoke (property)', () => {
  it('match a set model, change nothing when refused, and may() follows the lists', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 8 }), async (ops) => {
        const store = await openStore(':memory:');
        try {
          for (const [i, id] of ORGS.entries())
            await store.addOrganization({ id, name: id, identityId: IDENTITY(i) });
          const { id } = await addCollection(store, { title: 'p' });
          let model = { read: [] as string[], write: [] as string[] };
          for (const o of ops) {
            const read = o.read.length > 0 ? apply(model.read, o.kind, o.read) : model.read;
            const write = o.write.length > 0 ? apply(model.write, o.kind, o.write) : model.write;
            const change = o.kind === 'grant' ? grantCollectionAccess : revokeCollectionAccess;
            const refused = read === 'refused' || write === 'refused' || o.read.length + o.write.length === 0;
            const outcome = await change(store, id, { read: o.read, write: o.write }).then(
              () => 'ok',
              (err: { code?: string }) => err.code,
            );
            expect(outcome === 'ok').toBe(!refused);
            if (!refused) model = { read, write };
            const stored = await store.getCollection(id);
            expect([...(stored?.canRead ?? [])].sort()).toEqual([...model.read].sort());
            expect([...(stored?.canWrite ?? [])].sort()).toEqual([...model.write].sort());
            for (const [i, org] of ORGS.entries()) {
              const actor = { orgId: org, identityId: IDENTITY(i), role: 'editor' as const };
              const listed = (l: string[]) => l.includes(org) || l.includes('*');
              expect(may(actor, 'collection.read', stored!)).toBe(listed(model.read));
              expect(may(actor, 'collection.write', stored!)).toBe(listed(model.write));
            }
          }
        } finally {
          await store.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});
