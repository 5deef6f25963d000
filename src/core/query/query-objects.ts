/**
 * Reading objects: filters → store query through the policy's view, so hidden versions count
 * nowhere (limit, more, next, first/last selection). Reads of TLP:AMBER, AMBER+STRICT and RED
 * content are appended to the audit log.
 */
import { auditLevelOf, fastDecision, viewFor } from '../../policy/index.js';
import type { AuditEvent, Micros, ObjectQuery, Page, Store, StoredObject } from '../../store/index.js';
import type { Caller } from '../accounts/caller.js';
import { policyContext, readerOf } from './policy-context.js';

/** Filters of a read (TAXII 2.1 section 3.4): the store's query without collection and clock. */
export type ReadFilters = Omit<ObjectQuery, 'collectionId' | 'now'>;

/** One version the caller may see. */
export interface VisibleEntry {
  readonly id: string;
  readonly version: string;
  readonly specVersion: string;
  readonly dateAdded: Micros;
  readonly object: Readonly<Record<string, unknown>>;
  /** The stored JSON text, when it is exactly what the caller may see (nothing redacted). */
  readonly json?: string;
  /** Every marking the version references (object and granular), as stored. */
  readonly markingRefs?: readonly string[];
}

/**
 * A version seen exactly as stored: the text goes out as is, and the object is parsed only if
 * someone asks for it (paging a large collection then costs no JSON parse per row).
 */
function unchangedEntry(row: StoredObject): VisibleEntry {
  let parsed: Readonly<Record<string, unknown>> | undefined;
  return {
    id: row.id,
    version: row.version,
    specVersion: row.specVersion,
    dateAdded: row.dateAdded,
    json: row.json,
    markingRefs: row.markingRefs,
    get object() {
      parsed ??= JSON.parse(row.json) as Record<string, unknown>;
      return parsed;
    },
  };
}

/** What a read needs besides the query. */
export interface ReadDeps {
  readonly store: Store;
  readonly now: () => Micros;
  /** Called when the store took longer than the slow-query threshold. */
  readonly onSlowQuery?: (ms: number, detail: Readonly<Record<string, unknown>>) => void;
  readonly slowQueryMs?: number;
}

/** A page of what the caller may see of a collection (the caller's read access is checked by the caller). */
export async function readVisible(
  deps: ReadDeps,
  caller: Caller,
  collectionId: string,
  filters: ReadFilters,
  audit: boolean,
): Promise<Page<VisibleEntry>> {
  const ctx = await policyContext(deps.store, deps.now());
  const reader = readerOf(caller);
  const view = viewFor(reader, ctx);
  const started = performance.now();
  const page = await deps.store.queryObjects({ ...filters, collectionId, now: ctx.now }, (row) => {
    const fast = fastDecision(reader, row, ctx);
    if (fast === 'hidden') return undefined;
    if (fast === 'unchanged') return unchangedEntry(row);
    const object = view(row);
    if (object === undefined) return undefined;
    return {
      id: row.id,
      version: row.version,
      specVersion: row.specVersion,
      dateAdded: row.dateAdded,
      object,
    };
  });
  const ms = performance.now() - started;
  if (deps.onSlowQuery && ms > (deps.slowQueryMs ?? 200)) {
    deps.onSlowQuery(ms, { collectionId, limit: filters.limit, items: page.items.length });
  }
  if (audit) {
    const at = new Date(ctx.now / 1000).toISOString();
    const events: AuditEvent[] = [];
    for (const entry of page.items) {
      const marking =
        entry.json === undefined
          ? auditLevelOf(entry.object, ctx.markings)
          : auditLevelOf({ object_marking_refs: entry.markingRefs }, ctx.markings);
      if (marking === undefined) continue;
      events.push({
        at,
        action: 'read',
        orgId: caller.orgId,
        username: caller.username,
        objectId: entry.id,
        objectVersion: entry.version,
        marking,
      });
    }
    if (events.length > 0) await deps.store.appendAudit(events);
  }
  return page;
}
