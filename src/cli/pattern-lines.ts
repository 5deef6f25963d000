/** JSONL plumbing of the `pattern` commands: lines in (streamed), buffered lines out with backpressure. */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/** One input line: its JSON value, or the reason it is not JSON. */
export type JsonLine =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: string };

/** Yields every line of `input` parsed as JSON (CRLF tolerated), in order, one entry per line. */
export async function* jsonLines(input: Readable): AsyncGenerator<JsonLine> {
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) {
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
