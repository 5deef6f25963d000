/**
 * The change bus over NATS JetStream (`accord serve --nats`, issue 18). Notices go to one
 * stream per node with a message id, so JetStream drops a repeated publish (a retry after a
 * lost ack) within its duplicate window; each process reads new notices with an ordered
 * consumer, which recreates itself after a reconnect. The bus never stops the node: while NATS
 * is unreachable publishing drops notices, the other processes fall back to their polls, and
 * the outage is reported once when it starts and once when it ends, never per notice.
 */
import { randomUUID } from 'node:crypto';
import {
  type ConsumerMessages,
  connect,
  DeliverPolicy,
  DiscardPolicy,
  Events,
  type JetStreamClient,
  type NatsConnection,
  nanos,
  RetentionPolicy,
  StorageType,
} from 'nats';
import { type ChangeBus, Listeners, type NoticeListener } from './change-bus.js';
import { type ChangeNotice, type NoticeEnvelope, parseEnvelope } from './change-notice.js';
import { type BusState, type NatsBusOptions, natsNames } from './nats-options.js';

const encoder = new TextEncoder();

/** A change bus over a NATS JetStream server. */
export class NatsChangeBus implements ChangeBus {
  readonly #listeners = new Listeners();
  readonly #origin: string;
  readonly #names;
  readonly #options: NatsBusOptions;
  readonly #connecting: Promise<NatsConnection | undefined>;
  #nc: NatsConnection | undefined;
  #js: JetStreamClient | undefined;
  #messages: ConsumerMessages | undefined;
  #state: BusState | undefined;
  #closed = false;
  readonly #startTimer: NodeJS.Timeout;

  /** Starts connecting in the background: the node serves at once, whether NATS is there or not. */
  constructor(options: NatsBusOptions) {
    this.#options = options;
    this.#origin = options.origin ?? randomUUID();
    this.#names = natsNames(options.name);
    this.#connecting = this.#connect();
    // Not connected soon after starting: say so once (the connection keeps being tried).
    this.#startTimer = setTimeout(() => {
      if (this.#nc === undefined) this.#enter('unavailable', 'cannot reach NATS yet');
    }, options.firstConnectGraceMs ?? 2000);
    this.#startTimer.unref();
  }

  /** The process's id on the bus (its own notices come back from JetStream and are skipped). */
  get origin(): string {
    return this.#origin;
  }

  /** Resolves once connected and listening (tests; the node never waits for it). */
  async ready(): Promise<boolean> {
    return (await this.#connecting) !== undefined;
  }

  async publish(notice: ChangeNotice): Promise<void> {
    this.#listeners.deliver(notice, 'self');
    const js = this.#js;
    if (js === undefined || this.#closed) {
      if (!this.#closed) this.#enter('unavailable', 'not connected to NATS');
      return;
    }
    const envelope: NoticeEnvelope = { id: randomUUID(), origin: this.#origin, notice };
    try {
      await js.publish(this.#names.subject, encoder.encode(JSON.stringify(envelope)), {
        msgID: envelope.id,
        timeout: this.#options.publishTimeoutMs ?? 2000,
      });
      this.#enter('connected');
    } catch (err) {
      if (!this.#closed) this.#enter('unavailable', err instanceof Error ? err.message : String(err));
    }
  }

  subscribe(listener: NoticeListener): () => void {
    return this.#listeners.add(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#startTimer);
    this.#listeners.clear();
    this.#messages?.stop();
    const nc = this.#nc ?? (await Promise.race([this.#connecting, Promise.resolve(undefined)]));
    await nc?.close().catch(() => undefined);
  }

  async #connect(): Promise<NatsConnection | undefined> {
    let nc: NatsConnection;
    try {
      nc = await connect({
        servers: this.#options.servers,
        name: `accord ${this.#origin}`,
        waitOnFirstConnect: true,
        maxReconnectAttempts: -1,
        reconnectTimeWait: this.#options.reconnectWaitMs ?? 1000,
      });
    } catch (err) {
      this.#enter('unavailable', err instanceof Error ? err.message : String(err));
      return undefined;
    }
    if (this.#closed) {
      await nc.close();
      return undefined;
    }
    this.#nc = nc;
    void this.#watchStatus(nc);
    try {
      await this.#ensureStream(nc);
      this.#js = nc.jetstream();
      await this.#listen();
      this.#enter('connected');
      return nc;
    } catch (err) {
      this.#enter('unavailable', err instanceof Error ? err.message : String(err));
      return undefined;
    }
  }

  /** A stream of hints: kept briefly, in files so that a restarted NATS still has it. */
  async #ensureStream(nc: NatsConnection): Promise<void> {
    const jsm = await nc.jetstreamManager();
    const config = {
      name: this.#names.stream,
      subjects: [this.#names.subject],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      discard: DiscardPolicy.Old,
      max_age: nanos(this.#options.keepMs ?? 60_000),
      max_msgs: 100_000,
      duplicate_window: nanos(Math.min(this.#options.keepMs ?? 60_000, 30_000)),
    };
    try {
      await jsm.streams.info(config.name);
    } catch {
      await jsm.streams.add(config).catch(async (err: unknown) => {
        // Another process created it at the same moment.
        await jsm.streams.info(config.name).catch(() => {
          throw err;
        });
      });
    }
  }

  /** Reads the others' notices from now on; the ordered consumer survives reconnects. */
  async #listen(): Promise<void> {
    const js = this.#js;
    if (js === undefined) return;
    const consumer = await js.consumers.get(this.#names.stream, {
      filterSubjects: this.#names.subject,
      deliver_policy: DeliverPolicy.New,
    });
    const messages = await consumer.consume();
    this.#messages = messages;
    void (async () => {
      try {
        for await (const m of messages) {
          const envelope = parseEnvelope(m.string());
          if (envelope !== undefined && envelope.origin !== this.#origin)
            this.#listeners.deliver(envelope.notice, 'peer');
        }
      } catch (err) {
        if (!this.#closed) this.#enter('unavailable', err instanceof Error ? err.message : String(err));
      }
    })();
  }

  async #watchStatus(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      if (this.#closed) return;
      if (s.type === Events.Disconnect) this.#enter('unavailable', 'disconnected from NATS');
      else if (s.type === Events.Reconnect) this.#enter('connected');
    }
  }

  /** Reports a change of state once (not once per notice or request). */
  #enter(state: BusState, detail?: string): void {
    if (this.#state === state) return;
    // Before the first connection only an outage is news.
    if (this.#state === undefined && state === 'connected' && this.#nc === undefined) return;
    this.#state = state;
    this.#options.onState?.(state, detail);
  }
}
