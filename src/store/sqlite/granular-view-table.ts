/**
 * The granular views kept with versions: one row per version, its views packed in one text.
 * A read of a page fetches the views of its versions that have them in one statement; two
 * values per version rather than several per view (a read costs mostly per value handed over,
 * and a JSON text inside JSON would have to be unescaped).
 *
 * Packing: object refs, granular refs, then one part per view in mask order, separated by U+0001;
 * a view is `h` (hidden), `v` (visible), or `r` + marking refs + U+0002 + the redacted JSON.
 * Refs are joined by spaces. Neither control character can occur in a marking id (STIX 2.1
 * section 2.7) or raw in JSON text (RFC 8259 section 7 escapes them); writes check both.
 */
import type Database from 'better-sqlite3';
import type { GranularView, GranularViews } from '../objects.js';
import { StoreError } from '../store-error.js';

const PART = '\u0001';
const REDACTED_TEXT = '\u0002';
const FORBIDDEN = /[\u0001\u0002 ]/;

const split = (joined: string): readonly string[] => (joined === '' ? [] : joined.split(' '));

function joinRefs(refs: readonly string[]): string {
  for (const ref of refs) {
    if (ref === '' || FORBIDDEN.test(ref))
      throw new StoreError(
        'STORE_INVALID_OBJECT',
        `granular views: not a marking id: ${JSON.stringify(ref)}`,
      );
  }
  return refs.join(' ');
}

/** The packed text of a version's views. */
export function packViews(views: GranularViews): string {
  if (views.views.length !== 2 ** views.granularRefs.length)
    throw new StoreError(
      'STORE_INVALID_OBJECT',
      'granular views: one view per set of granular refs expected',
    );
  const parts = [joinRefs(views.objectRefs), joinRefs(views.granularRefs)];
  for (const view of views.views) {
    if (view.outcome !== 'redacted') {
      parts.push(view.outcome === 'visible' ? 'v' : 'h');
      continue;
    }
    if (view.json.includes(PART) || view.json.includes(REDACTED_TEXT))
      throw new StoreError(
        'STORE_INVALID_OBJECT',
        'granular views: a redacted text holds a raw control character',
      );
    parts.push(`r${joinRefs(view.markingRefs)}${REDACTED_TEXT}${view.json}`);
  }
  return parts.join(PART);
}

function unpackView(part: string): GranularView {
  if (part === 'v') return { outcome: 'visible' };
  const cut = part.indexOf(REDACTED_TEXT);
  if (part[0] === 'r' && cut > 0) {
    return { outcome: 'redacted', markingRefs: split(part.slice(1, cut)), json: part.slice(cut + 1) };
  }
  return { outcome: 'hidden' }; // `h`, or anything not written by packViews: fail closed
}

/** The views of a packed text. */
export function unpackViews(packed: string): GranularViews {
  const parts = packed.split(PART);
  return {
    objectRefs: split(parts[0] ?? ''),
    granularRefs: split(parts[1] ?? ''),
    views: parts.slice(2).map(unpackView),
  };
}

/** Prepared statements of one connection. */
export class GranularViewTable {
  readonly #ofSeqs: Database.Statement;
  readonly #insert: Database.Statement;

  constructor(db: Database.Database) {
    this.#ofSeqs = db
      .prepare('SELECT seq, views FROM granular_views WHERE seq IN (SELECT value FROM json_each(?))')
      .raw();
    this.#insert = db.prepare('INSERT INTO granular_views (seq, views) VALUES (?, ?)');
  }

  /** Keeps the views of version `seq` (inside the transaction that stores it). */
  put(seq: number, views: GranularViews): void {
    this.#insert.run(seq, packViews(views));
  }

  /** The views of the given versions (those stored without views are absent). */
  ofSeqs(seqs: readonly number[]): Map<number, GranularViews> {
    const found = new Map<number, GranularViews>();
    for (const [seq, packed] of this.#ofSeqs.all(JSON.stringify(seqs)) as [number, string][]) {
      found.set(seq, unpackViews(packed));
    }
    return found;
  }
}
