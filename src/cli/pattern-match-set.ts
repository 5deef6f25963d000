/**
 * The event loop of `accord pattern match-set` (CONTRACT.md "Patterning"): JSONL events in,
 * one line per (pattern, event) match out. Lines are cut from each chunk read and answered in
 * one synchronous pass, and each chunk's output goes out in one write: a per-line asynchronous
 * step (readline, an awaited write per match) cost more than matching the event itself.
 */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { IndicatorSet } from '../pattern/index.js';
import { readEventLine } from './pattern-cases.js';

const NEWLINE = 0x0a;

/** What one event line produces: its match lines, or its error line. */
function answer(set: IndicatorSet, text: string, lineNo: number): string {
  if (text.trim() === '') return `${JSON.stringify({ observation_line: lineNo, error: 'empty line' })}\n`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const error = `line is not JSON: ${err instanceof Error ? err.message : String(err)}`;
    return `${JSON.stringify({ observation_line: lineNo, error })}\n`;
  }
  const event = readEventLine(value);
  if (typeof event === 'string') return `${JSON.stringify({ observation_line: lineNo, error: event })}\n`;
  let matched: number[];
  try {
    matched = set.match(event.objects);
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return `${JSON.stringify({ observation_line: lineNo, error })}\n`;
  }
  if (matched.length === 0) return '';
  const id = JSON.stringify(event.id);
  let out = '';
  for (const index of matched) out += `{"pattern_index":${index},"observation_id":${id}}\n`;
  return out;
}

/**
 * Matches every line of `input` against `set`, writing the answers to `out` with backpressure.
 * Lines end at LF (a CR before it is dropped); a last line without LF counts.
 */
export async function matchEventLines(set: IndicatorSet, input: Readable, out: Writable): Promise<void> {
  // The bytes of a line not yet ended, kept as chunks so that a long line is joined once.
  let pending: Buffer[] = [];
  let lineNo = 0;
  const line = (bytes: Buffer, start: number, end: number): string => {
    const stop = end > start && bytes[end - 1] === 0x0d ? end - 1 : end;
    return answer(set, bytes.toString('utf8', start, stop), ++lineNo);
  };
  const send = async (text: string): Promise<void> => {
    if (text !== '' && !out.write(text)) await once(out, 'drain');
  };
  for await (const chunk of input) {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    let end = bytes.indexOf(NEWLINE);
    if (end === -1) {
      pending.push(bytes);
      continue;
    }
    if (pending.length > 0) {
      const joined = pending.reduce((n, b) => n + b.length, 0);
      bytes = Buffer.concat([...pending, bytes]);
      end += joined;
      pending = [];
    }
    let text = '';
    let start = 0;
    while (end !== -1) {
      text += line(bytes, start, end);
      start = end + 1;
      end = bytes.indexOf(NEWLINE, start);
    }
    if (start < bytes.length) pending.push(bytes.subarray(start));
    await send(text);
  }
  if (pending.length > 0) {
    const bytes = Buffer.concat(pending);
    await send(line(bytes, 0, bytes.length));
  }
}
