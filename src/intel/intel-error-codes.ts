/** Stable codes of IntelError and intel/ issues (docs/reference/errors-intel.md lists them; a test keeps both equal). */
export const INTEL_ERROR_CODES = {
  INTEL_BAD_ID: 'not a STIX identifier of the expected type',
  INTEL_BAD_IDENTITY: 'not an identity id (identity--UUID) of an organisation',
  INTEL_BAD_TIMESTAMP: 'not a UTC STIX timestamp (spec 2.16)',
  INTEL_UNKNOWN_OBJECT: 'no object with that id is visible to the caller (hidden objects count as absent)',
  INTEL_BAD_CONFIDENCE: 'confidence must be a whole number from 0 to 100 (spec 3.2)',
  INTEL_BAD_EVIDENCE: 'evidence must name reports, indicators, sightings or techniques (attack-pattern)',
  INTEL_BAD_MARKING: 'a marking must be a marking-definition id',
  INTEL_NOT_A_CLAIM:
    'the object is not an attribution claim (an attributed-to relationship with a confidence)',
  INTEL_BAD_TEXT: 'a title, body or explanation is empty, too long or not text',
  INTEL_BAD_TLP: 'the TLP of an advisory must be clear, green or amber',
  INTEL_DRAFTER_NOT_COSIGNER: 'the co-signers of an advisory must include the drafting organisation',
  INTEL_RELEASE_IN_PAST: 'the release time of an advisory must be later than now',
  INTEL_NOT_AN_ADVISORY: 'the object is not a joint advisory (a report with the Accord advisory extension)',
  INTEL_ADVISORY_REVOKED: 'the advisory is revoked: it can no longer be changed or signed',
  INTEL_NOT_A_COSIGNER: "only the advisory's co-signers may sign it",
  INTEL_SIGNATURE_TOO_LATE: 'a signature counts only when made before the release time',
  INTEL_ADVISORY_MISMATCH: "the advisory's embargo marking does not carry its release time and co-signers",
  INTEL_TOO_MANY: 'more references, co-signers or evidence than the limit allows',
  INTEL_DISPUTE_WIDER: 'the dispute is visible more widely than the claim it names (a warning)',
  INTEL_PDF_UNAVAILABLE: 'the PDF renderer (headless Chromium) is not installed or did not start',
  INTEL_EXPORT_FAILED: 'the export could not be rendered',
} as const;

/** A code of INTEL_ERROR_CODES. */
export type IntelErrorCode = keyof typeof INTEL_ERROR_CODES;
