/**
 * Typed reads of a record's fields. A field is absent (undefined) or of the expected type; any
 * other value rejects the line with a reason naming the field. Paths `a.b.c` find nested objects
 * and dotted keys alike (ECS allows both).
 */
import { ipFamily } from '../model/ip-family.js';
import { BIG_INTEGER_MARK, type JsonRecord } from './json-line.js';
import { wrongField } from './record-rejection.js';

/** A field path, split once. */
export interface FieldPath {
  readonly name: string;
  readonly parts: readonly string[];
}

/** Splits `name` at dots. */
export function fieldPath(name: string): FieldPath {
  return { name, parts: name.split('.') };
}

function lookup(value: unknown, parts: readonly string[], i: number): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const o = value as JsonRecord;
  let key = '';
  for (let j = i; j < parts.length; j++) {
    key = j === i ? (parts[j] as string) : `${key}.${parts[j]}`;
    if (!Object.hasOwn(o, key)) continue;
    const found = j === parts.length - 1 ? o[key] : lookup(o[key], parts, j + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The raw value at `path` (undefined when absent or JSON null). */
export function field(record: JsonRecord, path: FieldPath): unknown {
  const v = path.parts.length === 1 ? record[path.name] : lookup(record, path.parts, 0);
  return v === null ? undefined : v;
}

/** A string field; empty strings count as absent. */
export function str(record: JsonRecord, path: FieldPath): string | undefined {
  const v = field(record, path);
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.startsWith(BIG_INTEGER_MARK)) return wrongField(path.name, 'a string', v);
  return v === '' ? undefined : v;
}

/** A non-negative integer (number, numeric string, or an exact big integer as BigInt). */
export function count(record: JsonRecord, path: FieldPath): number | bigint | undefined {
  return countValue(path.name, field(record, path));
}

/** Reads a non-negative integer from a JSON value or text (TSV). */
export function countValue(name: string, v: unknown): number | bigint | undefined {
  if (v === undefined || v === '') return undefined;
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v) && v >= 0) return v;
    return wrongField(name, 'a non-negative integer', v);
  }
  if (typeof v === 'string') {
    const digits = v.startsWith(BIG_INTEGER_MARK) ? v.slice(BIG_INTEGER_MARK.length) : v;
    if (/^\d{1,20}$/.test(digits)) {
      const n = Number(digits);
      return Number.isSafeInteger(n) ? n : BigInt(digits);
    }
  }
  return wrongField(name, 'a non-negative integer', v);
}

/** A port number 0–65535. */
export function portValue(name: string, v: unknown): number | undefined {
  const n = countValue(name, v);
  if (n === undefined) return undefined;
  if (typeof n !== 'number' || n > 65535) return wrongField(name, 'a port number (0-65535)', v);
  return n;
}

/** An IPv4 or IPv6 address (IPv6 in lower case), or a rejection naming the field. */
export function ipValue(name: string, v: unknown): string | undefined {
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') return wrongField(name, 'an IP address', v);
  const family = ipFamily(v);
  if (family === 4) return v;
  if (family === 6) return v.toLowerCase();
  return wrongField(name, 'an IP address', v);
}

/** A string or a list of strings, as a list. */
export function strList(record: JsonRecord, path: FieldPath): string[] {
  const v = field(record, path);
  if (v === undefined) return [];
  if (typeof v === 'string') return v === '' ? [] : [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.filter((x) => x !== '');
  return wrongField(path.name, 'a string or a list of strings', v);
}
