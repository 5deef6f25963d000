/** TAXII 2.1 timestamps (section 2): RFC 3339, UTC `Z`, exactly microsecond precision on output. */

/** Microseconds since the Unix epoch. */
type Micros = number;

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

/** Formats µs since the epoch as `YYYY-MM-DDTHH:MM:SS.ssssssZ`. */
export function formatTaxiiTimestamp(micros: Micros): string {
  const ms = Math.floor(micros / 1000);
  const sub = String(micros - ms * 1000).padStart(3, '0');
  return `${new Date(ms).toISOString().slice(0, 23)}${sub}Z`;
}

/**
 * Parses a timestamp a client sends (`added_after`, section 3.4) to µs; any fractional precision
 * up to nanoseconds is accepted (digits past the sixth are dropped). Undefined when malformed.
 */
export function parseTaxiiTimestamp(text: string): Micros | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) return undefined;
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return undefined;
  const fraction = (m[7] ?? '').slice(0, 6).padEnd(6, '0');
  return Date.UTC(y, mo - 1, d, h, mi, s) * 1000 + Number(fraction);
}
