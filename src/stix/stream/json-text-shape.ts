/**
 * One cheap pass over a JSON text before JSON.parse sees it: how deep it nests and how many
 * keys it has. JSON.parse itself accepts any depth, and what runs after it (duplicate-key
 * checks, validation, canonical JSON) recurses; a 5,000-deep request must be refused here.
 * Outside strings a JSON text holds no quote, so string bodies are skipped with the native
 * indexOf and only the structure between them is looked at character by character.
 */
const QUOTE = '"';
const BACKSLASH = 0x5c;
const COLON = 0x3a;

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** The index of the first non-whitespace character at or after `i`. */
export function skipWhitespace(s: string, i: number): number {
  while (i < s.length && isWhitespace(s.charCodeAt(i))) i++;
  return i;
}

/** The index of the quote closing the string whose opening quote is at `open` (s.length if none). */
export function closingQuote(s: string, open: number): number {
  let from = open + 1;
  for (;;) {
    const q = s.indexOf(QUOTE, from);
    if (q < 0) return s.length;
    let backslashes = 0;
    for (let b = q - 1; s.charCodeAt(b) === BACKSLASH; b--) backslashes++;
    if (backslashes % 2 === 0) return q;
    from = q + 1;
  }
}

/** What the pass found: key count and greatest depth, or the first limit passed and where. */
export interface JsonTextShape {
  /** Object members (keys) of the text, duplicates included (all of them unless a limit stopped the pass). */
  readonly keys: number;
  readonly depth: number;
  readonly exceeded?: { readonly limit: 'depth' | 'keys'; readonly offset: number };
}

/**
 * The shape of a JSON text, stopping at the first bracket deeper than `maxDepth` or the first
 * key past `maxKeys`. Any text is accepted (what is not JSON fails JSON.parse afterwards).
 */
export function jsonTextShape(
  text: string,
  maxDepth = Number.POSITIVE_INFINITY,
  maxKeys = Number.POSITIVE_INFINITY,
): JsonTextShape {
  let keys = 0;
  let depth = 0;
  let deepest = 0;
  for (let i = 0; ; ) {
    const open = text.indexOf(QUOTE, i);
    const end = open < 0 ? text.length : open;
    for (let k = i; k < end; k++) {
      const c = text.charCodeAt(k);
      if (c === 0x7b || c === 0x5b) {
        if (++depth > deepest) deepest = depth;
        if (depth > maxDepth) return { keys, depth: deepest, exceeded: { limit: 'depth', offset: k } };
      } else if (c === 0x7d || c === 0x5d) depth--;
    }
    if (open < 0) return { keys, depth: deepest };
    const next = skipWhitespace(text, closingQuote(text, open) + 1);
    if (text.charCodeAt(next) === COLON && ++keys > maxKeys) {
      return { keys, depth: deepest, exceeded: { limit: 'keys', offset: open } };
    }
    i = next;
  }
}

/** 1-based line and column (in UTF-16 code units) of an offset in a text. */
export function lineColumn(s: string, offset: number): { readonly line: number; readonly column: number } {
  let line = 1;
  let lineStart = 0;
  for (let nl = s.indexOf('\n'); nl >= 0 && nl < offset; nl = s.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** `line L, column C` of an offset in a text. */
export function textLineColumn(s: string, offset: number): string {
  const { line, column } = lineColumn(s, offset);
  return `line ${line}, column ${column}`;
}
