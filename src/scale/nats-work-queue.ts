/**
 * The work queue over NATS JetStream (`serve --nats`, issue 18): a work-queue stream (a job is
 * removed once acknowledged) with one durable consumer every process of the node pulls from,
 * so each job goes to one process; a process that dies with a job unacknowledged loses it to
 * another after `ackWaitMs`. Offering a job twice within the duplicate window (two processes'
 * timers for one slot) stores it once, by its id. While NATS is unreachable a process runs what
 * it offers itself: the work is done, perhaps twice, never not at all.
 */
import {
  AckPolicy,
  type ConsumerMessages,
  connect,
  type JetStreamClient,
  type NatsConnection,
  nanos,
  RetentionPolicy,
  StorageType,
} from 'nats';
import { natsNames } from './nats-options.js';
import { type JobHandler, jobId, parseJob, type WorkJob, type WorkQueue } from './work-queue.js';

/** Options of NatsWorkQueue. */
export interface NatsWorkQueueOptions {
  readonly servers: string;
  /** The node's name (default `accord`), as for the change bus. */
  readonly name?: string;
  /** How long a taken job may go without an acknowledgement before another process gets it (default 5 min). */
  readonly ackWaitMs?: number;
  /** Offers of one job id within this window count once (default 10 min). */
  readonly duplicateWindowMs?: number;
  /** Told when NATS fails and the process runs its own offers. */
  readonly onFallback?: (detail: string) => void;
}

const encoder = new TextEncoder();

/** A work queue shared by the node's processes through NATS JetStream. */
export class NatsWorkQueue implements WorkQueue {
  readonly #options: NatsWorkQueueOptions;
  readonly #names;
  readonly #connecting: Promise<JetStreamClient | undefined>;
  #nc: NatsConnection | undefined;
  #js: JetStreamClient | undefined;
  #handler: JobHandler | undefined;
  #messages: ConsumerMessages | undefined;
  #closed = false;

  constructor(options: NatsWorkQueueOptions) {
    this.#options = options;
    const { stream, subject } = natsNames(options.name);
    this.#names = {
      stream: stream.replace(/_CHANGES$/, '_WORK'),
      subject: subject.replace(/\.changes$/, '.work'),
    };
    this.#connecting = this.#connect();
  }

  /** Resolves once connected (tests; the node never waits for it). */
  async ready(): Promise<boolean> {
    return (await this.#connecting) !== undefined;
  }

  async offer(job: WorkJob): Promise<void> {
    const js = this.#js;
    if (js !== undefined && !this.#closed) {
      try {
        await js.publish(this.#names.subject, encoder.encode(JSON.stringify(job)), {
          msgID: jobId(job),
          timeout: 2000,
        });
        return;
      } catch (err) {
        this.#options.onFallback?.(err instanceof Error ? err.message : String(err));
      }
    } else if (!this.#closed) this.#options.onFallback?.('not connected to NATS');
    await this.#handler?.(job).catch(() => undefined);
  }

  work(handler: JobHandler): () => void {
    this.#handler = handler;
    if (this.#js !== undefined) this.#startConsuming();
    return () => {
      if (this.#handler === handler) this.#handler = undefined;
      this.#messages?.stop();
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#handler = undefined;
    this.#messages?.stop();
    const nc =
      this.#nc ?? (await Promise.race([this.#connecting.then(() => this.#nc), Promise.resolve(undefined)]));
    await nc?.close().catch(() => undefined);
  }

  async #connect(): Promise<JetStreamClient | undefined> {
    try {
      const nc = await connect({
        servers: this.#options.servers,
        waitOnFirstConnect: true,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 1000,
      });
      if (this.#closed) {
        await nc.close();
        return undefined;
      }
      this.#nc = nc;
      const jsm = await nc.jetstreamManager();
      const { stream, subject } = this.#names;
      await jsm.streams.info(stream).catch(() =>
        jsm.streams.add({
          name: stream,
          subjects: [subject],
          retention: RetentionPolicy.Workqueue,
          storage: StorageType.File,
          max_age: nanos(24 * 3_600_000),
          duplicate_window: nanos(this.#options.duplicateWindowMs ?? 600_000),
        }),
      );
      await jsm.consumers.add(stream, {
        durable_name: `${stream}_WORKERS`,
        ack_policy: AckPolicy.Explicit,
        ack_wait: nanos(this.#options.ackWaitMs ?? 300_000),
        max_deliver: 5,
      });
      this.#js = nc.jetstream();
      if (this.#handler !== undefined) this.#startConsuming();
      return this.#js;
    } catch (err) {
      this.#options.onFallback?.(err instanceof Error ? err.message : String(err));
      return undefined;
    }
  }

  #startConsuming(): void {
    this.#consume().catch((err: unknown) => {
      if (!this.#closed) this.#options.onFallback?.(err instanceof Error ? err.message : String(err));
    });
  }

  /** Takes one job at a time from the shared durable consumer; acknowledges it once done. */
  async #consume(): Promise<void> {
    const js = this.#js;
    if (js === undefined || this.#messages !== undefined) return;
    const consumer = await js.consumers.get(this.#names.stream, `${this.#names.stream}_WORKERS`);
    const messages = await consumer.consume({ max_messages: 1 });
    this.#messages = messages;
    const ackWait = this.#options.ackWaitMs ?? 300_000;
    for await (const m of messages) {
      const job = parseJob(m.string());
      const handler = this.#handler;
      if (job === undefined) {
        m.term();
        continue;
      }
      if (handler === undefined) {
        m.nak();
        continue;
      }
      // A long run tells JetStream it is still at work, so the job is not handed to another.
      const alive = setInterval(() => m.working(), Math.max(100, ackWait / 3));
      try {
        await handler(job);
        m.ack();
      } catch {
        m.nak(1000);
      } finally {
        clearInterval(alive);
      }
    }
  }
}
