/** Validation of a streamed document: per-object results in input order, in bounded memory. */
import { bundleIssues, bundleObjectsIssues, bundleSpecVersion } from '../meta/bundle.js';
import { isRecord } from '../validate/context.js';
import type { Issue, ObjectResult, ValidateOptions } from '../validate/issue.js';
import { toObjectResult } from '../validate/validate-document.js';
import { objectIssues } from '../validate/validate-object.js';
import { documentEvents } from './document-events.js';
import type { DuplicateKey } from './json-scanner.js';
import { type StreamOptions, scanDocument } from './stream-objects.js';

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
  let reported: readonly Issue[] | undefined;
  let items = 0;
  for await (const event of documentEvents(scanDocument(input, options), options.lookaheadBytes)) {
    if (event.kind === 'bundle') {
      reported = event.provisional ? [] : bundleIssues(event.envelope, options);
      yield toObjectResult(event.envelope, reported);
    } else if (event.kind === 'item') {
      items++;
      const issues = objectIssues(event.value, {
        ...options,
        basePath: event.path,
        defaultSpecVersion: event.specVersion,
      });
      yield toObjectResult(
        event.value,
        event.duplicate ? [duplicateIssue(event.duplicate), ...issues] : issues,
      );
    } else if (event.shape === 'object') {
      const { envelope } = event;
      const duplicates = event.envelopeDuplicates.map(duplicateIssue);
      if (event.streamedObjects) {
        const all = [
          ...duplicates,
          ...bundleIssues(envelope, options),
          ...bundleObjectsIssues(items === 0 ? [] : [0], ''),
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
        const fresh = all.filter((i) => !(reported ?? []).some((r) => sameIssue(r, i)));
        if (fresh.length > 0) yield toObjectResult(envelope, fresh);
      } else if (envelope.type === 'bundle') {
        yield toObjectResult(envelope, [
          ...duplicates,
          ...bundleIssues(withoutObjects(envelope), options),
          ...bundleObjectsIssues(envelope.objects, ''),
        ]);
        if (Array.isArray(envelope.objects)) {
          const version = bundleSpecVersion(envelope);
          for (const [i, value] of envelope.objects.entries()) {
            yield toObjectResult(
              value,
              objectIssues(value, { ...options, basePath: `/objects/${i}`, defaultSpecVersion: version }),
            );
          }
        }
      } else {
        yield toObjectResult(envelope, [
          ...duplicates,
          ...objectIssues(isRecord(envelope) ? envelope : {}, options),
        ]);
      }
    }
  }
}
