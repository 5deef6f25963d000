/**
 * MISP feed directories, as MISP publishes them (and reads them back): `manifest.json`, an
 * object of event uuid → the event's metadata (`info`, `timestamp`, `Orgc`, `Tag`, …), beside one
 * `<uuid>.json` per event (`{"Event": …}`). Incremental: given the state a previous import kept
 * (uuid → timestamp read), only events whose manifest timestamp changed are read again. The only
 * module of interop/misp/ that touches the file system.
 */
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InteropError } from '../errors/interop-error.js';
import type { ConversionIssue } from '../errors/issue.js';
import { integer, isJsonObject, text, uuid } from './json-fields.js';

/** What a previous import read of a feed: event uuid → the manifest timestamp it read. */
export type FeedState = Readonly<Record<string, number>>;

/** One event the manifest lists. */
export interface FeedEntry {
  readonly uuid: string;
  /** Epoch seconds of the event's last change, as the manifest states it. */
  readonly timestamp: number;
  readonly info?: string;
  /** The event file: `<directory>/<uuid>.json`. */
  readonly file: string;
}

/** The manifest's events and the entries it could not use. */
export interface FeedManifest {
  readonly directory: string;
  readonly entries: readonly FeedEntry[];
  readonly issues: readonly ConversionIssue[];
}

/** Default size limit of a manifest or event file (bytes). */
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;

/** True when `path` is a directory holding a manifest.json (a MISP feed). */
export async function isFeedDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory() && (await stat(join(path, 'manifest.json'))).isFile();
  } catch {
    return false;
  }
}

/**
 * Reads a file of at most `maxBytes` as JSON; throws InteropError naming the file
 * (INTEROP_FEED_EVENT_MISSING when it does not exist, INTEROP_TOO_LARGE, INTEROP_NOT_JSON).
 */
export async function readJsonFile(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<unknown> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    const why = error instanceof Error ? error.message : String(error);
    throw new InteropError(
      missing ? 'INTEROP_FEED_EVENT_MISSING' : 'INTEROP_NOT_JSON',
      `${file}: cannot be read (${why})`,
      {
        cause: error,
      },
    );
  }
  let bytes: string;
  try {
    const size = (await handle.stat()).size;
    if (size > maxBytes)
      throw new InteropError('INTEROP_TOO_LARGE', `${file}: ${size} bytes, over the limit of ${maxBytes}`);
    bytes = await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
  try {
    return JSON.parse(bytes);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new InteropError('INTEROP_NOT_JSON', `${file}: not JSON, or truncated (${why})`, { cause: error });
  }
}

/**
 * Reads a feed's manifest. Entries whose key is not a uuid or whose timestamp is unreadable are
 * reported and left out (a uuid names the event file: nothing else may reach the file system).
 * Throws InteropError INTEROP_FEED_INVALID when there is no readable manifest.
 */
export async function readFeedManifest(
  directory: string,
  maxBytes = DEFAULT_MAX_FILE_BYTES,
): Promise<FeedManifest> {
  const file = join(directory, 'manifest.json');
  let manifest: unknown;
  try {
    manifest = await readJsonFile(file, maxBytes);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new InteropError('INTEROP_FEED_INVALID', `${directory} is not a readable MISP feed: ${why}`, {
      cause: error,
    });
  }
  if (!isJsonObject(manifest))
    throw new InteropError(
      'INTEROP_FEED_INVALID',
      `${file}: the manifest must be a JSON object of event uuid → metadata`,
    );
  const entries: FeedEntry[] = [];
  const issues: ConversionIssue[] = [];
  for (const [key, meta] of Object.entries(manifest)) {
    const id = uuid(key);
    const timestamp = isJsonObject(meta) ? integer(meta.timestamp) : undefined;
    if (id === undefined || id !== key.toLowerCase() || timestamp === undefined) {
      issues.push({
        code: 'INTEROP_FEED_INVALID',
        severity: 'error',
        path: `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        message: `${file}: entry "${key.slice(0, 80)}" has ${id === undefined ? 'no event uuid as its key' : 'no readable timestamp'}: left out`,
      });
      continue;
    }
    const info = isJsonObject(meta) ? text(meta.info) : undefined;
    entries.push({ uuid: id, timestamp, file: join(directory, `${key}.json`), ...(info ? { info } : {}) });
  }
  return { directory, entries, issues };
}

/** The entries to read: those the previous state has not seen at their current timestamp. */
export function changedEntries(manifest: FeedManifest, previous: FeedState = {}): FeedEntry[] {
  return manifest.entries.filter((e) => previous[e.uuid] !== e.timestamp);
}

/** The state after reading `entries` (the caller records an entry once its event is stored). */
export function withEntry(state: FeedState, entry: Pick<FeedEntry, 'uuid' | 'timestamp'>): FeedState {
  return { ...state, [entry.uuid]: entry.timestamp };
}
