/**
 * Migration 13 (issue 14, docs/decisions/0007): the schema says what it holds in plain columns.
 * A version's five facts become boolean columns instead of bits of one integer, and the objects
 * an audit row names become rows of audit_objects (indexed by version and by id) instead of
 * JSON lists, so "who received this object" is an index lookup. The reader may still pack
 * values in its SELECT list: that is a private matter of row-mapping.ts.
 */
import type Database from 'better-sqlite3';
import { seqsOf } from './version-names.js';

const bool = (name: string) =>
  `ALTER TABLE versions ADD COLUMN ${name} INTEGER NOT NULL DEFAULT 0 CHECK (${name} IN (0, 1));`;

const VERSIONS = `
${bool('is_latest')}
${bool('is_first')}
${bool('has_granular')}
${bool('has_views')}
${bool('contested')}
UPDATE versions SET is_latest = (flags & 1) <> 0, is_first = (flags & 2) <> 0, has_granular = (flags & 4) <> 0,
  has_views = (flags & 8) <> 0, contested = (flags & 16) <> 0;
DROP INDEX versions_feed;
DROP INDEX versions_type_feed;
DROP INDEX versions_contested;
-- Lookups by id use the chain index's (collection, stix_id) prefix.
DROP INDEX versions_by_id;
ALTER TABLE versions DROP COLUMN flags;
CREATE INDEX versions_feed ON versions (collection, date_added, seq, meta_id, has_granular);
CREATE INDEX versions_type_feed ON versions (collection, type, date_added, seq, meta_id, has_granular);
CREATE INDEX versions_contested ON versions (collection) WHERE contested = 1;
`;

const AUDIT = `
-- The objects an audit row names, in order: a run of disclosed versions by seq (seq_count
-- consecutive seqs from seq, at most 1000, one marking; their ids and versions are those of
-- versions or, once deleted, deleted_versions), or an object named by id and version.
CREATE TABLE audit_objects (
  audit_id INTEGER NOT NULL REFERENCES audit_log (id),
  position INTEGER NOT NULL,
  seq INTEGER,
  seq_count INTEGER CHECK (seq_count BETWEEN 1 AND 1000),
  object_id TEXT,
  object_version TEXT,
  marking TEXT,
  PRIMARY KEY (audit_id, position),
  CHECK ((seq IS NULL) <> (object_id IS NULL) AND (seq IS NULL) = (seq_count IS NULL))
) WITHOUT ROWID;
CREATE INDEX audit_objects_seq ON audit_objects (seq) WHERE seq IS NOT NULL;
CREATE INDEX audit_objects_object ON audit_objects (object_id) WHERE object_id IS NOT NULL;
CREATE INDEX audit_log_object ON audit_log (object_id) WHERE object_id IS NOT NULL;
CREATE INDEX deleted_versions_id ON deleted_versions (stix_id);
CREATE TRIGGER audit_objects_no_update BEFORE UPDATE ON audit_objects
  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_objects_no_delete BEFORE DELETE ON audit_objects
  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
`;

interface VersionList {
  readonly markings: readonly string[];
  readonly deltas: readonly number[];
  readonly of: readonly number[];
}

/** Moves the JSON lists of audit rows into audit_objects, then drops their columns. */
function normaliseAudit(db: Database.Database): void {
  db.exec(AUDIT);
  const insert = db.prepare(
    'INSERT INTO audit_objects (audit_id, position, seq, seq_count, object_id, object_version, marking) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  // In chunks: a statement may not write while another one is being iterated.
  const chunk = db
    .prepare(
      'SELECT id, objects, versions FROM audit_log WHERE id > ? AND (objects IS NOT NULL OR versions IS NOT NULL)' +
        ' ORDER BY id LIMIT 1000',
    )
    .raw();
  for (let after = 0; ; ) {
    const rows = chunk.all(after) as [number, string | null, string | null][];
    if (rows.length === 0) break;
    for (const [id, objects, versions] of rows) {
      if (versions !== null) {
        const list = JSON.parse(versions) as VersionList;
        seqsOf(list.deltas).forEach((seq, i) => {
          insert.run(id, i, seq, 1, null, null, list.markings[list.of[i] as number] ?? null);
        });
      } else if (objects !== null) {
        const triples = JSON.parse(objects) as [string, string | null, string | null][];
        triples.forEach(([objectId, objectVersion, marking], i) => {
          insert.run(id, i, null, null, objectId, objectVersion, marking);
        });
      }
      after = id;
    }
  }
  db.exec('ALTER TABLE audit_log DROP COLUMN objects; ALTER TABLE audit_log DROP COLUMN versions;');
}

/** Applies migration 13. */
export function normaliseSchema(db: Database.Database): void {
  db.exec(VERSIONS);
  normaliseAudit(db);
}
