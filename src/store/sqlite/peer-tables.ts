/** Federation peers and their persisted sync state. */
import type Database from 'better-sqlite3';
import type { PeerCounters, PeerRecord, PeerState } from '../peers.js';
import type { SecretBox } from '../secret-box.js';

interface PeerRow {
  name: string;
  url: string;
  username: string;
  password: string;
  remoteCollection: string;
  localCollection: string;
  orgId: string;
  speaksFor: string | null;
  pull: number;
  push: number;
  intervalSeconds: number;
}

type StateRow = { [K in Exclude<keyof PeerState, 'counters'>]-?: PeerState[K] | null } & {
  counters: string | null;
};

const PEER_COLUMNS =
  'name, url, username, password, remote_collection AS remoteCollection, local_collection AS localCollection,' +
  ' org_id AS orgId, speaks_for AS speaksFor, pull, push, interval_seconds AS intervalSeconds';

function toPeer(row: PeerRow, secrets: SecretBox): PeerRecord {
  const password = secrets.open(row.password, `the password of peer ${row.name}`);
  const speaksFor = row.speaksFor === null ? [row.orgId] : (JSON.parse(row.speaksFor) as string[]);
  return { ...row, password, speaksFor, pull: row.pull === 1, push: row.push === 1 };
}

function toState(row: StateRow): PeerState {
  const state: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) if (value !== null) state[key] = value;
  if (typeof row.counters === 'string') state.counters = JSON.parse(row.counters) as PeerCounters;
  return state as unknown as PeerState;
}

/** Prepared statements over the peer tables; passwords are sealed with the store's SecretBox. */
export class PeerTables {
  readonly #s;
  readonly #secrets: SecretBox;

  constructor(db: Database.Database, secrets: SecretBox) {
    this.#secrets = secrets;
    this.#s = {
      put: db.prepare(
        'INSERT INTO peers (name, url, username, password, remote_collection, local_collection, org_id, pull, push,' +
          ' interval_seconds, speaks_for) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET url = excluded.url,' +
          ' username = excluded.username, password = excluded.password, remote_collection = excluded.remote_collection,' +
          ' local_collection = excluded.local_collection, org_id = excluded.org_id, pull = excluded.pull,' +
          ' push = excluded.push, interval_seconds = excluded.interval_seconds, speaks_for = excluded.speaks_for',
      ),
      get: db.prepare(`SELECT ${PEER_COLUMNS} FROM peers WHERE name = ?`),
      rawPasswords: db.prepare('SELECT name, password FROM peers'),
      setPassword: db.prepare('UPDATE peers SET password = ? WHERE name = ?'),
      list: db.prepare(`SELECT ${PEER_COLUMNS} FROM peers ORDER BY name`),
      putState: db.prepare(
        'INSERT OR REPLACE INTO peer_state' +
          ' (name, pull_cursor, push_cursor, last_success, last_error, last_attempt, counters)' +
          ' VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      delete: db.prepare('DELETE FROM peers WHERE name = ?'),
      deleteState: db.prepare('DELETE FROM peer_state WHERE name = ?'),
      getState: db.prepare(
        'SELECT name, pull_cursor AS pullCursor, push_cursor AS pushCursor, last_success AS lastSuccess,' +
          ' last_error AS lastError, last_attempt AS lastAttempt, counters FROM peer_state WHERE name = ?',
      ),
    };
  }

  putPeer(p: PeerRecord): void {
    this.#s.put.run(
      p.name,
      p.url,
      p.username,
      this.#secrets.seal(p.password),
      p.remoteCollection,
      p.localCollection,
      p.orgId,
      p.pull ? 1 : 0,
      p.push ? 1 : 0,
      p.intervalSeconds,
      JSON.stringify(p.speaksFor),
    );
  }

  getPeer(name: string): PeerRecord | undefined {
    const row = this.#s.get.get(name) as PeerRow | undefined;
    return row === undefined ? undefined : toPeer(row, this.#secrets);
  }

  listPeers(): PeerRecord[] {
    return (this.#s.list.all() as PeerRow[]).map((row) => toPeer(row, this.#secrets));
  }

  /** Seals every peer password again with a new key (one transaction; see SecretBox.rotate). */
  resealAll(seal: (secret: string) => string, open: (sealed: string, what: string) => string): number {
    const rows = this.#s.rawPasswords.all() as { name: string; password: string }[];
    for (const row of rows) {
      this.#s.setPassword.run(seal(open(row.password, `the password of peer ${row.name}`)), row.name);
    }
    return rows.length;
  }

  /** Deletes the peer and its state; the caller runs it in a transaction. */
  deletePeer(name: string): boolean {
    this.#s.deleteState.run(name);
    return this.#s.delete.run(name).changes === 1;
  }

  getPeerState(name: string): PeerState | undefined {
    const row = this.#s.getState.get(name) as StateRow | undefined;
    return row === undefined ? undefined : toState(row);
  }

  /** Replaces the whole state (absent fields are cleared). */
  putPeerState(s: PeerState): void {
    this.#s.putState.run(
      s.name,
      s.pullCursor ?? null,
      s.pushCursor ?? null,
      s.lastSuccess ?? null,
      s.lastError ?? null,
      s.lastAttempt ?? null,
      s.counters === undefined ? null : JSON.stringify(s.counters),
    );
  }
}
