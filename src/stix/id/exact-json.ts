/**
 * A JSON reader that keeps integers beyond 2^53 exact (docs/decisions/0001-exact-integers-in-
 * deterministic-ids.md): JSON.parse turns 9007199254740993 into 9007199254740992, and an id
 * computed from that would name another object than the one its producer wrote.
 */

/** An integer literal beyond 2^53 whose double would be written with other digits, kept as written. */
export class ExactInteger {
  constructor(
    /** The literal's digits (with its minus sign). */
    readonly text: string,
  ) {}
}

// An integer literal whose magnitude may exceed Number.MAX_SAFE_INTEGER (16 or more digits).
const LONG_INTEGER = /-?\d{16,}/;

/** True when the text holds a digit run long enough to be an integer beyond 2^53 (a cheap pre-check). */
export function mayHoldLongIntegers(text: string): boolean {
  return LONG_INTEGER.test(text);
}

const MAX_DEPTH = 1000;

/**
 * Parses JSON text that JSON.parse has already accepted, with integers beyond the safe range
 * as ExactInteger. Returns undefined when the nesting is deeper than this reader goes (1,000).
 */
export function parseJsonExact(text: string): unknown {
  let i = 0;
  const space = () => {
    for (let c = text.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13; c = text.charCodeAt(++i));
  };
  const value = (depth: number): unknown => {
    if (depth > MAX_DEPTH) throw new RangeError('too deep');
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      const out: Record<string, unknown> = {};
      space();
      if (text[i] === '}') {
        i++;
        return out;
      }
      for (;;) {
        space();
        const key = string();
        space();
        i++; // ':'
        const v = value(depth + 1);
        // Own data property even for "__proto__", as JSON.parse makes it.
        Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
        space();
        if (text[i++] === '}') return out;
      }
    }
    if (c === '[') {
      i++;
      const out: unknown[] = [];
      space();
      if (text[i] === ']') {
        i++;
        return out;
      }
      for (;;) {
        out.push(value(depth + 1));
        space();
        if (text[i++] === ']') return out;
      }
    }
    if (c === '"') return string();
    if (c === 't' || c === 'f' || c === 'n') {
      const word = c === 't' ? 'true' : c === 'f' ? 'false' : 'null';
      i += word.length;
      return c === 't' ? true : c === 'f' ? false : null;
    }
    return number();
  };
  const string = (): string => {
    const start = i;
    for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const number = (): number | ExactInteger => {
    const start = i;
    while (i < text.length && /[-+0-9.eE]/.test(text[i] as string)) i++;
    const literal = text.slice(start, i);
    const n = Number(literal);
    // Digits are kept only where the double would be written otherwise (9007199254740993 reads
    // as ...992; 1000000000000000000000 would be written 1e+21); 2^53 itself stays a number.
    return /^-?\d+$/.test(literal) && !Number.isSafeInteger(n) && String(n) !== literal
      ? new ExactInteger(literal)
      : n;
  };
  try {
    return value(0);
  } catch (err) {
    if (err instanceof RangeError) return undefined;
    throw err;
  }
}
