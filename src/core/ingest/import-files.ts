/**
 * `accord import` (CONTRACT.md "Node administration" and "Operations"): bundles, arrays or
 * single objects from files, directories or stdin, validated and stored in batches (one
 * transaction each) into a collection, as a user whose organisation becomes the producer.
 * Each file is all or nothing when it is broken (import-file.ts); invalid objects are
 * rejected one by one and reported, never fatal.
 */
import type { Readable } from 'node:stream';
import type { PolicyContexts } from '../../policy/index.js';
import type { Micros, StreamItem } from '../../stix/index.js';
import type { Store } from '../../store/index.js';
import type { Caller } from '../accounts/caller.js';
import { CoreError } from '../errors/core-error.js';
import { type NodeServices, nodeServices } from '../node/node-services.js';
import { usableCollection } from '../query/collection-access.js';
import { type Deliver, importFile } from './import-file.js';
import { type ImportFailure, resolveSources } from './import-sources.js';
import { type IngestItem, type IngestSource, ingestBatch } from './ingest-batch.js';
import { sourceOfCaller } from './source-of-caller.js';

/** What an import needs. */
export interface ImportInput {
  /** Files, directories (their `.json` files) or `-` (stdin). */
  readonly files: readonly string[];
  readonly collectionId: string;
  readonly username: string;
  /** Where `-` reads from. */
  readonly stdin?: Readable;
  /** Objects per transaction (default 1000). */
  readonly batchSize?: number;
  /** Bytes of a file kept in memory between its check and its storing (default 32 MiB). */
  readonly holdBytes?: number;
  /** Called as files are read and batches stored, with bytes read and the total size of the files. */
  readonly onProgress?: (progress: {
    readonly bytes: number;
    readonly totalBytes: number;
    readonly objects: number;
  }) => void;
  /** The node's policy contexts, when the caller keeps them (default: new ones for this import). */
  readonly policy?: PolicyContexts;
  readonly now?: () => Micros;
}

/** One rejected object: file, JSON pointer inside it, id when known, and why. */
export interface ImportError {
  readonly file: string;
  readonly path: string;
  readonly id?: string;
  readonly message: string;
}

/** Counts of an import (CONTRACT.md `--json`). */
export interface ImportSummary {
  /** Versions stored by this import. */
  readonly new: number;
  /** Versions that were already stored exactly so (importing a file twice: all unchanged). */
  readonly unchanged: number;
  readonly rejected: number;
  /** The older name of `new`, kept for existing scripts. */
  readonly stored: number;
  readonly errors: readonly ImportError[];
  /** Files, directories or stdin that could not be imported: unreadable, not JSON, cut short. */
  readonly failed: readonly ImportFailure[];
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

/** The counts and errors of one import, and the storing of a file's objects in batches. */
class ImportRun {
  readonly errors: ImportError[] = [];
  rejected = 0;
  objects = 0;

  readonly counts = { new: 0, unchanged: 0 };

  constructor(
    private readonly node: NodeServices,
    private readonly collectionId: string,
    private readonly source: IngestSource,
  ) {}

  reject(error: ImportError): void {
    this.rejected++;
    if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push(error);
  }

  /** Validates and stores one batch of a file's objects (one transaction). */
  async store(file: string, items: readonly StreamItem[]): Promise<void> {
    const batch: IngestItem[] = [];
    for (const item of items) {
      // Refused by the streaming parser for its depth or size: never parsed, never stored.
      if (item.refused !== undefined) this.reject({ file, path: item.path, message: item.refused.message });
      else
        batch.push({
          value: item.value,
          path: item.path,
          specVersion: item.specVersion,
          ...(item.duplicateKey ? { duplicateKey: item.duplicateKey } : {}),
        });
    }
    this.objects += items.length;
    if (batch.length === 0) return;
    const outcome = await ingestBatch(this.node, this.collectionId, batch, this.source);
    this.counts.new += outcome.added;
    this.counts.unchanged += outcome.successes.length - outcome.added;
    for (const f of outcome.failures)
      this.reject({ file, path: f.path, ...(f.id ? { id: f.id } : {}), message: f.message });
  }
}

/** Imports files into a collection; rejected objects and broken files are reported, never thrown. */
export async function importFiles(store: Store, input: ImportInput): Promise<ImportSummary> {
  const caller = await callerOf(store, input.username);
  await usableCollection(store, caller, input.collectionId, { write: true });
  const batchSize = input.batchSize ?? 1000;
  const node = nodeServices(store, {
    ...(input.policy === undefined ? {} : { policy: input.policy }),
    ...(input.now === undefined ? {} : { now: input.now }),
  });
  const run = new ImportRun(node, input.collectionId, await sourceOfCaller(store, caller));
  const resolved = await resolveSources(input.files, input.stdin);
  const totalBytes = resolved.sources.reduce((sum, s) => sum + s.size, 0);
  const failed = [...resolved.failed];
  let bytes = 0;
  const progress = () => input.onProgress?.({ bytes, totalBytes, objects: run.objects });
  try {
    for (const source of resolved.sources) {
      const before = bytes;
      const deliver: Deliver = async (items) => {
        const wasNew = run.counts.new;
        for (let i = 0; i < items.length; i += batchSize) {
          await run.store(source.label, items.slice(i, i + batchSize));
          progress();
        }
        return run.counts.new - wasNew;
      };
      const failure = await importFile(source, deliver, {
        ...(input.holdBytes === undefined ? {} : { holdBytes: input.holdBytes }),
        onBytes: (n) => {
          bytes = before + n;
          progress();
        },
      });
      bytes = before + source.size;
      if (failure) failed.push(failure);
    }
  } finally {
    await resolved.cleanup();
  }
  const { counts } = run;
  return {
    new: counts.new,
    unchanged: counts.unchanged,
    rejected: run.rejected,
    stored: counts.new,
    errors: run.errors,
    failed,
  };
}
