/**
 * Duplicate keys in a JSON text JSON.parse has already read (a TAXII envelope POSTed whole).
 * JSON.parse keeps the last of two equal keys where another reader may keep the first, so an
 * object with a duplicate key means different things to different tools: two
 * `object_marking_refs`, say, one TLP:RED and one TLP:CLEAR (STIX 2.1 section 2.3 asks for
 * I-JSON, RFC 7493, whose names are unique). The check counts the text's keys against the
 * parsed value's in one indexOf pass; only when they differ is each object of the envelope's
 * `objects` located to say which one has a duplicate and where.
 */
import {
  closingQuote,
  jsonTextShape,
  lineColumn,
  skipWhitespace,
  textLineColumn,
} from './json-text-shape.js';
import { countKeys } from './locate-json-problem.js';
import { type DuplicateKey, duplicateIn } from './scan-problems.js';

const QUOTE = 0x22;

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * The number of object members (keys) in a valid JSON text, duplicates included: outside
 * strings a JSON text holds no quote, so every quote found from the end of a string opens the
 * next one, and a string followed by a colon is a key.
 */
export function keysInText(text: string): number {
  return jsonTextShape(text).keys;
}

/** The index just after the JSON value starting at `i` (the text is valid JSON). */
function valueEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === QUOTE) return closingQuote(s, i) + 1;
  if (c !== 0x7b && c !== 0x5b) {
    while (i < s.length && !',]}'.includes(s[i] as string) && !isWhitespace(s.charCodeAt(i))) i++;
    return i;
  }
  let depth = 0;
  for (; i < s.length; i++) {
    const d = s.charCodeAt(i);
    if (d === QUOTE) i = closingQuote(s, i);
    else if (d === 0x7b || d === 0x5b) depth++;
    else if (d === 0x7d || d === 0x5d) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return s.length;
}

/** Start and end of each element of the array starting at `i`. */
function elementSpans(s: string, i: number): [number, number][] {
  const spans: [number, number][] = [];
  let j = skipWhitespace(s, i + 1);
  if (s[j] === ']') return spans;
  for (;;) {
    const end = valueEnd(s, j);
    spans.push([j, end]);
    j = skipWhitespace(s, end);
    if (s[j] !== ',') return spans;
    j = skipWhitespace(s, j + 1);
  }
}

/**
 * The top level of an envelope text: its first repeated key, and the spans of the elements of
 * its (last, as JSON.parse keeps it) `objects` array.
 */
function envelopeLayout(s: string): { repeated?: DuplicateKey; objects?: [number, number][] } {
  const layout: { repeated?: DuplicateKey; objects?: [number, number][] } = {};
  let i = skipWhitespace(s, 0);
  if (s[i] !== '{') return layout;
  const seen = new Set<string>();
  i = skipWhitespace(s, i + 1);
  while (s[i] === '"') {
    const keyEnd = closingQuote(s, i) + 1;
    const key = JSON.parse(s.slice(i, keyEnd)) as string;
    if (seen.has(key) && layout.repeated === undefined) {
      layout.repeated = { pointer: '', key: JSON.stringify(key), where: textLineColumn(s, i) };
    }
    seen.add(key);
    const valueStart = skipWhitespace(s, skipWhitespace(s, keyEnd) + 1);
    if (key === 'objects' && s[valueStart] === '[') layout.objects = elementSpans(s, valueStart);
    i = skipWhitespace(s, valueEnd(s, valueStart));
    if (s[i] === ',') i = skipWhitespace(s, i + 1);
  }
  return layout;
}

/** Duplicate keys of an envelope: in the envelope itself, and in each object of `objects` by index (pointers from the envelope). */
export interface EnvelopeDuplicates {
  readonly envelope?: DuplicateKey;
  readonly objects: ReadonlyMap<number, DuplicateKey>;
}

/**
 * The duplicate keys of an envelope text and its JSON.parse result, or undefined when it has
 * none. A duplicate nested in an envelope member other than `objects` is not reported (those
 * members are not read).
 */
export function envelopeDuplicates(
  text: string,
  parsed: unknown,
  /** The text's key count, when a pass over it already counted them (jsonTextShape). */
  textKeys: number = keysInText(text),
): EnvelopeDuplicates | undefined {
  if (textKeys === countKeys(parsed)) return undefined;
  const layout = envelopeLayout(text);
  const objects = new Map<number, DuplicateKey>();
  const items = (parsed as { objects?: unknown } | null)?.objects;
  if (Array.isArray(items) && layout.objects?.length === items.length) {
    for (const [index, [start, end]] of layout.objects.entries()) {
      const itemText = text.slice(start, end);
      if (keysInText(itemText) === countKeys(items[index])) continue;
      const { line, column } = lineColumn(text, start);
      const found = duplicateIn(itemText, line, column);
      const pointer = `/objects/${index}${found?.pointer ?? ''}`;
      objects.set(index, {
        pointer,
        key: found?.key ?? '(unknown)',
        where: found?.where ?? `line ${line}, column ${column}`,
      });
    }
  }
  if (layout.repeated !== undefined) return { envelope: layout.repeated, objects };
  return objects.size > 0 ? { objects } : undefined;
}
