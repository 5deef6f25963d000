/**
 * The counts and reports of one `accord import` run, and the storing of what it reads: STIX
 * items a batch at a time (upgraded from STIX 2.0 first when asked), MISP events whole (the
 * objects of one event always go into one ingest batch, one transaction).
 */
import type { ConversionIssue } from '../../interop/index.js';
import type { StreamItem, UpgradeOptions } from '../../stix/index.js';
import type { NodeServices } from '../node/node-services.js';
import { markUnmarked } from './import-markings.js';
import { upgradeItems } from './import-upgrade.js';
import { type IngestItem, type IngestSource, ingestBatch } from './ingest-batch.js';

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
    await this.#ingest(events[0]!.file, batch, events);
  }

  async #ingest(file: string, items: IngestItem[], events?: readonly EventBatch[]): Promise<void> {
    if (items.length === 0) return;
    // Marked before validation: the validated, stored JSON is the marked object.
    const batch =
      this.markingRefs.length === 0
        ? items
        : items.map((item) => ({ ...item, value: markUnmarked(item.value, this.markingRefs) }));
    const outcome = await ingestBatch(this.node, this.collectionId, batch, this.source);
    this.counts.new += outcome.added;
    this.counts.unchanged += outcome.successes.length - outcome.added;
    for (const f of outcome.failures) {
      const bar = events === undefined ? -1 : f.path.indexOf('|');
      const event = bar < 0 ? undefined : events?.[Number(f.path.slice(0, bar))];
      this.reject({
        file: event?.file ?? file,
        path: bar < 0 ? f.path : f.path.slice(bar + 1),
        ...(f.id ? { id: f.id } : {}),
        message: bar < 0 ? f.message : f.message.replaceAll(f.path.slice(0, bar + 1), ''),
        ...(event ? { event: event.event } : {}),
      });
    }
  }
}
