/** RFC 8785 JSON Canonicalization Scheme (JCS), used for deterministic SCO ids (spec 2.9). */

/**
 * Serialises a JSON value canonically: object keys sorted by UTF-16 code units, no whitespace,
 * ECMAScript number and string serialisation (which RFC 8785 adopts).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('RFC 8785: NaN and Infinity are not JSON');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, exactly as RFC 8785 3.2.3 requires.
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  throw new TypeError(`RFC 8785: ${typeof value} is not a JSON value`);
}
