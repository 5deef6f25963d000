import { describe, expect, it } from 'vitest';
import { CoreError } from '../core/index.js';
import { DetectError } from '../detect/index.js';
import { SyncError } from '../federation/index.js';
import { StixError } from '../stix/index.js';
import { StoreError } from '../store/index.js';
import { CliError, EXIT, exitStatusOf } from './cli-error.js';

describe('exitStatusOf: the one map from errors to CONTRACT.md exit statuses', () => {
  it('1 for input that was read and found invalid', () => {
    expect(exitStatusOf(new CoreError('CORE_INVALID', 'bad timestamp'))).toBe(EXIT.invalid);
    expect(exitStatusOf(new CoreError('CORE_NOT_FOUND', 'no organisation x'))).toBe(EXIT.invalid);
    expect(exitStatusOf(new CoreError('CORE_CONFLICT', 'exists'))).toBe(EXIT.invalid);
    expect(exitStatusOf(new CoreError('CORE_FORBIDDEN', 'you may not write'))).toBe(EXIT.invalid);
    expect(exitStatusOf(new SyncError('SYNC_BAD_PEER_NAME', 'bad name'))).toBe(EXIT.invalid);
    expect(exitStatusOf(new StixError('STIX_TOO_DEEP', 'deep'))).toBe(EXIT.invalid);
  });

  it('2 for input that is not JSON: unreadable, not invalid (RFC 8259 8.1)', () => {
    for (const code of ['STIX_JSON_SYNTAX', 'STIX_JSON_TRUNCATED', 'STIX_INVALID_UTF8'] as const)
      expect(exitStatusOf(new StixError(code, 'x'))).toBe(EXIT.usage);
  });

  it('2 for bad usage, unreadable input and internal failures', () => {
    expect(exitStatusOf(new DetectError('DETECT_FORMAT_MISMATCH', 'not zeek'))).toBe(EXIT.usage);
    expect(exitStatusOf(new CoreError('CORE_UNAUTHENTICATED', 'no such user'))).toBe(EXIT.usage);
    expect(exitStatusOf(new StoreError('STORE_BUSY', 'locked'))).toBe(EXIT.usage);
    expect(exitStatusOf(new Error('boom'))).toBe(EXIT.usage);
    expect(exitStatusOf('a string')).toBe(EXIT.usage);
  });

  it('recognises errors by class and code, not by a name or code someone copied', () => {
    const lookalike = Object.assign(new Error('x'), { name: 'CoreError', code: 'CORE_INVALID' });
    expect(exitStatusOf(lookalike)).toBe(EXIT.usage);
  });

  it('a CliError keeps the status its command chose', () => {
    expect(exitStatusOf(new CliError('no file', EXIT.usage))).toBe(EXIT.usage);
    expect(exitStatusOf(new CliError('invalid', EXIT.invalid))).toBe(EXIT.invalid);
  });
});
