/**
 * Ordered, versioned migrations of the PostgreSQL schema, run by `PostgresStore.init()`. The
 * version is the one row of schema_version. Every run takes a transaction-scoped advisory lock
 * first, so two processes opening a new database at once create the schema once: the second
 * waits, then finds it done.
 */
import type pg from 'pg';
import { StoreError } from '../store-error.js';
import { inTransaction, type Queryable } from './pool.js';
import { createSchema } from './schema-v1.js';

/** One migration: applied when the database's version is below `version`. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly up: (db: Queryable) => Promise<void>;
}

/** Every migration, oldest first; append only, never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description:
      'initial schema: collections with their clock rows, versions, releases, accounts, peers, statuses, audit, generations',
    up: createSchema,
  },
];

/** The advisory lock key of migrations (any constant: "accord" in ASCII). */
const MIGRATION_LOCK = 0x6163636f7264;

/** Reads the schema version; 0 for a database without Accord's tables. */
async function schemaVersion(db: Queryable): Promise<number> {
  const exists = await db.query<{ t: string | null }>("SELECT to_regclass('schema_version')::text AS t");
  if (exists.rows[0]?.t == null) return 0;
  const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_version');
  return rows[0]?.version ?? 0;
}

/** Brings the schema up to date, all migrations in one transaction under the migration lock. */
export async function migrate(pool: pg.Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<void> {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  // Most opens find the schema current: check without the lock first.
  const seen = await schemaVersion(pool);
  if (seen > latest) throw tooNew(seen, latest);
  if (seen === latest) return;
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    let current = await schemaVersion(client);
    if (current > latest) throw tooNew(current, latest);
    if (current === 0) {
      await client.query('CREATE TABLE schema_version (version integer NOT NULL)');
      await client.query('INSERT INTO schema_version (version) VALUES (0)');
    }
    for (const migration of migrations) {
      if (current >= migration.version) continue;
      await migration.up(client);
      current = migration.version;
    }
    await client.query('UPDATE schema_version SET version = $1', [current]);
  });
}

function tooNew(current: number, latest: number): StoreError {
  return new StoreError(
    'STORE_SCHEMA_TOO_NEW',
    `database schema version ${current} is newer than this Accord supports (${latest})`,
  );
}
