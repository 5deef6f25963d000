/**
 * Limits on untrusted STIX content (DESIGN.md "Untrusted input"): every byte from a file, a
 * peer or an HTTP client is bounded before it costs the node time or memory. The defaults
 * leave room for the largest real objects (docs/reference/limits.md gives the measurements).
 */

/** Limits on one document and the objects in it; each has a documented default. */
export interface InputLimits {
  /** Nesting depth of a whole document: an envelope or bundle is 1, its `objects` list 2, an object 3. */
  readonly maxDepth: number;
  /** Size of one object as compact JSON, in bytes. */
  readonly maxObjectBytes: number;
  /** Members of any one JSON object inside an object: its properties, or a dictionary's keys. */
  readonly maxProperties: number;
  /** Values in one object at every level (properties, dictionary entries, list items). */
  readonly maxValues: number;
  /** Keys (object members) in one document read whole: a TAXII envelope POSTed or pulled. */
  readonly maxDocumentKeys: number;
}

/**
 * The defaults. The largest object of MITRE ATT&CK for ICS 18.1 (its x-mitre-collection) is
 * 209 KB with 5,486 values, Enterprise ATT&CK's about twelve times that; no ATT&CK object has
 * more than 22 properties in one JSON object; a report naming 50,000 objects is about 3 MB and
 * 50,000 values.
 */
export const DEFAULT_INPUT_LIMITS: InputLimits = Object.freeze({
  maxDepth: 100,
  maxObjectBytes: 8 * 1024 * 1024,
  maxProperties: 1000,
  maxValues: 200_000,
  maxDocumentKeys: 1_000_000,
});

/** The defaults with the given limits replaced. */
export function inputLimits(overrides: Partial<InputLimits> = {}): InputLimits {
  const limits = { ...DEFAULT_INPUT_LIMITS };
  for (const [key, value] of Object.entries(overrides) as [keyof InputLimits, number | undefined][]) {
    if (value !== undefined) limits[key] = value;
  }
  return Object.freeze(limits);
}
