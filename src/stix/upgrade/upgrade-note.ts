/** What an upgrade from STIX 2.0 to 2.1 changed or could not carry over, for the person importing. */

/** One change worth telling: where (a JSON pointer into the input object) and what. */
export interface UpgradeNote {
  readonly path: string;
  readonly message: string;
}

/** Options of the STIX 2.0 → 2.1 upgrade. */
export interface UpgradeOptions {
  /**
   * What becomes of TLP 1.0 markings (spec 7.2.1.4): `keep` (default) keeps their ids, which STIX
   * 2.1 still defines and Accord enforces; `map` replaces them by the TLP 2.0 definitions
   * (WHITE → CLEAR, GREEN, AMBER and RED to the levels of the same name).
   */
  readonly tlp?: 'keep' | 'map';
}

/** The result of upgrading one object: the object, the SCOs taken out of its observable container, and notes. */
export interface UpgradeResult {
  readonly objects: readonly unknown[];
  readonly notes: readonly UpgradeNote[];
}
