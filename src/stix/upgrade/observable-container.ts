/**
 * STIX 2.0 observed-data embeds its Cyber-observables in an Observable Container (spec 2.13,
 * deprecated in 2.1): a map of local keys to objects whose `_ref(s)` properties name keys. STIX
 * 2.1 makes them standalone SCOs named by `object_refs`. Each SCO gets its deterministic id (2.9:
 * UUIDv5 over its ID Contributing Properties, references resolved first); an SCO with none of
 * them gets a version-4 UUID derived from the observed-data id and its key, so that upgrading the
 * same input twice gives the same ids.
 */
import { deterministicId, ID_CONTRIBUTING_PROPERTIES } from '../id/deterministic-id.js';
import { uuidV5 } from '../id/uuid.js';
import { isRecord } from '../validate/context.js';
import { applyChanges, EXTENSION_CHANGES, SCO_CHANGES } from './sco-changes.js';
import type { UpgradeNote } from './upgrade-note.js';

/** Namespace of the version-4-shaped UUIDs given to SCOs without ID Contributing Properties. */
export const UPGRADE_NAMESPACE = '859cf7c1-9822-435b-9757-50f0368bee5d';

type Json = Record<string, unknown>;

const isRefKey = (name: string) => name.endsWith('_ref') || name.endsWith('_refs');

/** A UUID with the version-4 layout whose bits come from SHA-1 of `name` (stable across runs). */
function derivedV4(name: string): string {
  const u = uuidV5(name, UPGRADE_NAMESPACE);
  return `${u.slice(0, 14)}4${u.slice(15)}`;
}

/** Copies `value`, replacing every local reference (keys ending in _ref/_refs) through `resolve`. */
function mapRefs(value: unknown, resolve: (key: string) => string | undefined, refKey = false): unknown {
  if (Array.isArray(value)) {
    if (refKey)
      return value.map((v) => (typeof v === 'string' ? resolve(v) : v)).filter((v) => v !== undefined);
    return value.map((v) => mapRefs(v, resolve));
  }
  if (refKey && typeof value === 'string') return resolve(value);
  if (!isRecord(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    const mapped = mapRefs(v, resolve, isRefKey(k));
    if (mapped !== undefined) out[k] = mapped;
  }
  return out;
}

/** The container's objects with 2.0 → 2.1 property changes applied (notes for each change). */
function renamed(
  objects: Readonly<Record<string, unknown>>,
  path: string,
  notes: UpgradeNote[],
): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const [key, value] of Object.entries(objects)) {
    const where = `${path}/objects/${key}`;
    if (!isRecord(value) || typeof value.type !== 'string') {
      notes.push({ path: where, message: 'not a Cyber-observable object (no type): left out' });
      continue;
    }
    const sco: Json = { ...value };
    const say = (m: string) => notes.push({ path: where, message: m });
    const changes = SCO_CHANGES[value.type];
    if (changes) applyChanges(sco, changes, value.type).forEach(say);
    if (isRecord(sco.extensions)) {
      const extensions: Json = {};
      for (const [name, ext] of Object.entries(sco.extensions)) {
        const change = EXTENSION_CHANGES[name];
        if (change && isRecord(ext)) {
          const copy: Json = { ...ext };
          applyChanges(copy, change, name).forEach(say);
          extensions[name] = copy;
        } else extensions[name] = ext;
      }
      sco.extensions = extensions;
    }
    out.set(key, sco);
  }
  return out;
}

/** What the container became: the SCOs (in key order, without duplicates) and their ids by key. */
export interface ContainerScos {
  readonly scos: readonly Json[];
  readonly idByKey: ReadonlyMap<string, string>;
}

/**
 * Turns an Observable Container into standalone SCOs. `observedId` is the observed-data id (2.0
 * content may lack it: then ids without contributing properties derive from `path`).
 */
export function containerToScos(
  objects: Readonly<Record<string, unknown>>,
  observedId: string,
  path: string,
  notes: UpgradeNote[],
): ContainerScos {
  const byKey = renamed(objects, path, notes);
  const ids = new Map<string, string>();
  const visiting = new Set<string>();
  const dangling = new Set<string>();

  const idOf = (key: string): string | undefined => {
    const done = ids.get(key);
    if (done !== undefined) return done;
    const sco = byKey.get(key);
    if (sco === undefined) {
      dangling.add(key);
      return undefined;
    }
    const type = String(sco.type);
    if (visiting.has(key)) {
      // A cycle through ID Contributing Properties: this SCO cannot be named from its content.
      const id = `${type}--${derivedV4(`${observedId}#${key}`)}`;
      ids.set(key, id);
      notes.push({
        path: `${path}/objects/${key}`,
        message:
          'references form a cycle through ID Contributing Properties: id derived from the observed-data',
      });
      return id;
    }
    visiting.add(key);
    const contributing: Json = { type };
    for (const name of ID_CONTRIBUTING_PROPERTIES[type] ?? []) {
      if (sco[name] !== undefined) contributing[name] = mapRefs(sco[name], idOf, isRefKey(name));
    }
    visiting.delete(key);
    const id =
      ids.get(key) ?? deterministicId(contributing) ?? `${type}--${derivedV4(`${observedId}#${key}`)}`;
    ids.set(key, id);
    return id;
  };

  const scos: Json[] = [];
  const seen = new Set<string>();
  for (const [key, sco] of byKey) {
    const id = idOf(key);
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    const { type, id: _id, spec_version: _sv, ...rest } = mapRefs(sco, (k) => idOf(k)) as Json;
    scos.push({ type, spec_version: '2.1', id, ...rest });
  }
  for (const key of dangling)
    notes.push({
      path: `${path}/objects`,
      message: `a reference names key "${key}", which the container does not hold: reference dropped`,
    });
  return { scos, idByKey: ids };
}
