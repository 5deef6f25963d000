/** Collections and their access lists (TAXII 2.1 section 5.1), listed in creation order. */
import type Database from 'better-sqlite3';
import type { CollectionAccessLists, CollectionRecord } from '../objects.js';
import { insertUnique } from './unique-insert.js';

interface CollectionRow {
  id: string;
  title: string;
  description: string | null;
  alias: string | null;
  can_read: string;
  can_write: string;
  media_types: string;
}

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

/** Prepared statements over the collections table. */
export class CollectionTable {
  readonly #s;

  constructor(db: Database.Database) {
    const cols = 'id, title, description, alias, can_read, can_write, media_types';
    this.#s = {
      insert: db.prepare(`INSERT INTO collections (${cols}) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      get: db.prepare(`SELECT ${cols} FROM collections WHERE id = ?`),
      // Creation order is stable across restarts (TAXII 2.1 section 3.3 expects a stable order).
      list: db.prepare(`SELECT ${cols} FROM collections ORDER BY ord`),
      countVersions: db.prepare('SELECT count(*) FROM versions').pluck(),
      setAccess: db.prepare('UPDATE collections SET can_read = ?, can_write = ? WHERE id = ?'),
    };
  }

  add(c: CollectionRecord): void {
    insertUnique(`collection ${JSON.stringify(c.id)}`, () =>
      this.#s.insert.run(
        c.id,
        c.title,
        c.description ?? null,
        c.alias ?? null,
        JSON.stringify(c.canRead),
        JSON.stringify(c.canWrite),
        JSON.stringify(c.mediaTypes),
      ),
    );
  }

  get(id: string): CollectionRecord | undefined {
    const row = this.#s.get.get(id) as CollectionRow | undefined;
    return row === undefined ? undefined : toRecord(row);
  }

  setAccess(id: string, access: CollectionAccessLists): boolean {
    const result = this.#s.setAccess.run(JSON.stringify(access.canRead), JSON.stringify(access.canWrite), id);
    return result.changes === 1;
  }

  /** Stored versions of every collection (the feed's rows, not its `released` entries). */
  countVersions(): number {
    return this.#s.countVersions.get() as number;
  }

  list(): CollectionRecord[] {
    return (this.#s.list.all() as CollectionRow[]).map(toRecord);
  }
}
