/**
 * The object page (issue 17): heading facts, validator verdict, versions. Everything is read
 * through the caller's plan (newestVisible, readVisible); an object the caller may not see
 * answers CORE_NOT_FOUND with the message of an unknown id, so hidden and absent look alike.
 */
import { timestampMicros, validateObject } from '../../stix/index.js';
import type { Organization } from '../../store/index.js';
import type { Caller } from '../accounts/caller.js';
import { CoreError } from '../errors/core-error.js';
import { STIX_VALIDATION } from '../ingest/stix-validation.js';
import type { NodeServices } from '../node/node-services.js';
import { readVisible, type VisibleEntry } from '../query/query-objects.js';
import { newestVisible, readableCollections } from './newest-visible.js';
import { type ObjectSummary, summaryOf } from './object-summary.js';

/** One message for absent and hidden alike: it must not depend on the id or on why. */
export const NO_SUCH_OBJECT = 'no such object';

/** The newest version of `id` the caller sees, or CORE_NOT_FOUND. */
export async function visibleObject(node: NodeServices, caller: Caller, id: string): Promise<VisibleEntry> {
  const entry = (await newestVisible(node, caller, [id])).get(id);
  if (entry === undefined) throw new CoreError('CORE_NOT_FOUND', NO_SUCH_OBJECT);
  return entry;
}

/** The object page's heading and Raw tab (api-types.ts ObjectView). */
export interface ObjectPage {
  readonly object: Readonly<Record<string, unknown>>;
  readonly summary: ObjectSummary;
  readonly confidence: number | null;
  readonly author: Organization | null;
  readonly markings: readonly { readonly id: string; readonly name: string }[];
  readonly versionCount: number;
  readonly validation: {
    readonly ok: boolean;
    readonly issues: readonly {
      severity: 'error' | 'warning';
      code: string;
      path: string;
      message: string;
    }[];
  };
}

/** Every version of `id` the caller sees, oldest first (one per version, whichever collection). */
export async function visibleVersions(
  node: NodeServices,
  caller: Caller,
  id: string,
): Promise<VisibleEntry[]> {
  const byVersion = new Map<number, VisibleEntry>();
  for (const collectionId of await readableCollections(node, caller)) {
    let cursor: Parameters<typeof readVisible>[3]['cursor'];
    for (;;) {
      const page = await readVisible(
        node,
        caller,
        collectionId,
        { ids: [id], versions: { kind: 'all' }, limit: 500, ...(cursor ? { cursor } : {}) },
        true,
      );
      for (const e of page.items) byVersion.set(timestampMicros(e.version) ?? e.dateAdded, e);
      if (!page.more || page.next === undefined) break;
      cursor = page.next;
    }
  }
  if (byVersion.size === 0) throw new CoreError('CORE_NOT_FOUND', NO_SUCH_OBJECT);
  return [...byVersion.entries()].sort(([a], [b]) => a - b).map(([, e]) => e);
}

/** The names of marking definitions: TLP by its own name, others by their `name`, else the id. */
export async function markingNames(node: NodeServices, ids: readonly string[]): Promise<Map<string, string>> {
  const defs = await node.store.listMarkingDefinitions();
  const names = new Map<string, string>();
  for (const id of ids) {
    let name = id;
    const def = defs.get(id);
    if (def !== undefined) {
      const parsed = JSON.parse(def.json) as { name?: unknown };
      if (typeof parsed.name === 'string') name = parsed.name;
    } else {
      const tlp = summaryOf({ id, object_marking_refs: [id] }).tlp;
      if (tlp !== null) name = tlp;
    }
    names.set(id, name);
  }
  return names;
}

/** The organisation whose identity created the object, if the node knows it. */
export async function authorOf(
  node: NodeServices,
  object: Readonly<Record<string, unknown>>,
): Promise<Organization | null> {
  const ref = object.created_by_ref;
  if (typeof ref !== 'string') return null;
  return (await node.store.listOrganizations()).find((o) => o.identityId === ref) ?? null;
}

/** The object page of `id` for the caller. */
export async function objectPage(node: NodeServices, caller: Caller, id: string): Promise<ObjectPage> {
  const versions = await visibleVersions(node, caller, id);
  const newest = versions[versions.length - 1] as VisibleEntry;
  const object = newest.object;
  const refs = newest.markingRefs ?? [];
  const names = await markingNames(node, refs);
  const result = validateObject(object, STIX_VALIDATION);
  const confidence = 'confidence' in object ? object.confidence : undefined;
  return {
    object,
    summary: summaryOf(object),
    confidence: typeof confidence === 'number' ? confidence : null,
    author: await authorOf(node, object),
    markings: refs.map((ref) => ({ id: ref, name: names.get(ref) ?? ref })),
    versionCount: versions.length,
    validation: {
      ok: result.ok,
      issues: result.issues.map((i) => ({
        severity: i.severity,
        code: i.code,
        path: i.path,
        message: i.message,
      })),
    },
  };
}
