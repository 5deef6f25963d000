/**
 * The connection pool of a PostgresStore and the few ways it is used: one statement, or one
 * transaction on one client. bigint columns come back as numbers (seqs and µs instants stay far
 * below 2^53), set on this pool's types alone so that no other user of `pg` is affected.
 */
import pg from 'pg';
import { StoreError } from '../store-error.js';

/** A client or the pool: what a statement runs on. */
export type Queryable = Pick<pg.PoolClient, 'query'>;

const INT8 = 20;
const INT8_ARRAY = 1016;
const builtin = pg.types.getTypeParser as (
  oid: number,
  format?: 'text' | 'binary',
) => (value: string) => unknown;

/** Type parsers of this store's connections. */
function typeParsers(): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === INT8) return (value: string) => Number(value);
      if (oid === INT8_ARRAY) {
        const parseArray = builtin(INT8_ARRAY) as (value: string) => unknown[];
        return (value: string) => parseArray(value).map(Number);
      }
      return builtin(oid, format ?? 'text');
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

/** Options of the pool. */
export interface PoolOptions {
  readonly connectionString: string;
  /** Most connections this process opens (default 10: a few per CPU, leaving room for other processes). */
  readonly max?: number;
}

/** Opens a pool; connections are made on first use. */
export function openPool(options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    // A statement stuck behind a lock for this long is reported (STORE_BUSY) rather than hanging a request.
    statement_timeout: 60_000,
    application_name: 'accord',
    types: typeParsers(),
  });
  // An idle client's connection dropping (server restart) must not crash the process.
  pool.on('error', () => {});
  return pool;
}

/** SQLSTATEs of lock and statement timeouts, serialisation failures and deadlocks. */
const BUSY = new Set(['55P03', '57014', '40001', '40P01']);

/** Maps driver and server failures to StoreErrors; StoreErrors pass through. */
export function translate(error: unknown): unknown {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && BUSY.has(code)) {
    return new StoreError('STORE_BUSY', `database is busy: ${message}`, { cause: error });
  }
  return new StoreError('STORE_BACKEND_FAILURE', `PostgreSQL: ${message}`, { cause: error });
}

/** True when `error` is a unique or primary-key violation. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown }).code === '23505';
}

/** Runs `insert`; a key conflict becomes STORE_ALREADY_EXISTS naming `what`. */
export async function insertUnique(what: string, insert: () => Promise<unknown>): Promise<void> {
  try {
    await insert();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new StoreError('STORE_ALREADY_EXISTS', `${what} already exists`, { cause: error });
    }
    throw error;
  }
}

/**
 * Runs `fn` in one transaction on one client: committed when it resolves, rolled back when it
 * throws. `unsynced`: committed without waiting for the disk (synchronous_commit = off).
 */
export async function inTransaction<R>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<R>,
  options: { readonly unsynced?: boolean } = {},
): Promise<R> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query(options.unsynced ? 'BEGIN; SET LOCAL synchronous_commit = off' : 'BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    // A connection that could not roll back is closed rather than handed to the next caller.
    client.release(broken);
  }
}
