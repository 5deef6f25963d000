/**
 * The per-line logic of the JSONL commands of CONTRACT.md "Patterning" on already-parsed JSON:
 * every input, however malformed, gives one output object and never an exception. The CLI's
 * line formats live here, beside the commands; pattern/ keeps only the library API.
 */
import {
  evaluatePattern,
  PatternError,
  type PatternInput,
  type PatternLimits,
  type SpecVersion,
  validatePattern,
} from '../pattern/index.js';

type Json = { readonly [key: string]: unknown };
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function specVersionOf(line: Json): SpecVersion | string {
  const v = line.spec_version;
  if (v === undefined) return '2.1';
  return v === '2.0' || v === '2.1' ? v : `spec_version must be "2.0" or "2.1", not ${JSON.stringify(v)}`;
}

/** Reads a pattern line: `{"pattern", "spec_version"?}` or a STIX indicator; a string is the reason it is unusable. */
export function readPatternLine(line: unknown): PatternInput | string {
  if (!isObject(line)) return 'line must be a JSON object with a "pattern" string';
  if (typeof line.pattern !== 'string') return 'line has no "pattern" string';
  if (line.type === 'indicator' && line.pattern_type !== undefined && line.pattern_type !== 'stix')
    return `pattern_type ${JSON.stringify(line.pattern_type)} is not "stix"`;
  const specVersion = specVersionOf(line);
  if (specVersion !== '2.0' && specVersion !== '2.1') return specVersion;
  return { pattern: line.pattern, specVersion };
}

const describe = (err: unknown): string =>
  err instanceof PatternError
    ? err.message
    : `internal error: ${err instanceof Error ? err.message : String(err)}`;

/** `accord pattern validate`: `{"valid": true}` or `{"valid": false, "error"}`; with `withWarnings`, a `warnings` list when there are any. */
export function validateCase(line: unknown, withWarnings = false): Json {
  const input = readPatternLine(line);
  if (typeof input === 'string') return { valid: false, error: input };
  try {
    const result = validatePattern(input.pattern, { specVersion: input.specVersion ?? '2.1' });
    const warnings = result.issues
      .filter((i) => i.severity === 'warning')
      .map((i) => `${i.line}:${i.column}: ${i.message}`);
    if (result.ok) return withWarnings && warnings.length ? { valid: true, warnings } : { valid: true };
    const error = result.issues.find((i) => i.severity === 'error');
    return {
      valid: false,
      error: error ? `${error.line}:${error.column}: ${error.message}` : 'invalid pattern',
    };
  } catch (err) {
    return { valid: false, error: describe(err) };
  }
}

/** `accord pattern eval`: `{"matched": bool}` or `{"error"}` when the pattern or the observations are unusable. */
export function evalCase(line: unknown, limits?: Partial<PatternLimits>): Json {
  const input = readPatternLine(line);
  if (typeof input === 'string') return { error: input };
  const observations = (line as Json).observations;
  if (!Array.isArray(observations)) return { error: 'line has no "observations" array' };
  try {
    const options = { specVersion: input.specVersion ?? '2.1', ...(limits ? { limits } : {}) };
    return { matched: evaluatePattern(input.pattern, observations, options) };
  } catch (err) {
    return { error: describe(err) };
  }
}

/** Reads one match-set event: an array (observed-data + SCOs, 2.1) or one observed-data (2.0). */
export function readEventLine(
  line: unknown,
): { objects: unknown[]; id: string | null; observedData: Json } | string {
  const objects = Array.isArray(line) ? line : isObject(line) ? [line] : undefined;
  if (!objects) return 'event must be a JSON array of STIX objects or one observed-data object';
  const od = objects.find((o) => isObject(o) && o.type === 'observed-data') as Json | undefined;
  if (!od) return 'event holds no observed-data object';
  return { objects, id: typeof od.id === 'string' ? od.id : null, observedData: od };
}
