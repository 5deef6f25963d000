/**
 * `accord import` (CONTRACT.md "Node administration", "Operations", "Interoperability"):
 * bundles, arrays or single objects, MISP event JSON and MISP feed directories, from files,
 * directories or stdin, validated and stored in batches (one transaction each) into a
 * collection, as a user whose organisation becomes the producer. Each input is told by its
 * first bytes (interop detectFormat). A STIX file is all or nothing when it is broken
 * (import-file.ts); a MISP event is stored whole (import-misp.ts); invalid objects and
 * attributes are rejected one by one and reported, never fatal.
 */
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { detectFormat, type InputFormat, type MispLimits } from '../../interop/index.js';
import type { PolicyContexts } from '../../policy/index.js';
import type { Micros, UpgradeOptions } from '../../stix/index.js';
import type { Store } from '../../store/index.js';
import type { Caller } from '../accounts/caller.js';
import { CoreError } from '../errors/core-error.js';
import { nodeServices } from '../node/node-services.js';
import { usableCollection } from '../query/collection-access.js';
import { type Deliver, importFile } from './import-file.js';
import { type ImportMarkings, importMarkingRefs } from './import-markings.js';
import { importMisp, type MispImportContext } from './import-misp.js';
import { type ImportError, ImportRun } from './import-run.js';
import { type ImportFailure, type ImportSource, resolveSources } from './import-sources.js';
import { sourceOfCaller } from './source-of-caller.js';

export type { ImportMarkings } from './import-markings.js';
export type { ImportError } from './import-run.js';

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
  /**
   * Upgrade STIX 2.0 objects to 2.1 before storing them (`--upgrade`); `tlp: 'map'` maps TLP 1.0
   * markings to TLP 2.0 (default: kept). Without it, STIX 2.0 is stored as 2.0.
   */
  readonly upgrade?: UpgradeOptions;
  /**
   * Markings given to imported objects that carry none (`--tlp`, `--group`, `--embargo`); objects
   * converted from MISP events are marked alike when their event gave them no marking.
   */
  readonly markings?: ImportMarkings;
  /** Limits on MISP input (attributes per event, value sizes). */
  readonly mispLimits?: MispLimits;
  /** The node's policy contexts, when the caller keeps them (default: new ones for this import). */
  readonly policy?: PolicyContexts;
  readonly now?: () => Micros;
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
  /** What was rejected as invalid (objects; for MISP input also attributes and events). */
  readonly errors: readonly ImportError[];
  /**
   * MISP content left out without being invalid (no STIX counterpart), per event and attribute
   * (present when MISP input was read).
   */
  readonly skipped?: readonly ImportError[];
  /**
   * MISP events converted, and events of feeds left unread because the collection already
   * holds them at the manifest's timestamp (present when MISP input was read).
   */
  readonly misp?: { readonly events: number; readonly unchangedEvents: number };
  /** Files, directories or stdin that could not be imported: unreadable, not JSON, cut short. */
  readonly failed: readonly ImportFailure[];
}

/** The caller a username stands for (import runs locally, as that user). */
export async function callerOf(store: Store, username: string): Promise<Caller> {
  const user = await store.getUser(username);
  if (!user) throw new CoreError('CORE_NOT_FOUND', `no user ${username}`);
  const org = await store.getOrganization(user.orgId);
  if (!org) throw new CoreError('CORE_NOT_FOUND', `no organisation ${user.orgId}`);
  return { username, orgId: org.id, identityId: org.identityId, role: user.role };
}

const MISP_FORMATS: ReadonlySet<InputFormat> = new Set(['misp-event', 'misp-response', 'misp-event-list']);

/** True when a file is MISP event JSON (told from its first bytes); unreadable files go the STIX way, which reports them. */
async function isMispFile(source: ImportSource): Promise<boolean> {
  if (source.feed) return true;
  try {
    return MISP_FORMATS.has(await detectFormat(source.path));
  } catch {
    return false;
  }
}

/** What every source of one import shares: the run, its reader and where progress goes. */
interface ImportPass {
  readonly input: ImportInput;
  readonly run: ImportRun;
  readonly mispContext: Omit<MispImportContext, 'onEvent'>;
  readonly failed: ImportFailure[];
  /** Records bytes read so far (of every source) and reports progress. */
  progress(bytes: number): void;
}

/** A MISP event file or feed; a feed's progress moves event file by event file (unchanged events are never read). */
async function importMispSource(pass: ImportPass, source: ImportSource, before: number): Promise<void> {
  let bytes = before;
  let last = '';
  const failed = await importMisp(source.path, source.label, {
    ...pass.mispContext,
    onEvent: async (file) => {
      if (source.feed && file !== last) {
        last = file;
        const size = await stat(file).then(
          (i) => i.size,
          () => 0,
        );
        bytes = Math.min(before + source.size, bytes + size);
      }
      pass.progress(bytes);
    },
  });
  pass.failed.push(...failed);
}

/** A STIX file, streamed in batches (all or nothing when broken, import-file.ts). */
async function importStixSource(pass: ImportPass, source: ImportSource, before: number): Promise<void> {
  const batchSize = pass.input.batchSize ?? 1000;
  let bytes = before;
  const deliver: Deliver = async (items) => {
    const wasNew = pass.run.counts.new;
    for (let i = 0; i < items.length; i += batchSize) {
      await pass.run.store(source.label, items.slice(i, i + batchSize));
      pass.progress(bytes);
    }
    return pass.run.counts.new - wasNew;
  };
  const failure = await importFile(source, deliver, {
    ...(pass.input.holdBytes === undefined ? {} : { holdBytes: pass.input.holdBytes }),
    onBytes: (n) => {
      bytes = before + n;
      pass.progress(bytes);
    },
  });
  if (failure) pass.failed.push(failure);
}

/** Imports files into a collection; rejected objects and broken files are reported, never thrown. */
export async function importFiles(store: Store, input: ImportInput): Promise<ImportSummary> {
  const caller = await callerOf(store, input.username);
  await usableCollection(store, caller, input.collectionId, { write: true });
  const markingRefs = await importMarkingRefs(store, caller, input.markings ?? {});
  const node = nodeServices(store, {
    ...(input.policy === undefined ? {} : { policy: input.policy }),
    ...(input.now === undefined ? {} : { now: input.now }),
  });
  const run = new ImportRun(
    node,
    input.collectionId,
    await sourceOfCaller(store, caller),
    input.batchSize ?? 1000,
    input.upgrade,
    markingRefs,
  );
  const resolved = await resolveSources(input.files, input.stdin);
  const totalBytes = resolved.sources.reduce((sum, s) => sum + s.size, 0);
  const pass: ImportPass = {
    input,
    run,
    mispContext: {
      node,
      caller,
      collectionId: input.collectionId,
      run,
      seenIdentities: new Set(),
      ...(input.mispLimits === undefined ? {} : { limits: input.mispLimits }),
    },
    failed: [...resolved.failed],
    progress: (bytes) => input.onProgress?.({ bytes, totalBytes, objects: run.objects }),
  };
  let sawMisp = false;
  let bytes = 0;
  try {
    for (const source of resolved.sources) {
      if (await isMispFile(source)) {
        sawMisp = true;
        await importMispSource(pass, source, bytes);
      } else await importStixSource(pass, source, bytes);
      bytes += source.size;
      pass.progress(bytes);
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
    ...(sawMisp ? { skipped: run.skipped, misp: { ...run.misp } } : {}),
    failed: pass.failed,
  };
}
