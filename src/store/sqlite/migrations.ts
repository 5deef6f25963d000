/** Ordered, versioned schema migrations, run by `SqliteStore.init()` (schema version = PRAGMA user_version). */
import type Database from 'better-sqlite3';
import type { SecretBox } from '../secret-box.js';
import { StoreError } from '../store-error.js';
import { ACCOUNTS_V8 } from './accounts-v8.js';
import { SCHEMA_V1 } from './schema-v1.js';
import { ownershipAndSources } from './schema-v8.js';
import { GENERATIONS_V12 } from './schema-v12.js';
import { normaliseSchema } from './schema-v13.js';
import { SESSIONS_V14, searchTermsV15 } from './schema-v14.js';
import { sealPeerPasswords } from './seal-peer-passwords.js';

/** What a migration may need besides the database: the key that seals secrets. */
export interface MigrationContext {
  readonly secrets?: SecretBox;
}

/** One migration: applied when the database's version is below `version`. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly up: (db: Database.Database, context: MigrationContext) => void;
}

/** Every migration, oldest first; append only, never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'initial schema', up: (db) => db.exec(SCHEMA_V1) },
  {
    version: 2,
    description: 'feed index per type, so match[type] on a rare type seeks instead of scanning the feed',
    up: (db) => db.exec('CREATE INDEX versions_type_feed ON versions (collection, type, date_added, seq)'),
  },
  {
    version: 3,
    description:
      'audit rows may list several object versions one response disclosed, so a page read is one row, not one per object',
    up: (db) => db.exec('ALTER TABLE audit_log ADD COLUMN objects TEXT'),
  },
  {
    version: 4,
    description:
      'flag versions with granular markings (versions.flags & 4), so reads need not search the text for them',
    // A text match is a superset of "has the property": a false flag only costs the slow path.
    up: (db) => db.exec(`UPDATE versions SET flags = flags | 4 WHERE instr(json, '"granular_markings"') > 0`),
  },
  {
    version: 5,
    description:
      'audit rows may name the disclosed versions by seq (audit_log.versions); deleted versions keep their id and version (deleted_versions) so those rows still resolve',
    up: (db) =>
      db.exec(
        'ALTER TABLE audit_log ADD COLUMN versions TEXT;' +
          ' CREATE TABLE deleted_versions (seq INTEGER PRIMARY KEY, stix_id TEXT NOT NULL, version TEXT NOT NULL);',
      ),
  },
  {
    version: 6,
    description:
      'granular views: what a version with granular markings shows per set of denying refs, kept with it (versions.flags & 8)',
    up: (db) =>
      db.exec(
        'CREATE TABLE granular_views (seq INTEGER PRIMARY KEY REFERENCES versions (seq) ON DELETE CASCADE,' +
          ' views TEXT NOT NULL)',
      ),
  },
  {
    version: 7,
    description:
      'status records may name their successes by seq (statuses.success_seqs) instead of listing each id and version',
    up: (db) => db.exec('ALTER TABLE statuses ADD COLUMN success_seqs TEXT'),
  },
  {
    version: 8,
    description:
      'versions of one id form one chain per producer (versions.producer, unique per chain) and versions of an id another producer owns are flagged contested (flags & 16); marking definitions keep who made them known; peers name the organisations they speak for; the node keeps its paging-cursor key',
    up: ownershipAndSources,
  },
  {
    version: 9,
    description:
      "feed indexes carry meta_id and flags, so rows of a reader's hidden marking combinations are skipped inside the index",
    up: (db) =>
      db.exec(
        'DROP INDEX versions_feed; CREATE INDEX versions_feed ON versions (collection, date_added, seq, meta_id, flags);' +
          ' DROP INDEX versions_type_feed;' +
          ' CREATE INDEX versions_type_feed ON versions (collection, type, date_added, seq, meta_id, flags);',
      ),
  },
  {
    version: 10,
    description:
      'users may be disabled, tokens expire; account_generation changes (by trigger) whenever a user or token is changed or removed, so every process drops cached logins at once',
    up: (db) => db.exec(ACCOUNTS_V8),
  },
  {
    version: 11,
    description:
      'peer passwords are sealed (AES-256-GCM) with the secret key kept outside the database; rows stored in clear are sealed now',
    up: (db, context) => sealPeerPasswords(db, context.secrets),
  },
  {
    version: 12,
    description:
      'explicit change generations (generations: policy for marking definitions and organisations, accounts for users and tokens), bumped by triggers',
    up: (db) => db.exec(GENERATIONS_V12),
  },
  {
    version: 13,
    description:
      'plain columns: the five facts of a version as booleans (versions.flags goes), and the objects an audit row names as rows of audit_objects indexed by version and id (audit_log.objects and .versions go)',
    up: normaliseSchema,
  },
  {
    version: 14,
    description:
      'web console sessions, named by a hash of their secret, with idle and absolute expiry (sessions)',
    up: (db) => db.exec(SESSIONS_V14),
  },
  {
    version: 15,
    description:
      'search index: the names, aliases, external ids, pattern values and ids of each version (search_terms), filled for the versions already stored',
    up: searchTermsV15,
  },
  {
    version: 16,
    description:
      "each peer's cumulative sync counters per direction (peer_state.counters, JSON: new, updated, unchanged, refused, invalid, transport errors)",
    up: (db) => db.exec('ALTER TABLE peer_state ADD COLUMN counters TEXT'),
  },
  {
    version: 17,
    description:
      "leases: which process runs a piece of background work, such as one peer's sync, until when (leases)",
    up: (db) =>
      db.exec(
        'CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID',
      ),
  },
];

function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to date. Each migration runs in its own IMMEDIATE transaction and
 * re-reads the version inside it, so two processes opening a new file at once migrate it once.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
  context: MigrationContext = {},
): void {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  for (const migration of migrations) {
    db.transaction(() => {
      const current = schemaVersion(db);
      if (current > latest) {
        throw new StoreError(
          'STORE_SCHEMA_TOO_NEW',
          `database schema version ${current} is newer than this Accord supports (${latest})`,
        );
      }
      if (current >= migration.version) return;
      migration.up(db, context);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  if (migrations.length === 0 && schemaVersion(db) > 0) {
    throw new StoreError('STORE_SCHEMA_TOO_NEW', 'database has a schema this Accord does not know');
  }
}
