/**
 * Issues of intel/ builders and checks (STYLE.md: report every issue, never throw on the first):
 * the CLI maps a result with an error to exit 1 and prints each message.
 */
import { IntelError } from './intel-error.js';
import type { IntelErrorCode } from './intel-error-codes.js';

/** One problem with the input of a builder: `path` names the option or property at fault. */
export interface IntelIssue {
  readonly code: IntelErrorCode;
  readonly severity: 'error' | 'warning';
  readonly path: string;
  readonly message: string;
}

/** A built value with its warnings, or every issue found. */
export type IntelResult<T> =
  | { readonly ok: true; readonly value: T; readonly issues: readonly IntelIssue[] }
  | { readonly ok: false; readonly issues: readonly IntelIssue[] };

/** Collects issues while a builder checks its input. */
export class IssueList {
  readonly items: IntelIssue[] = [];

  /** Records an error. */
  error(code: IntelErrorCode, path: string, message: string): void {
    this.items.push({ code, severity: 'error', path, message });
  }

  /** Records a warning (the value is still built). */
  warn(code: IntelErrorCode, path: string, message: string): void {
    this.items.push({ code, severity: 'warning', path, message });
  }

  /** True when no error was recorded. */
  get ok(): boolean {
    return this.items.every((i) => i.severity !== 'error');
  }

  /** The issues, for a builder that cannot go on (an error was recorded). */
  failed(): IntelResult<never> {
    return { ok: false, issues: this.items };
  }

  /** The result: `build()` when there is no error, else the issues. */
  result<T>(build: () => T): IntelResult<T> {
    return this.ok ? { ok: true, value: build(), issues: this.items } : { ok: false, issues: this.items };
  }
}

/** The value of a result, or an IntelError carrying the first error's code and every message. */
export function unwrap<T>(result: IntelResult<T>): T {
  if (result.ok) return result.value;
  const errors = result.issues.filter((i) => i.severity === 'error');
  const first = errors[0] as IntelIssue;
  throw new IntelError(first.code, errors.map((i) => `${i.path}: ${i.message}`).join('; '));
}
