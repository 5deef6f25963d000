/**
 * Migrations 14 and 15: web console sessions (named by a hash of their secret) and the search
 * index (a terms table beside versions, filled in the versions' own transaction; the rows stored
 * before it are indexed here, from their JSON, with the same derivation as new ones).
 */
import type Database from 'better-sqlite3';
import { searchTermsOf } from '../search-terms.js';

/** The SQL of migration 14. */
export const SESSIONS_V14 = `
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  username TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  credential_stamp TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (username);
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE INDEX sessions_idle ON sessions (last_seen_at);
`;

// One B-tree with short keys, ordered as searches read it: a term costs one small insert (no
// rowid table, no second index); ids, collections and versions come from `versions` by seq.
// Deleting a version deletes its terms by key, derived again from its JSON.
const SEARCH_TABLE = `
CREATE TABLE search_terms (
  term TEXT NOT NULL,
  seq INTEGER NOT NULL,
  field TEXT NOT NULL,
  PRIMARY KEY (term, seq, field)
) WITHOUT ROWID;
`;

/** Migration 15: the terms table, filled for the versions already stored. */
export function searchTermsV15(db: Database.Database): void {
  db.exec(SEARCH_TABLE);
  const insert = db.prepare('INSERT OR IGNORE INTO search_terms (term, seq, field) VALUES (?, ?, ?)');
  // In chunks: a statement may not write while another one is being iterated.
  const chunk = db.prepare('SELECT seq, json FROM versions WHERE seq > ? ORDER BY seq LIMIT 1000').raw();
  for (let after = 0; ; ) {
    const rows = chunk.all(after) as [number, string][];
    if (rows.length === 0) break;
    for (const [seq, json] of rows) {
      after = seq;
      const object = parseObject(json);
      if (object === undefined) continue;
      for (const t of searchTermsOf(object)) insert.run(t.term, seq, t.field);
    }
  }
}

/** The object a version's JSON holds, or undefined when it holds none. */
export function parseObject(json: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined; // not an object: nothing to find it by
  }
}
