/** The audit page (issue 17, administrators): the audit log newest first, a page at a time. */
import { may } from '../../policy/index.js';
import type { AuditPage } from '../../store/index.js';
import type { Caller } from '../accounts/caller.js';
import { CoreError } from '../errors/core-error.js';
import type { NodeServices } from '../node/node-services.js';
import { actorOf } from '../query/reader-of.js';

/** A page of the audit log for an administrator. */
export async function auditPage(
  node: NodeServices,
  caller: Caller,
  page: { readonly limit: number; readonly before?: string; readonly orgId?: string },
): Promise<AuditPage> {
  if (!may(actorOf(caller), 'audit.view', 'node'))
    throw new CoreError('CORE_FORBIDDEN', 'only administrators may read the audit log');
  return node.store.listRecentAudit(page);
}
