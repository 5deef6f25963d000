/**
 * The marking definitions a node knows, parsed once per request or sync batch into the few
 * facts decisions need. TLP 1.0 / 2.0 are built in and cannot be redefined by stored objects.
 * Every other definition counts for an object only when it comes from a source the object's
 * producer trusts (DESIGN.md, Trust): otherwise the object sees the marking as unknown (deny).
 */
import {
  TLP_V1_IDS,
  TLP_V2_EXTENSION_ID,
  TLP_V2_IDS,
  timestampMicros,
  UNTRUSTED_TIMESTAMP,
} from '../stix/index.js';
import type {
  DefinitionSource,
  MarkingDefinitionRecord,
  MarkingFacts,
  Micros,
  RowClass,
} from '../store/index.js';
import { EMBARGO_EXTENSION_ID, isIdentityId, SHARING_GROUP_EXTENSION_ID } from './accord-markings.js';

/** TLP levels as the policy ranks them: TLP 1.0 white is TLP 2.0 clear. */
export type TlpLevel = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

/** What one marking definition means to the policy. `opaque` = known id, unknown meaning: it denies. */
export type MarkingMeaning =
  | { readonly kind: 'tlp'; readonly level: TlpLevel }
  | { readonly kind: 'statement' }
  | { readonly kind: 'group'; readonly members: ReadonlySet<string> }
  | { readonly kind: 'embargo'; readonly releaseAt: Micros; readonly cosigners: ReadonlySet<string> }
  | { readonly kind: 'opaque' };

/** Where an object version comes from, which decides whose definitions count for it. */
export interface MarkingSubject {
  readonly producerOrg: string;
  readonly origin: string;
}

/** The meaning of a marking ref for one object, or undefined when unknown or untrusted for it. */
export type MeaningOf = (ref: string) => MarkingMeaning | undefined;

/** Parsed marking definitions known to the node, by id (opaque to callers outside policy/). */
export interface MarkingIndex {
  /** Every known meaning, whoever defined it (TLP built in); decisions use `meaningsFor`. */
  readonly byId: ReadonlyMap<string, MarkingMeaning>;
  /** Sources of the stored definitions (built-in TLP ids have none: they count for every object). */
  readonly sources: ReadonlyMap<string, DefinitionSource>;
  /** True when some known definition is an embargo (lets decisions skip the embargo scan). */
  readonly hasEmbargo: boolean;
  /** True when every stored definition was made by the node's administrators (trust is then moot). */
  readonly allNodeDefined: boolean;
  /**
   * Row classes per reader worked out from this index (rowClasses): they hold while the index
   * does, and a store may keep what it derived from a class function by its identity.
   */
  readonly readerClasses: Map<string, (facts: MarkingFacts) => RowClass>;
}

/**
 * Does the object's producer trust the source of a definition? The node's administrators are
 * trusted for every object; otherwise only the producer itself, or the peer node the object
 * came from (which decided, under its own definition, that this node may receive the object).
 * An object on the node that references a definition another organisation made is therefore
 * hidden from all but its producer: nobody can re-mean a marking that others rely on.
 */
export function trusts(subject: MarkingSubject, source: DefinitionSource): boolean {
  if (source.kind === 'node') return true;
  if (source.producerOrg === subject.producerOrg) return true;
  return source.origin.startsWith('peer:') && source.origin === subject.origin;
}

/** The meanings of marking refs as they count for one object version. */
export function meaningsFor(index: MarkingIndex, subject: MarkingSubject): MeaningOf {
  if (index.allNodeDefined) return (ref) => index.byId.get(ref);
  return (ref) => {
    const source = index.sources.get(ref);
    return source === undefined || trusts(subject, source) ? index.byId.get(ref) : undefined;
  };
}

/** Longest marking definition parsed; a larger one is kept as `opaque` (denies). */
const MAX_DEFINITION_BYTES = 1 << 20;

const TLP_V2_LEVELS = new Set<string>(['clear', 'green', 'amber', 'amber+strict', 'red']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function identitySet(v: unknown): ReadonlySet<string> | undefined {
  if (!Array.isArray(v) || v.length === 0 || !v.every(isIdentityId)) return undefined;
  return new Set(v);
}

/** The meaning of one parsed marking-definition object (spec 7.2.1, 7.3; CONTRACT.md). */
export function meaningOf(def: Record<string, unknown>): MarkingMeaning {
  const ext = isRecord(def.extensions) ? def.extensions : {};
  const meanings: MarkingMeaning[] = [];
  const group = ext[SHARING_GROUP_EXTENSION_ID];
  if (group !== undefined) {
    const members = isRecord(group) ? identitySet(group.members) : undefined;
    meanings.push(members ? { kind: 'group', members } : { kind: 'opaque' });
  }
  const embargo = ext[EMBARGO_EXTENSION_ID];
  if (embargo !== undefined) {
    const releaseAt = isRecord(embargo)
      ? timestampMicros(embargo.release_at, UNTRUSTED_TIMESTAMP)
      : undefined;
    const cosigners = isRecord(embargo) ? identitySet(embargo.cosigners) : undefined;
    meanings.push(
      releaseAt !== undefined && cosigners ? { kind: 'embargo', releaseAt, cosigners } : { kind: 'opaque' },
    );
  }
  const tlp2 = ext[TLP_V2_EXTENSION_ID];
  if (tlp2 !== undefined) {
    const level = isRecord(tlp2) ? tlp2.tlp_2_0 : undefined;
    meanings.push(
      typeof level === 'string' && TLP_V2_LEVELS.has(level)
        ? { kind: 'tlp', level: level as TlpLevel }
        : { kind: 'opaque' },
    );
  }
  const unknownExtensions = Object.keys(ext).filter(
    (k) => k !== SHARING_GROUP_EXTENSION_ID && k !== EMBARGO_EXTENSION_ID && k !== TLP_V2_EXTENSION_ID,
  );
  // A definition whose meaning we cannot fully read restricts in ways we cannot honour: deny.
  if (unknownExtensions.length > 0) return { kind: 'opaque' };
  if (meanings.length === 0) {
    const body = isRecord(def.definition) ? def.definition : undefined;
    if (def.definition_type === 'statement' && body && typeof body.statement === 'string')
      return { kind: 'statement' };
    if (def.definition_type === 'tlp' && body) {
      const level = body.tlp === 'white' ? 'clear' : body.tlp;
      if (typeof level === 'string' && TLP_V2_LEVELS.has(level) && level !== 'amber+strict') {
        return { kind: 'tlp', level: level as TlpLevel };
      }
    }
    return { kind: 'opaque' };
  }
  // Several Accord extensions on one definition (unusual): only a single clear meaning is honoured.
  return meanings.length === 1 ? (meanings[0] as MarkingMeaning) : { kind: 'opaque' };
}

const NODE: DefinitionSource = Object.freeze({ kind: 'node' });

/**
 * Parses known definitions (e.g. `store.listMarkingDefinitions().values()`); a bare JSON string
 * is a definition of the node's administrators. Unreadable ones deny.
 */
export function buildMarkingIndex(definitions: Iterable<string | MarkingDefinitionRecord>): MarkingIndex {
  const byId = new Map<string, MarkingMeaning>();
  const sources = new Map<string, DefinitionSource>();
  for (const known of definitions) {
    const { json, source } = typeof known === 'string' ? { json: known, source: NODE } : known;
    if (json.length > MAX_DEFINITION_BYTES) continue;
    let def: unknown;
    try {
      def = JSON.parse(json);
    } catch {
      continue; // an unparseable definition stays unknown: objects referencing it are hidden
    }
    if (!isRecord(def) || def.type !== 'marking-definition' || typeof def.id !== 'string') continue;
    byId.set(def.id, meaningOf(def));
    sources.set(def.id, source);
  }
  // Built-ins last so that no stored object can redefine a TLP id (spec 7.2.1.4: only these instances).
  for (const [id, level] of TLP_V2_IDS) {
    byId.set(id, { kind: 'tlp', level });
    sources.delete(id);
  }
  for (const [id, level] of TLP_V1_IDS) {
    byId.set(id, { kind: 'tlp', level: level === 'white' ? 'clear' : level });
    sources.delete(id);
  }
  const hasEmbargo = [...byId.values()].some((m) => m.kind === 'embargo');
  const allNodeDefined = [...sources.values()].every((s) => s.kind === 'node');
  return { byId, sources, hasEmbargo, allNodeDefined, readerClasses: new Map() };
}
