/**
 * Removal of organisations, users and collections (store/removals.ts). Each runs in one IMMEDIATE
 * transaction that re-reads the references first, so a user added by another process between an
 * operator's look and the removal blocks it instead of being left pointing at nothing.
 */
import type Database from 'better-sqlite3';
import type { CollectionReferences, OrganizationReferences, RemovalMode } from '../removals.js';
import { searchTermsOf } from '../search-terms.js';
import { StoreError } from '../store-error.js';
import { parseObject } from './schema-v14.js';

const names = (rows: unknown[]): string[] => rows as string[];

/** Prepared statements of the removals. */
export class RemovalTables {
  readonly #db: Database.Database;
  readonly #s;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#s = {
      org: db.prepare('SELECT 1 FROM organizations WHERE id = ?').pluck(),
      orgUsers: db.prepare('SELECT username FROM users WHERE org_id = ? ORDER BY username').pluck(),
      orgGrants: db
        .prepare(
          'SELECT id FROM collections WHERE EXISTS (SELECT 1 FROM json_each(can_read) WHERE value = ?)' +
            ' OR EXISTS (SELECT 1 FROM json_each(can_write) WHERE value = ?) ORDER BY ord',
        )
        .pluck(),
      grantsOf: db.prepare('SELECT can_read, can_write FROM collections WHERE id = ?').raw(),
      setGrants: db.prepare('UPDATE collections SET can_read = ?, can_write = ? WHERE id = ?'),
      orgPeers: db
        .prepare(
          'SELECT name FROM peers WHERE org_id = ?' +
            ' OR EXISTS (SELECT 1 FROM json_each(coalesce(speaks_for, json_array())) WHERE value = ?) ORDER BY name',
        )
        .pluck(),
      orgVersions: db
        .prepare(
          'SELECT (SELECT count(*) FROM versions WHERE producer = ?)' +
            ' + (SELECT count(*) FROM marking_definitions WHERE producer_org = ?)',
        )
        .pluck(),
      orgTokens: db.prepare(
        'DELETE FROM tokens WHERE username IN (SELECT username FROM users WHERE org_id = ?)',
      ),
      orgUsersDelete: db.prepare('DELETE FROM users WHERE org_id = ?'),
      orgStatuses: db.prepare('DELETE FROM statuses WHERE owner_org = ?'),
      orgDelete: db.prepare('DELETE FROM organizations WHERE id = ?'),
      userTokens: db.prepare('DELETE FROM tokens WHERE username = ?'),
      userDelete: db.prepare('DELETE FROM users WHERE username = ?'),
      collection: db.prepare('SELECT 1 FROM collections WHERE id = ?').pluck(),
      collectionVersions: db.prepare('SELECT count(*) FROM versions WHERE collection = ?').pluck(),
      collectionPeers: db.prepare('SELECT name FROM peers WHERE local_collection = ? ORDER BY name').pluck(),
      // Audit rows name disclosed versions by seq: removed ones keep their id and version.
      archive: db.prepare(
        'INSERT OR IGNORE INTO deleted_versions (seq, stix_id, version)' +
          ' SELECT seq, stix_id, version FROM versions WHERE collection = ?',
      ),
      versionsOf: db.prepare('SELECT seq, json FROM versions WHERE collection = ?').raw(),
      // The terms table has no index by seq: a version's terms are found again from its JSON.
      untermed: db.prepare('DELETE FROM search_terms WHERE term = ? AND seq = ? AND field = ?'),
      versionsDelete: db.prepare('DELETE FROM versions WHERE collection = ?'),
      statusesDelete: db.prepare('DELETE FROM statuses WHERE collection = ?'),
      collectionDelete: db.prepare('DELETE FROM collections WHERE id = ?'),
    };
  }

  organizationReferences(id: string): OrganizationReferences | undefined {
    const s = this.#s;
    if (s.org.get(id) === undefined) return undefined;
    return {
      users: names(s.orgUsers.all(id)),
      collections: names(s.orgGrants.all(id, id)),
      peers: names(s.orgPeers.all(id, id)),
      versions: s.orgVersions.get(id, id) as number,
    };
  }

  removeOrganization(id: string, { cascade }: RemovalMode): boolean {
    return this.#db
      .transaction(() => {
        const refs = this.organizationReferences(id);
        if (refs === undefined) return false;
        const blocking =
          refs.peers.length > 0 ||
          refs.versions > 0 ||
          (!cascade && (refs.users.length > 0 || refs.collections.length > 0));
        if (blocking) {
          throw new StoreError(
            'STORE_STILL_REFERENCED',
            `organisation ${JSON.stringify(id)} is still referred to`,
          );
        }
        const s = this.#s;
        for (const collection of refs.collections) {
          const [read, write] = s.grantsOf.get(collection) as [string, string];
          const without = (list: string) =>
            JSON.stringify((JSON.parse(list) as string[]).filter((o) => o !== id));
          s.setGrants.run(without(read), without(write), collection);
        }
        s.orgTokens.run(id);
        s.orgUsersDelete.run(id);
        s.orgStatuses.run(id);
        s.orgDelete.run(id);
        return true;
      })
      .immediate();
  }

  removeUser(username: string): boolean {
    return this.#db
      .transaction(() => {
        this.#s.userTokens.run(username);
        return this.#s.userDelete.run(username).changes > 0;
      })
      .immediate();
  }

  collectionReferences(id: string): CollectionReferences | undefined {
    const s = this.#s;
    if (s.collection.get(id) === undefined) return undefined;
    return { versions: s.collectionVersions.get(id) as number, peers: names(s.collectionPeers.all(id)) };
  }

  removeCollection(id: string, { cascade }: RemovalMode): boolean {
    return this.#db
      .transaction(() => {
        const refs = this.collectionReferences(id);
        if (refs === undefined) return false;
        if (refs.peers.length > 0 || (!cascade && refs.versions > 0)) {
          throw new StoreError(
            'STORE_STILL_REFERENCED',
            `collection ${JSON.stringify(id)} is still referred to`,
          );
        }
        const s = this.#s;
        s.archive.run(id);
        for (const [seq, json] of s.versionsOf.all(id) as [number, string][]) {
          for (const t of searchTermsOf(parseObject(json) ?? {})) s.untermed.run(t.term, seq, t.field);
        }
        s.versionsDelete.run(id);
        s.statusesDelete.run(id);
        s.collectionDelete.run(id);
        return true;
      })
      .immediate();
  }
}
