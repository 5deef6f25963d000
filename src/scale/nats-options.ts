/** Options and names of the NATS change bus. */

/** Whether the bus reaches NATS: reported on each change, never per notice. */
export type BusState = 'connected' | 'unavailable';

/** Options of NatsChangeBus. */
export interface NatsBusOptions {
  /** `nats://HOST:PORT` (several separated by commas). */
  readonly servers: string;
  /**
   * Names the node's stream and subjects (default `accord`): processes of one node share it;
   * two nodes on one NATS server need different names or NATS accounts.
   */
  readonly name?: string;
  /** The process's id on the bus (default: random). */
  readonly origin?: string;
  /** Told when NATS becomes unreachable and reachable again. */
  readonly onState?: (state: BusState, detail?: string) => void;
  /** How long a notice stays in the stream, in ms (default one minute: they are hints). */
  readonly keepMs?: number;
  readonly publishTimeoutMs?: number;
  readonly reconnectWaitMs?: number;
  /** Report NATS unavailable when the first connection takes longer than this (default 2 s). */
  readonly firstConnectGraceMs?: number;
}

const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** The stream and subject of a node name; refuses names NATS subjects or streams cannot carry. */
export function natsNames(name = 'accord'): { readonly stream: string; readonly subject: string } {
  if (!NAME.test(name)) throw new Error(`invalid NATS name ${JSON.stringify(name)} (a-z, 0-9, _ and -)`);
  return { stream: `${name.toUpperCase()}_CHANGES`, subject: `${name}.changes` };
}

/** True for a `nats://` or `tls://` URL list such as `nats://127.0.0.1:4222`. */
export function isNatsUrl(value: string): boolean {
  return value.split(',').every((part) => {
    try {
      const url = new URL(part.trim());
      return (url.protocol === 'nats:' || url.protocol === 'tls:') && url.hostname !== '';
    } catch {
      return false;
    }
  });
}
