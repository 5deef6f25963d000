/**
 * Removal of organisations, users and collections on PostgreSQL (store/removals.ts). Each runs in
 * one transaction that first locks the tables whose rows could come to refer to the record
 * (EXCLUSIVE: reads go on, writers wait), then reads the references, so a grant, peer or version
 * added by another process meanwhile blocks the removal instead of being left pointing at nothing.
 */
import type pg from 'pg';
import type { CollectionReferences, OrganizationReferences, RemovalMode } from '../removals.js';
import { StoreError } from '../store-error.js';
import { inTransaction, type Queryable } from './pool.js';

const names = (rows: { name: string }[]): string[] => rows.map((r) => r.name);

async function organizationReferences(
  db: Queryable,
  id: string,
): Promise<OrganizationReferences | undefined> {
  const org = await db.query('SELECT 1 FROM organizations WHERE id = $1', [id]);
  if (org.rowCount === 0) return undefined;
  const users = await db.query<{ name: string }>(
    'SELECT username AS name FROM users WHERE org_id = $1 ORDER BY username',
    [id],
  );
  const grants = await db.query<{ name: string }>(
    'SELECT id AS name FROM collections WHERE can_read::jsonb ? $1 OR can_write::jsonb ? $1 ORDER BY ord',
    [id],
  );
  const peers = await db.query<{ name: string }>(
    "SELECT name FROM peers WHERE org_id = $1 OR coalesce(speaks_for, '[]')::jsonb ? $1 ORDER BY name",
    [id],
  );
  const produced = await db.query<{ n: number }>(
    'SELECT (SELECT count(*) FROM versions WHERE producer = $1) + (SELECT count(*) FROM marking_definitions WHERE producer_org = $1) AS n',
    [id],
  );
  return {
    users: names(users.rows),
    collections: names(grants.rows),
    peers: names(peers.rows),
    versions: produced.rows[0]?.n ?? 0,
  };
}

async function collectionReferences(db: Queryable, id: string): Promise<CollectionReferences | undefined> {
  const found = await db.query('SELECT 1 FROM collections WHERE id = $1', [id]);
  if (found.rowCount === 0) return undefined;
  const versions = await db.query<{ n: number }>('SELECT count(*) AS n FROM versions WHERE collection = $1', [
    id,
  ]);
  const peers = await db.query<{ name: string }>(
    'SELECT name FROM peers WHERE local_collection = $1 ORDER BY name',
    [id],
  );
  return { versions: versions.rows[0]?.n ?? 0, peers: names(peers.rows) };
}

/** Statements of the removals. */
export class RemovalTables {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  organizationReferences(id: string): Promise<OrganizationReferences | undefined> {
    return organizationReferences(this.#pool, id);
  }

  removeOrganization(id: string, { cascade }: RemovalMode): Promise<boolean> {
    return inTransaction(this.#pool, async (client) => {
      await client.query('LOCK TABLE collections, peers, marking_definitions, users IN EXCLUSIVE MODE');
      await client.query('SELECT 1 FROM organizations WHERE id = $1 FOR UPDATE', [id]);
      const refs = await organizationReferences(client, id);
      if (refs === undefined) return false;
      const blocking =
        refs.peers.length > 0 ||
        refs.versions > 0 ||
        (!cascade && (refs.users.length > 0 || refs.collections.length > 0));
      if (blocking)
        throw new StoreError(
          'STORE_STILL_REFERENCED',
          `organisation ${JSON.stringify(id)} is still referred to`,
        );
      const without = (list: string) =>
        JSON.stringify((JSON.parse(list) as string[]).filter((o) => o !== id));
      for (const collection of refs.collections) {
        const { rows } = await client.query<{ can_read: string; can_write: string }>(
          'SELECT can_read, can_write FROM collections WHERE id = $1',
          [collection],
        );
        const row = rows[0];
        if (row === undefined) continue;
        await client.query('UPDATE collections SET can_read = $1, can_write = $2 WHERE id = $3', [
          without(row.can_read),
          without(row.can_write),
          collection,
        ]);
      }
      await client.query(
        'DELETE FROM tokens WHERE username IN (SELECT username FROM users WHERE org_id = $1)',
        [id],
      );
      await client.query('DELETE FROM users WHERE org_id = $1', [id]);
      await client.query('DELETE FROM statuses WHERE owner_org = $1', [id]);
      await client.query('DELETE FROM organizations WHERE id = $1', [id]);
      return true;
    });
  }

  removeUser(username: string): Promise<boolean> {
    return inTransaction(this.#pool, async (client) => {
      await client.query('DELETE FROM tokens WHERE username = $1', [username]);
      return ((await client.query('DELETE FROM users WHERE username = $1', [username])).rowCount ?? 0) > 0;
    });
  }

  collectionReferences(id: string): Promise<CollectionReferences | undefined> {
    return collectionReferences(this.#pool, id);
  }

  removeCollection(id: string, { cascade }: RemovalMode): Promise<boolean> {
    return inTransaction(this.#pool, async (client) => {
      // Writers of the collection hold its clock row: EXCLUSIVE waits for them and stops new ones.
      await client.query('LOCK TABLE collections, peers IN EXCLUSIVE MODE');
      const refs = await collectionReferences(client, id);
      if (refs === undefined) return false;
      if (refs.peers.length > 0 || (!cascade && refs.versions > 0)) {
        throw new StoreError(
          'STORE_STILL_REFERENCED',
          `collection ${JSON.stringify(id)} is still referred to`,
        );
      }
      // Audit rows name disclosed versions by seq: removed ones keep their id and version.
      await client.query(
        'INSERT INTO deleted_versions (seq, stix_id, version) SELECT seq, stix_id, version FROM versions' +
          ' WHERE collection = $1 ON CONFLICT DO NOTHING',
        [id],
      );
      await client.query(
        'DELETE FROM search_terms WHERE seq IN (SELECT seq FROM versions WHERE collection = $1)',
        [id],
      );
      await client.query('DELETE FROM versions WHERE collection = $1', [id]);
      await client.query('DELETE FROM statuses WHERE collection = $1', [id]);
      await client.query('DELETE FROM collections WHERE id = $1', [id]);
      return true;
    });
  }
}
