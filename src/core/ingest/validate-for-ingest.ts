/** Validation of one incoming object before it is stored, with the options every path shares. */
import { type ValidatedObject, validateObject } from '../../stix/index.js';
import { STIX_VALIDATION } from './stix-validation.js';

/** Outcome of validating one object before storing it. */
export type IngestCheck =
  | { readonly ok: true; readonly object: ValidatedObject }
  | { readonly ok: false; readonly message: string };

const MAX_MESSAGE = 2000;

/**
 * Validates one value as `accord validate` does (STIX_VALIDATION; the enclosing bundle's spec
 * version for objects that state none): errors (MUST rules) reject it, warnings do not.
 */
export function validateForIngest(
  value: unknown,
  basePath: string,
  defaultSpecVersion: '2.0' | '2.1' = '2.1',
): IngestCheck {
  const result = validateObject(value, STIX_VALIDATION, basePath, defaultSpecVersion);
  if (result.ok) return { ok: true, object: result.value };
  const errors = result.issues.filter((i) => i.severity === 'error');
  const message = errors.map((i) => `${i.path || '/'}: ${i.message}`).join('; ');
  return { ok: false, message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message };
}
