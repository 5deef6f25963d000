/**
 * The event loop of `accord pattern match-set` (CONTRACT.md "Patterning"): JSONL events in,
 * one line per (pattern, event) match out. Lines are cut from each chunk read and answered in
 * one synchronous pass, and each chunk's output goes out in one write: a per-line asynchronous
 * step (readline, an awaited write per match) cost more than matching the event itself.
 */
import { isUtf8 } from 'node:buffer';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { IndicatorSet } from '../pattern/index.js';
import { utf8Problem } from '../stix/index.js';
import { readEventLine } from './pattern-cases.js';
import { eventSpan, type ValidityWindow, within } from './pattern-validity.js';

/**
 * Which matches count (issue 20): patterns that never match (revoked indicators) and the
 * validity windows of the others, checked against the event's observed span.
 */
export interface MatchGate {
  readonly never: ReadonlySet<number>;
  readonly windows: ReadonlyMap<number, ValidityWindow>;
}

/** The matches the gate lets through, or a string naming why the event cannot be placed in time. */
function gated(
  gate: MatchGate,
  matched: number[],
  od: { readonly [key: string]: unknown },
): number[] | string {
  let span: ReturnType<typeof eventSpan> | undefined;
  const kept: number[] = [];
  for (const index of matched) {
    if (gate.never.has(index)) continue;
    const w = gate.windows.get(index);
    if (w !== undefined) {
      span ??= eventSpan(od);
      if (typeof span === 'string') return span;
      if (!within(w, span)) continue;
    }
    kept.push(index);
  }
  return kept;
}

/** What one event line produces: its match lines, or its error line. */
function answer(set: IndicatorSet, text: string, lineNo: number, gate: MatchGate | undefined): string {
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
  let matched: number[] | string;
  try {
    matched = set.match(event.objects);
    if (gate !== undefined && matched.length > 0) matched = gated(gate, matched, event.observedData);
  } catch (err) {
    matched = err instanceof Error ? err.message : String(err);
  }
  if (typeof matched === 'string') return `${JSON.stringify({ observation_line: lineNo, error: matched })}\n`;
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
  /** Lines (by number) that were not UTF-8, with the reason: they get an error line, nothing else. */
  readonly notUtf8?: ReadonlyMap<number, string>;
}

/**
 * The answers to a block's lines (a CR before LF is dropped; a last line without LF counts).
 * Pure and synchronous.
 */
export function answerLines(set: IndicatorSet, block: EventBlock, gate?: MatchGate): string {
  const { text, notUtf8 } = block;
  const one = (line: string, lineNo: number): string => {
    const bad = notUtf8?.get(lineNo);
    if (bad !== undefined) return `${JSON.stringify({ observation_line: lineNo, error: bad })}\n`;
    return answer(set, stripCr(line), lineNo, gate);
  };
  let lineNo = block.firstLine;
  let answers = '';
  let start = 0;
  for (let end = text.indexOf('\n'); ; end = text.indexOf('\n', start)) {
    if (end === -1) {
      if (start < text.length) answers += one(text.slice(start), lineNo);
      return answers;
    }
    answers += one(text.slice(start, end), lineNo++);
    start = end + 1;
  }
}

const stripCr = (line: string): string => (line.endsWith('\r') ? line.slice(0, -1) : line);

/**
 * Cuts a byte stream into blocks of whole lines, one per chunk read (a line longer than a chunk
 * waits for its end). Bytes are checked as UTF-8 a block at a time (natively) and decoded once;
 * a line that is not UTF-8 is named with its reason, never decoded with U+FFFD.
 */
export async function* eventBlocks(input: Readable): AsyncGenerator<EventBlock> {
  let pending: Buffer[] = [];
  let firstLine = 1;
  const block = (bytes: Buffer): EventBlock => {
    const text = bytes.toString('utf8');
    if (isUtf8(bytes)) return { text, firstLine };
    return { text, firstLine, notUtf8: badLines(bytes, firstLine) };
  };
  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    const last = buf.lastIndexOf(0x0a);
    if (last === -1) {
      pending.push(buf);
      continue;
    }
    const whole =
      pending.length === 0
        ? buf.subarray(0, last + 1)
        : Buffer.concat([...pending, buf.subarray(0, last + 1)]);
    pending = last + 1 < buf.length ? [buf.subarray(last + 1)] : [];
    const b = block(whole);
    yield b;
    firstLine += countLines(b.text);
  }
  const rest = Buffer.concat(pending);
  if (rest.length > 0) yield block(rest);
}

/** The lines of `bytes` that are not UTF-8, by number, with the byte that is wrong. */
function badLines(bytes: Buffer, firstLine: number): Map<number, string> {
  const bad = new Map<number, string>();
  let lineNo = firstLine;
  let start = 0;
  while (start < bytes.length) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl === -1 ? bytes.length : nl;
    const problem = utf8Problem(bytes.subarray(start, end));
    if (problem !== undefined)
      bad.set(lineNo, `line is not UTF-8: byte ${problem.offset} of the line is ${problem.reason}`);
    lineNo++;
    start = end + 1;
  }
  return bad;
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

/**
 * Matches every line of `input` against `set` on this thread, writing the answers to `out` with
 * backpressure; with a gate, only the matches it lets through.
 */
export async function matchEventLines(
  set: IndicatorSet,
  input: Readable,
  out: Writable,
  gate?: MatchGate,
): Promise<void> {
  for await (const block of eventBlocks(input)) await send(out, answerLines(set, block, gate));
}
