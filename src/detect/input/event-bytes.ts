/**
 * The bytes of an events input: a file or stdin (`-`), gunzipped when it starts with the gzip magic
 * bytes (RFC 1952) whatever its name; streamed, never held whole.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** One events input: its name in reports, and how to read it. */
export interface EventSource {
  readonly name: string;
  open(): Readable;
}

/** A file, or stdin for `-`. */
export function eventSource(path: string, stdin: Readable): EventSource {
  return path === '-'
    ? { name: '-', open: () => stdin }
    : { name: path, open: () => createReadStream(path, { highWaterMark: 1 << 20 }) };
}

/** The decompressed chunks of a source. */
export async function* eventBytes(input: Readable): AsyncGenerator<Buffer> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const first = await iterator.next();
  if (first.done) return;
  const head = Buffer.isBuffer(first.value) ? first.value : Buffer.from(first.value);
  if (!(head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b)) {
    yield head;
    for (let r = await iterator.next(); !r.done; r = await iterator.next())
      yield Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
    return;
  }
  const gunzip = createGunzip();
  const feed = (async () => {
    try {
      if (!gunzip.write(head)) await new Promise((r) => gunzip.once('drain', r));
      for (let r = await iterator.next(); !r.done; r = await iterator.next())
        if (!gunzip.write(r.value)) await new Promise((ok) => gunzip.once('drain', ok));
      gunzip.end();
    } catch (err) {
      gunzip.destroy(err as Error);
    }
  })();
  for await (const chunk of gunzip) yield chunk as Buffer;
  await feed;
}
