/**
 * Migration 1 of the PostgreSQL schema: the shape SQLite reached by its migration 13, in one step
 * (docs/decisions/0012-postgresql-store.md). JSON is kept as text: jsonb would reorder keys and
 * the canonical text is what is served. Times are µs since the epoch (bigint), like SQLite's.
 */
import { randomBytes } from 'node:crypto';
import type { Queryable } from './pool.js';

const bumps = (table: string, topic: string, events: string) => `
CREATE TRIGGER ${table}_bumps_${topic} AFTER ${events} ON ${table}
  FOR EACH ROW EXECUTE FUNCTION accord_bump_generation('${topic}');`;

const SCHEMA = `
CREATE TABLE collections (
  ord bigserial NOT NULL,
  id text PRIMARY KEY,
  title text NOT NULL,
  description text,
  alias text,
  can_read text NOT NULL,
  can_write text NOT NULL,
  media_types text NOT NULL,
  -- The collection's clock row: the highest date_added ever assigned here. Writers lock it
  -- (FOR UPDATE) in the transaction that appends, so entries get date_added in commit order.
  last_date_added bigint NOT NULL DEFAULT 0
);

-- The few distinct (type, spec_version, producer, origin, marking set) combinations; readers
-- classify each once and skip the hidden ones inside the feed index.
CREATE TABLE row_meta (
  meta_id integer PRIMARY KEY,
  type text NOT NULL,
  spec_version text NOT NULL,
  producer_org text NOT NULL,
  origin text NOT NULL,
  marking_refs text NOT NULL,
  UNIQUE (type, spec_version, producer_org, origin, marking_refs)
);

-- Seqs are never reused (audit rows and status records name versions by seq).
CREATE SEQUENCE version_seq;

CREATE TABLE versions (
  seq bigint PRIMARY KEY,
  collection text NOT NULL,
  stix_id text NOT NULL,
  type text NOT NULL,
  version text NOT NULL,
  version_key bigint NOT NULL,
  spec_version text NOT NULL,
  date_added bigint NOT NULL,
  meta_id integer NOT NULL REFERENCES row_meta (meta_id),
  producer text NOT NULL,
  json text NOT NULL,
  is_latest boolean NOT NULL,
  is_first boolean NOT NULL,
  has_granular boolean NOT NULL,
  contested boolean NOT NULL,
  -- The policy's granular views (packed as sqlite/granular-view-table.ts packs them), or null.
  views text
);
CREATE INDEX versions_feed ON versions (collection, date_added, seq) INCLUDE (meta_id, has_granular);
CREATE INDEX versions_type_feed ON versions (collection, type, date_added, seq) INCLUDE (meta_id, has_granular);
-- One chain of versions per producer: a duplicate is the same (id, version) from the same producer.
CREATE UNIQUE INDEX versions_by_chain ON versions (collection, stix_id, producer, version_key);
CREATE INDEX versions_contested ON versions (collection) WHERE contested;

-- The released entry of an embargoed version, at its release time; one instant per collection.
CREATE TABLE releases (
  seq bigint PRIMARY KEY REFERENCES versions (seq) ON DELETE CASCADE,
  collection text NOT NULL,
  release_at bigint NOT NULL,
  UNIQUE (collection, release_at)
);
CREATE INDEX releases_feed ON releases (collection, release_at, seq);

CREATE TABLE version_markings (
  marking_id text NOT NULL,
  seq bigint NOT NULL REFERENCES versions (seq) ON DELETE CASCADE,
  PRIMARY KEY (marking_id, seq)
);
CREATE INDEX version_markings_seq ON version_markings (seq);

CREATE TABLE deleted_versions (
  seq bigint PRIMARY KEY,
  stix_id text NOT NULL,
  version text NOT NULL
);
CREATE INDEX deleted_versions_id ON deleted_versions (stix_id);

CREATE TABLE marking_definitions (
  id text PRIMARY KEY,
  json text NOT NULL,
  source_kind text NOT NULL,
  producer_org text,
  origin text
);

CREATE TABLE organizations (
  id text PRIMARY KEY,
  name text NOT NULL,
  identity_id text NOT NULL
);

CREATE TABLE users (
  username text PRIMARY KEY,
  org_id text NOT NULL REFERENCES organizations (id),
  role text NOT NULL,
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false
);

CREATE TABLE tokens (
  token_id text PRIMARY KEY,
  username text NOT NULL REFERENCES users (username),
  secret_hash text NOT NULL,
  created_at text NOT NULL,
  expires_at text
);
CREATE INDEX tokens_username ON tokens (username);

CREATE TABLE statuses (
  id text PRIMARY KEY,
  collection text NOT NULL,
  owner_org text NOT NULL,
  record text NOT NULL,
  success_seqs text
);

CREATE TABLE peers (
  name text PRIMARY KEY,
  url text NOT NULL,
  username text NOT NULL,
  password text NOT NULL,
  remote_collection text NOT NULL,
  local_collection text NOT NULL,
  org_id text NOT NULL,
  speaks_for text,
  pull boolean NOT NULL,
  push boolean NOT NULL,
  interval_seconds integer NOT NULL
);

CREATE TABLE peer_state (
  name text PRIMARY KEY,
  pull_cursor text,
  push_cursor bigint,
  last_success text,
  last_error text,
  last_attempt text
);

CREATE TABLE node_settings (
  name text PRIMARY KEY,
  value bytea NOT NULL
);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at text NOT NULL,
  at_micros bigint NOT NULL,
  action text NOT NULL,
  org_id text NOT NULL,
  username text,
  object_id text,
  object_version text,
  marking text,
  detail text
);
CREATE INDEX audit_log_time ON audit_log (at_micros, id);
CREATE INDEX audit_log_object ON audit_log (object_id) WHERE object_id IS NOT NULL;

-- The objects an audit row names, in order: a run of seq_count consecutive seqs from seq (one
-- marking), or an object named by id and version.
CREATE TABLE audit_objects (
  audit_id bigint NOT NULL REFERENCES audit_log (id),
  position integer NOT NULL,
  seq bigint,
  seq_count integer CHECK (seq_count BETWEEN 1 AND 1000),
  object_id text,
  object_version text,
  marking text,
  PRIMARY KEY (audit_id, position),
  CHECK ((seq IS NULL) <> (object_id IS NULL) AND (seq IS NULL) = (seq_count IS NULL))
);
CREATE INDEX audit_objects_seq ON audit_objects (seq) WHERE seq IS NOT NULL;
CREATE INDEX audit_objects_object ON audit_objects (object_id) WHERE object_id IS NOT NULL;

-- The audit log is append-only: the engine itself refuses to change or remove an entry.
CREATE FUNCTION accord_append_only() RETURNS trigger LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION accord_append_only();
CREATE TRIGGER audit_objects_append_only BEFORE UPDATE OR DELETE ON audit_objects
  FOR EACH ROW EXECUTE FUNCTION accord_append_only();

-- Change generations (Store.generation), bumped in the writing transaction by triggers, so
-- every process sharing the database sees a change whatever code (or hand-run SQL) made it.
CREATE TABLE generations (topic text PRIMARY KEY, value bigint NOT NULL);
INSERT INTO generations (topic, value) VALUES ('policy', 0), ('accounts', 0);
CREATE FUNCTION accord_bump_generation() RETURNS trigger LANGUAGE plpgsql AS
  $$ BEGIN UPDATE generations SET value = value + 1 WHERE topic = TG_ARGV[0]; RETURN NULL; END $$;
${bumps('users', 'accounts', 'UPDATE OR DELETE')}
${bumps('tokens', 'accounts', 'UPDATE OR DELETE')}
${bumps('marking_definitions', 'policy', 'INSERT OR UPDATE OR DELETE')}
${bumps('organizations', 'policy', 'INSERT OR UPDATE OR DELETE')}
`;

/** Applies migration 1 on `db` (inside the migration's transaction). */
export async function createSchema(db: Queryable): Promise<void> {
  await db.query(SCHEMA);
  await db.query("INSERT INTO node_settings (name, value) VALUES ('cursor_key', $1)", [randomBytes(32)]);
}
