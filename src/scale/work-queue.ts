/**
 * The work-queue port (issue 18): jobs that one process of the node should run, whichever
 * offers them first. A job has an id: offering it again (another process's timer for the same
 * slot) adds nothing. Without a shared queue the process runs what it offers.
 */

/** Work the node's processes share (one kind so far: the scheduled sighting summaries). */
export interface WorkJob {
  readonly kind: 'publish-summaries';
  /** The schedule slot the job belongs to (its start, ms since the epoch): the job's identity. */
  readonly slot: number;
}

/** Runs one job; a rejection hands the job back for another try (by any process). */
export type JobHandler = (job: WorkJob) => Promise<void>;

/** A queue of jobs shared by the node's processes. */
export interface WorkQueue {
  /** Offers a job; resolves once it is queued, or run here when there is no shared queue. */
  offer(job: WorkJob): Promise<void>;
  /** Takes jobs with `handler` until the returned function is called. */
  work(handler: JobHandler): () => void;
  close(): Promise<void>;
}

/** The job's id: the same for every process that offers it. */
export function jobId(job: WorkJob): string {
  return `${job.kind}-${job.slot}`;
}

/** The job in `text`, or undefined when it is not one (dropped: a queue carries only these). */
export function parseJob(text: string): WorkJob | undefined {
  try {
    const value = JSON.parse(text) as Record<string, unknown> | null;
    return value?.kind === 'publish-summaries' &&
      Number.isSafeInteger(value.slot) &&
      (value.slot as number) >= 0
      ? { kind: 'publish-summaries', slot: value.slot as number }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The queue of a node that runs as one process: an offered job runs at once, one at a time. */
export class LocalWorkQueue implements WorkQueue {
  #handler: JobHandler | undefined;
  #tail: Promise<void> = Promise.resolve();

  offer(job: WorkJob): Promise<void> {
    const handler = this.#handler;
    if (handler === undefined) return Promise.resolve();
    this.#tail = this.#tail.then(() => handler(job)).catch(() => undefined);
    return this.#tail;
  }

  work(handler: JobHandler): () => void {
    this.#handler = handler;
    return () => {
      if (this.#handler === handler) this.#handler = undefined;
    };
  }

  async close(): Promise<void> {
    this.#handler = undefined;
    await this.#tail;
  }
}
