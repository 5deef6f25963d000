/** Validation of one incoming object with src/stix (and the pattern engine's full check). */
import { checkPattern } from '../../pattern/index.js';
import { validateObject } from '../../stix/index.js';

/** Outcome of validating one object before storing it. */
export type IngestCheck =
  | { readonly ok: true; readonly object: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly message: string };

const MAX_MESSAGE = 2000;

/** Validates one value; errors (MUST rules) reject it, warnings do not (STIX 2.1 conformance). */
export function validateForIngest(
  value: unknown,
  basePath: string,
  defaultSpecVersion: '2.0' | '2.1' = '2.1',
): IngestCheck {
  const result = validateObject(value, { patternCheck: checkPattern, basePath, defaultSpecVersion });
  if (result.ok) return { ok: true, object: result.value };
  const errors = result.issues.filter((i) => i.severity === 'error');
  const message = errors.map((i) => `${i.path || '/'}: ${i.message}`).join('; ');
  return { ok: false, message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message };
}
