/**
 * Reading fields of untrusted MISP JSON: MISP writes numbers and flags as strings or as JSON
 * numbers and booleans depending on version and endpoint (`"timestamp": "1539201501"`,
 * `"to_ids": false`, `"published": "1"`), so every field is read leniently but checked.
 */

/** A JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON objects of a list (what else it holds is skipped); none when `value` is not a list. */
export function objectsIn(value: unknown): Readonly<Record<string, unknown>>[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

/** A string field, or undefined (numbers are written as their decimal text). */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A non-negative integer field written as a number or decimal text, or undefined. */
export function integer(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

/** A flag written as a boolean, 0/1 or "0"/"1"/"true"/"false"; undefined when absent or unreadable. */
export function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true' || value === 'True') return true;
  if (value === 0 || value === '0' || value === 'false' || value === 'False') return false;
  return undefined;
}

/** The array field, or [] when absent or not an array. */
export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A UUID in lower case (MISP writes them lower case; some tools upper), or undefined. */
export function uuid(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.trim().toLowerCase();
  return UUID.test(lower) ? lower : undefined;
}

/** JSON pointer of `token` under `path` (RFC 6901 escaping). */
export function at(path: string, token: string | number): string {
  return `${path}/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
