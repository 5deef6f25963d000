/**
 * Reading objects: filters → store query through the policy's view, so hidden versions count
 * nowhere (limit, more, next, first/last selection). Reads of TLP:AMBER, AMBER+STRICT and RED
 * content are appended to the audit log.
 */
import {
  auditLevelOf,
  type PolicyContext,
  parseStoredObject,
  planFor,
  type ReaderPlan,
  type Sight,
  type VisibleEntry,
} from '../../policy/index.js';
import { formatMicros, type Micros, type ValidatedObject } from '../../stix/index.js';
import type { BodyPage, ObjectFilters, Page, Store, StoredObject, View } from '../../store/index.js';
import type { Caller } from '../accounts/caller.js';
import type { NodeServices } from '../node/node-services.js';
import { readerOf } from './reader-of.js';

// Declared once, by policy/ (what a reader sees) and store/ (what a reader asks).
export type { ObjectFilters, VisibleEntry };

/**
 * The facts of a feed entry every visible entry carries, read from the row when asked for: a
 * page of objects needs only the text, a manifest only ids and versions. Classes, so that every
 * entry shares one shape and the getters live on the prototype.
 */
abstract class EntryOfRow {
  protected readonly row: StoredObject;

  constructor(row: StoredObject) {
    this.row = row;
  }

  /** The stored version's seq, by which the audit log names it. */
  get seq(): number {
    return this.row.seq;
  }
  get id(): string {
    return this.row.id;
  }
  get version(): string {
    return this.row.version;
  }
  get specVersion(): string {
    return this.row.specVersion;
  }
  get dateAdded(): Micros {
    return this.row.dateAdded;
  }
  get markingRefs(): readonly string[] {
    return this.row.markingRefs;
  }
  get producerOrg(): string {
    return this.row.producerOrg;
  }
}

/**
 * A version whose text is exactly what the caller may see: the text goes out as is, and the
 * object is parsed only if someone asks for it (paging a large collection then costs no JSON
 * parse per row).
 */
abstract class TextEntry extends EntryOfRow implements VisibleEntry {
  #parsed: ValidatedObject | undefined;

  abstract get json(): string;

  get object(): ValidatedObject {
    this.#parsed ??= parseStoredObject(this.json);
    return this.#parsed;
  }
}

/** A version seen exactly as stored. */
class UnchangedEntry extends TextEntry {
  get json(): string {
    return this.row.json;
  }
}

/** A version seen with some content removed: the copy is made only if someone reads `object`. */
class RedactedEntry extends EntryOfRow implements VisibleEntry {
  readonly #sight: Extract<Sight, { kind: 'redacted-object' }>;

  constructor(row: StoredObject, sight: Extract<Sight, { kind: 'redacted-object' }>) {
    super(row);
    this.#sight = sight;
  }

  get object(): ValidatedObject {
    return this.#sight.object;
  }
}

/** A visible entry of a stored version, with the seq the audit log names it by. */
type StoredEntry = VisibleEntry & { readonly seq: number; readonly markingRefs: readonly string[] };

/** A version seen with some content removed, as the policy worked it out when the version was stored. */
class PrecomputedRedactionEntry extends TextEntry {
  readonly #json: string;
  readonly #markingRefs: readonly string[];

  constructor(row: StoredObject, json: string, markingRefs: readonly string[]) {
    super(row);
    this.#json = json;
    this.#markingRefs = markingRefs;
  }

  get json(): string {
    return this.#json;
  }

  /** The refs of what is disclosed (those of removed content may be gone). */
  override get markingRefs(): readonly string[] {
    return this.#markingRefs;
  }
}

/** What a read needs besides the query: the node's services, and a report of slow store queries. */
export interface ReadDeps extends NodeServices {
  /** Called when the store took longer than the slow-query threshold. */
  readonly onSlowQuery?: (ms: number, detail: Readonly<Record<string, unknown>>) => void;
  readonly slowQueryMs?: number;
}

/** Records the reads of every TLP:AMBER, AMBER+STRICT or RED version among `entries` in the audit log. */
async function recordReads(
  store: Store,
  caller: Caller,
  entries: readonly StoredEntry[],
  ctx: PolicyContext,
): Promise<void> {
  const seqs: number[] = [];
  const markings: string[] = [];
  // Rows of one marking combination share their refs array: one answer per array.
  const levels = new Map<readonly string[], string | undefined>();
  const levelOf = (refs: readonly string[]) => {
    if (!levels.has(refs)) levels.set(refs, auditLevelOf({ object_marking_refs: refs }, ctx.markings));
    return levels.get(refs);
  };
  for (const entry of entries) {
    // A version that references no marking at all has no level (and nothing was redacted from
    // it): most pages of unmarked collections stop here, without reading any row's text.
    if (entry.markingRefs.length === 0) continue;
    // A redacted entry may have lost the granular markings of what was taken out: its level is
    // that of what it discloses.
    const marking =
      entry.json === undefined ? auditLevelOf(entry.object, ctx.markings) : levelOf(entry.markingRefs);
    if (marking === undefined) continue;
    seqs.push(entry.seq);
    markings.push(marking);
  }
  if (seqs.length === 0) return;
  await store.appendDisclosure({
    at: formatMicros(ctx.now, 3),
    action: 'read',
    orgId: caller.orgId,
    username: caller.username,
    seqs,
    markings,
  });
}

/** What the plan's reader sees of each row, as VisibleEntry values. */
function visibleEntries(plan: ReaderPlan): View<StoredEntry> {
  return (row): StoredEntry | undefined => {
    const sight = plan.see(row);
    if (sight === undefined) return undefined;
    if (sight.kind === 'stored') return new UnchangedEntry(row);
    if (sight.kind === 'redacted') return new PrecomputedRedactionEntry(row, sight.json, sight.markingRefs);
    return new RedactedEntry(row, sight);
  };
}

function reportSlow(deps: ReadDeps, started: number, detail: Readonly<Record<string, unknown>>): void {
  const ms = performance.now() - started;
  if (deps.onSlowQuery && ms > (deps.slowQueryMs ?? 200)) deps.onSlowQuery(ms, detail);
}

/** A page of what the caller may see of a collection (the caller's read access is checked by the caller). */
export async function readVisible(
  deps: ReadDeps,
  caller: Caller,
  collectionId: string,
  filters: ObjectFilters,
  audit: boolean,
): Promise<Page<VisibleEntry>> {
  const ctx = await deps.policy.at(deps.now());
  const started = performance.now();
  const plan = planFor(readerOf(caller), ctx);
  const page = await deps.store.queryObjects(
    { ...filters, collectionId, now: ctx.now },
    visibleEntries(plan),
    plan.classOf,
  );
  reportSlow(deps, started, { collectionId, limit: filters.limit, items: page.items.length });
  if (audit) await recordReads(deps.store, caller, page.items, ctx);
  return page;
}

/**
 * The same page as readVisible, as the JSON texts of its objects joined by commas: the store
 * may serve rows of marking combinations the policy shows this reader as stored and unaudited
 * without asking the view about each. Reads are audited as readVisible audits them.
 */
export async function readVisibleBody(
  deps: ReadDeps,
  caller: Caller,
  collectionId: string,
  filters: ObjectFilters,
): Promise<BodyPage<VisibleEntry>> {
  const ctx = await deps.policy.at(deps.now());
  const plan = planFor(readerOf(caller), ctx);
  const started = performance.now();
  const page = await deps.store.queryObjectsBody(
    { ...filters, collectionId, now: ctx.now },
    {
      classOf: plan.classOf,
      view: visibleEntries(plan),
      textOf: (entry) => entry.json ?? JSON.stringify(entry.object),
    },
  );
  reportSlow(deps, started, { collectionId, limit: filters.limit, items: page.count });
  await recordReads(deps.store, caller, page.viewed, ctx);
  return page;
}
