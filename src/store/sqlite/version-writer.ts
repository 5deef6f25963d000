/**
 * Writes versions: addVersions (one IMMEDIATE transaction per call, committed before it returns),
 * release entries and deletions, keeping the per-id latest/first flags and the strictly
 * increasing per-collection date_added (TAXII 2.1 section 3.4.1, added_after).
 */
import type Database from 'better-sqlite3';
import { asMicros, KeyOrders, timestampMicros } from '../../stix/index.js';
import type { AddOutcome, Micros, NewVersion } from '../objects.js';
import { searchTermsOf } from '../search-terms.js';
import { StoreError } from '../store-error.js';
import { dateAddedVersion, type VersionFacts, versionFacts } from '../version-facts.js';
import { GranularViewTable } from './granular-view-table.js';
import type { RowMetaDictionary } from './row-meta.js';
import { parseObject } from './schema-v14.js';

type EndRow = [
  seq: number,
  versionKey: number,
  dateAdded: number,
  version: string,
  json: string,
  producer: string,
];

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
    const ends = 'SELECT seq, version_key, date_added, version, json, producer FROM versions';
    // The latest/first flags name the ends of the uncontested versions (DESIGN.md, Trust).
    const owned = 'contested = 0';
    this.#s = {
      collection: db.prepare('SELECT last_date_added FROM collections WHERE id = ?').pluck(),
      setLast: db.prepare('UPDATE collections SET last_date_added = ? WHERE id = ?'),
      lastRelease: db
        .prepare('SELECT max(release_at) FROM releases WHERE collection = ? AND release_at <= ?')
        .pluck(),
      releaseWithin: db
        .prepare('SELECT max(release_at) FROM releases WHERE collection = ? AND release_at BETWEEN ? AND ?')
        .pluck(),
      releasesFrom: db
        .prepare(
          'SELECT release_at FROM releases WHERE collection = ? AND release_at >= ? ORDER BY release_at',
        )
        .pluck(),
      hasRelease: db.prepare('SELECT 1 FROM releases WHERE seq = ?').pluck(),
      latest: db
        .prepare(
          `${ends} WHERE collection = ? AND stix_id = ? AND ${owned} ORDER BY version_key DESC LIMIT 1`,
        )
        .raw(),
      first: db
        .prepare(`${ends} WHERE collection = ? AND stix_id = ? AND ${owned} ORDER BY version_key ASC LIMIT 1`)
        .raw(),
      // Within one producer's chain: duplicates are found there and nowhere else.
      chainLatest: db
        .prepare(
          `${ends} WHERE collection = ? AND stix_id = ? AND producer = ? ORDER BY version_key DESC LIMIT 1`,
        )
        .raw(),
      exact: db
        .prepare(`${ends} WHERE collection = ? AND stix_id = ? AND producer = ? AND version_key = ?`)
        .raw(),
      anyContested: db
        .prepare(
          'SELECT 1 FROM versions INDEXED BY versions_contested WHERE collection = ? AND contested = 1 LIMIT 1',
        )
        .pluck(),
      // The latest uncontested version of each id of a batch, in one statement rather than one per row.
      latestOfAll: db
        .prepare(
          'SELECT v.seq, v.version_key, v.date_added, v.version, v.json, v.producer, v.stix_id FROM json_each(?) AS j' +
            ' JOIN versions AS v ON v.seq = (SELECT seq FROM versions WHERE collection = ? AND stix_id = j.value' +
            ` AND ${owned} ORDER BY version_key DESC LIMIT 1)`,
        )
        .raw(),
      clearLatest: db.prepare('UPDATE versions SET is_latest = 0 WHERE seq = ?'),
      clearFirst: db.prepare('UPDATE versions SET is_first = 0 WHERE seq = ?'),
      setLatest: db.prepare('UPDATE versions SET is_latest = 1 WHERE seq = ?'),
      setFirst: db.prepare('UPDATE versions SET is_first = 1 WHERE seq = ?'),
      // seq is null (SQLite's next rowid) unless that would reuse a deleted version's seq.
      insert: db.prepare(
        'INSERT INTO versions (seq, collection, stix_id, type, version, version_key, spec_version, date_added,' +
          ' meta_id, json, is_latest, is_first, has_granular, has_views, contested, producer)' +
          ' VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      // SQLite hands out max(seq) + 1: after deleting the newest versions that is a deleted seq.
      reusedSeq: db
        .prepare(
          'SELECT max(seq) + 1 FROM deleted_versions WHERE seq >= coalesce((SELECT max(seq) FROM versions), 0)',
        )
        .pluck(),
      marking: db.prepare('INSERT OR IGNORE INTO version_markings (marking_id, seq) VALUES (?, ?)'),
      term: db.prepare('INSERT OR IGNORE INTO search_terms (term, seq, field) VALUES (?, ?, ?)'),
      untermed: db.prepare('DELETE FROM search_terms WHERE term = ? AND seq = ? AND field = ?'),
      jsonOf: db.prepare('SELECT json FROM versions WHERE seq = ?').pluck(),
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
        // No two entries of a collection share a date_added, or an added_after poller would
        // skip one (section 3.4.1): the batch's instants pass over released entries set ahead.
        for (;;) {
          const ahead = s.releaseWithin.get(collectionId, next, next + facts.length - 1) as number | null;
          if (ahead === null) break;
          next = ahead + 1;
        }
        let last = lastAdded;
        // Seqs are never reused (audit rows name versions by seq), even after deletions.
        this.#seqFloor = s.reusedSeq.get() as number | null;
        const latestOf = this.#latestOf(collectionId, facts);
        const anyContested = s.anyContested.get(collectionId) !== undefined;
        const outcomes = facts.map((f): AddOutcome => {
          const latest = latestOf.get(f.id);
          const dup = this.#duplicate(collectionId, f, latest, anyContested || f.contested);
          if (dup !== undefined) return dup;
          const dateAdded = asMicros(next++);
          last = dateAdded;
          const { version, versionKey } =
            f.version !== undefined && f.versionKey !== undefined
              ? { version: f.version, versionKey: f.versionKey }
              : dateAddedVersion(dateAdded);
          const seq = this.#insert(collectionId, f, latest, dateAdded, version, versionKey);
          // A later version of the same id in this batch compares with this one.
          if (!f.contested && (latest === undefined || versionKey > latest[1]))
            latestOf.set(f.id, [seq, versionKey, dateAdded, version, f.json, f.producerOrg]);
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
    return new Map(rows.map((r) => [r[6], [r[0], r[1], r[2], r[3], r[4], r[5]]]));
  }

  /**
   * The version of `f`'s chain (its producer's versions of the id) that `f` duplicates, if any.
   * `latest` is the latest uncontested version of the id; `maybeContested`: the chain may hold
   * versions that are not among the uncontested ones.
   */
  #duplicate(
    c: string,
    f: VersionFacts,
    latest: EndRow | undefined,
    maybeContested: boolean,
  ): AddOutcome | undefined {
    // The latest uncontested version is the latest of f's chain when f's producer made it.
    const chainLatest = latest !== undefined && latest[5] === f.producerOrg ? latest : undefined;
    if (chainLatest === undefined && latest === undefined && !maybeContested) return undefined;
    let hit: EndRow | undefined;
    if (f.versionKey === undefined) {
      // A versionless object (no modified/created, e.g. an SCO) is the same version when its
      // content equals the latest stored one of its producer.
      const last = chainLatest ?? (this.#s.chainLatest.get(c, f.id, f.producerOrg) as EndRow | undefined);
      if (last?.[4] === f.json) hit = last;
    } else {
      // (id, version instant) identifies a version: '…00Z' and '…00.000Z' are the same.
      hit =
        chainLatest?.[1] === f.versionKey
          ? chainLatest
          : (this.#s.exact.get(c, f.id, f.producerOrg, f.versionKey) as EndRow | undefined);
    }
    if (hit === undefined) return undefined;
    return {
      status: 'duplicate',
      seq: hit[0],
      dateAdded: asMicros(hit[2]),
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
    // A contested version stands outside the owner's chain: it moves no end and is none.
    let isLatest = !f.contested;
    let isFirst = !f.contested;
    if (latest !== undefined && !f.contested) {
      if (versionKey > latest[1]) s.clearLatest.run(latest[0]);
      else isLatest = false;
      const first = s.first.get(c, f.id) as EndRow;
      if (versionKey < first[1]) s.clearFirst.run(first[0]);
      else isFirst = false;
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
      isLatest ? 1 : 0,
      isFirst ? 1 : 0,
      f.granular ? 1 : 0,
      views !== undefined ? 1 : 0,
      f.contested ? 1 : 0,
      f.producerOrg,
    );
    const seq = Number(info.lastInsertRowid);
    this.#seqFloor = null;
    for (const ref of f.markingRefs) s.marking.run(ref, seq);
    // The search index commits with the version (a search never finds what is not stored).
    for (const t of f.searchTerms) s.term.run(t.term, seq, t.field);
    if (views !== undefined) this.#views.put(seq, views);
    return seq;
  }

  /** Adds the `released` entry of version `seq` (idempotent); see Store.addReleaseEntry. */
  addReleaseEntry(seq: number, releaseAt: Micros): void {
    const s = this.#s;
    this.#db
      .transaction(() => {
        const collection = s.releaseOf.get(seq) as string | undefined;
        if (collection === undefined)
          throw new StoreError('STORE_UNKNOWN_VERSION', `no stored version with seq ${seq}`);
        if (s.hasRelease.get(seq) !== undefined) return;
        s.release.run(seq, collection, this.#releaseInstant(collection, releaseAt));
      })
      .immediate();
  }

  /**
   * The instant of a new released entry: the release time, or later when an entry of the
   * collection already has that date_added (several versions under one embargo) or when the
   * feed has passed it (pollers already paged beyond): date_added stays unique per collection,
   * and a version is never released before its time.
   */
  #releaseInstant(collection: string, releaseAt: Micros): Micros {
    const lastAdded = this.#s.collection.get(collection) as number;
    let at = releaseAt <= lastAdded ? lastAdded + 1 : releaseAt;
    for (const taken of this.#s.releasesFrom.iterate(collection, at) as Iterable<number>) {
      if (taken > at) break;
      at = taken + 1;
    }
    return asMicros(at);
  }

  /** Removes a version's search terms (the ones its JSON gives, as when it was stored). */
  #deleteTerms(seq: number): void {
    const object = parseObject(this.#s.jsonOf.get(seq) as string);
    if (object === undefined) return;
    for (const t of searchTermsOf(object)) this.#s.untermed.run(t.term, seq, t.field);
  }

  /** Deletes all or the given versions of an object and repairs the latest/first flags. */
  deleteObject(c: string, id: string, versions?: readonly string[]): number {
    const s = this.#s;
    return this.#db
      .transaction(() => {
        const rows = s.allOf.all(c, id) as [number, number, string][];
        let targets = rows;
        if (versions !== undefined) {
          const keys = new Set<number>(
            versions.map((v) => timestampMicros(v)).filter((k) => k !== undefined),
          );
          const strings = new Set(versions);
          targets = rows.filter(([, key, version]) => keys.has(key) || strings.has(version));
        }
        for (const [seq] of targets) {
          s.archive.run(seq);
          this.#deleteTerms(seq);
          s.delete.run(seq);
        }
        if (targets.length > 0 && targets.length < rows.length) {
          const latest = s.latest.get(c, id) as EndRow | undefined;
          const first = s.first.get(c, id) as EndRow | undefined;
          if (latest !== undefined) s.setLatest.run(latest[0]);
          if (first !== undefined) s.setFirst.run(first[0]);
        }
        return targets.length;
      })
      .immediate();
  }
}
