import { AccordError } from '../errors/index.js';
import type { PolicyErrorCode } from './policy-error-codes.js';

/** The one error class of policy/, carrying a stable `POLICY_…` code from policy-error-codes.ts. */
export class PolicyError extends AccordError<PolicyErrorCode> {
  constructor(code: PolicyErrorCode, message: string) {
    super(code, message);
  }
}
