/** Federation peers and their persisted sync state on PostgreSQL; passwords are stored sealed. */
import type pg from 'pg';
import type { PeerCounters, PeerRecord, PeerState } from '../peers.js';
import type { SecretBox } from '../secret-box.js';
import { inTransaction, type Queryable } from './pool.js';

interface PeerRow {
  name: string;
  url: string;
  username: string;
  password: string;
  remoteCollection: string;
  localCollection: string;
  orgId: string;
  speaksFor: string | null;
  pull: boolean;
  push: boolean;
  intervalSeconds: number;
}

/** SecretBox.rotate's reseal callback. */
export type Reseal = (
  seal: (secret: string) => string,
  open: (sealed: string, what: string) => string,
) => void;

type StateRow = { [K in Exclude<keyof PeerState, 'counters'>]-?: PeerState[K] | null } & {
  counters: string | null;
};

const PEER_COLUMNS =
  'name, url, username, password, remote_collection AS "remoteCollection", local_collection AS "localCollection",' +
  ' org_id AS "orgId", speaks_for AS "speaksFor", pull, push, interval_seconds AS "intervalSeconds"';

function toState(row: StateRow): PeerState {
  const state: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) if (value !== null) state[key] = value;
  if (typeof row.counters === 'string') state.counters = JSON.parse(row.counters) as PeerCounters;
  return state as unknown as PeerState;
}

/** Statements over the peer tables. */
export class PeerTables {
  readonly #pool: pg.Pool;
  readonly #secrets: SecretBox;

  constructor(pool: pg.Pool, secrets: SecretBox) {
    this.#pool = pool;
    this.#secrets = secrets;
  }

  #toPeer(row: PeerRow): PeerRecord {
    const password = this.#secrets.open(row.password, `the password of peer ${row.name}`);
    const speaksFor = row.speaksFor === null ? [row.orgId] : (JSON.parse(row.speaksFor) as string[]);
    return { ...row, password, speaksFor };
  }

  async putPeer(p: PeerRecord): Promise<void> {
    await this.#pool.query(
      'INSERT INTO peers (name, url, username, password, remote_collection, local_collection, org_id, pull, push,' +
        ' interval_seconds, speaks_for) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)' +
        ' ON CONFLICT (name) DO UPDATE SET url = excluded.url, username = excluded.username,' +
        ' password = excluded.password, remote_collection = excluded.remote_collection,' +
        ' local_collection = excluded.local_collection, org_id = excluded.org_id, pull = excluded.pull,' +
        ' push = excluded.push, interval_seconds = excluded.interval_seconds, speaks_for = excluded.speaks_for',
      [
        p.name,
        p.url,
        p.username,
        this.#secrets.seal(p.password),
        p.remoteCollection,
        p.localCollection,
        p.orgId,
        p.pull,
        p.push,
        p.intervalSeconds,
        JSON.stringify(p.speaksFor),
      ],
    );
  }

  async getPeer(name: string): Promise<PeerRecord | undefined> {
    const { rows } = await this.#pool.query<PeerRow>(`SELECT ${PEER_COLUMNS} FROM peers WHERE name = $1`, [
      name,
    ]);
    return rows[0] === undefined ? undefined : this.#toPeer(rows[0]);
  }

  async listPeers(): Promise<PeerRecord[]> {
    const { rows } = await this.#pool.query<PeerRow>(`SELECT ${PEER_COLUMNS} FROM peers ORDER BY name`);
    return rows.map((row) => this.#toPeer(row));
  }

  /**
   * Seals every peer password again under the key `rotate` makes (SecretBox.rotate without its
   * final rename, which the caller does once this commits): the rows stay locked meanwhile.
   */
  async resealAll(rotate: (reseal: Reseal) => void): Promise<number> {
    return inTransaction(this.#pool, async (client) => {
      const { rows } = await client.query<{ name: string; password: string }>(
        'SELECT name, password FROM peers ORDER BY name FOR UPDATE',
      );
      const sealed: string[] = [];
      rotate((seal, open) => {
        for (const row of rows) sealed.push(seal(open(row.password, `the password of peer ${row.name}`)));
      });
      if (rows.length > 0) {
        await client.query(
          'UPDATE peers SET password = u.password FROM unnest($1::text[], $2::text[]) AS u (name, password)' +
            ' WHERE peers.name = u.name',
          [rows.map((r) => r.name), sealed],
        );
      }
      return rows.length;
    });
  }

  /** Deletes the peer and its state in one transaction. */
  deletePeer(name: string): Promise<boolean> {
    return inTransaction(this.#pool, async (client: Queryable) => {
      await client.query('DELETE FROM peer_state WHERE name = $1', [name]);
      const result = await client.query('DELETE FROM peers WHERE name = $1', [name]);
      return result.rowCount === 1;
    });
  }

  async getPeerState(name: string): Promise<PeerState | undefined> {
    const { rows } = await this.#pool.query<StateRow>(
      'SELECT name, pull_cursor AS "pullCursor", push_cursor AS "pushCursor", last_success AS "lastSuccess",' +
        ' last_error AS "lastError", last_attempt AS "lastAttempt", counters FROM peer_state WHERE name = $1',
      [name],
    );
    return rows[0] === undefined ? undefined : toState(rows[0]);
  }

  /** Replaces the whole state (absent fields are cleared). */
  async putPeerState(s: PeerState): Promise<void> {
    await this.#pool.query(
      'INSERT INTO peer_state (name, pull_cursor, push_cursor, last_success, last_error, last_attempt, counters)' +
        ' VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO UPDATE SET pull_cursor = excluded.pull_cursor,' +
        ' push_cursor = excluded.push_cursor, last_success = excluded.last_success,' +
        ' last_error = excluded.last_error, last_attempt = excluded.last_attempt, counters = excluded.counters',
      [
        s.name,
        s.pullCursor ?? null,
        s.pushCursor ?? null,
        s.lastSuccess ?? null,
        s.lastError ?? null,
        s.lastAttempt ?? null,
        s.counters === undefined ? null : JSON.stringify(s.counters),
      ],
    );
  }
}
