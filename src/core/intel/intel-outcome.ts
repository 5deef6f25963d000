/** From intel/'s issues to core's errors, and storing what a builder made as the caller. */
import type { IntelIssue, IntelResult } from '../../intel/index.js';
import type { Caller } from '../accounts/caller.js';
import { CoreError } from '../errors/core-error.js';
import { ingestBatch } from '../ingest/ingest-batch.js';
import { sourceOfCaller } from '../ingest/source-of-caller.js';
import type { NodeServices } from '../node/node-services.js';

/** A built value with the warnings its builder gave. */
export interface Built<T> {
  readonly value: T;
  readonly warnings: readonly string[];
}

const line = (i: IntelIssue) => `${i.path}: ${i.message}`;

/** The value of a builder's result; its errors, all of them, as one CORE_INVALID (exit 1). */
export function builtOrInvalid<T>(result: IntelResult<T>): Built<T> {
  if (!result.ok) {
    const errors = result.issues.filter((i) => i.severity === 'error').map(line);
    throw new CoreError('CORE_INVALID', errors.join('; '));
  }
  return { value: result.value, warnings: result.issues.filter((i) => i.severity === 'warning').map(line) };
}

/**
 * Stores objects in a collection as the caller (one transaction, through ingest: validation,
 * provenance, ownership, markings): all of them, or CORE_INVALID with every failure.
 */
export async function storeAsCaller(
  node: NodeServices,
  caller: Caller,
  collectionId: string,
  objects: readonly Readonly<Record<string, unknown>>[],
): Promise<void> {
  const items = objects.map((value, i) => ({ value, path: `/${i}` }));
  const report = await ingestBatch(node, collectionId, items, await sourceOfCaller(node.store, caller));
  if (report.failures.length > 0) {
    throw new CoreError(
      'CORE_INVALID',
      report.failures.map((f) => `${f.id || f.path}: ${f.message}`).join('; '),
    );
  }
}
