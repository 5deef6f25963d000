/**
 * `accord import --tlp LEVEL --group ID --embargo ID` (CONTRACT.md "Operations"): markings given
 * to the imported objects that carry none. They are added before validation, so the stored,
 * validated JSON is what the policy reads; an object that carries any marking (object or
 * granular) is left exactly as it came, and marking and extension definitions are never marked.
 */
import { EMBARGO_EXTENSION_ID, SHARING_GROUP_EXTENSION_ID, trusts } from '../../policy/index.js';
import { TLP_V2, type TlpV2Level } from '../../stix/index.js';
import type { DefinitionSource, Store } from '../../store/index.js';
import type { Caller } from '../accounts/caller.js';
import { CoreError } from '../errors/core-error.js';

/** The markings an import gives to unmarked objects. */
export interface ImportMarkings {
  /** TLP 2.0 level. */
  readonly tlp?: TlpV2Level;
  /** Marking-definition id of a sharing group the node knows. */
  readonly group?: string;
  /** Marking-definition id of an embargo the node knows. */
  readonly embargo?: string;
}

/** The TLP 2.0 levels `--tlp` takes, in rising order of restriction. */
export const TLP_LEVELS: readonly TlpV2Level[] = Object.keys(TLP_V2) as TlpV2Level[];

/** True when `word` is a TLP 2.0 level (`clear`, `green`, `amber`, `amber+strict`, `red`). */
export function isTlpLevel(word: string): word is TlpV2Level {
  return (TLP_LEVELS as readonly string[]).includes(word);
}

const NEVER_MARKED: ReadonlySet<string> = new Set(['marking-definition', 'extension-definition']);

/** The extension of a stored definition JSON, or undefined when it has none (or is not JSON). */
function extensionIn(json: string, extensionId: string): unknown {
  try {
    const def = JSON.parse(json) as { extensions?: Record<string, unknown> } | null;
    return def?.extensions?.[extensionId];
  } catch {
    return undefined;
  }
}

function sourceName(source: DefinitionSource): string {
  return source.kind === 'node' ? 'this node' : `${source.producerOrg} (${source.origin})`;
}

/**
 * The marking-definition ids to add, in the order TLP, group, embargo. A group or embargo id
 * must name a definition of that kind the node knows, from a source the importing organisation's
 * objects trust (otherwise the marking would mean nothing for them and hide them from everyone
 * else): anything else is refused before a byte is read.
 */
export async function importMarkingRefs(
  store: Store,
  caller: Caller,
  markings: ImportMarkings,
): Promise<readonly string[]> {
  const refs: string[] = [];
  if (markings.tlp !== undefined) {
    if (!isTlpLevel(markings.tlp))
      throw new CoreError(
        'CORE_INVALID',
        `--tlp must be one of ${TLP_LEVELS.join(', ')}, not ${markings.tlp}`,
      );
    refs.push(TLP_V2[markings.tlp].id);
  }
  const wanted = [
    { id: markings.group, option: '--group', what: 'sharing group', extension: SHARING_GROUP_EXTENSION_ID },
    { id: markings.embargo, option: '--embargo', what: 'embargo', extension: EMBARGO_EXTENSION_ID },
  ].filter((w): w is typeof w & { id: string } => w.id !== undefined);
  if (wanted.length === 0) return refs;
  const known = await store.listMarkingDefinitions();
  for (const { id, option, what, extension } of wanted) {
    const record = known.get(id);
    if (record === undefined)
      throw new CoreError(
        'CORE_NOT_FOUND',
        `${option} ${id}: the node knows no such marking definition (see \`accord ${option.slice(2)} list\`)`,
      );
    const ext = extensionIn(record.json, extension);
    if (typeof ext !== 'object' || ext === null)
      throw new CoreError('CORE_INVALID', `${option} ${id}: this marking definition is not a ${what}`);
    if (!trusts({ producerOrg: caller.orgId, origin: 'local' }, record.source))
      throw new CoreError(
        'CORE_FORBIDDEN',
        `${option} ${id}: this ${what} was defined by ${sourceName(record.source)}, which objects of ${caller.orgId} do not trust`,
      );
    refs.push(id);
  }
  return refs;
}

/**
 * The value with `refs` as its object markings when it is an object that carries no marking
 * (neither `object_marking_refs` nor `granular_markings`) and is not a marking or extension
 * definition; otherwise the value itself. `created_by_ref` and every other property are kept.
 */
export function markUnmarked(value: unknown, refs: readonly string[]): unknown {
  if (refs.length === 0 || typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const o = value as Record<string, unknown>;
  if (typeof o.type === 'string' && NEVER_MARKED.has(o.type)) return value;
  if (Object.hasOwn(o, 'object_marking_refs') || Object.hasOwn(o, 'granular_markings')) return value;
  return { ...o, object_marking_refs: [...refs] };
}
