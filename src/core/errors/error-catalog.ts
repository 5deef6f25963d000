/** Stable codes of the domain errors core/ throws; shells map them (HTTP status, exit status). */
export const CORE_ERRORS = {
  CORE_UNAUTHENTICATED: 'Missing or wrong credentials',
  CORE_RATE_LIMITED: 'Too many failed logins; try again later',
  CORE_NOT_FOUND: 'Not found, or not visible to the caller',
  CORE_FORBIDDEN: 'The caller may see this resource but not do this',
  CORE_INVALID: 'The input was read and found invalid',
  CORE_CONFLICT: 'Something with this identifier already exists',
} as const;

/** One of the codes of CORE_ERRORS. */
export type CoreErrorCode = keyof typeof CORE_ERRORS;
