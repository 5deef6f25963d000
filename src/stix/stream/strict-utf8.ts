/**
 * Strict UTF-8 (RFC 3629 section 4; Unicode 15, Table 3-7 "Well-Formed UTF-8 Byte Sequences").
 * STIX content is I-JSON (STIX 2.1 section 2.3, RFC 7493 section 2.1), whose text MUST be UTF-8;
 * Node's decoder would silently turn every ill-formed sequence into U+FFFD, so untrusted bytes
 * are checked first and refused with the byte offset of the first ill-formed sequence. The
 * native `isUtf8` answers the common case; the offset is searched for only when it says no.
 */
import { isUtf8 } from 'node:buffer';

/** The first ill-formed sequence of a byte string: its offset and what is wrong with it. */
export interface Utf8Problem {
  /** Offset of the sequence's first byte in the input (absolute, for a stream). */
  readonly offset: number;
  readonly reason: string;
}

/** Length of the sequence a lead byte starts, or 0 when it cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Table 3-7: the range the second byte must be in, which depends on the lead byte. */
function secondByteRange(lead: number): readonly [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

function leadProblem(lead: number): string {
  if (lead >= 0x80 && lead <= 0xbf) return 'a continuation byte without a lead byte';
  if (lead === 0xc0 || lead === 0xc1) return 'an overlong encoding';
  return `the byte 0x${lead.toString(16).toUpperCase()}, which never occurs in UTF-8`;
}

function secondProblem(lead: number, second: number): string {
  if ((lead === 0xe0 && second < 0xa0) || (lead === 0xf0 && second < 0x90)) return 'an overlong encoding';
  if (lead === 0xed && second >= 0xa0) return 'an encoded UTF-16 surrogate (CESU-8), not a character';
  if (lead === 0xf4 && second >= 0x90) return 'a code point above U+10FFFF';
  return 'a truncated multi-byte sequence';
}

/**
 * The first ill-formed sequence of `bytes`, or undefined when they are well-formed UTF-8.
 * `base` is added to offsets; with `final` false a sequence cut off by the end of `bytes` is
 * not a problem (more input follows).
 */
export function utf8Problem(bytes: Uint8Array, base = 0, final = true): Utf8Problem | undefined {
  if (final && isUtf8(bytes)) return undefined;
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(lead);
    if (length === 0) return { offset: base + i, reason: leadProblem(lead) };
    for (let k = 1; k < length; k++) {
      if (i + k >= n) {
        return final
          ? { offset: base + i, reason: 'a multi-byte sequence cut off by the end of the input' }
          : undefined;
      }
      const b = bytes[i + k]!;
      const [low, high] = k === 1 ? secondByteRange(lead) : [0x80, 0xbf];
      if (b < low || b > high) {
        return {
          offset: base + i,
          reason: k === 1 ? secondProblem(lead, b) : 'a truncated multi-byte sequence',
        };
      }
    }
    i += length;
  }
  return undefined;
}

/** Where the last, possibly incomplete, sequence of `bytes` starts (bytes.length when none is open). */
function openSequenceStart(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = bytes[n - back]!;
    if (b < 0x80) return n;
    if (b >= 0xc0) return sequenceLength(b) > back ? n - back : n;
  }
  return n;
}

/** Checks a byte stream chunk by chunk; a sequence may straddle two chunks. */
export class Utf8Stream {
  #carry: Uint8Array = new Uint8Array(0);
  #offset = 0;

  /** The first problem in this chunk (offsets count from the start of the stream), or undefined. */
  push(chunk: Uint8Array): Utf8Problem | undefined {
    let bytes = chunk;
    let base = this.#offset;
    if (this.#carry.length > 0) {
      // Only the carried sequence needs joining: at most three bytes plus the rest of it.
      const joined = new Uint8Array(this.#carry.length + Math.min(3, chunk.length));
      joined.set(this.#carry);
      joined.set(chunk.subarray(0, joined.length - this.#carry.length), this.#carry.length);
      const head = sequenceLength(joined[0]!);
      base -= this.#carry.length;
      if (joined.length < head) {
        const problem = utf8Problem(joined, base, false);
        if (problem === undefined) this.#carry = joined;
        this.#offset += chunk.length;
        return problem;
      }
      const problem = utf8Problem(joined.subarray(0, head), base, true);
      if (problem !== undefined) return problem;
      bytes = chunk.subarray(head - this.#carry.length);
      base = this.#offset + (head - this.#carry.length);
    }
    const end = openSequenceStart(bytes);
    const problem = utf8Problem(bytes.subarray(0, end), base, true);
    if (problem !== undefined) return problem;
    this.#carry = bytes.slice(end);
    this.#offset += chunk.length;
    return undefined;
  }

  /** The end of the stream: a sequence still open is cut off. */
  finish(): Utf8Problem | undefined {
    if (this.#carry.length === 0) return undefined;
    return utf8Problem(this.#carry, this.#offset - this.#carry.length, true);
  }
}

/** `line L, column C` (1-based, columns in bytes) of a byte offset in a complete input. */
export function lineColumnOf(bytes: Uint8Array, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/** The message of a problem: `line L, column C (byte N): invalid UTF-8: …`. */
export function describeUtf8Problem(problem: Utf8Problem, where?: string): string {
  return `${where === undefined ? '' : `${where} `}(byte ${problem.offset}): invalid UTF-8: ${problem.reason}`;
}
