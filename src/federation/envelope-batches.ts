/** Splits objects into TAXII envelopes that fit the peer's `max_content_length` (TAXII 2.1 section 4.2.1). */
import type { TaxiiObject } from '../taxii/client/index.js';

/** Bytes of `{"objects":[]}`, the envelope around the objects. */
const ENVELOPE_BYTES = 14;

/**
 * Groups objects, in order, into envelopes of at most `maxCount` objects whose JSON size stays
 * within `maxBytes` (at least 1 KiB is assumed). An object too big on its own travels alone, so
 * the peer's 413 reports it rather than the object being dropped silently.
 */
export function envelopeBatches(
  objects: readonly TaxiiObject[],
  maxBytes: number,
  maxCount: number,
): TaxiiObject[][] {
  const budget = Math.max(1024, maxBytes > 0 ? maxBytes : Number.POSITIVE_INFINITY);
  const out: TaxiiObject[][] = [];
  let current: TaxiiObject[] = [];
  let size = ENVELOPE_BYTES;
  for (const o of objects) {
    const bytes = Buffer.byteLength(JSON.stringify(o)) + 1; // the comma
    if (current.length > 0 && (size + bytes > budget || current.length >= maxCount)) {
      out.push(current);
      current = [];
      size = ENVELOPE_BYTES;
    }
    current.push(o);
    size += bytes;
  }
  if (current.length > 0) out.push(current);
  return out;
}
