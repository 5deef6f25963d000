import type { PolicyErrorCode } from './policy-error-codes.js';

/** The one error class of policy/, carrying a stable `POLICY_…` code from policy-error-codes.ts. */
export class PolicyError extends Error {
  constructor(
    readonly code: PolicyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PolicyError';
  }
}
