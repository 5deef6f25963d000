/** Stable codes of SyncError (docs/reference/errors-sync.md lists them; a test keeps both equal). */
export const SYNC_ERROR_CODES = {
  SYNC_BAD_PEER_NAME: 'a peer name must be a slug: lower-case letters, digits and hyphens, 1-64 characters',
  SYNC_BAD_PEER_URL: 'the peer URL is not an absolute http(s) URL',
  SYNC_BAD_INTERVAL: 'the sync interval must be a whole number of seconds between 1 and 86400',
  SYNC_UNKNOWN_PEER: 'no peer of that name is configured',
  SYNC_UNKNOWN_COLLECTION: 'the local collection does not exist',
  SYNC_UNKNOWN_ORG: 'the organisation the peer is does not exist on this node',
  SYNC_PUSH_NOT_PERMITTED:
    "the peer's organisation may not read the local collection, so nothing may be pushed to it",
  SYNC_RUN_FAILED:
    'the run stopped on an unexpected failure (for example of the local store); see the message',
  SYNC_PUSH_REFUSED: 'the peer refused some pushed objects in its status resource, even after retries',
} as const;

/** A code of SYNC_ERROR_CODES. */
export type SyncErrorCode = keyof typeof SYNC_ERROR_CODES;
