/**
 * `accord import`: streams bundles, arrays or single objects from files through the STIX
 * streaming parser, in batches (one transaction each) into a collection, as a user whose
 * organisation becomes the producer (CONTRACT.md).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { streamObjectBatches } from '../../stix/index.js';
import { type Micros, nowMicros, type Store } from '../../store/index.js';
import type { Caller } from '../accounts/caller.js';
import { CoreError } from '../errors/core-error.js';
import { usableCollection } from '../query/collection-access.js';
import { type IngestItem, ingestBatch } from './ingest-batch.js';
import { sourceOfCaller } from './source-of-caller.js';

/** What an import needs. */
export interface ImportInput {
  readonly files: readonly string[];
  readonly collectionId: string;
  readonly username: string;
  /** Objects per transaction (default 1000). */
  readonly batchSize?: number;
  /** Called after each batch with bytes read so far and the total size of the files. */
  readonly onProgress?: (progress: {
    readonly bytes: number;
    readonly totalBytes: number;
    readonly objects: number;
  }) => void;
  readonly now?: () => Micros;
}

/** One rejected object: file, JSON pointer inside it, id when known, and why. */
export interface ImportError {
  readonly file: string;
  readonly path: string;
  readonly id?: string;
  readonly message: string;
}

/** Counts of an import (CONTRACT.md `--json`: stored, rejected, errors). */
export interface ImportSummary {
  readonly stored: number;
  readonly rejected: number;
  readonly errors: readonly ImportError[];
}

const MAX_REPORTED_ERRORS = 1000;

/** The caller a username stands for (import runs locally, as that user). */
export async function callerOf(store: Store, username: string): Promise<Caller> {
  const user = await store.getUser(username);
  if (!user) throw new CoreError('CORE_NOT_FOUND', `no user ${username}`);
  const org = await store.getOrganization(user.orgId);
  if (!org) throw new CoreError('CORE_NOT_FOUND', `no organisation ${user.orgId}`);
  return { username, orgId: org.id, identityId: org.identityId, role: user.role };
}

/** Imports files into a collection; rejected objects are counted and reported, never fatal. */
export async function importFiles(store: Store, input: ImportInput): Promise<ImportSummary> {
  const caller = await callerOf(store, input.username);
  await usableCollection(store, caller, input.collectionId, { write: true });
  const now = input.now ?? nowMicros;
  const batchSize = input.batchSize ?? 1000;
  const source = await sourceOfCaller(store, caller);
  const sizes = await Promise.all(input.files.map((f) => stat(f).then((s) => s.size)));
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  let bytes = 0;
  let objects = 0;
  let stored = 0;
  let rejected = 0;
  const errors: ImportError[] = [];
  for (const file of input.files) {
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    let batch: IngestItem[] = [];
    const flush = async () => {
      const report = await ingestBatch(store, input.collectionId, batch, source, now);
      stored += report.successes.length;
      rejected += report.failures.length;
      for (const f of report.failures) {
        if (errors.length < MAX_REPORTED_ERRORS) {
          errors.push({ file, path: f.path, ...(f.id ? { id: f.id } : {}), message: f.message });
        }
      }
      objects += batch.length;
      batch = [];
      input.onProgress?.({ bytes, totalBytes, objects });
    };
    // One asynchronous step per chunk read, not per object.
    for await (const items of streamObjectBatches(createReadStream(file).pipe(counter))) {
      for (const item of items) {
        batch.push({
          value: item.value,
          path: item.path,
          specVersion: item.specVersion,
          ...(item.duplicateKey ? { duplicateKey: item.duplicateKey } : {}),
        });
        if (batch.length >= batchSize) await flush();
      }
    }
    if (batch.length > 0) await flush();
  }
  return { stored, rejected, errors };
}
