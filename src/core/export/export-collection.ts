/**
 * `accord export --collection ID --as USER --format stix|misp` (CONTRACT.md "Interoperability"):
 * what that user may see of a collection (visible-objects.ts), as a STIX 2.1 bundle streamed to
 * `out` (memory bounded by a page, interop writeBundle), or as MISP event JSON
 * (`{"response": [{"Event": …}, …]}`: one event per report or grouping, objects no report names
 * in one more event, as interop's export does; that conversion holds the objects in memory).
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { type ConversionIssue, mispEventsFromStix, writeBundle } from '../../interop/index.js';
import type { PolicyContexts } from '../../policy/index.js';
import type { Micros, Store } from '../../store/index.js';
import { callerOf } from '../ingest/import-files.js';
import { nodeServices } from '../node/node-services.js';
import { usableCollection } from '../query/collection-access.js';
import { type ExportCounts, visibleObjects } from './visible-objects.js';

/** What an export needs. */
export interface ExportInput {
  readonly collectionId: string;
  readonly username: string;
  readonly format: 'stix' | 'misp';
  /** The node's policy contexts, when the caller keeps them. */
  readonly policy?: PolicyContexts;
  readonly now?: () => Micros;
}

/** What an export wrote. */
export interface ExportSummary {
  /** Objects exported (for MISP: converted into events). */
  readonly objects: number;
  /** Visible objects left out: not valid without references to what the user may not see. */
  readonly withheld: number;
  /** MISP events written (format misp). */
  readonly events?: number;
  /** What had no MISP counterpart and was left out (format misp). */
  readonly skipped: readonly ConversionIssue[];
}

/** Writes what the user may see of the collection to `out` (which the caller ends). */
export async function exportCollection(
  store: Store,
  input: ExportInput,
  out: Writable,
): Promise<ExportSummary> {
  const caller = await callerOf(store, input.username);
  const collection = await usableCollection(store, caller, input.collectionId, { read: true });
  const node = nodeServices(store, {
    ...(input.policy === undefined ? {} : { policy: input.policy }),
    ...(input.now === undefined ? {} : { now: input.now }),
  });
  const counts: ExportCounts = { objects: 0, withheld: 0 };
  const objects = visibleObjects(node, caller, input.collectionId, counts);
  if (input.format === 'stix') {
    await writeBundle(objects, out);
    return { ...counts, skipped: [] };
  }
  const all: unknown[] = [];
  for await (const o of objects) all.push(o);
  const org = await store.getOrganization(caller.orgId);
  const { events, issues } = mispEventsFromStix(all, {
    info: `Accord export of ${collection.title}`,
    // Events name the exporting organisation as creator where the STIX names none.
    ...(org ? { org: { name: org.name, uuid: org.identityId.slice(org.identityId.indexOf('--') + 2) } } : {}),
  });
  const text = `${JSON.stringify({ response: events })}\n`;
  if (!out.write(text)) await once(out, 'drain');
  return { ...counts, events: events.length, skipped: issues };
}
