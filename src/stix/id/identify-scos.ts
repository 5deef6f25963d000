/** Deterministic ids for a list of SCOs (what `accord stix id` prints): null where a value is not a valid SCO. */
import { kindOf } from '../common/type-names.js';
import { isRecord } from '../validate/context.js';
import { objectIssues } from '../validate/validate-object.js';
import { deterministicId } from './deterministic-id.js';

/**
 * For each value: its deterministic id (spec 2.9) computed from its properties as given, or null
 * when it is not a valid SCO of a spec-defined type (validation errors other than its own `id`),
 * or has no ID Contributing Properties to compute from (e.g. process).
 */
export function identifyScos(values: readonly unknown[]): (string | null)[] {
  return values.map((value) => {
    if (!isRecord(value) || typeof value.type !== 'string' || kindOf(value.type) !== 'sco') return null;
    const id = deterministicId(value);
    if (id === undefined) return null;
    const issues = objectIssues({ ...value, id });
    return issues.some((i) => i.severity === 'error') ? null : id;
  });
}
