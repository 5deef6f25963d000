/**
 * The checkpoint of a `--follow` run, kept beside `--out`: where each file was read to (inode,
 * byte offset and line of the last complete line), how long `--out` was, the sighting aggregates
 * and their versions, and the report. Written to a temporary file, synced and renamed, so a crash
 * leaves either the previous checkpoint or the new one.
 */
import { open, readFile, rename } from 'node:fs/promises';
import { DetectError } from '../errors/detect-error.js';
import type { DetectionReport } from './detection-report.js';

/** Where one followed file was read to. */
export interface FilePosition {
  readonly path: string;
  readonly ino: number;
  readonly offset: number;
  readonly line: number;
}

/** A checkpoint. */
export interface FollowState {
  readonly version: 1;
  /** What the command was (events, indicators, options): a state from another command is refused. */
  readonly fingerprint: string;
  readonly outBytes: number;
  readonly files: readonly FilePosition[];
  readonly sightings: unknown;
  /** Each sighting's first `created` and latest `modified`. */
  readonly versions: Readonly<Record<string, readonly [string, string]>>;
  readonly report: DetectionReport;
}

/** Reads the checkpoint at `path`; undefined when there is none. */
export async function readFollowState(path: string, fingerprint: string): Promise<FollowState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DetectError(
      'DETECT_BAD_STATE',
      `cannot read the follow state ${path}: ${(err as Error).message}`,
    );
  }
  let state: FollowState;
  try {
    state = JSON.parse(text) as FollowState;
  } catch {
    throw new DetectError(
      'DETECT_BAD_STATE',
      `the follow state ${path} is not JSON; remove it to start over`,
    );
  }
  if (state.version !== 1 || !Array.isArray(state.files) || typeof state.outBytes !== 'number')
    throw new DetectError(
      'DETECT_BAD_STATE',
      `the follow state ${path} is not a checkpoint of this version; remove it to start over`,
    );
  if (state.fingerprint !== fingerprint)
    throw new DetectError(
      'DETECT_BAD_STATE',
      `the follow state ${path} belongs to another command (other events, indicators or options); remove it to start over`,
    );
  return state;
}

/** Writes the checkpoint atomically (temporary file, fsync, rename). */
export async function writeFollowState(path: string, state: FollowState): Promise<void> {
  const tmp = `${path}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(JSON.stringify(state));
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
}
