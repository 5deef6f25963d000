/**
 * A fetch dispatcher that trusts given CA certificates, for peers with a private PKI and for tests.
 * Node's global fetch is undici, which takes its TLS settings from a `dispatcher` request option;
 * undici is not a dependency of ours, so the Agent class is taken from the global dispatcher
 * Node's bundled undici installs (loaded by any fetch, here of a `data:` URL).
 */

const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

/** Returns a dispatcher whose TLS connections trust exactly the given PEM CA certificates. */
export async function dispatcherTrusting(ca: string | readonly string[]): Promise<object> {
  await fetch('data:,');
  const global = (globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER];
  if (typeof global !== 'object' || global === null) {
    throw new Error('this Node.js fetch does not expose its dispatcher; trustedCa is unavailable');
  }
  const Agent = global.constructor as new (opts: object) => object;
  return new Agent({ connect: { ca: typeof ca === 'string' ? ca : [...ca] } });
}
