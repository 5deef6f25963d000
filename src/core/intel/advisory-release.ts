/**
 * The release job of joint advisories (docs/decisions/0004-advisory-release.md): at each
 * advisory's release time, from the objects this node holds, the version that every co-signer
 * signed in time gets its `released` feed entries (the report and its signatures), positioned
 * at the release time; any other outcome writes nothing, so a missed advisory stays with its
 * co-signers. Each node decides alone with the same pure function (intel/ advisoryOutcomes).
 *
 * The queue of pending release times is the node's durable embargo marking definitions (every
 * advisory and signature references one); decisions are recorded in the audit log
 * (`advisory.released`, `advisory.missed`), so that each is made once, across restarts.
 */
import {
  type AdvisoryVersionOutcome,
  advisoryFacts,
  advisoryOutcomes,
  embargoMatches,
  signatureFacts,
  type VersionRecord,
} from '../../intel/index.js';
import { EMBARGO_EXTENSION_ID, storedObject } from '../../policy/index.js';
import {
  formatMicros,
  isRecord,
  microsFromMillis,
  timestampMicros,
  type ValidatedObject,
  versionOf,
} from '../../stix/index.js';
import type { AuditEvent, Micros, StoredObject } from '../../store/index.js';
import type { NodeServices } from '../node/node-services.js';
import { identitiesOfOrgs } from './visible-versions.js';

/** How long after its release time a missed advisory may still be sealed by late signatures. */
export const DEFAULT_RELEASE_GRACE_MS = 10 * 60 * 1000;

/** One decision of the job. */
export interface ReleaseDecision {
  readonly reportId: string;
  readonly version: string;
  readonly collectionId: string;
  readonly outcome: 'released' | 'missed';
  readonly releaseAt: Micros;
}

/** Options of the release job. */
export interface AdvisoryReleaseOptions {
  /** Grace period in milliseconds (default DEFAULT_RELEASE_GRACE_MS); after it, `missed` is final. */
  readonly graceMs?: number;
}

interface EmbargoDefinition {
  readonly id: string;
  readonly releaseAt: Micros;
  readonly json: ValidatedObject;
}

/** A stored version's object; undefined when its text is not a JSON object (read defensively). */
function parseObject(json: string): ValidatedObject | undefined {
  try {
    const value: unknown = JSON.parse(json);
    return isRecord(value) ? storedObject(value) : undefined;
  } catch {
    return undefined;
  }
}

/** The embargo definitions the node knows, with their release times. */
async function embargoDefinitions(node: NodeServices): Promise<EmbargoDefinition[]> {
  const out: EmbargoDefinition[] = [];
  for (const [id, record] of await node.store.listMarkingDefinitions()) {
    const json = parseObject(record.json);
    const extensions = json !== undefined && 'extensions' in json ? json.extensions : undefined;
    const ext = isRecord(extensions) ? extensions[EMBARGO_EXTENSION_ID] : undefined;
    const releaseAt = isRecord(ext) ? timestampMicros(ext.release_at) : undefined;
    if (json !== undefined && releaseAt !== undefined) out.push({ id, releaseAt, json });
  }
  return out;
}

/** One advisory report in one collection, as the job weighs it. */
interface Held {
  readonly collectionId: string;
  readonly id: string;
}

/** The release job of one node; `runOnce` is one pass, `start` runs passes as release times come. */
export class AdvisoryReleases {
  readonly #node: NodeServices;
  readonly #grace: Micros;
  /** Embargo definitions whose advisories are all decided for good (or that mark none). */
  readonly #final = new Set<string>();
  /** Decisions already in the audit log, as `action id version`. */
  readonly #recorded = new Set<string>();
  /** Versions (seq) this job gave a release entry already (the store would ignore a repeat). */
  readonly #entered = new Set<number>();
  #nextDue: Micros | undefined;
  #pending = false;

  constructor(node: NodeServices, options: AdvisoryReleaseOptions = {}) {
    this.#node = node;
    this.#grace = microsFromMillis(options.graceMs ?? DEFAULT_RELEASE_GRACE_MS);
  }

  /** The earliest release time after the last pass, if any. */
  get nextDue(): Micros | undefined {
    return this.#nextDue;
  }

  /** True when the last pass left advisories to look at again (inside their grace period). */
  get pending(): boolean {
    return this.#pending;
  }

  /** Decides every advisory whose release time has come and that is not decided for good. */
  async runOnce(): Promise<ReleaseDecision[]> {
    const node = this.#node;
    const now = node.now();
    const definitions = await embargoDefinitions(node);
    this.#nextDue = definitions.reduce<Micros | undefined>(
      (min, d) => (d.releaseAt > now && (min === undefined || d.releaseAt < min) ? d.releaseAt : min),
      undefined,
    );
    const due = definitions.filter((d) => d.releaseAt <= now && !this.#final.has(d.id));
    this.#pending = false;
    if (due.length === 0) return [];
    const rowsOf = memo((id: string) => node.store.findByMarking(id));
    const held = new Map<string, Held>();
    const done: string[] = [];
    for (const d of due) {
      for (const row of await rowsOf(d.id)) {
        const reportId = advisoryReportOf(row);
        if (reportId !== undefined)
          held.set(`${row.collectionId} ${reportId}`, { collectionId: row.collectionId, id: reportId });
      }
      // Past the grace period nothing new changes what this pass decides: the definition is done.
      if (now >= d.releaseAt + this.#grace) done.push(d.id);
      else this.#pending = true;
    }
    const byRelease = new Map<Micros, EmbargoDefinition[]>();
    for (const d of definitions) byRelease.set(d.releaseAt, [...(byRelease.get(d.releaseAt) ?? []), d]);
    const identities = await identitiesOfOrgs(node);
    const decisions: ReleaseDecision[] = [];
    for (const advisory of held.values()) {
      decisions.push(...(await this.#decide(advisory, now, { rowsOf, byRelease, definitions, identities })));
    }
    // Only once every decision is made and recorded (a failed pass is tried again).
    for (const id of done) this.#final.add(id);
    return decisions;
  }

  async #decide(
    advisory: Held,
    now: Micros,
    known: {
      readonly rowsOf: (id: string) => Promise<readonly StoredObject[]>;
      readonly byRelease: ReadonlyMap<Micros, readonly EmbargoDefinition[]>;
      readonly definitions: readonly EmbargoDefinition[];
      readonly identities: ReadonlyMap<string, string>;
    },
  ): Promise<ReleaseDecision[]> {
    const { store } = this.#node;
    const record = (row: StoredObject): (VersionRecord & { row: StoredObject }) | undefined => {
      const producer = known.identities.get(row.producerOrg);
      const object = parseObject(row.json);
      // A contested version is its producer's alone: it never speaks for the advisory.
      return producer === undefined || object === undefined || row.contested === true
        ? undefined
        : { object, producer, addedAt: row.dateAdded, row };
    };
    const versions = (await store.getVersions(advisory.collectionId, advisory.id)).flatMap(
      (r) => record(r) ?? [],
    );
    // Signatures carry an embargo of their advisory's release time: look among those definitions.
    const releaseTimes = new Set(versions.flatMap((v) => advisoryFacts(v.object)?.releaseAt.micros ?? []));
    const signatures = new Map<number, VersionRecord & { row: StoredObject }>();
    for (const at of releaseTimes) {
      for (const d of known.byRelease.get(at) ?? []) {
        for (const row of await known.rowsOf(d.id)) {
          if (row.collectionId !== advisory.collectionId || row.type !== 'opinion') continue;
          const r = record(row);
          if (r !== undefined && signatureFacts(r.object)?.report === advisory.id) signatures.set(row.seq, r);
        }
      }
    }
    const outcomes = advisoryOutcomes({ versions, signatures: [...signatures.values()], now });
    const decisions: ReleaseDecision[] = [];
    for (const o of outcomes) {
      if (o.releaseAt > now || (o.outcome !== 'released' && o.outcome !== 'missed')) continue;
      const version = versions.find((v) => versionOf(v.object) === o.version);
      if (version === undefined) continue;
      const facts = advisoryFacts(version.object);
      const embargo = known.definitions.find((d) => d.id === facts?.embargoRef);
      const sealed =
        o.outcome === 'released' &&
        facts !== undefined &&
        embargo !== undefined &&
        embargoMatches(facts, embargo.json);
      const decision: ReleaseDecision = {
        reportId: advisory.id,
        version: o.version,
        collectionId: advisory.collectionId,
        outcome: sealed ? 'released' : 'missed',
        releaseAt: o.releaseAt,
      };
      if (sealed) {
        // Missed is final; once released here, only late signature rows remain to be entered.
        const released = this.#recorded.has(`advisory.released ${decision.reportId} ${decision.version}`);
        if (!released && (await this.#recordedAs('advisory.missed', decision))) continue;
        for (const row of [version.row, ...signedRows(o, [...signatures.values()])]) {
          if (this.#entered.has(row.seq)) continue;
          await store.addReleaseEntry(row.seq, o.releaseAt);
          this.#entered.add(row.seq);
        }
        if (await this.#record('advisory.released', decision, version.row.producerOrg))
          decisions.push(decision);
      } else if (
        now >= o.releaseAt + this.#grace &&
        !(await this.#recordedAs('advisory.released', decision))
      ) {
        if (await this.#record('advisory.missed', decision, version.row.producerOrg))
          decisions.push(decision);
      }
    }
    return decisions;
  }

  /** True when the audit log holds this decision (looked up once per decision and process). */
  async #recordedAs(action: string, d: ReleaseDecision): Promise<boolean> {
    const key = `${action} ${d.reportId} ${d.version}`;
    if (this.#recorded.has(key)) return true;
    const since = formatMicros(d.releaseAt, 3);
    const events = await this.#node.store.listAudit({ since });
    const found = events.some(
      (e) => e.action === action && e.objectId === d.reportId && e.objectVersion === d.version,
    );
    if (found) this.#recorded.add(key);
    return found;
  }

  /** Appends the decision to the audit log unless it is there; true when appended now. */
  async #record(action: string, d: ReleaseDecision, orgId: string): Promise<boolean> {
    if (await this.#recordedAs(action, d)) return false;
    const event: AuditEvent = {
      at: formatMicros(this.#node.now(), 3),
      action,
      orgId,
      objectId: d.reportId,
      objectVersion: d.version,
      detail: `collection ${d.collectionId} release ${formatMicros(d.releaseAt, 3)}`,
    };
    // Every process of a node runs this job: the store appends it only if no process did (issue 18).
    const appended = await this.#node.store.appendAuditOnce(event);
    this.#recorded.add(`${action} ${d.reportId} ${d.version}`);
    return appended;
  }
}

/** The advisory a row bears on: its own id (an advisory report) or the report a signature names. */
function advisoryReportOf(row: StoredObject): string | undefined {
  if (row.type !== 'report' && row.type !== 'opinion') return undefined;
  const object = parseObject(row.json);
  if (object === undefined) return undefined;
  if (row.type === 'report') return advisoryFacts(object) === undefined ? undefined : row.id;
  return signatureFacts(object)?.report;
}

/** The rows of the signatures that sealed outcome `o` (of that exact text, by its signers). */
function signedRows(
  o: AdvisoryVersionOutcome,
  signatures: readonly (VersionRecord & { row: StoredObject })[],
): StoredObject[] {
  return signatures
    .filter((s) => {
      const f = signatureFacts(s.object);
      return f?.version === o.version && f.digest === o.digest && o.signedBy.includes(s.producer);
    })
    .map((s) => s.row);
}

function memo<T>(load: (id: string) => Promise<T>): (id: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (id) => {
    let hit = cache.get(id);
    if (hit === undefined) {
      hit = load(id);
      cache.set(id, hit);
    }
    return hit;
  };
}

/**
 * One pass of the release job over `node` (a CLI command that reads runs it first, so that a
 * node without a running server still releases what is due before answering).
 */
export function releaseDueAdvisories(node: NodeServices): Promise<ReleaseDecision[]> {
  return new AdvisoryReleases(node).runOnce();
}
