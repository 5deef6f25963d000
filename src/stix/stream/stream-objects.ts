/** Streaming of large STIX documents: objects are handed on one at a time, in bounded memory. */
import { bundleSpecVersion } from '../meta/bundle.js';
import { type DocumentEvent, DocumentEvents } from './document-events.js';
import { type DuplicateKey, JsonScanner, type RefusedItem, type StreamLimits } from './json-scanner.js';

/** Options of the streaming parser: its limits, and the look-ahead budget for bundle properties after `objects`. */
export interface StreamOptions extends StreamLimits {
  /** Bytes of objects held back while a bundle's type/spec_version are not yet known (default 8 MiB). */
  readonly lookaheadBytes?: number;
}

/** One object of a streamed document. */
export interface StreamItem {
  /** The parsed object (or whatever JSON value stands in its place). */
  readonly value: unknown;
  /** JSON pointer of the object in the document (`/objects/3`, `/3`, or `` for a single object). */
  readonly path: string;
  /** The spec version for objects without spec_version: "2.0" inside a STIX 2.0 bundle, else "2.1". */
  readonly specVersion: '2.0' | '2.1';
  /** A duplicate key inside the object (JSON.parse keeps the last one; 2.3 forbids duplicates). */
  readonly duplicateKey?: DuplicateKey;
  /** The object nests deeper or is larger than the limits: it was skipped, `value` is undefined. */
  readonly refused?: RefusedItem;
}

/** Scans a byte stream into batches of document events (one batch per input chunk). */
export async function* documentBatches(
  input: AsyncIterable<Buffer | string>,
  options: StreamOptions = {},
): AsyncGenerator<DocumentEvent[]> {
  const scanner = new JsonScanner(options);
  const events = new DocumentEvents(options.lookaheadBytes);
  for await (const chunk of input) {
    const batch = events.next(scanner.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk));
    if (batch.length > 0) yield batch;
  }
  yield events.next(scanner.finish());
}

/** What one streamed document event hands on as objects (a single top-level object, or a late-typed bundle's objects). */
function* itemsOf(event: DocumentEvent): Generator<StreamItem> {
  if (event.kind === 'item') {
    if (event.refused !== undefined) {
      yield { value: undefined, path: event.path, specVersion: event.specVersion, refused: event.refused };
      return;
    }
    yield event.duplicate === undefined
      ? { value: event.value, path: event.path, specVersion: event.specVersion }
      : {
          value: event.value,
          path: event.path,
          specVersion: event.specVersion,
          duplicateKey: event.duplicate,
        };
  } else if (event.kind === 'end' && event.shape === 'object' && !event.streamedObjects) {
    const { envelope } = event;
    const duplicate = event.envelopeDuplicates[0];
    if (envelope.type !== 'bundle') {
      yield duplicate === undefined
        ? { value: envelope, path: '', specVersion: '2.1' }
        : { value: envelope, path: '', specVersion: '2.1', duplicateKey: duplicate };
    } else if (Array.isArray(envelope.objects)) {
      // A bundle whose objects list was not streamed (e.g. written before type): hand them on now.
      const version = bundleSpecVersion(envelope);
      for (const [i, value] of envelope.objects.entries())
        yield { value, path: `/objects/${i}`, specVersion: version };
    }
  }
}

/**
 * Hands on each object of a bundle's `objects`, of a top-level array, or the single top-level
 * object, one at a time; an object past the depth or size limit is handed on as `refused`.
 * Throws StixError (STIX_JSON_SYNTAX with line:column, STIX_JSON_TRUNCATED, STIX_INVALID_UTF8,
 * and STIX_TOO_DEEP or STIX_OBJECT_TOO_LARGE for the document's own structure) for input it
 * cannot read.
 */
export async function* streamObjects(
  input: AsyncIterable<Buffer | string>,
  options: StreamOptions = {},
): AsyncGenerator<StreamItem> {
  for await (const items of streamObjectBatches(input, options)) yield* items;
}

/**
 * The objects of streamObjects, in the same order, as one list per input chunk: a consumer that
 * batches anyway (import) then pays one asynchronous step per chunk instead of one per object.
 */
export async function* streamObjectBatches(
  input: AsyncIterable<Buffer | string>,
  options: StreamOptions = {},
): AsyncGenerator<StreamItem[]> {
  for await (const batch of documentBatches(input, options)) {
    const items: StreamItem[] = [];
    for (const event of batch) for (const item of itemsOf(event)) items.push(item);
    if (items.length > 0) yield items;
  }
}
