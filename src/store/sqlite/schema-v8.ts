/**
 * Migration 8 (DESIGN.md, Trust): version chains per producer, contested versions, the sources
 * of marking definitions, the organisations a peer speaks for, and the key of paging cursors.
 */
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { CONTESTED, FIRST, LATEST } from './row-mapping.js';

const SCHEMA = `
ALTER TABLE versions ADD COLUMN producer TEXT NOT NULL DEFAULT '';
UPDATE versions SET producer = (SELECT producer_org FROM row_meta WHERE row_meta.meta_id = versions.meta_id);
DROP INDEX versions_by_id;
CREATE INDEX versions_by_id ON versions (collection, stix_id, version_key);
-- One chain of versions per producer: a duplicate is the same (id, version) from the same producer.
CREATE UNIQUE INDEX versions_by_chain ON versions (collection, stix_id, producer, version_key);
-- Contested versions are rare: reads that skip them look for them here first.
CREATE INDEX versions_contested ON versions (collection) WHERE (flags & 16) <> 0;

ALTER TABLE marking_definitions ADD COLUMN source_kind TEXT NOT NULL DEFAULT 'node';
ALTER TABLE marking_definitions ADD COLUMN producer_org TEXT;
ALTER TABLE marking_definitions ADD COLUMN origin TEXT;

-- JSON list of organisation slugs whose versions the peer may relay; NULL: only its own.
ALTER TABLE peers ADD COLUMN speaks_for TEXT;

CREATE TABLE node_settings (
  name TEXT PRIMARY KEY,
  value BLOB NOT NULL
);
`;

/**
 * Applies migration 8 to existing data: definitions that arrived as versions take the source of
 * their first stored version (the others were made by the node's administrators); versions of
 * an owned id (one with a `modified` or `created`) by a producer other than the id's first one
 * in the collection become contested, and the latest/first flags are recomputed without them.
 */
export function ownershipAndSources(db: Database.Database): void {
  db.exec(SCHEMA);
  db.exec(`
    UPDATE marking_definitions SET source_kind = 'version',
      producer_org = (SELECT m.producer_org FROM versions AS v JOIN row_meta AS m ON m.meta_id = v.meta_id
        WHERE v.stix_id = marking_definitions.id ORDER BY v.seq LIMIT 1),
      origin = (SELECT m.origin FROM versions AS v JOIN row_meta AS m ON m.meta_id = v.meta_id
        WHERE v.stix_id = marking_definitions.id ORDER BY v.seq LIMIT 1)
    WHERE EXISTS (SELECT 1 FROM versions WHERE stix_id = marking_definitions.id)`);
  // Versionless objects (cyber-observables) are shared facts: each producer keeps its own chain.
  const candidates = db
    .prepare(
      `SELECT v.seq, v.collection, v.stix_id, v.json FROM versions AS v
        WHERE v.producer <> (SELECT w.producer FROM versions AS w WHERE w.collection = v.collection
          AND w.stix_id = v.stix_id ORDER BY w.date_added, w.seq LIMIT 1)`,
    )
    .raw()
    .all() as [number, string, string, string][];
  const contested = candidates.filter(([, , , json]) => {
    const object = JSON.parse(json) as Record<string, unknown>;
    return object.modified !== undefined || object.created !== undefined;
  });
  const flag = db.prepare('UPDATE versions SET flags = (flags & ~?) | ? WHERE seq = ?');
  const touched = new Map<string, [string, string]>();
  for (const [seq, collection, id] of contested) {
    flag.run(LATEST | FIRST, CONTESTED, seq);
    touched.set(`${collection}\n${id}`, [collection, id]);
  }
  const ends = (order: string) =>
    db
      .prepare(
        `SELECT seq FROM versions WHERE collection = ? AND stix_id = ? AND (flags & ${CONTESTED}) = 0 ORDER BY version_key ${order} LIMIT 1`,
      )
      .pluck();
  const [latest, first] = [ends('DESC'), ends('ASC')];
  const clear = db.prepare(
    `UPDATE versions SET flags = flags & ~${LATEST | FIRST} WHERE collection = ? AND stix_id = ?`,
  );
  const set = db.prepare('UPDATE versions SET flags = flags | ? WHERE seq = ?');
  for (const [collection, id] of touched.values()) {
    clear.run(collection, id);
    const l = latest.get(collection, id) as number | undefined;
    const f = first.get(collection, id) as number | undefined;
    if (l !== undefined) set.run(LATEST, l);
    if (f !== undefined) set.run(FIRST, f);
  }
  db.prepare('INSERT INTO node_settings (name, value) VALUES (?, ?)').run('cursor_key', randomBytes(32));
}
