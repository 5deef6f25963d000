/**
 * One file of an import, all or nothing: a file that turns out broken (not JSON, cut short,
 * not UTF-8) stores nothing. The whole file is read before anything is stored; a file up to
 * `holdBytes` is kept in memory from that read, a larger one is read a second time to store
 * it, so memory stays bounded. Should the second read fail (the file changed meanwhile), the
 * report says so, and how many of its objects were stored.
 */
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import { StixError, type StreamItem, streamObjectBatches } from '../../stix/index.js';
import { type ImportFailure, type ImportSource, readProblem } from './import-sources.js';

/** Objects of one file read at once and kept before storing (default 32 MiB of file). */
export const DEFAULT_HOLD_BYTES = 32 * 1024 * 1024;

/** Stores a list of items of the file; resolves with how many were new. */
export type Deliver = (items: readonly StreamItem[]) => Promise<number>;

function reason(err: unknown): string {
  return err instanceof StixError ? err.message : `cannot read it: ${readProblem(err)}`;
}

/** The file's bytes, counting them as they pass. */
function counted(path: string, onBytes: (n: number) => void): Transform {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
  const input = createReadStream(path);
  input.on('error', (err) => counter.destroy(err));
  return input.pipe(counter);
}

/** Imports one file through `deliver`; resolves with a failure when the file could not be imported whole. */
export async function importFile(
  source: ImportSource,
  deliver: Deliver,
  options: { readonly holdBytes?: number; readonly onBytes?: (n: number) => void } = {},
): Promise<ImportFailure | undefined> {
  const holdBytes = options.holdBytes ?? DEFAULT_HOLD_BYTES;
  let read = 0;
  let held: StreamItem[] | undefined = [];
  try {
    const input = counted(source.path, (n) => {
      read += n;
      options.onBytes?.(read);
    });
    for await (const items of streamObjectBatches(input)) {
      if (held === undefined) continue;
      for (const item of items) held.push(item);
      // Too large to keep: only checked now, read again below.
      if (read > holdBytes) held = undefined;
    }
  } catch (err) {
    return { file: source.label, message: `${reason(err)}; nothing from this file was stored`, stored: 0 };
  }
  if (held !== undefined) {
    await deliver(held);
    return undefined;
  }
  let stored = 0;
  try {
    for await (const items of streamObjectBatches(createReadStream(source.path)))
      stored += await deliver(items);
  } catch (err) {
    return {
      file: source.label,
      message: `${reason(err)} (the file changed while it was imported; ${stored} of its objects were stored)`,
      stored,
    };
  }
  return undefined;
}
