/**
 * Runs the advisory release job of a node in the background (`accord serve`): a pass when a
 * release time comes, when the node learns new marking definitions (a new advisory or
 * signature), and while decisions wait inside their grace period. Built by the composition root.
 */
import type { NodeServices } from '../node/node-services.js';
import { type AdvisoryReleaseOptions, AdvisoryReleases, type ReleaseDecision } from './advisory-release.js';

/** Options of the background release job. */
export interface ReleaseLoopOptions extends AdvisoryReleaseOptions {
  /** How often to check, in milliseconds (default 250: a release lands well within a second). */
  readonly intervalMs?: number;
  /**
   * How often to look again at advisories waiting inside their grace period when nothing else
   * changed, in milliseconds (default 2000). A late signature of a co-signer other than the
   * drafter brings a new marking definition, which triggers a pass at once.
   */
  readonly pendingIntervalMs?: number;
  readonly onDecision?: (decision: ReleaseDecision) => void;
  readonly onError?: (err: unknown) => void;
}

/** A running release job. */
export interface ReleaseLoop {
  /** Runs the next check now rather than at the end of the interval (another process changed something). */
  wake(): void;
  stop(): Promise<void>;
}

/** Starts the release job of `node`; the first pass runs at once (advisories due while the node was down). */
export function startAdvisoryReleases(node: NodeServices, options: ReleaseLoopOptions = {}): ReleaseLoop {
  const job = new AdvisoryReleases(node, options);
  const interval = options.intervalMs ?? 250;
  const pendingInterval = (options.pendingIntervalMs ?? 2000) * 1000;
  let generation: number | undefined;
  let lastPass = 0;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const tick = async () => {
    const seen = await node.store.generation('policy');
    const now = node.now();
    const due = job.nextDue !== undefined && now >= job.nextDue;
    const recheck = job.pending && now >= lastPass + pendingInterval;
    if (seen === generation && !due && !recheck) return;
    generation = seen;
    lastPass = now;
    for (const decision of await job.runOnce()) options.onDecision?.(decision);
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      running = tick()
        .catch((err: unknown) => options.onError?.(err))
        .finally(schedule);
    }, interval);
    timer.unref();
  };
  running = tick()
    .catch((err: unknown) => options.onError?.(err))
    .finally(schedule);
  return {
    wake() {
      if (stopped || timer === undefined) return;
      // Only a waiting loop is woken; a running pass schedules the next one when it ends.
      clearTimeout(timer);
      timer = undefined;
      running = tick()
        .catch((err: unknown) => options.onError?.(err))
        .finally(schedule);
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await running;
    },
  };
}
