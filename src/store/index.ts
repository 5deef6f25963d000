/** Public surface of store/: the Store contract and its helpers. Backends are imported by composition roots. */
export type * from './store.js';
export type * from './accounts.js';
export type * from './peers.js';
export type * from './audit.js';
export { openStore } from './open-store.js';
