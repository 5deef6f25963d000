/**
 * Migration 2 of the PostgreSQL schema: web console sessions (named by a hash of their secret)
 * and the search index (terms beside versions, written in the versions' own transaction); the
 * versions stored before it are indexed here from their JSON, as new ones are.
 */
import { searchTermsOf } from '../search-terms.js';
import { parseObject } from '../sqlite/schema-v14.js';
import type { Queryable } from './pool.js';

const SCHEMA = `
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  username text NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  credential_stamp text NOT NULL,
  created_at bigint NOT NULL,
  last_seen_at bigint NOT NULL,
  expires_at bigint NOT NULL
);
CREATE INDEX sessions_user ON sessions (username);
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE INDEX sessions_idle ON sessions (last_seen_at);

-- Ordered as searches read it (prefix ranges of term, then seq); text_pattern_ops would not
-- serve the (term, seq) order, so terms compare in the C collation.
CREATE TABLE search_terms (
  term text COLLATE "C" NOT NULL,
  seq bigint NOT NULL,
  field text NOT NULL,
  PRIMARY KEY (term, seq, field)
);
CREATE INDEX search_terms_seq ON search_terms (seq);
`;

/** Applies migration 2 (inside the migration's transaction). */
export async function sessionsAndSearch(db: Queryable): Promise<void> {
  await db.query(SCHEMA);
  for (let after = 0; ; ) {
    const { rows } = await db.query<{ seq: number; json: string }>(
      'SELECT seq, json FROM versions WHERE seq > $1 ORDER BY seq LIMIT 1000',
      [after],
    );
    if (rows.length === 0) return;
    const terms: string[] = [];
    const seqs: number[] = [];
    const fields: string[] = [];
    for (const { seq, json } of rows) {
      after = seq;
      const object = parseObject(json);
      if (object === undefined) continue;
      for (const t of searchTermsOf(object)) {
        terms.push(t.term);
        seqs.push(seq);
        fields.push(t.field);
      }
    }
    await db.query(
      'INSERT INTO search_terms (term, seq, field) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[])' +
        ' ON CONFLICT DO NOTHING',
      [terms, seqs, fields],
    );
  }
}
