/** `collection add`: a TAXII collection with its read and write lists. */
import { randomUUID } from 'node:crypto';
import type { CollectionRecord, Store } from '../../store/index.js';
import { CoreError } from '../errors/core-error.js';
import { auditAdmin } from './audit-admin.js';

/** What `collection add` needs; org lists hold slugs or `*`. */
export interface AddCollectionInput {
  readonly title: string;
  readonly id?: string;
  readonly description?: string;
  readonly alias?: string;
  readonly canRead?: readonly string[];
  readonly canWrite?: readonly string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Media types every Accord collection stores (TAXII 2.1 section 5.2.1). */
export const COLLECTION_MEDIA_TYPES = ['application/stix+json;version=2.1'] as const;

/** Creates a collection; returns it. */
export async function addCollection(store: Store, input: AddCollectionInput): Promise<CollectionRecord> {
  const id = input.id ?? randomUUID();
  // TAXII 2.1 section 2: a collection id is an RFC 4122 UUID.
  if (!UUID.test(id)) throw new CoreError('CORE_INVALID', `collection id "${id}" is not a lower-case UUID`);
  if (input.title.trim() === '') throw new CoreError('CORE_INVALID', 'the title must not be empty');
  if (await store.getCollection(id)) throw new CoreError('CORE_CONFLICT', `collection ${id} already exists`);
  const canRead = input.canRead ?? [];
  const canWrite = input.canWrite ?? [];
  for (const org of new Set([...canRead, ...canWrite])) {
    if (org !== '*' && !(await store.getOrganization(org))) {
      throw new CoreError('CORE_NOT_FOUND', `no organisation ${org}; add it with \`accord org add\``);
    }
  }
  const collection: CollectionRecord = {
    id,
    title: input.title,
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.alias === undefined ? {} : { alias: input.alias }),
    canRead,
    canWrite,
    mediaTypes: [...COLLECTION_MEDIA_TYPES],
  };
  await store.addCollection(collection);
  await auditAdmin(
    store,
    'collection.add',
    '*',
    `collection ${id} read ${canRead.join(',')} write ${canWrite.join(',')}`,
  );
  return collection;
}

/** Parses an ORGS option (`a,b` or `*`) into a list. */
export function parseOrgList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
