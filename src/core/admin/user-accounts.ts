/** `user list`, `user password`, `user disable|enable` (CONTRACT.md "Operations"). */
import type { Role, Store } from '../../store/index.js';
import { type HashParams, hashSecret } from '../accounts/password-hash.js';
import { CoreError } from '../errors/core-error.js';
import { checkPassword } from './add-user.js';
import { auditAdmin } from './audit-admin.js';

/** A user as `user list` shows it (never the password hash). */
export interface UserInfo {
  readonly username: string;
  readonly org: string;
  readonly role: Role;
  readonly disabled: boolean;
}

/** Every user (of one organisation when given), by username. */
export async function listUsers(store: Store, orgId?: string): Promise<UserInfo[]> {
  if (orgId !== undefined && !(await store.getOrganization(orgId)))
    throw new CoreError('CORE_NOT_FOUND', `no organisation ${orgId}`);
  return (await store.listUsers(orgId)).map((u) => ({
    username: u.username,
    org: u.orgId,
    role: u.role,
    disabled: u.disabled === true,
  }));
}

/** Replaces a user's password: the old one is refused (401) at once on every process. */
export async function setPassword(
  store: Store,
  username: string,
  password: string,
  hashParams?: HashParams,
): Promise<void> {
  checkPassword(password);
  const user = await store.getUser(username);
  if (!user) throw new CoreError('CORE_NOT_FOUND', `no user ${username}`);
  await store.setPasswordHash(username, await hashSecret(password, hashParams));
  await auditAdmin(store, 'user.password', user.orgId, 'password changed', username);
}

/** Disables or enables a user; a disabled user is refused (401) at once, with a password or a token. */
export async function setUserDisabled(store: Store, username: string, disabled: boolean): Promise<void> {
  const user = await store.getUser(username);
  if (!user || !(await store.setUserDisabled(username, disabled)))
    throw new CoreError('CORE_NOT_FOUND', `no user ${username}`);
  await auditAdmin(store, disabled ? 'user.disable' : 'user.enable', user.orgId, '', username);
}
