/** Collections and their access lists on PostgreSQL (TAXII 2.1 section 5.1), listed in creation order. */
import type pg from 'pg';
import type { CollectionAccessLists, CollectionRecord } from '../objects.js';
import { insertUnique } from './pool.js';

interface CollectionRow {
  id: string;
  title: string;
  description: string | null;
  alias: string | null;
  can_read: string;
  can_write: string;
  media_types: string;
}

const COLUMNS = 'id, title, description, alias, can_read, can_write, media_types';

function toRecord(row: CollectionRow): CollectionRecord {
  return {
    id: row.id,
    title: row.title,
    ...(row.description === null ? {} : { description: row.description }),
    ...(row.alias === null ? {} : { alias: row.alias }),
    canRead: JSON.parse(row.can_read) as string[],
    canWrite: JSON.parse(row.can_write) as string[],
    mediaTypes: JSON.parse(row.media_types) as string[],
  };
}

/** Statements over the collections table. */
export class CollectionTable {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  add(c: CollectionRecord): Promise<void> {
    return insertUnique(`collection ${JSON.stringify(c.id)}`, () =>
      this.#pool.query(`INSERT INTO collections (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        c.id,
        c.title,
        c.description ?? null,
        c.alias ?? null,
        JSON.stringify(c.canRead),
        JSON.stringify(c.canWrite),
        JSON.stringify(c.mediaTypes),
      ]),
    );
  }

  async get(id: string): Promise<CollectionRecord | undefined> {
    const { rows } = await this.#pool.query<CollectionRow>(
      `SELECT ${COLUMNS} FROM collections WHERE id = $1`,
      [id],
    );
    return rows[0] === undefined ? undefined : toRecord(rows[0]);
  }

  /** In creation order, stable across restarts (TAXII 2.1 section 3.3). */
  async list(): Promise<CollectionRecord[]> {
    const { rows } = await this.#pool.query<CollectionRow>(`SELECT ${COLUMNS} FROM collections ORDER BY ord`);
    return rows.map(toRecord);
  }

  async setAccess(id: string, access: CollectionAccessLists): Promise<boolean> {
    const result = await this.#pool.query(
      'UPDATE collections SET can_read = $1, can_write = $2 WHERE id = $3',
      [JSON.stringify(access.canRead), JSON.stringify(access.canWrite), id],
    );
    return result.rowCount === 1;
  }

  /** Stored versions of every collection (the feed's rows, not its `released` entries). */
  async countVersions(): Promise<number> {
    const { rows } = await this.#pool.query<{ n: number }>('SELECT count(*) AS n FROM versions');
    return rows[0]?.n ?? 0;
  }
}
