/**
 * `group list` and `embargo list` (CONTRACT.md "Operations"): the Accord marking definitions the
 * node knows, made here (`group add`, `embargo add`) or received with data, members named by
 * organisation slug where the node knows the identity.
 */
import { EMBARGO_EXTENSION_ID, SHARING_GROUP_EXTENSION_ID } from '../../policy/index.js';
import type { DefinitionSource, Store } from '../../store/index.js';

/** A sharing group as `group list` shows it. */
export interface SharingGroupInfo {
  /** The marking-definition id objects reference. */
  readonly id: string;
  readonly name: string | null;
  /** Member organisations: slugs, or identity ids the node has no organisation for. */
  readonly members: readonly string[];
  /** `node` (made by this node's administrators), else the origin of the version that defined it. */
  readonly source: string;
}

/** An embargo as `embargo list` shows it. */
export interface EmbargoInfo {
  readonly id: string;
  readonly release_at: string;
  readonly cosigners: readonly string[];
  readonly source: string;
}

interface AccordDefinition {
  readonly id: string;
  readonly name: string | null;
  readonly extension: Readonly<Record<string, unknown>>;
  readonly source: string;
}

const sourceName = (s: DefinitionSource) => (s.kind === 'node' ? 'node' : s.origin);

/** Known definitions carrying the extension `extensionId`, by id; malformed JSON is skipped (it defines nothing). */
async function definitionsWith(store: Store, extensionId: string): Promise<AccordDefinition[]> {
  const found: AccordDefinition[] = [];
  for (const [id, record] of await store.listMarkingDefinitions()) {
    let def: unknown;
    try {
      def = JSON.parse(record.json);
    } catch {
      continue;
    }
    const ext = (def as { extensions?: Record<string, unknown> } | null)?.extensions?.[extensionId];
    if (typeof ext !== 'object' || ext === null) continue;
    const name = (def as { name?: unknown }).name;
    found.push({
      id,
      name: typeof name === 'string' ? name : null,
      extension: ext as Record<string, unknown>,
      source: sourceName(record.source),
    });
  }
  return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Maps identity ids to organisation slugs where the node knows them. */
async function slugsOf(store: Store): Promise<(ids: unknown) => string[]> {
  const byIdentity = new Map((await store.listOrganizations()).map((o) => [o.identityId, o.id]));
  return (ids) =>
    Array.isArray(ids) ? ids.filter((x) => typeof x === 'string').map((x) => byIdentity.get(x) ?? x) : [];
}

/** Every sharing group the node knows. */
export async function listSharingGroups(store: Store): Promise<SharingGroupInfo[]> {
  const slugs = await slugsOf(store);
  return (await definitionsWith(store, SHARING_GROUP_EXTENSION_ID)).map((d) => ({
    id: d.id,
    name: d.name,
    members: slugs(d.extension.members),
    source: d.source,
  }));
}

/** Every embargo the node knows, soonest release first. */
export async function listEmbargoes(store: Store): Promise<EmbargoInfo[]> {
  const slugs = await slugsOf(store);
  return (await definitionsWith(store, EMBARGO_EXTENSION_ID))
    .map((d) => ({
      id: d.id,
      release_at: typeof d.extension.release_at === 'string' ? d.extension.release_at : '',
      cosigners: slugs(d.extension.cosigners),
      source: d.source,
    }))
    .sort((a, b) => (a.release_at < b.release_at ? -1 : a.release_at > b.release_at ? 1 : 0));
}
