/** What a conversion reports, per event and per attribute (issue 19: "a clear report"). */
import type { InteropErrorCode } from './error-codes.js';

/** One finding: `error` rejected something as invalid, `warning` left something out, `info` carried it otherwise. */
export interface ConversionIssue {
  readonly code: InteropErrorCode;
  readonly severity: 'error' | 'warning' | 'info';
  /** JSON pointer into the input document (e.g. `/response/0/Event/Attribute/4/value`). */
  readonly path: string;
  readonly message: string;
  /** The MISP attribute or object uuid concerned, when there is one. */
  readonly uuid?: string;
  /** The MISP attribute type or object name concerned. */
  readonly type?: string;
}
