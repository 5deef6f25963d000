/**
 * Parses a JSON log line into an object. Integers beyond 2^53 are kept exact: they come back as
 * BigInt from the field readers instead of a rounded double (JSON.parse would round them).
 */
import { RecordRejection } from './record-rejection.js';

/** A parsed JSON record. */
export type JsonRecord = { readonly [key: string]: unknown };

/** Marks a big integer that the parse turned into a string; field readers turn it into a BigInt. */
export const BIG_INTEGER_MARK = '\u0000\uFFFFbigint:';

/** Numbers at or beyond 2^53 in magnitude: where an integer token may have been rounded. */
const UNSAFE = 2 ** 53;

/**
 * True when the parsed value holds a number JSON.parse may have rounded (|n| >= 2^53). Checked
 * on the parsed value rather than by a regex over every line: the walk costs next to nothing
 * beside the parse, the regex cost a quarter of it (bench/detect); iterative, for deep nesting.
 */
function hasUnsafeNumber(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'number') {
      if (!(v < UNSAFE && v > -UNSAFE)) return true;
    } else if (typeof v === 'object' && v !== null) {
      if (Array.isArray(v)) for (const x of v) stack.push(x);
      else for (const k in v) stack.push((v as JsonRecord)[k]);
    }
  }
  return false;
}

/** Rewrites integer tokens beyond 2^53 (outside strings) as marked strings. */
function markBigIntegers(text: string): string {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    if (c !== 45 && (c < 48 || c > 57)) continue;
    // A number token: sign, digits, fraction, exponent.
    let j = i + 1;
    while (j < text.length && /[0-9.eE+-]/.test(text[j] as string)) j++;
    const token = text.slice(i, j);
    if (/^-?\d{16,}$/.test(token) && !Number.isSafeInteger(Number(token))) {
      // The mark is written as JSON escapes: a raw NUL is not allowed inside a JSON string.
      out += `${text.slice(last, i)}"\\u0000\\uffffbigint:${token}"`;
      last = j;
    }
    i = j - 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** The line's JSON object, or a rejection saying why it is not one. */
export function parseJsonLine(text: string): JsonRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message.replace(/^JSON\.parse: /, '') : String(err);
    throw new RecordRejection(`not JSON (truncated or malformed): ${detail.slice(0, 120)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new RecordRejection('not a JSON object');
  // A rounded number can only come from a line holding one at or beyond 2^53: that rare line is
  // read again with its big integer tokens marked (a line without such a token reads the same).
  if (hasUnsafeNumber(value)) value = JSON.parse(markBigIntegers(text));
  return value as JsonRecord;
}
