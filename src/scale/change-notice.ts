/**
 * What one `accord serve` process tells the others after a commit (issue 18): hints only, the
 * database holds the truth, so a lost, late or repeated notice costs a poll interval at most.
 * Notices arrive from the network: `parseEnvelope` accepts only these shapes, within bounds.
 */

/** A change a process committed, or a login outcome the others' throttles should count. */
export type ChangeNotice =
  /**
   * Versions were added or deleted in a collection (marking definitions among them, so policy
   * too). Caches need no notice: they are keyed on the store's generations, read per request.
   */
  | { readonly kind: 'objects'; readonly collectionId: string }
  /** A login failed or succeeded here: every process's throttle counts it (ADR 0014). */
  | {
      readonly kind: 'login';
      readonly outcome: 'failed' | 'succeeded';
      readonly user: string;
      readonly address: string;
    };

/** A notice as it travels: a unique id (JetStream de-duplicates on it) and the sending process. */
export interface NoticeEnvelope {
  readonly id: string;
  readonly origin: string;
  readonly notice: ChangeNotice;
}

/** Longest string field accepted from the bus (collection ids, usernames, token keys, addresses). */
const MAX_FIELD = 512;

function field(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_FIELD;
}

function notice(value: unknown): ChangeNotice | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  switch (v.kind) {
    case 'objects':
      return field(v.collectionId) ? { kind: 'objects', collectionId: v.collectionId } : undefined;
    case 'login':
      return (v.outcome === 'failed' || v.outcome === 'succeeded') && field(v.user) && field(v.address)
        ? { kind: 'login', outcome: v.outcome, user: v.user, address: v.address }
        : undefined;
    default:
      return undefined;
  }
}

/** The envelope in `text`, or undefined when it is not one (ignored: a hint is never worth a failure). */
export function parseEnvelope(text: string): NoticeEnvelope | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const parsed = notice(v.notice);
  return field(v.id) && field(v.origin) && parsed !== undefined
    ? { id: v.id, origin: v.origin, notice: parsed }
    : undefined;
}
