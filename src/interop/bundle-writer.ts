/**
 * A STIX 2.1 bundle written as a stream (`accord export --format stix`): objects come from an
 * async iterable (the store's pages) and leave one at a time, so memory stays bounded by the
 * largest object whatever the bundle's size. 2.1 bundles carry no spec_version (8.1).
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Options of the bundle writer. */
export interface BundleOptions {
  /** The bundle id (default: a new `bundle--<UUIDv4>`; a bundle's id is not persistent, 8.1). */
  readonly id?: string;
}

/** The text of a bundle, chunk by chunk: the header, one chunk per object, the end. */
export async function* bundleChunks(
  objects: AsyncIterable<unknown> | Iterable<unknown>,
  options: BundleOptions = {},
): AsyncGenerator<string> {
  const id = options.id ?? `bundle--${randomUUID()}`;
  yield `{"type":"bundle","id":${JSON.stringify(id)},"objects":[`;
  let first = true;
  for await (const object of objects) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(object)}`;
    first = false;
  }
  yield `${first ? '' : '\n'}]}\n`;
}

/** Writes a bundle to `out`, waiting for it to drain when its buffer is full; returns the object count. */
export async function writeBundle(
  objects: AsyncIterable<unknown> | Iterable<unknown>,
  out: Writable,
  options: BundleOptions = {},
): Promise<{ readonly objects: number }> {
  let count = -2; // the header and the end are chunks too
  for await (const chunk of bundleChunks(objects, options)) {
    count++;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  return { objects: count };
}
