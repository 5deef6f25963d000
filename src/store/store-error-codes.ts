/** Catalog of the store's stable error codes (documented in docs/reference/errors-store.md). */
export const STORE_ERROR_CODES = {
  STORE_UNKNOWN_COLLECTION: 'The collection named by the call does not exist.',
  STORE_UNKNOWN_ORGANIZATION: 'The organisation named by the call does not exist.',
  STORE_UNKNOWN_USER: 'The user named by the call does not exist.',
  STORE_UNKNOWN_VERSION: 'The stored version (row seq) named by the call does not exist.',
  STORE_ALREADY_EXISTS: 'A record with the same key (collection, organisation, user, token) already exists.',
  STORE_STILL_REFERENCED:
    'A record to remove is still referred to (users, grants, peers, stored versions) by rows the removal may not take away.',
  STORE_INVALID_OBJECT: 'A version to store lacks a string `id` or `type`, or has an unparseable timestamp.',
  STORE_INVALID_QUERY: 'A query argument is out of range (`limit` below 1, more than 10,000 filter values).',
  STORE_INVALID_RECORD: 'A record to store has a malformed field (for example a non-timestamp `at`).',
  STORE_BAD_CURSOR: 'A paging cursor is malformed or was altered.',
  STORE_CURSOR_MISMATCH: 'A paging cursor belongs to another collection.',
  STORE_SCHEMA_TOO_NEW: 'The database was written by a newer Accord (unknown schema version).',
  STORE_CLOSED: 'The store was used after `close()`.',
  STORE_BUSY: 'Another process held the database lock for longer than the busy timeout.',
  STORE_SECRET_KEY_MISSING:
    'A secret (a peer password) is encrypted, but the key it was sealed with is not where the store looks for it.',
  STORE_SECRET_KEY_INVALID:
    'The secret key is unreadable, not 32 base64 bytes, or its file may be read by other users.',
  STORE_SECRET_UNREADABLE: 'An encrypted secret does not decrypt with its key: the stored value is damaged.',
  STORE_BACKEND_FAILURE:
    'The database engine reported an unexpected failure (disk full, I/O error, corruption).',
} as const;

/** A stable, namespaced store error code. */
export type StoreErrorCode = keyof typeof STORE_ERROR_CODES;
