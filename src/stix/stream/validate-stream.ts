/** Validation of a streamed document: per-object results in input order, in bounded memory. */
import { bundleIssues, bundleObjectsIssues, bundleSpecVersion } from '../meta/bundle.js';
import { isRecord } from '../validate/context.js';
import { DocumentVersions } from '../validate/document-versions.js';
import type { Issue, ObjectResult, ValidateOptions } from '../validate/issue.js';
import { toObjectResult } from '../validate/validate-document.js';
import { objectIssues } from '../validate/validate-object.js';
import type { DocumentEvent } from './document-events.js';
import type { DuplicateKey } from './json-scanner.js';
import { documentBatches, type StreamOptions } from './stream-objects.js';

function duplicateIssue(d: DuplicateKey): Issue {
  return {
    code: 'STIX_DUPLICATE_KEY',
    severity: 'error',
    path: d.pointer,
    message: `the key ${d.key} appears twice in this object (${d.where}); keys must be unique`,
    section: '2.3',
  };
}

const sameIssue = (a: Issue, b: Issue): boolean =>
  a.code === b.code && a.path === b.path && a.message === b.message;

const withoutObjects = (envelope: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> => {
  const { objects: _objects, ...rest } = envelope;
  return rest;
};

/** Validates document events one by one, keeping what the bundle's results need between batches. */
class StreamValidator {
  private reported: readonly Issue[] | undefined;
  private items = 0;
  private readonly versions = new DocumentVersions();

  /** The object's issues, and the warning when an earlier object had its id and modified (3.6). */
  private withVersion(value: unknown, path: string, issues: readonly Issue[]): readonly Issue[] {
    const duplicate = this.versions.issue(value, path);
    return duplicate === undefined ? issues : [...issues, duplicate];
  }

  constructor(private readonly options: ValidateOptions) {}

  /** The results of one batch of document events, in order. */
  results(batch: readonly DocumentEvent[]): ObjectResult[] {
    const out: ObjectResult[] = [];
    for (const event of batch) this.event(event, out);
    return out;
  }

  private event(event: DocumentEvent, out: ObjectResult[]): void {
    const options = this.options;
    if (event.kind === 'bundle') {
      this.reported = event.provisional ? [] : bundleIssues(event.envelope, options);
      out.push(toObjectResult(event.envelope, this.reported));
    } else if (event.kind === 'item') {
      this.items++;
      if (event.refused !== undefined) {
        const { code, message } = event.refused;
        out.push(
          toObjectResult(undefined, [{ code, severity: 'error', path: event.path, message, section: '' }]),
        );
        return;
      }
      const issues = this.withVersion(
        event.value,
        event.path,
        objectIssues(event.value, options, event.path, event.specVersion),
      );
      out.push(
        toObjectResult(event.value, event.duplicate ? [duplicateIssue(event.duplicate), ...issues] : issues),
      );
    } else if (event.shape === 'object') {
      const { envelope } = event;
      const duplicates = event.envelopeDuplicates.map(duplicateIssue);
      if (event.streamedObjects) {
        const all = [
          ...duplicates,
          ...bundleIssues(envelope, options),
          ...bundleObjectsIssues(this.items === 0 ? [] : [0], ''),
        ];
        if (envelope.type !== 'bundle') {
          all.push({
            code: 'STIX_BUNDLE',
            severity: 'error',
            path: '/type',
            message: 'an objects list was found on an object that is not a bundle',
            section: '8.1',
          });
        }
        const fresh = all.filter((i) => !(this.reported ?? []).some((r) => sameIssue(r, i)));
        if (fresh.length > 0) out.push(toObjectResult(envelope, fresh));
      } else if (envelope.type === 'bundle') {
        out.push(
          toObjectResult(envelope, [
            ...duplicates,
            ...bundleIssues(withoutObjects(envelope), options),
            ...bundleObjectsIssues(envelope.objects, ''),
          ]),
        );
        if (Array.isArray(envelope.objects)) {
          const version = bundleSpecVersion(envelope);
          for (const [i, value] of envelope.objects.entries()) {
            const path = `/objects/${i}`;
            const issues = objectIssues(value, options, path, version);
            out.push(toObjectResult(value, this.withVersion(value, path, issues)));
          }
        }
      } else {
        out.push(
          toObjectResult(envelope, [
            ...duplicates,
            ...objectIssues(isRecord(envelope) ? envelope : {}, options),
          ]),
        );
      }
    }
  }
}

/**
 * Validates a document read from a byte stream, yielding the results of each input chunk as one
 * batch (the fast path for large inputs); see validateStream for the order of results.
 */
export async function* validateStreamBatches(
  input: AsyncIterable<Buffer | string>,
  options: ValidateOptions & StreamOptions = {},
): AsyncGenerator<ObjectResult[]> {
  const validator = new StreamValidator(options);
  for await (const batch of documentBatches(input, options)) {
    const results = validator.results(batch);
    if (results.length > 0) yield results;
  }
}

/**
 * Validates a document read from a byte stream, yielding one result per object in input order, a
 * bundle's own result first. Bundle properties the stream only reveals after a long `objects`
 * list are checked at the end and, if they add issues, reported in a second bundle result.
 * Throws StixError for input that is not readable JSON or exceeds the limits.
 */
export async function* validateStream(
  input: AsyncIterable<Buffer | string>,
  options: ValidateOptions & StreamOptions = {},
): AsyncGenerator<ObjectResult> {
  for await (const batch of validateStreamBatches(input, options)) yield* batch;
}
