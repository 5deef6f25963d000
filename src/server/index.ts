/** Public surface of server/: the Fastify app builder and the `serve` composition root. */
export { type BuildServerOptions, buildServer } from './build-server.js';
export {
  type ConnectionLimits,
  connectionLimits,
  maxConnectionsFor,
  openFileLimit,
} from './connection-limits.js';
export { WWW_AUTHENTICATE } from './http-error-of.js';
export { isLoopback, type RunningServer, type StartServerOptions, startServer } from './main.js';
