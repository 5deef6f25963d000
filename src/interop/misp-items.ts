/**
 * What `accord import` needs to take MISP in: for each event of the given files, MISP feed
 * directories or directories of event files, its STIX objects as one unit (the import stores them
 * in one transaction, so nothing is half-stored) with the event's report. Feed directories are
 * read incrementally from a previous FeedState; each feed event says which entry to record once
 * stored. An organisation's identity, which every event of it names, is handed on once per run.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InteropError } from './errors/interop-error.js';
import type { ConversionIssue } from './errors/issue.js';
import {
  changedEntries,
  DEFAULT_MAX_FILE_BYTES,
  type EventUnit,
  type FeedManifest,
  type FeedState,
  isFeedDirectory,
  type MispLimits,
  mispEventUnits,
  readFeedManifest,
  readJsonFile,
} from './misp/index.js';

/** Options of mispItems. */
export interface MispItemsOptions {
  readonly limits?: MispLimits;
  /** Largest file read (default 256 MiB). */
  readonly maxFileBytes?: number;
  /** Per feed directory (as given), what a previous import read. */
  readonly feedStates?: Readonly<Record<string, FeedState>>;
  /**
   * What a previous import read of a feed, asked once its manifest is read (after feedStates):
   * lets the caller derive the state from what its node holds rather than keep it aside.
   */
  readonly feedStateOf?: (manifest: FeedManifest) => Promise<FeedState>;
  /**
   * Identity ids already handed on (shared across calls so that an organisation's identity goes
   * once per import run, whatever the number of files).
   */
  readonly seenIdentities?: Set<string>;
}

/** One event's STIX objects and report, from one file. */
export interface MispEventItems extends EventUnit {
  readonly file: string;
  /** How many of the event's issues rejected something as invalid (accord import exits 1 if any). */
  readonly rejected: number;
  /** For a feed event: the entry to record in the feed's state once the event is stored. */
  readonly feed?: { readonly directory: string; readonly uuid: string; readonly timestamp: number };
}

const errorCount = (issues: readonly ConversionIssue[]) =>
  issues.filter((i) => i.severity === 'error').length;

/** A unit for a file that yields no event (not JSON, not MISP, too large, missing). */
function problem(file: string, error: unknown): MispEventItems {
  const code = error instanceof InteropError ? error.code : 'INTEROP_NOT_JSON';
  const message = error instanceof Error ? error.message : String(error);
  return {
    file,
    event: '',
    items: [],
    issues: [{ code, severity: 'error', path: '', message }],
    rejected: 1,
  };
}

/** The units of one event file. */
async function* fromFile(
  file: string,
  options: MispItemsOptions,
  seen: Set<string>,
): AsyncGenerator<MispEventItems> {
  let doc: unknown;
  try {
    doc = await readJsonFile(file, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  } catch (error) {
    yield problem(file, error);
    return;
  }
  for (const unit of mispEventUnits(doc, options.limits))
    yield { ...once(unit, seen), file, rejected: errorCount(unit.issues) };
}

/** The unit without identities already handed on in this run. */
function once(unit: EventUnit, seen: Set<string>): EventUnit {
  const items = unit.items.filter((i) => {
    if (i.value.type !== 'identity') return true;
    const id = String(i.value.id);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return items.length === unit.items.length ? unit : { ...unit, items };
}

/** The units of a feed's changed events. */
async function* fromFeed(
  directory: string,
  options: MispItemsOptions,
  seen: Set<string>,
): AsyncGenerator<MispEventItems> {
  let manifest: Awaited<ReturnType<typeof readFeedManifest>>;
  try {
    manifest = await readFeedManifest(directory, options.maxFileBytes);
  } catch (error) {
    yield problem(join(directory, 'manifest.json'), error);
    return;
  }
  if (manifest.issues.length > 0)
    yield {
      file: join(directory, 'manifest.json'),
      event: '',
      items: [],
      issues: manifest.issues,
      rejected: errorCount(manifest.issues),
    };
  const previous =
    options.feedStates?.[directory] ??
    (options.feedStateOf === undefined ? undefined : await options.feedStateOf(manifest));
  for (const entry of changedEntries(manifest, previous)) {
    // An event read (even with attributes rejected) is recorded; an unreadable file is tried again next time.
    const feed = { directory, uuid: entry.uuid, timestamp: entry.timestamp };
    for await (const unit of fromFile(entry.file, options, seen)) {
      if (unit.event !== '') yield { ...unit, feed };
      else if (unit.issues[0]?.code !== 'INTEROP_FEED_EVENT_MISSING') yield unit;
      else {
        const issue: ConversionIssue = {
          code: 'INTEROP_FEED_EVENT_MISSING',
          severity: 'error',
          path: '',
          message: `the manifest lists event ${entry.uuid}, but ${entry.file} is missing`,
          uuid: entry.uuid,
        };
        yield { ...unit, event: entry.uuid, issues: [issue] };
      }
    }
  }
}

/**
 * The STIX units of MISP events in `paths`: event files (`{"Event": …}`, `{"response": […]}`, a
 * list of events), MISP feed directories (manifest.json + <uuid>.json), or directories of event
 * files (every .json in them, in name order).
 */
export async function* mispItems(
  paths: readonly string[],
  options: MispItemsOptions = {},
): AsyncGenerator<MispEventItems> {
  const seen = options.seenIdentities ?? new Set<string>();
  for (const path of paths) {
    let isDirectory = false;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch (error) {
      yield problem(
        path,
        new InteropError('INTEROP_NOT_JSON', `${path}: cannot be read (${(error as Error).message})`),
      );
      continue;
    }
    if (!isDirectory) yield* fromFile(path, options, seen);
    else if (await isFeedDirectory(path)) yield* fromFeed(path, options, seen);
    else {
      const names = (await readdir(path)).filter((n) => n.endsWith('.json')).sort();
      for (const name of names) yield* fromFile(join(path, name), options, seen);
    }
  }
}
