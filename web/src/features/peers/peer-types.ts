/**
 * `GET /api/peers` (docs/reference/api.md) and `POST /api/peers/NAME/test`. The counters the
 * issue asks to keep apart (pull and push) are shown when the node reports them.
 */

/** A peer as the API answers it. */
export interface PeerView {
  readonly name: string;
  readonly url: string;
  readonly pull: boolean;
  readonly push: boolean;
  readonly lastSuccess: string | null;
  readonly lastAttempt: string | null;
  readonly lastError: string | null;
  readonly lagSeconds: number | null;
  readonly pullCursor?: string | null;
  readonly pushCursor?: string | null;
  readonly lastPull?: string | null;
  readonly lastPush?: string | null;
  readonly conflicts?: number;
  readonly refused?: number;
  /** Cumulative per direction since the peer was added (PeerStatus.counters). */
  readonly counters?: {
    readonly pull?: Partial<
      Record<'new' | 'updated' | 'unchanged' | 'refused' | 'invalid' | 'transportErrors', number>
    >;
    readonly push?: Partial<Record<'sent' | 'refused' | 'transportErrors', number>>;
  };
  readonly recentRefusals?: readonly {
    readonly at: string;
    readonly objectId?: string;
    readonly detail?: string;
  }[];
}

/** The answer of the list. */
export interface PeerListView {
  readonly peers: readonly PeerView[];
}

/** The answer of a connection test, step by step (as `accord peer test --json`). */
export interface PeerTestView {
  readonly steps: readonly { readonly step: string; readonly ok: boolean; readonly error?: string }[];
}
