/**
 * `accord serve` publishes sighting summaries hourly (CONTRACT.md "Detection"): for every
 * collection and every organisation at home on this node, as one of its enabled editors or
 * admins, the same use case as `accord sightings publish`. Organisations that configured peers
 * are (or speak for) publish on their own nodes, never here: two nodes summarising one
 * producer's indicators would contest each other's versions.
 */
import type { Store } from '../../store/index.js';
import type { Caller } from '../accounts/caller.js';
import { CoreError } from '../errors/core-error.js';
import { callerOf } from '../ingest/import-files.js';
import type { NodeServices } from '../node/node-services.js';
import { accessOf } from '../query/collection-access.js';
import { type PublishSummariesReport, publishSightingSummaries } from './publish-summaries.js';

/** Settings of the scheduled publishing. */
export interface SummarySchedule {
  /** Between runs (default one hour). */
  readonly intervalMs?: number;
  readonly k?: number;
  /** Told of each run's outcome per collection and organisation, and of failures. */
  readonly onRun?: (
    outcome:
      | { readonly collectionId: string; readonly orgId: string; readonly report: PublishSummariesReport }
      | { readonly collectionId: string; readonly orgId: string; readonly error: unknown },
  ) => void;
}

/** A running schedule. */
export interface SummaryPublishing {
  /** Runs once now (also what the timer calls); resolves when done. */
  runOnce(): Promise<void>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/** Default time between two scheduled runs. */
export const SUMMARY_INTERVAL_MS = 3_600_000;

/** One publishing account per organisation at home here: an enabled editor or admin. */
async function homePublishers(store: Store): Promise<Caller[]> {
  const remote = new Set<string>();
  for (const p of await store.listPeers()) {
    remote.add(p.orgId);
    for (const o of p.speaksFor) remote.add(o);
  }
  const callers: Caller[] = [];
  for (const org of await store.listOrganizations()) {
    if (remote.has(org.id)) continue;
    const users = (await store.listUsers(org.id))
      .filter((u) => !u.disabled && (u.role === 'editor' || u.role === 'admin'))
      .sort((a, b) => (a.username < b.username ? -1 : 1));
    if (users[0] !== undefined) callers.push(await callerOf(store, users[0].username));
  }
  return callers;
}

/** Publishes every home organisation's summaries in every collection it may read and write. */
export async function publishAllSummaries(
  node: NodeServices,
  options: Pick<SummarySchedule, 'k' | 'onRun'> = {},
): Promise<void> {
  const collections = await node.store.listCollections();
  for (const caller of await homePublishers(node.store)) {
    for (const collection of collections) {
      const access = accessOf(caller, collection);
      if (!access.canRead || !access.canWrite) continue;
      const where = { collectionId: collection.id, orgId: caller.orgId };
      try {
        const report = await publishSightingSummaries(node, caller, {
          collectionId: collection.id,
          ...(options.k === undefined ? {} : { k: options.k }),
        });
        options.onRun?.({ ...where, report });
      } catch (error) {
        if (!(error instanceof CoreError)) throw error;
        options.onRun?.({ ...where, error });
      }
    }
  }
}

/** Starts publishing every `intervalMs`; the first run comes after one interval. */
export function startSummaryPublishing(node: NodeServices, options: SummarySchedule = {}): SummaryPublishing {
  let running: Promise<void> | undefined;
  const runOnce = (): Promise<void> => {
    running ??= publishAllSummaries(node, options).finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => {
    runOnce().catch((error: unknown) => options.onRun?.({ collectionId: '*', orgId: '*', error }));
  }, options.intervalMs ?? SUMMARY_INTERVAL_MS);
  timer.unref();
  return {
    runOnce,
    stop: async () => {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
