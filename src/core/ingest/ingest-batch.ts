/**
 * Ingest (DESIGN.md): validate → provenance → ownership → store → status. One batch is one
 * store transaction, so a version is reported as a success only once committed. After storing,
 * marking definitions become known to the node and embargoed versions get their `released`
 * feed entry (policy-api). Write permission is checked by the caller (TAXII POST, import).
 */
import {
  embargoOf,
  granularViewsOf,
  type MarkingIndex,
  type MarkingSubject,
  type PolicyContext,
  parseStoredObject,
  releasedByEntryOnly,
} from '../../policy/index.js';
import {
  asMicros,
  canonicalJson,
  formatMicros,
  isTlpMarking,
  type ValidatedObject,
} from '../../stix/index.js';
import type {
  AuditEvent,
  MarkingDefinitionRecord,
  Micros,
  NewVersion,
  StatusDetail,
} from '../../store/index.js';
import type { NodeServices } from '../node/node-services.js';
import { type Ownership, ownershipOf } from './ownership.js';
import { type IngestSource, orgOfIdentityIn, provenanceOf } from './provenance.js';
import { rewindPushCursors } from './rewind-push.js';
import { validateForIngest } from './validate-for-ingest.js';

export type { IngestSource } from './provenance.js';

/** One incoming value and where it came from (a JSON pointer, or FILE:pointer for imports). */
export interface IngestItem {
  readonly value: unknown;
  readonly path: string;
  /** The bundle's STIX version, for objects that state none (STIX 2.0 bundles); default 2.1. */
  readonly specVersion?: '2.0' | '2.1';
  /** A key the streaming parser saw twice in the object (JSON.parse kept the last one). */
  readonly duplicateKey?: { readonly key: string; readonly pointer: string; readonly where: string };
}

/**
 * The items of an envelope's objects (pointers `/objects/i`), with the duplicate key the
 * envelope's text gave an object, when it did (by index).
 */
export function envelopeItems(
  objects: readonly unknown[],
  duplicateKeys?: ReadonlyMap<number, NonNullable<IngestItem['duplicateKey']>>,
): IngestItem[] {
  return objects.map((value, i) => {
    const duplicateKey = duplicateKeys?.get(i);
    const path = `/objects/${i}`;
    return duplicateKey === undefined ? { value, path } : { value, path, duplicateKey };
  });
}

/** A failed item: its id and version (when it had them), where it was, and why. */
export interface IngestFailure extends StatusDetail {
  readonly path: string;
  readonly message: string;
  /**
   * Why: `invalid` (validation), `refused` (provenance or ownership: policy), `conflict` (the
   * same id and version is stored with other content). Federation counts each apart.
   */
  readonly reason: 'invalid' | 'refused' | 'conflict';
}

/** Outcome of a batch: failures in input order; successes repeated first, then stored, each in input order. */
export interface IngestReport {
  readonly successes: readonly StatusDetail[];
  /** The stored version (seq) of each success, same order. */
  readonly successSeqs: readonly number[];
  /** How many successes were new versions (the others were already stored exactly so). */
  readonly added: number;
  /** The paths of the items stored as new versions (a subset of the successes). */
  readonly storedPaths: ReadonlySet<string>;
  readonly failures: readonly IngestFailure[];
  /** True when, asked to store only a batch that passes whole, nothing was stored (failures say why). */
  readonly heldBack?: true;
}

/** How a batch is stored. */
export interface IngestOptions {
  /**
   * Store nothing when any item fails validation, provenance or ownership, so that the caller
   * can leave out what depends on the failures and try again (MISP events: import-run.ts).
   */
  readonly wholeOrNothing?: boolean;
}

function identify(value: unknown): { id: string; version: string } {
  const o = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { id: str(o.id) ?? '', version: str(o.modified) ?? str(o.created) ?? '' };
}

/** Validates and stores one batch of objects in a collection. */
export async function ingestBatch(
  node: NodeServices,
  collectionId: string,
  items: readonly IngestItem[],
  source: IngestSource,
  options: IngestOptions = {},
): Promise<IngestReport> {
  const { store, now } = node;
  const failures: IngestFailure[] = [];
  const valid: { item: IngestItem; object: ValidatedObject }[] = [];
  for (const item of items) {
    if (item.duplicateKey !== undefined) {
      // STIX 2.1 section 2.3: keys are unique; which of two values was meant is unknowable.
      const { key, pointer, where } = item.duplicateKey;
      const message = `${pointer}: the key ${key} appears twice in this object (${where}); keys must be unique (STIX 2.1 section 2.3)`;
      failures.push({ ...identify(item.value), path: item.path, message, reason: 'invalid' });
      continue;
    }
    const check = validateForIngest(item.value, item.path, item.specVersion);
    if (check.ok) valid.push({ item, object: check.object });
    else
      failures.push({ ...identify(item.value), path: item.path, message: check.message, reason: 'invalid' });
  }
  if (valid.length === 0)
    return {
      successes: [],
      successSeqs: [],
      added: 0,
      storedPaths: NONE,
      failures,
      ...heldBack(options, failures),
    };
  const orgOf = orgOfIdentityIn(await store.listOrganizations());
  const refused: AuditEvent[] = [];
  const attributed: { item: IngestItem; object: ValidatedObject; producerOrg: string }[] = [];
  for (const { item, object } of valid) {
    const provenance = provenanceOf(object, source, orgOf);
    if (provenance.ok) attributed.push({ item, object, producerOrg: provenance.producerOrg });
    else {
      failures.push({ ...identify(object), path: item.path, message: provenance.message, reason: 'refused' });
      if (source.origin !== 'local') refused.push(relayRefusal(source, object, provenance.message, now()));
    }
  }
  const context = await ingestContext(node);
  const ownership = await ownershipOf(
    store,
    collectionId,
    attributed.map((a) => ({
      object: a.object,
      producerOrg: a.producerOrg,
      origin: source.origin,
      adderOrg: source.producerOrg,
    })),
    context,
  );
  const accepted: { item: IngestItem; version: NewVersion }[] = [];
  const repeated: { id: string; version: string; seq: number }[] = [];
  attributed.forEach(({ item, object, producerOrg }, i) => {
    const owned = ownership[i] as Ownership;
    if (owned.kind === 'refused') {
      failures.push({ ...identify(object), path: item.path, message: owned.message, reason: 'refused' });
      return;
    }
    if (owned.kind === 'stored') {
      // TAXII 2.1 section 5.5: an exact duplicate is not an error.
      repeated.push({ id: object.id, version: owned.version, seq: owned.seq });
      return;
    }
    // What each reader may see of a version with granular markings is worked out once, here.
    const views = object.granular_markings === undefined ? undefined : granularViewsOf(object);
    const version: NewVersion = {
      object,
      producerOrg,
      origin: source.origin,
      ...(owned.kind === 'contested' ? { contested: true } : {}),
      ...(item.specVersion === '2.0' ? { specVersion: '2.0' } : {}),
      ...(views === undefined ? {} : { granularViews: views }),
    };
    accepted.push({ item, version });
  });
  if (refused.length > 0) await store.appendAudit(refused);
  if (options.wholeOrNothing && failures.length > 0)
    return { successes: [], successSeqs: [], added: 0, storedPaths: NONE, failures, heldBack: true };
  const successes: StatusDetail[] = repeated.map(({ id, version }) => ({ id, version }));
  const successSeqs: number[] = repeated.map((r) => r.seq);
  if (accepted.length === 0) return { successes, successSeqs, added: 0, storedPaths: NONE, failures };
  const outcomes = await store.addVersions(
    collectionId,
    accepted.map((a) => a.version),
  );
  const stored: StoredVersion[] = [];
  const storedPaths = new Set<string>();
  outcomes.forEach((outcome, i) => {
    const { item, version } = accepted[i]!;
    const id = String(version.object.id);
    if (outcome.status === 'duplicate' && !outcome.sameContent) {
      failures.push({
        id,
        version: outcome.version,
        path: item.path,
        message:
          'another object with this id and version is already stored (a new version needs a new modified)',
        reason: 'conflict',
      });
      return;
    }
    // TAXII 2.1 section 5.5: an exact duplicate is not an error.
    successes.push({ id, version: outcome.version });
    successSeqs.push(outcome.seq);
    if (outcome.status === 'stored') {
      stored.push({ seq: outcome.seq, dateAdded: outcome.dateAdded, version });
      storedPaths.add(item.path);
    }
  });
  await afterStore(node, stored);
  return { successes, successSeqs, added: stored.length, storedPaths, failures };
}

const NONE: ReadonlySet<string> = new Set();

const heldBack = (options: IngestOptions, failures: readonly IngestFailure[]) =>
  options.wholeOrNothing && failures.length > 0 ? { heldBack: true as const } : {};

/** The policy context and known definitions of one batch, read once. */
async function ingestContext(
  node: NodeServices,
): Promise<{ policy: PolicyContext; definitions: ReadonlyMap<string, MarkingDefinitionRecord> }> {
  const policy = await node.policy.at(node.now());
  return { policy, definitions: policy.definitions };
}

/** The audit record of a version a peer relayed for an organisation it may not speak for. */
function relayRefusal(
  source: IngestSource,
  object: Readonly<Record<string, unknown>>,
  message: string,
  at: Micros,
): AuditEvent {
  const { id, version } = identify(object);
  return {
    at: formatMicros(at, 3),
    action: 'relay.refused',
    orgId: source.speaksFor?.[0] ?? source.producerOrg,
    ...(id === '' ? {} : { objectId: id }),
    ...(version === '' ? {} : { objectVersion: version }),
    detail: `${source.origin}: ${message}`,
  };
}

/** A version just stored, with what release entries need. */
interface StoredVersion {
  readonly seq: number;
  readonly dateAdded: Micros;
  readonly version: Pick<NewVersion, 'object' | 'producerOrg' | 'origin' | 'contested'>;
}

/**
 * Marking definitions become known; embargoed versions get their release entries. A definition
 * new to the node also reaches back to versions stored before it: an embargo gives them release
 * entries, and any definition may clear them for peers whose push already passed them.
 */
async function afterStore(node: NodeServices, stored: readonly StoredVersion[]): Promise<void> {
  const { store, now } = node;
  // A contested definition counts for nothing: the node keeps the first definition of an id.
  const definitions = stored.filter(
    (s) => s.version.object.type === 'marking-definition' && s.version.contested !== true,
  );
  const known = definitions.length > 0 ? await store.listMarkingDefinitions() : new Map();
  const fresh = definitions.filter(
    (d) => !known.has(String(d.version.object.id)) && !isTlpMarking(String(d.version.object.id)),
  );
  for (const { version } of definitions) {
    const { producerOrg, origin } = version;
    await store.putMarkingDefinition(String(version.object.id), canonicalJson(version.object), {
      kind: 'version',
      producerOrg,
      origin,
    });
  }
  // Only a version referencing a non-TLP object marking can be under embargo: a batch with none
  // and no new definition (the usual envelope) needs no policy context, read from the store.
  const candidates = stored.filter((s) => mayBeEmbargoed(s.version.object));
  if (candidates.length === 0 && fresh.length === 0) return;
  const { markings } = await node.policy.at(now());
  // Decided synchronously, awaited only for the versions that need an entry: one asynchronous
  // step per stored version would cost more than the check itself.
  for (const s of candidates) {
    const at = releaseEntryAt(s.dateAdded, s.version.object, s.version, markings, now);
    if (at !== undefined) await store.addReleaseEntry(s.seq, at);
  }
  for (const d of fresh) {
    const earlier = await store.findByMarking(String(d.version.object.id));
    for (const row of earlier) {
      const at = releaseEntryAt(row.dateAdded, parseStoredObject(row.json), row, markings, now);
      if (at !== undefined) await store.addReleaseEntry(row.seq, at);
    }
    await rewindPushCursors(store, earlier);
  }
}

/**
 * False when embargoOf cannot find an embargo whatever definitions are known: the object lists
 * no object marking, or only TLP ones (built in, never redefined by stored definitions).
 */
function mayBeEmbargoed(object: Readonly<Record<string, unknown>>): boolean {
  const refs = object.object_marking_refs;
  return Array.isArray(refs) && refs.some((r) => typeof r !== 'string' || !isTlpMarking(r));
}

/**
 * Where an embargoed version's `released` entry goes, or undefined when it needs none: a version
 * added at or after the release time needs none (its added entry serves everyone). When the
 * embargo becomes known only after its release time, the entry goes at the present instant, not
 * in the past, so that pollers who already paged past the release time still receive the version.
 */
function releaseEntryAt(
  dateAdded: Micros,
  object: Readonly<Record<string, unknown>>,
  subject: MarkingSubject,
  markings: MarkingIndex,
  now: () => Micros,
): Micros | undefined {
  // An advisory and its signatures are released by the release job, only when sealed (ADR 0004).
  if (releasedByEntryOnly(object)) return undefined;
  const embargo = embargoOf(object, markings, subject);
  if (!embargo || dateAdded >= embargo.releaseAt) return undefined;
  return asMicros(Math.max(embargo.releaseAt, now()));
}
