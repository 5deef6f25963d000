/** Issues and results of STIX validation (STYLE.md: report issues, never throw on the first one). */
import type { ValidatedObject } from '../common/stix-object.js';
import type { StixErrorCode } from '../errors/catalog.js';
import type { InputLimits } from '../limits/input-limits.js';

/** One problem found in STIX content: an error (a spec MUST) or a warning (SHOULD, open vocabulary). */
export interface Issue {
  readonly code: StixErrorCode;
  readonly severity: 'error' | 'warning';
  /** JSON pointer into the input (e.g. `/objects/3/created`). */
  readonly path: string;
  /** What is wrong, in words a person can act on. */
  readonly message: string;
  /** The STIX 2.1 spec section that states the rule ('' for Accord's own input limits). */
  readonly section: string;
}

/** The result of validating one value: ok with its warnings, or not ok with every issue found. */
export type ValidationResult<T = ValidatedObject> =
  | { readonly ok: true; readonly value: T; readonly issues: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/** Options of validateObject / validateDocument. */
export interface ValidateOptions {
  /**
   * Full pattern check for `pattern_type: "stix"` (the pattern engine's `checkPattern`): returns an
   * error message, or undefined when the pattern is valid. Without it, only balanced syntax is checked.
   */
  readonly patternCheck?: (pattern: string, specVersion: '2.0' | '2.1') => string | undefined;
  /** Spec version assumed for objects without `spec_version` (e.g. from the enclosing bundle); default 2.1. */
  readonly defaultSpecVersion?: '2.0' | '2.1';
  /** JSON pointer of the value inside the input (prefix of every issue path); default ''. */
  readonly basePath?: string;
  /** Report Appendix B relationship-table mismatches as warnings (default true). */
  readonly relationshipTable?: boolean;
  /** Size limits each object is checked against first (default DEFAULT_INPUT_LIMITS). */
  readonly limits?: InputLimits;
}

/** The per-object result of validateDocument, in the shape of `accord validate --json` (CONTRACT.md). */
export interface ObjectResult {
  readonly id: string | null;
  readonly valid: boolean;
  readonly errors: readonly Issue[];
  readonly warnings: readonly Issue[];
}

/** The result of validateDocument: one result per object in input order (a bundle's own result first). */
export interface DocumentResult {
  readonly valid: boolean;
  readonly results: readonly ObjectResult[];
}
