/**
 * The one way this node judges STIX content: `accord validate`, import, TAXII POST and federation
 * pull all validate objects with these options, so a file's verdict does not depend on the
 * command that reads it (an object `validate` rejects is never stored, and the reverse).
 */
import { checkPattern } from '../../pattern/index.js';
import { type ObjectResult, type ValidateOptions, validateStreamBatches } from '../../stix/index.js';

/** The validation options of every path: the pattern engine's full check for `pattern_type: "stix"`. */
export const STIX_VALIDATION: ValidateOptions = { patternCheck: checkPattern };

/** Validates a document read from a byte stream with STIX_VALIDATION (what `accord validate` prints). */
export function validateStixStream(input: AsyncIterable<Buffer | string>): AsyncGenerator<ObjectResult[]> {
  return validateStreamBatches(input, STIX_VALIDATION);
}
