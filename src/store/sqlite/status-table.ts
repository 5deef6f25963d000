/** TAXII status resources (TAXII 2.1 section 4.3.1), stored whole. */
import type Database from 'better-sqlite3';
import type { StatusRecord } from '../store.js';
import { commitWithoutSync } from './unsynced-commit.js';

/** Prepared statements over the statuses table. */
export class StatusTable {
  readonly #db: Database.Database;
  readonly #s;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#s = {
      put: db.prepare(
        'INSERT INTO statuses (id, collection, owner_org, record) VALUES (?, ?, ?, ?)' +
          ' ON CONFLICT (id) DO UPDATE SET collection = excluded.collection, owner_org = excluded.owner_org,' +
          ' record = excluded.record',
      ),
      get: db.prepare('SELECT record FROM statuses WHERE id = ?').pluck(),
    };
  }

  /** Creates or replaces a status (a pending status is updated as its objects complete); see Store.putStatus. */
  put(status: StatusRecord): void {
    commitWithoutSync(this.#db, () =>
      this.#s.put.run(status.id, status.collectionId, status.ownerOrg, JSON.stringify(status)),
    );
  }

  get(id: string): StatusRecord | undefined {
    const json = this.#s.get.get(id) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as StatusRecord);
  }
}
