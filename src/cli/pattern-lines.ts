/** JSONL plumbing of the `pattern` commands: lines in (streamed), buffered lines out with backpressure. */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { DEFAULT_INPUT_LIMITS, utf8Problem } from '../stix/index.js';

/** One input line: its JSON value, or the reason it is not JSON. */
export type JsonLine =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: string };

/** Longest line read; a longer one is an error line (its bytes are skipped, not kept). */
const MAX_LINE_BYTES = DEFAULT_INPUT_LIMITS.maxObjectBytes;

/** One line of bytes (without its `\n` or `\r\n`), or the reason it was not kept. */
type ByteLine =
  | { readonly ok: true; readonly bytes: Buffer }
  | { readonly ok: false; readonly error: string };

/** Splits a byte stream into lines on `\n` (a `\r` before it is dropped), in bounded memory. */
async function* byteLines(input: Readable): AsyncGenerator<ByteLine> {
  let parts: Buffer[] = [];
  let size = 0;
  const line = (): ByteLine => {
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    const tooLong = size > MAX_LINE_BYTES;
    parts = [];
    size = 0;
    if (tooLong) return { ok: false, error: `line is longer than ${MAX_LINE_BYTES} bytes` };
    return { ok: true, bytes: bytes.at(-1) === 0x0d ? bytes.subarray(0, -1) : bytes };
  };
  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    let start = 0;
    for (let nl = buf.indexOf(0x0a); nl >= 0; nl = buf.indexOf(0x0a, start)) {
      size += nl - start;
      if (size <= MAX_LINE_BYTES) parts.push(buf.subarray(start, nl));
      yield line();
      start = nl + 1;
    }
    size += buf.length - start;
    if (start < buf.length && size <= MAX_LINE_BYTES) parts.push(buf.subarray(start));
  }
  if (size > 0) yield line();
}

/**
 * Yields every line of `input` parsed as JSON (CRLF tolerated), in order, one entry per line.
 * A line that is not UTF-8 is an error line naming the byte, never decoded with U+FFFD.
 */
export async function* jsonLines(input: Readable): AsyncGenerator<JsonLine> {
  for await (const raw of byteLines(input)) {
    if (!raw.ok) {
      yield raw;
      continue;
    }
    const bad = utf8Problem(raw.bytes);
    if (bad !== undefined) {
      yield { ok: false, error: `line is not UTF-8: byte ${bad.offset} of the line is ${bad.reason}` };
      continue;
    }
    const line = raw.bytes.toString('utf8');
    if (line.trim() === '') {
      yield { ok: false, error: 'empty line' };
      continue;
    }
    try {
      yield { ok: true, value: JSON.parse(line) };
    } catch (err) {
      yield { ok: false, error: `line is not JSON: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
}

/** Writes JSON lines through a buffer, waiting for `drain` when the stream is full. */
export class LineWriter {
  private buffer = '';

  constructor(private readonly out: Writable) {}

  async write(value: unknown): Promise<void> {
    this.buffer += `${JSON.stringify(value)}\n`;
    if (this.buffer.length >= 65_536) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer === '') return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}
