/**
 * Writes versions on PostgreSQL: addVersions in one transaction holding the collection's clock
 * row (SELECT … FOR UPDATE), so writers of one collection, in any process, take turns and
 * date_added rises strictly in commit order (TAXII 2.1 section 3.4.1: an added_after poller never
 * misses a row). A batch costs a fixed number of statements: one read of the ids' stored
 * versions, one multi-row INSERT (unnest), one flag update, one clock update.
 */
import type pg from 'pg';
import { asMicros, KeyOrders, timestampMicros } from '../../stix/index.js';
import type { AddOutcome, Micros, NewVersion } from '../objects.js';
import { packViews } from '../sqlite/granular-view-table.js';
import { StoreError } from '../store-error.js';
import { dateAddedVersion, type VersionFacts, versionFacts } from '../version-facts.js';
import { inTransaction } from './pool.js';
import type { RowMetaDictionary } from './row-meta.js';

/** A stored or batch version of an id, as duplicate checks and latest/first flags need it. */
interface Known {
  seq: number;
  producer: string;
  versionKey: number;
  dateAdded: number;
  version: string;
  contested: boolean;
  json?: string;
  /** Its flags, for versions of this batch (written with the INSERT). */
  pending?: { isLatest: boolean; isFirst: boolean };
}

type StoredRow = {
  seq: number;
  stix_id: string;
  producer: string;
  version_key: number;
  date_added: number;
  version: string;
  contested: boolean;
};

const WRITE_BATCH =
  'WITH added AS (INSERT INTO versions (seq, collection, stix_id, type, version, version_key, spec_version,' +
  ' date_added, meta_id, producer, json, is_latest, is_first, has_granular, contested, views)' +
  ' SELECT u.seq, $1, u.stix_id, u.type, u.version, u.version_key, u.spec_version, u.date_added, u.meta_id,' +
  ' u.producer, u.json, u.is_latest, u.is_first, u.has_granular, u.contested, u.views' +
  ' FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::bigint[],' +
  ' $9::integer[], $10::text[], $11::text[], $12::boolean[], $13::boolean[], $14::boolean[], $15::boolean[],' +
  ' $16::text[]) AS u (seq, stix_id, type, version, version_key, spec_version, date_added, meta_id, producer,' +
  ' json, is_latest, is_first, has_granular, contested, views)),' +
  // Markings reference rows inserted by the same statement: foreign keys are checked at its end.
  ' marked AS (INSERT INTO version_markings (marking_id, seq) SELECT * FROM unnest($17::text[], $18::bigint[])' +
  ' ON CONFLICT DO NOTHING),' +
  // The search index commits with the version (a search never finds what is not stored). The
  // rows cannot conflict: every seq is new and searchTermsOf gives a (term, field) once per
  // object. Without ON CONFLICT each row is a plain index insert, not a speculative one: the
  // write of 500 bench objects (3,000 terms) took a quarter less time.
  ' termed AS (INSERT INTO search_terms (term, seq, field) SELECT * FROM unnest($22::text[], $23::bigint[], $24::text[])),' +
  ' ends AS (UPDATE versions SET is_latest = is_latest AND NOT (seq = ANY($19)),' +
  ' is_first = is_first AND NOT (seq = ANY($20)) WHERE seq = ANY($19) OR seq = ANY($20))' +
  ' UPDATE collections SET last_date_added = $21 WHERE id = $1';

/** The ends (latest, first) of an id's uncontested versions. */
function ends(list: readonly Known[]): { latest?: Known; first?: Known } {
  let latest: Known | undefined;
  let first: Known | undefined;
  for (const k of list) {
    if (k.contested) continue;
    if (latest === undefined || k.versionKey > latest.versionKey) latest = k;
    if (first === undefined || k.versionKey < first.versionKey) first = k;
  }
  return { ...(latest ? { latest } : {}), ...(first ? { first } : {}) };
}

/** Writes of one store. */
export class VersionWriter {
  readonly #pool: pg.Pool;
  readonly #dictionary: RowMetaDictionary;
  readonly #clock: () => Micros;

  constructor(pool: pg.Pool, dictionary: RowMetaDictionary, clock: () => Micros) {
    this.#pool = pool;
    this.#dictionary = dictionary;
    this.#clock = clock;
  }

  /** See Store.addVersions. */
  async addVersions(collectionId: string, versions: readonly NewVersion[]): Promise<AddOutcome[]> {
    const orders = new KeyOrders();
    const facts = versions.map((v, i) => versionFacts(v, i, orders));
    const packed = facts.map((f) => (f.granularViews === undefined ? null : packViews(f.granularViews)));
    // New marking combinations commit on their own, before the lock (they are never removed).
    const metaIds = await this.#dictionary.idsFor(facts);
    return inTransaction(this.#pool, async (client) => {
      const clock = await client.query<{ last: number }>(
        'SELECT last_date_added AS last FROM collections WHERE id = $1 FOR UPDATE',
        [collectionId],
      );
      const row = clock.rows[0];
      if (row === undefined) {
        throw new StoreError(
          'STORE_UNKNOWN_COLLECTION',
          `unknown collection ${JSON.stringify(collectionId)}`,
        );
      }
      if (facts.length === 0) return [];
      // The clock is read once the lock is granted: a writer that waited starts after the one before.
      const now = this.#clock();
      // date_added must exceed every entry a reader may have seen: every added entry and every
      // released entry due by now; the batch ends at `now` within those bounds, and passes over
      // released entries set ahead (no two entries of a collection share an instant).
      // The batch's seqs come in the same round trip (seqs are taken under the lock, so they
      // rise with date_added within the collection).
      const releases = await client.query<{ released: number | null; ahead: number[]; seqs: number[] }>(
        'SELECT (SELECT max(release_at) FROM releases WHERE collection = $1 AND release_at <= $2) AS released,' +
          ' array(SELECT release_at FROM releases WHERE collection = $1 AND release_at > $2) AS ahead,' +
          " array(SELECT nextval('version_seq') FROM generate_series(1, $3)) AS seqs",
        [collectionId, now, facts.length],
      );
      const { released, ahead, seqs: freeSeqs } = releases.rows[0] ?? { released: null, ahead: [], seqs: [] };
      let next = Math.max(row.last + 1, (released ?? -1) + 1, now - facts.length + 1);
      const taken = new Set(ahead);
      const byId = await this.#stored(client, collectionId, facts);
      const inserts: { f: VersionFacts; k: Known; meta: number; views: string | null }[] = [];
      const clearLatest: number[] = [];
      const clearFirst: number[] = [];
      let last = row.last;
      const outcomes = facts.map((f, i): AddOutcome => {
        const list = byId.get(f.id) ?? [];
        byId.set(f.id, list);
        const dup = duplicateOf(f, list);
        if (dup !== undefined) {
          return {
            status: 'duplicate',
            seq: dup.seq,
            dateAdded: asMicros(dup.dateAdded),
            version: dup.version,
            sameContent: dup.json === f.json,
          };
        }
        while (taken.has(next)) next++;
        const dateAdded = asMicros(next++);
        last = dateAdded;
        const { version, versionKey } =
          f.version !== undefined && f.versionKey !== undefined
            ? { version: f.version, versionKey: f.versionKey }
            : dateAddedVersion(dateAdded);
        const k: Known = {
          seq: freeSeqs[i] as number,
          producer: f.producerOrg,
          versionKey,
          dateAdded,
          version,
          contested: f.contested,
          json: f.json,
          pending: { isLatest: !f.contested, isFirst: !f.contested },
        };
        if (!f.contested) {
          const { latest, first } = ends(list);
          if (latest !== undefined && k.pending) {
            if (versionKey > latest.versionKey) unflag(latest, 'isLatest', clearLatest);
            else k.pending.isLatest = false;
          }
          if (first !== undefined && k.pending) {
            if (versionKey < first.versionKey) unflag(first, 'isFirst', clearFirst);
            else k.pending.isFirst = false;
          }
        }
        list.push(k);
        inserts.push({ f, k, meta: metaIds[i] as number, views: packed[i] ?? null });
        return { status: 'stored', seq: k.seq, dateAdded, version };
      });
      const markingSeqs: number[] = [];
      const markingIds: string[] = [];
      for (const x of inserts) {
        for (const ref of x.f.markingRefs) {
          markingSeqs.push(x.k.seq);
          markingIds.push(ref);
        }
      }
      // One statement writes the batch: versions, their markings, the moved end flags, the clock.
      await client.query(WRITE_BATCH, [
        collectionId,
        inserts.map((x) => x.k.seq),
        inserts.map((x) => x.f.id),
        inserts.map((x) => x.f.type),
        inserts.map((x) => x.k.version),
        inserts.map((x) => x.k.versionKey),
        inserts.map((x) => x.f.specVersion),
        inserts.map((x) => x.k.dateAdded),
        inserts.map((x) => x.meta),
        inserts.map((x) => x.f.producerOrg),
        inserts.map((x) => x.f.json),
        inserts.map((x) => x.k.pending?.isLatest ?? false),
        inserts.map((x) => x.k.pending?.isFirst ?? false),
        inserts.map((x) => x.f.granular),
        inserts.map((x) => x.f.contested),
        inserts.map((x) => x.views),
        markingIds,
        markingSeqs,
        clearLatest,
        clearFirst,
        last,
        inserts.flatMap((x) => x.f.searchTerms.map((t) => t.term)),
        inserts.flatMap((x) => x.f.searchTerms.map(() => x.k.seq)),
        inserts.flatMap((x) => x.f.searchTerms.map((t) => t.field)),
      ]);
      return outcomes;
    });
  }

  /** Every stored version of the batch's ids, with the JSON of those a duplicate check may compare. */
  async #stored(
    client: pg.PoolClient,
    collectionId: string,
    facts: readonly VersionFacts[],
  ): Promise<Map<string, Known[]>> {
    const ids = [...new Set(facts.map((f) => f.id))];
    const { rows } = await client.query<StoredRow>(
      'SELECT seq, stix_id, producer, version_key, date_added, version, contested FROM versions' +
        ' WHERE collection = $1 AND stix_id = ANY($2)',
      [collectionId, ids],
    );
    const byId = new Map<string, Known[]>();
    for (const r of rows) {
      const list = byId.get(r.stix_id) ?? [];
      list.push({
        seq: r.seq,
        producer: r.producer,
        versionKey: r.version_key,
        dateAdded: r.date_added,
        version: r.version,
        contested: r.contested,
      });
      byId.set(r.stix_id, list);
    }
    // The texts a duplicate may be compared with: exact (id, producer, version) matches and,
    // for versionless objects, the latest of the producer's chain.
    const wanted = new Set<Known>();
    for (const f of facts) {
      const chain = (byId.get(f.id) ?? []).filter((k) => k.producer === f.producerOrg);
      if (f.versionKey !== undefined) {
        for (const k of chain) if (k.versionKey === f.versionKey) wanted.add(k);
      } else {
        const latest = chain.reduce<Known | undefined>(
          (a, k) => (a && a.versionKey >= k.versionKey ? a : k),
          undefined,
        );
        if (latest) wanted.add(latest);
      }
    }
    if (wanted.size > 0) {
      const bySeq = new Map([...wanted].map((k) => [k.seq, k]));
      const texts = await client.query<{ seq: number; json: string }>(
        'SELECT seq, json FROM versions WHERE seq = ANY($1)',
        [[...bySeq.keys()]],
      );
      for (const t of texts.rows) {
        const k = bySeq.get(t.seq);
        if (k) k.json = t.json;
      }
    }
    return byId;
  }

  /** Adds the `released` entry of version `seq` (idempotent); see Store.addReleaseEntry. */
  async addReleaseEntry(seq: number, releaseAt: Micros): Promise<void> {
    await inTransaction(this.#pool, async (client) => {
      const found = await client.query<{ collection: string; last: number; released: boolean }>(
        'SELECT c.id AS collection, c.last_date_added AS last, EXISTS (SELECT 1 FROM releases WHERE seq = $1) AS released' +
          ' FROM versions AS v JOIN collections AS c ON c.id = v.collection WHERE v.seq = $1 FOR UPDATE OF c',
        [seq],
      );
      const row = found.rows[0];
      if (row === undefined)
        throw new StoreError('STORE_UNKNOWN_VERSION', `no stored version with seq ${seq}`);
      if (row.released) return;
      // The release time, or later when an entry already has that instant or the feed has
      // passed it: date_added stays unique per collection, and nothing is released early.
      let at = releaseAt <= row.last ? row.last + 1 : releaseAt;
      const taken = await client.query<{ at: number }>(
        'SELECT release_at AS at FROM releases WHERE collection = $1 AND release_at >= $2 ORDER BY release_at',
        [row.collection, at],
      );
      for (const t of taken.rows) {
        if (t.at > at) break;
        at = t.at + 1;
      }
      // Whichever process gets here second finds the entry made (under the same clock row).
      await client.query(
        'INSERT INTO releases (seq, collection, release_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [seq, row.collection, at],
      );
    });
  }

  /** Deletes all or the given versions of an object and repairs the latest/first flags. */
  async deleteObject(c: string, id: string, versions?: readonly string[]): Promise<number> {
    return inTransaction(this.#pool, async (client) => {
      await client.query('SELECT 1 FROM collections WHERE id = $1 FOR UPDATE', [c]);
      const { rows } = await client.query<{ seq: number; version_key: number; version: string }>(
        'SELECT seq, version_key, version FROM versions WHERE collection = $1 AND stix_id = $2',
        [c, id],
      );
      let targets = rows;
      if (versions !== undefined) {
        const keys = new Set<number>(versions.map((v) => timestampMicros(v)).filter((k) => k !== undefined));
        const strings = new Set(versions);
        targets = rows.filter((r) => keys.has(r.version_key) || strings.has(r.version));
      }
      if (targets.length === 0) return 0;
      const seqs = targets.map((t) => t.seq);
      // Audit rows name disclosed versions by seq: a deleted one keeps its id and version.
      await client.query(
        'INSERT INTO deleted_versions (seq, stix_id, version) SELECT seq, stix_id, version FROM versions' +
          ' WHERE seq = ANY($1) ON CONFLICT DO NOTHING',
        [seqs],
      );
      await client.query('DELETE FROM search_terms WHERE seq = ANY($1)', [seqs]);
      await client.query('DELETE FROM versions WHERE seq = ANY($1)', [seqs]);
      if (targets.length < rows.length) {
        const end = (order: string) =>
          `UPDATE versions SET ${order === 'DESC' ? 'is_latest' : 'is_first'} = true WHERE seq = (SELECT seq FROM versions` +
          ` WHERE collection = $1 AND stix_id = $2 AND NOT contested ORDER BY version_key ${order} LIMIT 1)`;
        await client.query(end('DESC'), [c, id]);
        await client.query(end('ASC'), [c, id]);
      }
      return targets.length;
    });
  }
}

/** The version of `f`'s chain (its producer's versions of the id) that `f` duplicates, if any. */
function duplicateOf(f: VersionFacts, list: readonly Known[]): Known | undefined {
  let hit: Known | undefined;
  for (const k of list) {
    if (k.producer !== f.producerOrg) continue;
    if (f.versionKey !== undefined) {
      // (id, version instant) identifies a version: '…00Z' and '…00.000Z' are the same.
      if (k.versionKey === f.versionKey) return k;
    } else if (hit === undefined || k.versionKey > hit.versionKey) {
      hit = k;
    }
  }
  // A versionless object (an SCO) is the same version when its content equals the latest one.
  return hit !== undefined && hit.json === f.json ? hit : undefined;
}

/** Clears an end flag: in the batch's pending row, or by an UPDATE of a stored one. */
function unflag(k: Known, flag: 'isLatest' | 'isFirst', stored: number[]): void {
  if (k.pending) k.pending[flag] = false;
  else stored.push(k.seq);
}
