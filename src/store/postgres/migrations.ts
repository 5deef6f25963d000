/**
 * Ordered, versioned migrations of the PostgreSQL schema, run by `PostgresStore.init()`. The
 * version is the one row of schema_version. Every run takes a transaction-scoped advisory lock
 * first, so two processes opening a new database at once create the schema once: the second
 * waits, then finds it done.
 */
import type pg from 'pg';
import { StoreError } from '../store-error.js';
import type { Queryable } from './pool.js';
import { createSchema } from './schema-v1.js';
import { sessionsAndSearch } from './schema-v2.js';

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
  {
    version: 2,
    description:
      'web console sessions, and the search index (search_terms) filled for the versions already stored',
    up: sessionsAndSearch,
  },
  {
    version: 3,
    description:
      "each peer's cumulative sync counters per direction (peer_state.counters, JSON text: new, updated, unchanged, refused, invalid, transport errors)",
    up: async (db) => {
      await db.query('ALTER TABLE peer_state ADD COLUMN counters text');
    },
  },
  {
    version: 4,
    description: "leases: which process runs a piece of background work, such as one peer's sync, until when",
    up: async (db) => {
      await db.query(
        'CREATE TABLE leases (name text PRIMARY KEY, holder text NOT NULL, expires_at timestamptz NOT NULL)',
      );
    },
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

/**
 * Brings the schema up to date, all migrations in one transaction under the migration lock.
 * The lock is taken before the transaction begins, not inside it: a transaction that waited
 * for an advisory lock keeps the catalog lookups it made before the wait ("no schema_version"),
 * while a transaction begun after the wait sees what the other process committed.
 */
export async function migrate(pool: pg.Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<void> {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  // Most opens find the schema current: check without the lock first.
  const seen = await schemaVersion(pool);
  if (seen > latest) throw tooNew(seen, latest);
  if (seen === latest) return;
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('BEGIN');
      await upgrade(client, migrations, latest);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {
        broken = true;
      });
    }
  } finally {
    // A connection whose lock could not be released is closed, which releases it.
    client.release(broken);
  }
}

async function upgrade(client: Queryable, migrations: readonly Migration[], latest: number): Promise<void> {
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
}

function tooNew(current: number, latest: number): StoreError {
  return new StoreError(
    'STORE_SCHEMA_TOO_NEW',
    `database schema version ${current} is newer than this Accord supports (${latest})`,
  );
}
