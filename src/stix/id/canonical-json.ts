/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): Accord's one canonical JSON, used for deterministic
 * SCO ids (spec 2.9), the stored text of every version, advisory digests and content comparison.
 */
import { ExactInteger } from './exact-json.js';

/**
 * Serialises a JSON value canonically: object keys sorted by UTF-16 code units, no whitespace,
 * ECMAScript number and string serialisation (which RFC 8785 adopts).
 */
export function canonicalJson(value: unknown): string {
  return plainCanonicalJson(value) ?? generalCanonicalJson(value);
}

/**
 * The canonical text of plain JSON data (what JSON.parse returns: null, booleans, strings, finite
 * numbers, arrays and Object-prototype objects), or undefined for anything else, so that the
 * caller keeps its own rules for other values. Same text as canonicalJson, about twice as fast:
 * it copies the value with sorted keys and lets the native JSON.stringify write it. Objects of one
 * batch mostly share a few key lists: pass one KeyOrders for the batch to sort each list once.
 */
export function plainCanonicalJson(value: unknown, orders: KeyOrders = new KeyOrders()): string | undefined {
  const sorted = sortedCopy(value, orders);
  return sorted === NOT_PLAIN ? undefined : JSON.stringify(sorted);
}

/** The sorted form of the key list seen last for each number of keys. */
export class KeyOrders {
  readonly #last: { keys: string[]; sorted: string[] }[] = [];

  /** `keys` in code-unit order (default sort compares UTF-16 code units, as RFC 8785 3.2.3 requires). */
  sorted(keys: string[]): readonly string[] {
    const last = this.#last[keys.length];
    if (last !== undefined && sameList(last.keys, keys)) return last.sorted;
    const sorted = [...keys].sort();
    if (keys.length < 64) this.#last[keys.length] = { keys, sorted };
    return sorted;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const NOT_PLAIN: unique symbol = Symbol('not plain JSON');

/**
 * A copy whose objects have their keys inserted in code-unit order, which JSON.stringify keeps;
 * NOT_PLAIN when the value is not plain JSON or has a key the engine would not keep in insertion
 * order (array-index keys like "1" come first in any object; "__proto__" would set the prototype).
 */
function sortedCopy(value: unknown, orders: KeyOrders): unknown {
  if (typeof value !== 'object') {
    if (typeof value === 'string' || typeof value === 'boolean') return value;
    return typeof value === 'number' && Number.isFinite(value) ? value : NOT_PLAIN;
  }
  if (value === null) return null;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return NOT_PLAIN;
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = sortedCopy(value[i], orders);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      out[i] = item;
    }
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return NOT_PLAIN;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of orders.sorted(Object.keys(record))) {
    const first = key.charCodeAt(0);
    if ((first >= 48 && first <= 57) || key === '__proto__') return NOT_PLAIN;
    const item = sortedCopy(record[key], orders);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    out[key] = item;
  }
  return out;
}

/** What JSON.stringify leaves out of an object and writes as null in an array. */
const omitted = (value: unknown): boolean =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * Any value, key by key (the path for keys and values the fast copy cannot take). Values that are
 * not JSON data are treated as JSON.stringify treats them (toJSON called; undefined, functions and
 * symbols left out of objects and written as null in arrays), so the text of any value is the text
 * of the JSON it stands for.
 */
function generalCanonicalJson(value: unknown): string {
  // An integer beyond 2^53 read from the source text keeps its digits (docs/decisions/0001).
  if (value instanceof ExactInteger) return value.text;
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('RFC 8785: NaN and Infinity are not JSON');
    return JSON.stringify(value);
  }
  if (typeof value === 'object') {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return generalCanonicalJson(toJSON.call(value));
    if (Array.isArray(value)) {
      return `[${value.map((item) => (omitted(item) ? 'null' : generalCanonicalJson(item))).join(',')}]`;
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => !omitted(record[k]))
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${generalCanonicalJson(record[k])}`).join(',')}}`;
  }
  throw new TypeError(`RFC 8785: ${typeof value} is not a JSON value`);
}
