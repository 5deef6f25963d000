/**
 * Ingest (DESIGN.md): validate → store → status. One batch is one store transaction, so a
 * version is reported as a success only once committed. After storing, marking definitions
 * become known to the node and embargoed versions get their `released` feed entry (policy-api).
 * Write permission is checked by the caller (TAXII POST, import) before calling.
 */
import { embargoOf, granularViewsOf, type MarkingIndex } from '../../policy/index.js';
import { isTlpMarking } from '../../stix/index.js';
import type { Micros, NewVersion, StatusDetail, Store } from '../../store/index.js';
import { policyContext } from '../query/policy-context.js';
import { rewindPushCursors } from './rewind-push.js';
import { validateForIngest } from './validate-for-ingest.js';

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
}

/** Outcome of a batch, in input order within each list. */
export interface IngestReport {
  readonly successes: readonly StatusDetail[];
  /** The stored version (seq) of each success, same order. */
  readonly successSeqs: readonly number[];
  readonly failures: readonly IngestFailure[];
}

/** Who adds the batch: producer = the adding user's organisation (CONTRACT.md), never created_by_ref. */
export interface IngestSource {
  readonly producerOrg: string;
  readonly origin: string;
}

function identify(value: unknown): { id: string; version: string } {
  const o = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { id: str(o.id) ?? '', version: str(o.modified) ?? str(o.created) ?? '' };
}

/** Validates and stores one batch of objects in a collection. */
export async function ingestBatch(
  store: Store,
  collectionId: string,
  items: readonly IngestItem[],
  source: IngestSource,
  now: () => Micros,
): Promise<IngestReport> {
  const failures: IngestFailure[] = [];
  const accepted: { item: IngestItem; version: NewVersion }[] = [];
  for (const item of items) {
    if (item.duplicateKey !== undefined) {
      // STIX 2.1 section 2.3: keys are unique; which of two values was meant is unknowable.
      const { key, pointer, where } = item.duplicateKey;
      const message = `${pointer}: the key ${key} appears twice in this object (${where}); keys must be unique (STIX 2.1 section 2.3)`;
      failures.push({ ...identify(item.value), path: item.path, message });
      continue;
    }
    const check = validateForIngest(item.value, item.path, item.specVersion);
    if (check.ok) {
      const { producerOrg, origin } = source;
      // What each reader may see of a version with granular markings is worked out once, here.
      const views = check.object.granular_markings === undefined ? undefined : granularViewsOf(check.object);
      const version: NewVersion = {
        object: check.object,
        producerOrg,
        origin,
        ...(item.specVersion === '2.0' ? { specVersion: '2.0' } : {}),
        ...(views === undefined ? {} : { granularViews: views }),
      };
      accepted.push({ item, version });
    } else failures.push({ ...identify(item.value), path: item.path, message: check.message });
  }
  if (accepted.length === 0) return { successes: [], successSeqs: [], failures };
  const outcomes = await store.addVersions(
    collectionId,
    accepted.map((a) => a.version),
  );
  const successes: StatusDetail[] = [];
  const successSeqs: number[] = [];
  const stored: StoredVersion[] = [];
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
      });
      return;
    }
    // TAXII 2.1 section 5.5: an exact duplicate is not an error.
    successes.push({ id, version: outcome.version });
    successSeqs.push(outcome.seq);
    if (outcome.status === 'stored') {
      stored.push({ seq: outcome.seq, dateAdded: outcome.dateAdded, object: version.object });
    }
  });
  await afterStore(store, stored, now);
  return { successes, successSeqs, failures };
}

/** A version just stored, with what release entries need. */
interface StoredVersion {
  readonly seq: number;
  readonly dateAdded: Micros;
  readonly object: Readonly<Record<string, unknown>>;
}

/**
 * Marking definitions become known; embargoed versions get their release entries. A definition
 * new to the node also reaches back to versions stored before it: an embargo gives them release
 * entries, and any definition may clear them for peers whose push already passed them.
 */
async function afterStore(store: Store, stored: readonly StoredVersion[], now: () => Micros): Promise<void> {
  const definitions = stored.filter((s) => s.object.type === 'marking-definition');
  const known = definitions.length > 0 ? await store.listMarkingDefinitions() : new Map<string, string>();
  const fresh = definitions.filter(
    (d) => !known.has(String(d.object.id)) && !isTlpMarking(String(d.object.id)),
  );
  for (const d of definitions)
    await store.putMarkingDefinition(String(d.object.id), JSON.stringify(d.object));
  // Only a version referencing a non-TLP object marking can be under embargo: a batch with none
  // and no new definition (the usual envelope) needs no policy context, read from the store.
  const candidates = stored.filter((s) => mayBeEmbargoed(s.object));
  if (candidates.length === 0 && fresh.length === 0) return;
  const { markings } = await policyContext(store, now());
  // Decided synchronously, awaited only for the versions that need an entry: one asynchronous
  // step per stored version would cost more than the check itself.
  for (const s of candidates) {
    const at = releaseEntryAt(s, markings, now);
    if (at !== undefined) await store.addReleaseEntry(s.seq, at);
  }
  for (const d of fresh) {
    const earlier = await store.findByMarking(String(d.object.id));
    for (const row of earlier) {
      const object = JSON.parse(row.json) as Record<string, unknown>;
      const at = releaseEntryAt({ seq: row.seq, dateAdded: row.dateAdded, object }, markings, now);
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
  version: StoredVersion,
  markings: MarkingIndex,
  now: () => Micros,
): Micros | undefined {
  const embargo = embargoOf(version.object, markings);
  if (!embargo || version.dateAdded >= embargo.releaseAt) return undefined;
  return Math.max(embargo.releaseAt, now());
}
