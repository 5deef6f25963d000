/**
 * The counts and reports of one `accord import` run, and the storing of what it reads: STIX
 * items a batch at a time (upgraded from STIX 2.0 first when asked), MISP events whole (the
 * objects of one event always go into one ingest batch, one transaction, stored only when no
 * object of it is refused: refusals and what depends on them are reported and left out first).
 */
import type { ConversionIssue } from '../../interop/index.js';
import type { StreamItem, UpgradeOptions } from '../../stix/index.js';
import type { NodeServices } from '../node/node-services.js';
import { withoutDangling } from './event-dependents.js';
import { markUnmarked } from './import-markings.js';
import { upgradeItems } from './import-upgrade.js';
import { type IngestItem, type IngestReport, type IngestSource, ingestBatch } from './ingest-batch.js';

/** One rejected (or, in `skipped`, left out) thing: file, JSON pointer inside it, id when known, and why. */
export interface ImportError {
  readonly file: string;
  readonly path: string;
  readonly id?: string;
  readonly message: string;
  /** For MISP input: the event (its uuid, else its position) the finding is about. */
  readonly event?: string;
  /** For MISP input: the attribute or object uuid concerned. */
  readonly uuid?: string;
  /** For MISP input: the attribute type or object name concerned. */
  readonly type?: string;
  /** For MISP input: the interop code (docs/reference/errors-interop.md). */
  readonly code?: string;
}

/** A MISP event's objects, with where they came from. */
export interface EventBatch {
  readonly file: string;
  readonly event: string;
  readonly items: readonly { readonly value: Record<string, unknown>; readonly path: string }[];
}

const MAX_REPORTED = 1000;

/** The counts and errors of one import, and the storing of what it read. */
export class ImportRun {
  readonly errors: ImportError[] = [];
  readonly skipped: ImportError[] = [];
  rejected = 0;
  objects = 0;
  readonly counts = { new: 0, unchanged: 0 };
  /** MISP events converted, and feed events left unread because the node holds them as they are. */
  readonly misp = { events: 0, unchangedEvents: 0 };
  #pending: EventBatch[] = [];
  #pendingSize = 0;

  constructor(
    private readonly node: NodeServices,
    private readonly collectionId: string,
    private readonly source: IngestSource,
    private readonly batchSize: number,
    private readonly upgrade: UpgradeOptions | undefined,
    /** Marking-definition ids given to objects that carry no marking (`--tlp`, `--group`, `--embargo`). */
    private readonly markingRefs: readonly string[] = [],
  ) {}

  reject(error: ImportError): void {
    this.rejected++;
    if (this.errors.length < MAX_REPORTED) this.errors.push(error);
  }

  /** Reports a conversion finding: errors reject, warnings say what was left out; infos are not reported. */
  issue(file: string, event: string, issue: ConversionIssue): void {
    if (issue.severity === 'info') return;
    const finding: ImportError = {
      file,
      path: issue.path,
      message: issue.message,
      code: issue.code,
      ...(event ? { event } : {}),
      ...(issue.uuid ? { uuid: issue.uuid } : {}),
      ...(issue.type ? { type: issue.type } : {}),
    };
    if (issue.severity === 'error') this.reject(finding);
    else if (this.skipped.length < MAX_REPORTED) this.skipped.push(finding);
  }

  /** Validates and stores one batch of a STIX file's objects (one transaction). */
  async store(file: string, items: readonly StreamItem[]): Promise<void> {
    let batch: IngestItem[] = [];
    for (const item of items) {
      // Refused by the streaming parser for its depth or size: never parsed, never stored.
      if (item.refused !== undefined) this.reject({ file, path: item.path, message: item.refused.message });
      else
        batch.push({
          value: item.value,
          path: item.path,
          specVersion: item.specVersion,
          ...(item.duplicateKey ? { duplicateKey: item.duplicateKey } : {}),
        });
    }
    this.objects += items.length;
    if (this.upgrade !== undefined) {
      const upgraded = upgradeItems(batch, this.upgrade);
      batch = upgraded.items;
      for (const r of upgraded.rejected) this.reject({ file, ...r });
    }
    await this.#ingest(file, batch);
  }

  /**
   * Queues a MISP event's objects; whole events are gathered into batches of about batchSize
   * objects (never split), then stored together.
   */
  async addEvent(event: EventBatch): Promise<void> {
    this.misp.events++;
    if (event.items.length === 0) return;
    this.#pending.push(event);
    this.#pendingSize += event.items.length;
    if (this.#pendingSize >= this.batchSize) await this.flush();
  }

  /** Stores the queued MISP events. */
  async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const events = this.#pending;
    this.#pending = [];
    this.#pendingSize = 0;
    // Paths are JSON pointers into each event's own file: prefixed by the event's index so that
    // a failure finds its event again (two files have the same pointers).
    const batch: IngestItem[] = [];
    events.forEach((e, k) => {
      for (const i of e.items) batch.push({ value: i.value, path: `${k}|${i.path}` });
    });
    this.objects += batch.length;
    await this.#ingestEvents(batch, events);
  }

  /**
   * Stores whole events: when ingest refuses objects, nothing is stored; the refusals are
   * reported, what would refer to a refused object the collection does not hold is left out and
   * reported (event-dependents.ts), and the rest is tried again.
   */
  async #ingestEvents(items: IngestItem[], events: readonly EventBatch[]): Promise<void> {
    let batch = items;
    for (;;) {
      const outcome = await this.#ingest(events[0]!.file, batch, events, true);
      if (outcome?.heldBack !== true) return;
      const failed = new Set(outcome.failures.map((f) => f.path));
      const ids = [...new Set(outcome.failures.map((f) => f.id).filter((id) => id !== ''))];
      const held = ids.length === 0 ? new Map() : await this.node.store.getOwners(this.collectionId, ids);
      const rest = batch.filter((i) => !failed.has(i.path));
      // Every failure names an item of the batch; should one not, store what passes, once.
      if (rest.length === batch.length) {
        await this.#ingest(events[0]!.file, batch, events);
        return;
      }
      const { values, leftOut } = withoutDangling(
        rest.map((i) => i.value as Readonly<Record<string, unknown>>),
        new Set(ids.filter((id) => !held.has(id))),
      );
      for (const l of leftOut) this.#rejectEventItem(rest[l.index]!.path, l.id, l.message, events);
      batch = rest.flatMap((item, i) => (values[i] === undefined ? [] : [{ ...item, value: values[i] }]));
    }
  }

  /** Rejects an item of a batch of events (path `k|pointer`: the k-th event's file and pointer). */
  #rejectEventItem(path: string, id: string, message: string, events: readonly EventBatch[]): void {
    const bar = path.indexOf('|');
    const event = events[Number(path.slice(0, bar))];
    this.reject({
      file: event?.file ?? '',
      path: path.slice(bar + 1),
      ...(id ? { id } : {}),
      message: message.replaceAll(path.slice(0, bar + 1), ''),
      ...(event ? { event: event.event } : {}),
    });
  }

  async #ingest(
    file: string,
    items: IngestItem[],
    events?: readonly EventBatch[],
    wholeOrNothing = false,
  ): Promise<IngestReport | undefined> {
    if (items.length === 0) return undefined;
    // Marked before validation: the validated, stored JSON is the marked object.
    const batch =
      this.markingRefs.length === 0
        ? items
        : items.map((item) => ({ ...item, value: markUnmarked(item.value, this.markingRefs) }));
    const outcome = await ingestBatch(this.node, this.collectionId, batch, this.source, { wholeOrNothing });
    this.counts.new += outcome.added;
    this.counts.unchanged += outcome.successes.length - outcome.added;
    for (const f of outcome.failures) {
      if (events !== undefined) this.#rejectEventItem(f.path, f.id, f.message, events);
      else this.reject({ file, path: f.path, ...(f.id ? { id: f.id } : {}), message: f.message });
    }
    return outcome;
  }
}
