/** Validation of a whole document held in memory: one object, a bundle, or an array of objects. */
import { bundleIssues, bundleObjectsIssues, bundleSpecVersion, isBundle } from '../meta/bundle.js';
import { isRecord, pointer } from './context.js';
import { DocumentVersions } from './document-versions.js';
import type { DocumentResult, Issue, ObjectResult, ValidateOptions } from './issue.js';
import { objectIssues } from './validate-object.js';

/** Turns one object's issues into its `validate --json` result (CONTRACT.md). */
export function toObjectResult(value: unknown, issues: readonly Issue[]): ObjectResult {
  const id = isRecord(value) && typeof value.id === 'string' ? value.id : null;
  if (issues.length === 0) return { id, valid: true, errors: NONE, warnings: NONE };
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  for (const issue of issues) (issue.severity === 'error' ? errors : warnings).push(issue);
  return { id, valid: errors.length === 0, errors, warnings };
}

const NONE: readonly Issue[] = Object.freeze([]);

/**
 * Validates an object, a bundle or an array of objects; returns one result per object in input
 * order, a bundle's own result first. Paths are JSON pointers into the document.
 */
export function validateDocument(value: unknown, options: ValidateOptions = {}): DocumentResult {
  const base = options.basePath ?? '';
  const results: ObjectResult[] = [];
  const versions = new DocumentVersions();
  const withVersion = (item: unknown, path: string, issues: readonly Issue[]): readonly Issue[] => {
    const duplicate = versions.issue(item, path);
    return duplicate === undefined ? issues : [...issues, duplicate];
  };
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const basePath = pointer(base, i);
      results.push(toObjectResult(item, withVersion(item, basePath, objectIssues(item, options, basePath))));
    });
  } else if (isBundle(value)) {
    const { objects, ...envelope } = value;
    results.push(
      toObjectResult(value, [...bundleIssues(envelope, options), ...bundleObjectsIssues(objects, base)]),
    );
    if (Array.isArray(objects)) {
      const defaultSpecVersion = bundleSpecVersion(envelope);
      objects.forEach((item, i) => {
        const basePath = pointer(pointer(base, 'objects'), i);
        const issues = objectIssues(item, options, basePath, defaultSpecVersion);
        results.push(toObjectResult(item, withVersion(item, basePath, issues)));
      });
    }
  } else if (isRecord(value)) {
    results.push(toObjectResult(value, objectIssues(value, options)));
  } else {
    const issue: Issue = {
      code: 'STIX_NOT_STIX_CONTENT',
      severity: 'error',
      path: base,
      message: 'expected a STIX object, a bundle, or a JSON array of objects',
      section: '8',
    };
    results.push(toObjectResult(value, [issue]));
  }
  return { valid: results.every((r) => r.valid), results };
}
