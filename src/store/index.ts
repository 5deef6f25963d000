/** Public surface of store/: the Store contract and its helpers. Backends are imported by composition roots. */

export type * from './accounts.js';
export type * from './audit.js';
export type * from './backups.js';
export { parseCursor } from './cursor.js';
export type * from './leases.js';
export type * from './markings.js';
export type * from './objects.js';
export { type OpenStoreOptions, openStore, restoreStore } from './open-store.js';
export type * from './peers.js';
export type * from './removals.js';
export type * from './search.js';
export { normaliseSearchText, searchTermsOf } from './search-terms.js';
export type { SecretKeySource } from './secret-box.js';
export type * from './sessions.js';
export type * from './statuses.js';
export type * from './store.js';
export { isStoreError, StoreError } from './store-error.js';
export { STORE_ERROR_CODES, type StoreErrorCode } from './store-error-codes.js';
