/**
 * The node's Prometheus metrics (CONTRACT.md "Operations"), on a registry of its own per server
 * (never prom-client's global one): HTTP requests by route, method and status with their
 * latency, policy denials, login failures, and, read from the store at each scrape, objects
 * stored and each peer's sync lag.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { NodeReadings } from '../../core/index.js';

/** The metrics of one server and the hooks that feed them. */
export interface NodeMetrics {
  readonly registry: Registry;
  /** Counts one answered request (`route` is the route pattern, never the raw URL: bounded labels). */
  observeRequest(route: string, method: string, status: number, seconds: number): void;
  /** Counts one refused login. */
  loginFailed(): void;
  /** Sets what is read from the store; called just before each scrape is rendered. */
  setReadings(readings: NodeReadings): void;
}

/** Creates the metrics of one server. */
export function createNodeMetrics(): NodeMetrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'accord_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'accord_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by route pattern and method',
    labelNames: ['route', 'method'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  // 403 is the policy's "you may see this but not do this" on every surface (TAXII, API,
  // metrics). Objects a reader may not see are answered as missing (404) by design and are not
  // counted: the visibility plan leaves no trace, not even here.
  const denials = new Counter({
    name: 'accord_policy_denials_total',
    help: 'Requests the sharing and access policy refused (403), by route pattern and method',
    labelNames: ['route', 'method'] as const,
    registers: [registry],
  });
  const loginFailures = new Counter({
    name: 'accord_login_failures_total',
    help: 'Refused logins: wrong username, password or token, disabled accounts, expired tokens',
    registers: [registry],
  });
  // A counter in name and in practice (versions are added, rarely deleted), read from the store
  // so that every process sharing it reports the node's number.
  const stored = new Gauge({
    name: 'accord_objects_stored_total',
    help: 'Object versions stored in the node, every collection',
    registers: [registry],
  });
  const lag = new Gauge({
    name: 'accord_peer_sync_lag_seconds',
    help: "Seconds since each peer's last successful sync (absent for a peer that never synced)",
    labelNames: ['peer'] as const,
    registers: [registry],
  });
  return {
    registry,
    observeRequest(route, method, status, seconds) {
      requests.inc({ route, method, status: String(status) });
      latency.observe({ route, method }, seconds);
      if (status === 403) denials.inc({ route, method });
    },
    loginFailed() {
      loginFailures.inc();
    },
    setReadings(readings) {
      stored.set(readings.versionsStored);
      lag.reset();
      for (const p of readings.peerLagSeconds) if (p.seconds !== null) lag.set({ peer: p.peer }, p.seconds);
    },
  };
}
