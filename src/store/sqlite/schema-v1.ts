/** Migration 1: the initial schema (collections, versions and their feed entries, accounts, peers, status, audit). */
export const SCHEMA_V1 = `
CREATE TABLE collections (
  ord INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  description TEXT,
  alias TEXT,
  can_read TEXT NOT NULL,
  can_write TEXT NOT NULL,
  media_types TEXT NOT NULL,
  -- Highest date_added ever assigned here, kept even when versions are deleted, so that
  -- date_added stays strictly increasing per collection (TAXII 2.1 section 3.4.1, added_after).
  last_date_added INTEGER NOT NULL DEFAULT 0
);

-- The few distinct (type, spec_version, producer, origin, marking set) combinations, so that a
-- feed row carries one integer instead of five strings (reading a page costs per column).
CREATE TABLE row_meta (
  meta_id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  spec_version TEXT NOT NULL,
  producer_org TEXT NOT NULL,
  origin TEXT NOT NULL,
  marking_refs TEXT NOT NULL,
  UNIQUE (type, spec_version, producer_org, origin, marking_refs)
);

-- One row per version of an object in a collection; the row is also the version's \`added\` feed entry.
-- flags: bit 0 = latest version of its id in the collection, bit 1 = first version.
CREATE TABLE versions (
  seq INTEGER PRIMARY KEY,
  collection TEXT NOT NULL,
  stix_id TEXT NOT NULL,
  type TEXT NOT NULL,
  version TEXT NOT NULL,
  version_key INTEGER NOT NULL,
  spec_version TEXT NOT NULL,
  date_added INTEGER NOT NULL,
  meta_id INTEGER NOT NULL,
  json TEXT NOT NULL,
  flags INTEGER NOT NULL
);
CREATE INDEX versions_feed ON versions (collection, date_added, seq);
CREATE UNIQUE INDEX versions_by_id ON versions (collection, stix_id, version_key);

-- The \`released\` feed entry of an embargoed version, positioned at its release time.
CREATE TABLE releases (
  seq INTEGER PRIMARY KEY REFERENCES versions (seq) ON DELETE CASCADE,
  collection TEXT NOT NULL,
  release_at INTEGER NOT NULL
);
CREATE INDEX releases_feed ON releases (collection, release_at, seq);

CREATE TABLE version_markings (
  marking_id TEXT NOT NULL,
  seq INTEGER NOT NULL REFERENCES versions (seq) ON DELETE CASCADE,
  PRIMARY KEY (marking_id, seq)
) WITHOUT ROWID;
CREATE INDEX version_markings_seq ON version_markings (seq);

CREATE TABLE marking_definitions (
  id TEXT PRIMARY KEY,
  json TEXT NOT NULL
);

CREATE TABLE organizations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  identity_id TEXT NOT NULL
);

CREATE TABLE users (
  username TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL
);

CREATE TABLE tokens (
  token_id TEXT PRIMARY KEY,
  username TEXT NOT NULL REFERENCES users (username),
  secret_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE statuses (
  id TEXT PRIMARY KEY,
  collection TEXT NOT NULL,
  owner_org TEXT NOT NULL,
  record TEXT NOT NULL
);

CREATE TABLE peers (
  name TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  username TEXT NOT NULL,
  password TEXT NOT NULL,
  remote_collection TEXT NOT NULL,
  local_collection TEXT NOT NULL,
  org_id TEXT NOT NULL,
  pull INTEGER NOT NULL,
  push INTEGER NOT NULL,
  interval_seconds INTEGER NOT NULL
);

CREATE TABLE peer_state (
  name TEXT PRIMARY KEY,
  pull_cursor TEXT,
  push_cursor INTEGER,
  last_success TEXT,
  last_error TEXT,
  last_attempt TEXT
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  at_micros INTEGER NOT NULL,
  action TEXT NOT NULL,
  org_id TEXT NOT NULL,
  username TEXT,
  object_id TEXT,
  object_version TEXT,
  marking TEXT,
  detail TEXT
);
CREATE INDEX audit_log_time ON audit_log (at_micros, id);
-- The audit log is append-only: the engine itself refuses to change or remove an entry.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
`;
