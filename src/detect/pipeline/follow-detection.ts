/**
 * `--follow`: reads the events files as they grow and keeps `--out` (JSONL, appended) up to date.
 * Rotation is survived: a file renamed away is drained before the new one at its path is read; a
 * file that shrank (copytruncate) is read again from its start. Every checkpoint appends the new
 * objects and the changed sightings (same id, later `modified`) to `--out`, syncs it, then records
 * the read positions and aggregates; a restart after a crash cuts `--out` back to the checkpoint
 * and reads on from there, so each line counts once. Correlation windows are not checkpointed.
 */
import { type FileHandle, open, stat, truncate } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { asMicros, formatMicros, formatTimestamp, millisOf, timestampMicros } from '../../stix/index.js';
import { DetectError } from '../errors/detect-error.js';
import type { CompiledIndicators } from '../indicators/compile-indicators.js';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from '../input/line-splitter.js';
import { exactJson } from '../output/exact-json.js';
import type { StixJson } from '../output/stix-event.js';
import { SightingAggregator, sightingObject } from '../sightings/sighting-aggregate.js';
import type { DetectionReport } from './detection-report.js';
import { DetectionSession, type DetectOptions, type FileCursor } from './detection-session.js';
import { type FilePosition, readFollowState, writeFollowState } from './follow-state.js';

/** What a follow run needs. */
export interface FollowInput {
  readonly indicators: CompiledIndicators;
  readonly paths: readonly string[];
  /** The JSONL output, appended to. */
  readonly out: string;
  /** The checkpoint file (conventionally `<out>.state`). */
  readonly statePath: string;
  /** Identifies the command; a checkpoint of another command is refused. */
  readonly fingerprint: string;
  readonly options?: DetectOptions;
  /** Stops the run (after a last checkpoint). */
  readonly signal: AbortSignal;
  readonly now?: () => Date;
  /** How often files are polled for new lines when idle (default 250 ms). */
  readonly pollMs?: number;
  /** How often a checkpoint is taken while lines arrive (default 1,000 ms). */
  readonly checkpointMs?: number;
  /** Called after each checkpoint with the report so far. */
  readonly onCheckpoint?: (report: DetectionReport) => Promise<void> | void;
  /**
   * Called at each checkpoint with the sightings that changed, once they are in `--out` and
   * before the read positions are recorded: after a crash they are handed over again (with the
   * same ids and counts), so the receiver must take a repeat as a no-op (a node does).
   */
  readonly onSightings?: (sightings: readonly StixJson[]) => Promise<void>;
}

interface Followed {
  readonly path: string;
  fh: FileHandle | undefined;
  ino: number;
  readPos: number;
  done: { offset: number; line: number };
  splitter: LineSplitter;
  cursor: FileCursor;
}

const CHUNK = 1 << 20;

async function openAt(path: string): Promise<{ fh: FileHandle; ino: number; size: number } | undefined> {
  try {
    const fh = await open(path, 'r');
    const st = await fh.stat();
    return { fh, ino: st.ino, size: st.size };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DetectError('DETECT_UNREADABLE_INPUT', `cannot read ${path}: ${(err as Error).message}`);
  }
}

/** Follows the files until `signal` aborts; returns the final report. */
export async function followDetection(input: FollowInput): Promise<DetectionReport> {
  const maxLine = input.options?.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const now = input.now ?? (() => new Date());
  const saved = await readFollowState(input.statePath, input.fingerprint);
  const aggregator = saved
    ? SightingAggregator.restore(saved.sightings, input.options?.aggregation)
    : undefined;
  const session = new DetectionSession(input.indicators, input.options, aggregator);
  if (saved) session.restoreReport(saved.report);
  const versions = new Map<string, [string, string]>(
    Object.entries(saved?.versions ?? {}).map(([k, v]) => [k, [v[0], v[1]]]),
  );
  // Cut --out back to the checkpoint: what was appended after it is read again.
  let outBytes = saved?.outBytes ?? 0;
  try {
    await truncate(input.out, outBytes);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const out = await open(input.out, 'a');

  const files: Followed[] = [];
  for (const path of input.paths) {
    const at = saved?.files.find((f) => f.path === path);
    const opened = await openAt(path);
    const f: Followed = {
      path,
      fh: opened?.fh,
      ino: opened?.ino ?? 0,
      readPos: 0,
      done: { offset: 0, line: 0 },
      splitter: new LineSplitter(maxLine),
      cursor: session.openFile(path),
    };
    if (opened && at && at.ino === opened.ino && opened.size >= at.offset) {
      await replayHeaders(session, f.cursor, opened.fh, at.offset, maxLine);
      f.readPos = at.offset;
      f.done = { offset: at.offset, line: at.line };
      f.splitter = new LineSplitter(maxLine, f.done);
    }
    files.push(f);
  }

  const checkpoint = async (): Promise<void> => {
    const stamp = formatTimestamp(now());
    const objects = session.takeObjects();
    const sightings = session.aggregator.takeChanged().map((s) => {
      const prior = versions.get(s.id);
      // A new version must be later than the one before it (3.2, 3.6).
      const modified = prior && prior[1] >= stamp ? oneMilliAfter(prior[1]) : stamp;
      const v: [string, string] = [prior?.[0] ?? modified, modified];
      versions.set(s.id, v);
      return sightingObject(s, { created: v[0], modified: v[1] });
    });
    if (objects.length + sightings.length > 0) {
      const text = [...objects, ...sightings].map((o) => `${exactJson(o)}\n`).join('');
      const bytes = Buffer.from(text);
      await out.write(bytes);
      await out.sync();
      outBytes += bytes.length;
    }
    if (sightings.length > 0) await input.onSightings?.(sightings);
    session.sightings();
    const positions: FilePosition[] = files.map((f) => ({
      path: f.path,
      ino: f.ino,
      offset: f.done.offset,
      line: f.done.line,
    }));
    await writeFollowState(input.statePath, {
      version: 1,
      fingerprint: input.fingerprint,
      outBytes,
      files: positions,
      sightings: session.aggregator.snapshot(),
      versions: Object.fromEntries(versions),
      report: session.report,
    });
    await input.onCheckpoint?.(session.report);
  };

  const pump = async (f: Followed): Promise<boolean> => {
    if (!f.fh) {
      const opened = await openAt(f.path);
      if (!opened) return false;
      Object.assign(f, { fh: opened.fh, ino: opened.ino, readPos: 0, done: { offset: 0, line: 0 } });
      f.splitter = new LineSplitter(maxLine);
      f.cursor = session.openFile(f.path);
    }
    const fh = f.fh as FileHandle;
    const buf = Buffer.allocUnsafe(CHUNK);
    const { bytesRead } = await fh.read(buf, 0, CHUNK, f.readPos);
    if (bytesRead > 0) {
      f.readPos += bytesRead;
      for (const raw of f.splitter.push(buf.subarray(0, bytesRead))) {
        session.line(f.cursor, raw);
        f.done = { offset: raw.end, line: raw.line };
      }
      return true;
    }
    let st: { ino: number; size: number } | undefined;
    try {
      st = await stat(f.path);
    } catch {
      st = undefined; // renamed away, not yet created again: keep the old file
    }
    if (st && st.ino !== f.ino) {
      // Renamed away: the old file is drained (read to its end above), its last line finished.
      for (const raw of f.splitter.finish()) session.line(f.cursor, raw);
      await fh.close();
      f.fh = undefined;
      return true;
    }
    if (st && st.size < f.readPos) {
      // Truncated in place (copytruncate): read again from the start.
      Object.assign(f, { readPos: 0, done: { offset: 0, line: 0 } });
      f.splitter = new LineSplitter(maxLine);
      f.cursor = session.openFile(f.path);
      return true;
    }
    return false;
  };

  const pollMs = input.pollMs ?? 250;
  const every = input.checkpointMs ?? 1000;
  let last = Date.now();
  let dirty = true;
  try {
    while (!input.signal.aborted) {
      let busy = false;
      for (const f of files)
        while (!input.signal.aborted && (await pump(f))) {
          busy = true;
          dirty = true;
          if (Date.now() - last >= every) break;
        }
      // Checkpoint when idle after new lines, and at least every `every` ms while they keep coming.
      if (dirty && (!busy || Date.now() - last >= every)) {
        await checkpoint();
        last = Date.now();
        dirty = false;
      }
      if (!busy) await sleep(pollMs, undefined, { signal: input.signal }).catch(() => undefined);
    }
    await checkpoint();
  } finally {
    await out.close();
    for (const f of files) await f.fh?.close();
  }
  session.sightings();
  return session.report;
}

/** Reads the headers of a file up to `end` again, so its adapter reads the next lines as before. */
async function replayHeaders(
  session: DetectionSession,
  cursor: FileCursor,
  fh: FileHandle,
  end: number,
  maxLine: number,
): Promise<void> {
  const splitter = new LineSplitter(maxLine);
  let pos = 0;
  const buf = Buffer.allocUnsafe(CHUNK);
  while (pos < end) {
    const { bytesRead } = await fh.read(buf, 0, Math.min(CHUNK, end - pos), pos);
    if (bytesRead === 0) break;
    pos += bytesRead;
    for (const raw of splitter.push(Buffer.from(buf.subarray(0, bytesRead))))
      if (raw.kind === 'line')
        session.replayHeader(cursor, raw.bytes.toString('utf8').replace(/\r$/, ''), raw.line);
  }
}

/** The timestamp one millisecond after `stamp` (a checkpoint's versions stay ordered, 3.6). */
function oneMilliAfter(stamp: string): string {
  const micros = timestampMicros(stamp);
  if (micros === undefined) throw new RangeError(`${stamp} is not a STIX timestamp`);
  return formatMicros(asMicros((millisOf(micros) + 1) * 1000), 3);
}
