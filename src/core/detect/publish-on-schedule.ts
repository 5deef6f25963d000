/**
 * `accord serve` publishes sighting summaries hourly (CONTRACT.md "Detection"): for every
 * collection and every organisation at home on this node, as one of its enabled accounts that
 * may read and write the collection, the same use case as `accord sightings publish`. Organisations that configured peers
 * are (or speak for) publish on their own nodes, never here: two nodes summarising one
 * producer's indicators would contest each other's versions.
 */
import type { WorkQueue } from '../../scale/index.js';
import type { Store } from '../../store/index.js';
import type { Caller } from '../accounts/caller.js';
import { CoreError } from '../errors/core-error.js';
import type { NodeServices } from '../node/node-services.js';
import { accessOf } from '../query/collection-access.js';
import { type PublishSummariesReport, publishSightingSummaries } from './publish-summaries.js';

/** Settings of the scheduled publishing. */
export interface SummarySchedule {
  /** Between runs (default one hour). */
  readonly intervalMs?: number;
  readonly k?: number;
  /**
   * The queue the node's processes share (issue 18): each process offers a job at the start of
   * every interval (slots aligned on the epoch, so all offer the same one) and one of them runs
   * it. Without it the process runs every interval after it started.
   */
  readonly queue?: WorkQueue;
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

/** The enabled accounts of each organisation at home here, by username. */
async function homeAccounts(store: Store): Promise<Caller[][]> {
  const remote = new Set<string>();
  for (const p of await store.listPeers()) {
    remote.add(p.orgId);
    for (const o of p.speaksFor) remote.add(o);
  }
  const accounts: Caller[][] = [];
  for (const org of await store.listOrganizations()) {
    if (remote.has(org.id)) continue;
    const users = (await store.listUsers(org.id))
      .filter((u) => !u.disabled)
      .sort((a, b) => (a.username < b.username ? -1 : 1));
    accounts.push(
      users.map((u) => ({ username: u.username, orgId: org.id, identityId: org.identityId, role: u.role })),
    );
  }
  return accounts;
}

/**
 * Publishes every home organisation's summaries in every collection it may read and write, as
 * its first account (by username) the policy lets do both there.
 */
export async function publishAllSummaries(
  node: NodeServices,
  options: Pick<SummarySchedule, 'k' | 'onRun'> = {},
): Promise<void> {
  const collections = await node.store.listCollections();
  for (const org of await homeAccounts(node.store)) {
    for (const collection of collections) {
      const caller = org.find((c) => {
        const access = accessOf(c, collection);
        return access.canRead && access.canWrite;
      });
      if (caller === undefined) continue;
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

/** Starts publishing every `intervalMs` (through `queue` when given); the first run comes after one interval at most. */
export function startSummaryPublishing(node: NodeServices, options: SummarySchedule = {}): SummaryPublishing {
  let running: Promise<void> | undefined;
  const runOnce = (): Promise<void> => {
    running ??= publishAllSummaries(node, options).finally(() => {
      running = undefined;
    });
    return running;
  };
  const interval = options.intervalMs ?? SUMMARY_INTERVAL_MS;
  const failed = (error: unknown) => options.onRun?.({ collectionId: '*', orgId: '*', error });
  const queue = options.queue;
  if (queue === undefined) {
    const timer = setInterval(() => runOnce().catch(failed), interval);
    timer.unref();
    return {
      runOnce,
      stop: async () => {
        clearInterval(timer);
        await running?.catch(() => undefined);
      },
    };
  }
  const stopWorking = queue.work(() => runOnce());
  let timer: NodeJS.Timeout | undefined;
  const next = () => {
    const slot = (Math.floor(Date.now() / interval) + 1) * interval;
    timer = setTimeout(
      () => {
        queue.offer({ kind: 'publish-summaries', slot }).catch(failed);
        next();
      },
      Math.max(0, slot - Date.now()),
    );
    timer.unref();
  };
  next();
  return {
    runOnce,
    stop: async () => {
      clearTimeout(timer);
      stopWorking();
      await running?.catch(() => undefined);
    },
  };
}
