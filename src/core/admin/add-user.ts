/** `user add`: accounts with scrypt-hashed passwords. */
import type { Role, Store } from '../../store/index.js';
import { type HashParams, hashSecret } from '../accounts/password-hash.js';
import { CoreError } from '../errors/core-error.js';
import { auditAdmin } from './audit-admin.js';

/** What `user add` needs. */
export interface AddUserInput {
  readonly username: string;
  readonly orgId: string;
  readonly password: string;
  readonly role?: Role;
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;
const ROLES: readonly Role[] = ['admin', 'editor', 'reader'];
/** Shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 8;

/** Refuses a password shorter than MIN_PASSWORD_LENGTH (CORE_INVALID). */
export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new CoreError('CORE_INVALID', `the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
}

/** Creates a user of an existing organisation (default role editor). */
export async function addUser(store: Store, input: AddUserInput, hashParams?: HashParams): Promise<void> {
  const role = input.role ?? 'editor';
  if (!USERNAME.test(input.username))
    throw new CoreError('CORE_INVALID', `invalid username "${input.username}"`);
  if (!ROLES.includes(role)) throw new CoreError('CORE_INVALID', `role must be one of ${ROLES.join(', ')}`);
  checkPassword(input.password);
  if (!(await store.getOrganization(input.orgId))) {
    throw new CoreError('CORE_NOT_FOUND', `no organisation ${input.orgId}; add it with \`accord org add\``);
  }
  if (await store.getUser(input.username))
    throw new CoreError('CORE_CONFLICT', `user ${input.username} already exists`);
  const passwordHash = await hashSecret(input.password, hashParams);
  await store.addUser({ username: input.username, orgId: input.orgId, role, passwordHash });
  await auditAdmin(store, 'user.add', input.orgId, `role ${role}`, input.username);
}
