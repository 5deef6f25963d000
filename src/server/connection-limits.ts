/**
 * Limits on connections and the time a client may hold one (docs/reference/limits.md). A
 * client that opens sockets and sends nothing, or headers one byte at a time, holds a file
 * descriptor each: past the process's limit the node can open neither its database nor its
 * peers. So the server stops accepting below that limit, with headroom, and drops
 * connections that are slow to send headers, a request, or anything at all.
 */
import { readFileSync } from 'node:fs';

/** Connection limits of the HTTP server; every one has a default. */
export interface ConnectionLimits {
  /** Connections open at once; further ones are closed on accept (default: from the file limit). */
  readonly maxConnections: number;
  /** Time to receive a request's headers (default 10 s), then 408. */
  readonly headersTimeoutMs: number;
  /** Time to receive a whole request, body included (default 120 s), then 408. */
  readonly requestTimeoutMs: number;
  /** How long an idle kept-alive connection stays open between requests (default 10 s). */
  readonly keepAliveTimeoutMs: number;
  /** A connection on which nothing moves for this long is closed (default 60 s). */
  readonly idleTimeoutMs: number;
  /** How often the header and request timeouts are checked (default 1 s). */
  readonly checkIntervalMs: number;
}

/** Connections allowed when the file limit cannot be read (it is not Linux). */
const FALLBACK_MAX_CONNECTIONS = 1000;
/** Never more, whatever the file limit: each connection also costs memory. */
const CEILING = 10_000;

/** The process's soft limit on open files (RLIMIT_NOFILE, `ulimit -n`), where the system tells it. */
export function openFileLimit(procLimits = '/proc/self/limits'): number | undefined {
  try {
    const row = readFileSync(procLimits, 'utf8')
      .split('\n')
      .find((line) => line.startsWith('Max open files'));
    const soft = row?.slice('Max open files'.length).trim().split(/\s+/)[0];
    const n = Number(soft);
    return Number.isSafeInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Connections allowed for a file limit: a quarter of it (at least 256 descriptors) is kept
 * for the database, its WAL and checkpoint worker, peers, TLS material and logs.
 */
export function maxConnectionsFor(fileLimit: number | undefined): number {
  if (fileLimit === undefined) return FALLBACK_MAX_CONNECTIONS;
  const headroom = Math.max(256, Math.ceil(fileLimit / 4));
  return Math.max(16, Math.min(CEILING, fileLimit - headroom));
}

/** The limits with defaults filled in (the file limit is read only when maxConnections is not given). */
export function connectionLimits(overrides: Partial<ConnectionLimits> = {}): ConnectionLimits {
  return {
    maxConnections: overrides.maxConnections ?? maxConnectionsFor(openFileLimit()),
    headersTimeoutMs: overrides.headersTimeoutMs ?? 10_000,
    requestTimeoutMs: overrides.requestTimeoutMs ?? 120_000,
    keepAliveTimeoutMs: overrides.keepAliveTimeoutMs ?? 10_000,
    idleTimeoutMs: overrides.idleTimeoutMs ?? 60_000,
    checkIntervalMs: overrides.checkIntervalMs ?? 1000,
  };
}
