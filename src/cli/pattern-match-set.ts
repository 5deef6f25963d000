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

/**
 * Matches every line of `input` against `set`, writing the answers to `out` with backpressure.
 * Lines end at LF (a CR before it is dropped); a last line without LF counts.
 */
export async function matchEventLines(set: IndicatorSet, input: Readable, out: Writable): Promise<void> {
  // Each chunk is decoded once (the decoder keeps a UTF-8 character cut between chunks) and
  // split with String.indexOf; a line not yet ended is kept as parts, joined once it ends.
  const decoder = new StringDecoder('utf8');
  let pending: string[] = [];
  let lineNo = 0;
  const line = (text: string): string =>
    answer(set, text.endsWith('\r') ? text.slice(0, -1) : text, ++lineNo);
  const send = async (text: string): Promise<void> => {
    if (text !== '' && !out.write(text)) await once(out, 'drain');
  };
  for await (const chunk of input) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    let end = text.indexOf('\n');
    if (end === -1) {
      pending.push(text);
      continue;
    }
    if (pending.length > 0) {
      const head = pending.join('');
      text = head + text;
      end += head.length;
      pending = [];
    }
    let answers = '';
    let start = 0;
    while (end !== -1) {
      answers += line(text.slice(start, end));
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    if (start < text.length) pending.push(text.slice(start));
    await send(answers);
  }
  const rest = pending.join('') + decoder.end();
  if (rest !== '') await send(line(rest));
}
