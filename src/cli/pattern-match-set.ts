/**
 * The event loop of `accord pattern match-set` (CONTRACT.md "Patterning"): JSONL events in,
 * one line per (pattern, event) match out. Lines are cut from each chunk read and answered in
 * one synchronous pass, and each chunk's output goes out in one write: a per-line asynchronous
 * step (readline, an awaited write per match) cost more than matching the event itself.
 */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { IndicatorSet } from '../pattern/index.js';
import { readEventLine } from './pattern-cases.js';

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

/** Lines of event text: whole lines, each ended by LF except maybe the last, and the number of the first. */
export interface EventBlock {
  readonly text: string;
  readonly firstLine: number;
}

/**
 * The answers to a block's lines (a CR before LF is dropped; a last line without LF counts).
 * Pure and synchronous: the worker threads of pattern-match-workers.ts run it too.
 */
export function answerLines(set: IndicatorSet, block: EventBlock): string {
  const { text } = block;
  let lineNo = block.firstLine;
  let answers = '';
  let start = 0;
  for (let end = text.indexOf('\n'); ; end = text.indexOf('\n', start)) {
    if (end === -1) {
      if (start < text.length) answers += answer(set, stripCr(text.slice(start)), lineNo);
      return answers;
    }
    answers += answer(set, stripCr(text.slice(start, end)), lineNo++);
    start = end + 1;
  }
}

const stripCr = (line: string): string => (line.endsWith('\r') ? line.slice(0, -1) : line);

/**
 * Cuts a byte stream into blocks of whole lines, one per chunk read (a line longer than a chunk
 * waits for its end). Each chunk is decoded once (the decoder keeps a UTF-8 character cut
 * between chunks); a line not yet ended is kept as parts and joined once it ends.
 */
export async function* eventBlocks(input: Readable): AsyncGenerator<EventBlock> {
  const decoder = new StringDecoder('utf8');
  let pending: string[] = [];
  let firstLine = 1;
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    const last = text.lastIndexOf('\n');
    if (last === -1) {
      pending.push(text);
      continue;
    }
    const whole = `${pending.join('')}${text.slice(0, last + 1)}`;
    pending = last + 1 < text.length ? [text.slice(last + 1)] : [];
    yield { text: whole, firstLine };
    firstLine += countLines(whole);
  }
  const rest = pending.join('') + decoder.end();
  if (rest !== '') yield { text: rest, firstLine };
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Writes text, waiting for the stream to drain when it is full. */
export async function send(out: Writable, text: string): Promise<void> {
  if (text !== '' && !out.write(text)) await once(out, 'drain');
}

/** Matches every line of `input` against `set` on this thread, writing the answers to `out` with backpressure. */
export async function matchEventLines(set: IndicatorSet, input: Readable, out: Writable): Promise<void> {
  for await (const block of eventBlocks(input)) await send(out, answerLines(set, block));
}
