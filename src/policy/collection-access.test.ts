import { describe, expect, it } from 'vitest';
import type { CollectionRecord } from '../store/index.js';
import { mayReadCollection, mayWriteCollection } from './collection-access.js';

const coll = (canRead: string[], canWrite: string[]): CollectionRecord => ({
  id: '91a7b528-80eb-42ed-a74d-c6fbd5a26116',
  title: 't',
  canRead,
  canWrite,
  mediaTypes: [],
});
const a = { orgId: 'a', identityId: 'identity--00000000-0000-4000-8000-00000000000a' };

describe('collection access lists', () => {
  it('reads and writes when listed or when the list holds *', () => {
    expect(mayReadCollection(a, coll(['a'], []))).toBe(true);
    expect(mayReadCollection(a, coll(['*'], []))).toBe(true);
    expect(mayWriteCollection(a, coll([], ['b', 'a']))).toBe(true);
    expect(mayWriteCollection(a, coll(['a'], ['*']))).toBe(true);
  });
  it('refuses when not listed; reading does not imply writing', () => {
    expect(mayReadCollection(a, coll(['b'], ['a']))).toBe(false);
    expect(mayWriteCollection(a, coll(['a'], []))).toBe(false);
    expect(mayReadCollection(a, coll(['A'], []))).toBe(false);
  });
});
