import { formatMicros, nowMicros } from '../../stix/index.js';
import type { Store } from '../../store/index.js';

/** Appends an administrative change (`org.add`, `user.add`, …) to the audit log. */
export function auditAdmin(store: Store, action: string, orgId: string, detail: string, username?: string) {
  return store.appendAudit({
    at: formatMicros(nowMicros(), 3),
    action,
    orgId,
    detail,
    ...(username === undefined ? {} : { username }),
  });
}
