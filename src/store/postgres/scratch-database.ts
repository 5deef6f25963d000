/**
 * Throwaway databases for tests and benchmarks: a new database per run on the server
 * $ACCORD_TEST_PG names (default: the local `test` database, trust auth), with a fresh schema
 * per store, so parallel runs and tests never see each other's rows. Not used by the product.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server tests use: $ACCORD_TEST_PG, else the local one. */
export const TEST_PG_URL = process.env.ACCORD_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** How long a test hook may take to drop a scratch database (DROP DATABASE waits for a checkpoint). */
export const DROP_TIMEOUT_MS = 300_000;

/** A database created for one run; `schemaUrl()` gives a URL on a new empty schema of it. */
export interface ScratchDatabase {
  readonly url: string;
  schemaUrl(): Promise<string>;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string, options?: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  // libpq reads `+` literally: spaces in options must be %20.
  if (options !== undefined) u.search = `?options=${encodeURIComponent(options)}`;
  return u.toString();
}

/** Why PostgreSQL cannot be used, or undefined when it answers. */
export async function unreachable(url = TEST_PG_URL): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates a new database `accord_test_<random>` on the server of `url`. */
export async function createScratchDatabase(url = TEST_PG_URL): Promise<ScratchDatabase> {
  const name = `accord_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    // Throwaway data need not wait for the disk: tests create hundreds of schemas and batches.
    await admin.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
  } finally {
    await admin.end();
  }
  const dbUrl = withDatabase(url, name);
  let schemas = 0;
  return {
    url: dbUrl,
    async schemaUrl() {
      const schema = `s${schemas++}`;
      const client = new pg.Client({ connectionString: dbUrl });
      await client.connect();
      try {
        await client.query(`CREATE SCHEMA ${schema}`);
      } finally {
        await client.end();
      }
      return withDatabase(url, name, `-c search_path=${schema}`);
    },
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
