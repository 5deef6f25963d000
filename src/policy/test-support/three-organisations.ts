/** Policy test fixtures: organisations a, b, c; a sharing group of a and b; an embargo co-signed by b. */
import { embargoMarking, sharingGroupMarking } from '../accord-markings.js';
import type { Reader } from '../types.js';

/** Identity ids of organisations a, b and c, in that order. */
export const ID = ['a', 'b', 'c'].map((c) => `identity--00000000-0000-4000-8000-00000000000${c}`);
export const READERS: Reader[] = ['a', 'b', 'c'].map((orgId, i) => ({ orgId, identityId: ID[i]! }));
/** A sharing group of a and b. */
export const group = sharingGroupMarking({ members: [ID[0]!, ID[1]!], createdByRef: ID[0]! });
/** An embargo until 2030, co-signed by b. */
export const embargo = embargoMarking({
  releaseAt: '2030-01-01T00:00:00.000Z',
  cosigners: [ID[1]!],
  createdByRef: ID[0]!,
});
