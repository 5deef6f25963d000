/**
 * Writes versions: addVersions (one IMMEDIATE transaction per call, committed before it returns),
 * release entries and deletions, keeping the per-id latest/first flags and the strictly
 * increasing per-collection date_added (TAXII 2.1 section 3.4.1, added_after).
 */
import type Database from 'better-sqlite3';
import { KeyOrders } from '../../stix/index.js';
import type { AddOutcome, Micros, NewVersion } from '../store.js';
import { StoreError } from '../store-error.js';
import { parseTimestampMicros } from '../timestamp-micros.js';
import { dateAddedVersion, type VersionFacts, versionFacts } from '../version-facts.js';
import { GranularViewTable } from './granular-view-table.js';
import { FIRST, GRANULAR, LATEST, VIEWS } from './row-mapping.js';
import type { RowMetaDictionary } from './row-meta.js';

type EndRow = [seq: number, versionKey: number, dateAdded: number, version: string, json: string];

// JSON.stringify writes lone surrogates (and only those) as \udXXX escapes.
const LONE_SURROGATE_ESCAPE = /\\ud[89a-f]/i;

/** Prepared write statements of one connection. */
export class VersionWriter {
  readonly #db: Database.Database;
  readonly #clock: () => Micros;
  readonly #dictionary: RowMetaDictionary;
  readonly #s;
  readonly #views: GranularViewTable;
  /** The seq of the next insert when SQLite's own choice would reuse a deleted one, else null. */
  #seqFloor: number | null = null;

  constructor(db: Database.Database, dictionary: RowMetaDictionary, clock: () => Micros) {
    this.#db = db;
    this.#dictionary = dictionary;
    this.#clock = clock;
    this.#views = new GranularViewTable(db);
    const ends = 'SELECT seq, version_key, date_added, version, json FROM versions';
    this.#s = {
      collection: db.prepare('SELECT last_date_added FROM collections WHERE id = ?').pluck(),
      setLast: db.prepare('UPDATE collections SET last_date_added = ? WHERE id = ?'),
      lastRelease: db
        .prepare('SELECT max(release_at) FROM releases WHERE collection = ? AND release_at <= ?')
        .pluck(),
      latest: db
        .prepare(`${ends} WHERE collection = ? AND stix_id = ? ORDER BY version_key DESC LIMIT 1`)
        .raw(),
      first: db
        .prepare(`${ends} WHERE collection = ? AND stix_id = ? ORDER BY version_key ASC LIMIT 1`)
        .raw(),
      exact: db.prepare(`${ends} WHERE collection = ? AND stix_id = ? AND version_key = ?`).raw(),
      // The latest stored version of each id of a batch, in one statement rather than one per row.
      latestOfAll: db
        .prepare(
          'SELECT v.seq, v.version_key, v.date_added, v.version, v.json, v.stix_id FROM json_each(?) AS j' +
            ' JOIN versions AS v ON v.seq = (SELECT seq FROM versions WHERE collection = ? AND stix_id = j.value' +
            ' ORDER BY version_key DESC LIMIT 1)',
        )
        .raw(),
      clearFlag: db.prepare('UPDATE versions SET flags = flags & ~? WHERE seq = ?'),
      setFlag: db.prepare('UPDATE versions SET flags = flags | ? WHERE seq = ?'),
      // seq is null (SQLite's next rowid) unless that would reuse a deleted version's seq.
      insert: db.prepare(
        'INSERT INTO versions (seq, collection, stix_id, type, version, version_key, spec_version, date_added,' +
          ' meta_id, json, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      // SQLite hands out max(seq) + 1: after deleting the newest versions that is a deleted seq.
      reusedSeq: db
        .prepare(
          'SELECT max(seq) + 1 FROM deleted_versions WHERE seq >= coalesce((SELECT max(seq) FROM versions), 0)',
        )
        .pluck(),
      marking: db.prepare('INSERT OR IGNORE INTO version_markings (marking_id, seq) VALUES (?, ?)'),
      releaseOf: db.prepare('SELECT collection FROM versions WHERE seq = ?').pluck(),
      release: db.prepare('INSERT OR IGNORE INTO releases (seq, collection, release_at) VALUES (?, ?, ?)'),
      allOf: db
        .prepare('SELECT seq, version_key, version FROM versions WHERE collection = ? AND stix_id = ?')
        .raw(),
      delete: db.prepare('DELETE FROM versions WHERE seq = ?'),
      // Audit rows name disclosed versions by seq: a deleted one keeps its id and version.
      archive: db.prepare(
        'INSERT OR IGNORE INTO deleted_versions (seq, stix_id, version) SELECT seq, stix_id, version FROM versions WHERE seq = ?',
      ),
    };
  }

  /** Stores versions in one transaction; see Store.addVersions. */
  addVersions(collectionId: string, versions: readonly NewVersion[]): AddOutcome[] {
    // Validation and canonical JSON outside the lock.
    const orders = new KeyOrders();
    const facts = versions.map((v, i) => versionFacts(v, i, orders));
    let committed = false;
    try {
      const outcomes = this.#addInTransaction(collectionId, facts);
      committed = true;
      return outcomes;
    } finally {
      this.#dictionary.settle(committed);
    }
  }

  #addInTransaction(collectionId: string, facts: readonly VersionFacts[]): AddOutcome[] {
    const s = this.#s;
    return this.#db
      .transaction(() => {
        const lastAdded = s.collection.get(collectionId) as number | undefined;
        if (lastAdded === undefined) {
          throw new StoreError(
            'STORE_UNKNOWN_COLLECTION',
            `unknown collection ${JSON.stringify(collectionId)}`,
          );
        }
        // date_added must exceed every entry a reader may already have seen: every added entry
        // (last_date_added) and every released entry due by now. Within those bounds the batch
        // ends at `now` rather than starting there, so a query made right after the commit, with
        // the same clock, sees the whole batch (TAXII 2.1 section 3.4.1, added_after).
        const now = this.#clock();
        const released = s.lastRelease.get(collectionId, now) as number | null;
        let next = Math.max(lastAdded + 1, (released ?? -1) + 1, now - facts.length + 1);
        let last = lastAdded;
        // Seqs are never reused (audit rows name versions by seq), even after deletions.
        this.#seqFloor = s.reusedSeq.get() as number | null;
        const latestOf = this.#latestOf(collectionId, facts);
        const outcomes = facts.map((f): AddOutcome => {
          const latest = latestOf.get(f.id);
          const dup = this.#duplicate(collectionId, f, latest);
          if (dup !== undefined) return dup;
          const dateAdded = next++;
          last = dateAdded;
          const { version, versionKey } =
            f.version !== undefined && f.versionKey !== undefined
              ? { version: f.version, versionKey: f.versionKey }
              : dateAddedVersion(dateAdded);
          const seq = this.#insert(collectionId, f, latest, dateAdded, version, versionKey);
          // A later version of the same id in this batch compares with this one.
          if (latest === undefined || versionKey > latest[1])
            latestOf.set(f.id, [seq, versionKey, dateAdded, version, f.json]);
          return { status: 'stored', seq, dateAdded, version };
        });
        s.setLast.run(last, collectionId);
        return outcomes;
      })
      .immediate();
  }

  /** The latest stored version of each id among `facts`, before the batch. */
  #latestOf(c: string, facts: readonly VersionFacts[]): Map<string, EndRow> {
    const ids = JSON.stringify(facts.map((f) => f.id));
    // A lone surrogate reaches SQLite as U+FFFD when bound but otherwise through JSON: such a
    // batch is looked up id by id, exactly as it is inserted.
    if (LONE_SURROGATE_ESCAPE.test(ids)) {
      const found = new Map<string, EndRow>();
      for (const f of facts) {
        const row = this.#s.latest.get(c, f.id) as EndRow | undefined;
        if (row !== undefined) found.set(f.id, row);
      }
      return found;
    }
    const rows = this.#s.latestOfAll.all(ids, c) as [...EndRow, string][];
    return new Map(rows.map((r) => [r[5], [r[0], r[1], r[2], r[3], r[4]]]));
  }

  #duplicate(c: string, f: VersionFacts, latest: EndRow | undefined): AddOutcome | undefined {
    if (latest === undefined) return undefined;
    let hit: EndRow | undefined;
    if (f.versionKey === undefined) {
      // A versionless object (no modified/created, e.g. an SCO) is the same version when its
      // content equals the latest stored one.
      if (latest[4] === f.json) hit = latest;
    } else {
      // (id, version instant) identifies a version: '…00Z' and '…00.000Z' are the same.
      hit =
        latest[1] === f.versionKey
          ? latest
          : (this.#s.exact.get(c, f.id, f.versionKey) as EndRow | undefined);
    }
    if (hit === undefined) return undefined;
    return {
      status: 'duplicate',
      seq: hit[0],
      dateAdded: hit[2],
      version: hit[3],
      sameContent: hit[4] === f.json,
    };
  }

  /** Inserts one version and moves the latest/first flags; returns its seq. */
  #insert(
    c: string,
    f: VersionFacts,
    latest: EndRow | undefined,
    dateAdded: Micros,
    version: string,
    versionKey: Micros,
  ): number {
    const s = this.#s;
    const views = f.granularViews;
    let flags = LATEST | FIRST | (f.granular ? GRANULAR : 0) | (views !== undefined ? VIEWS : 0);
    if (latest !== undefined) {
      if (versionKey > latest[1]) s.clearFlag.run(LATEST, latest[0]);
      else flags &= ~LATEST;
      const first = s.first.get(c, f.id) as EndRow;
      if (versionKey < first[1]) s.clearFlag.run(FIRST, first[0]);
      else flags &= ~FIRST;
    }
    const info = s.insert.run(
      this.#seqFloor,
      c,
      f.id,
      f.type,
      version,
      versionKey,
      f.specVersion,
      dateAdded,
      this.#dictionary.idFor(f),
      f.json,
      flags,
    );
    const seq = Number(info.lastInsertRowid);
    this.#seqFloor = null;
    for (const ref of f.markingRefs) s.marking.run(ref, seq);
    if (views !== undefined) this.#views.put(seq, views);
    return seq;
  }

  /** Adds the `released` entry of version `seq` (idempotent); see Store.addReleaseEntry. */
  addReleaseEntry(seq: number, releaseAt: Micros): void {
    const collection = this.#s.releaseOf.get(seq) as string | undefined;
    if (collection === undefined)
      throw new StoreError('STORE_UNKNOWN_VERSION', `no stored version with seq ${seq}`);
    this.#s.release.run(seq, collection, releaseAt);
  }

  /** Deletes all or the given versions of an object and repairs the latest/first flags. */
  deleteObject(c: string, id: string, versions?: readonly string[]): number {
    const s = this.#s;
    return this.#db
      .transaction(() => {
        const rows = s.allOf.all(c, id) as [number, number, string][];
        let targets = rows;
        if (versions !== undefined) {
          const keys = new Set(versions.map(parseTimestampMicros).filter((k) => k !== undefined));
          const strings = new Set(versions);
          targets = rows.filter(([, key, version]) => keys.has(key) || strings.has(version));
        }
        for (const [seq] of targets) {
          s.archive.run(seq);
          s.delete.run(seq);
        }
        if (targets.length > 0 && targets.length < rows.length) {
          const latest = s.latest.get(c, id) as EndRow;
          const first = s.first.get(c, id) as EndRow;
          s.setFlag.run(LATEST, latest[0]);
          s.setFlag.run(FIRST, first[0]);
        }
        return targets.length;
      })
      .immediate();
  }
}
