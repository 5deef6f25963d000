/** The validation context handed to every property check: collects issues for one object. */
import type { StixErrorCode } from '../errors/catalog.js';
import type { Issue, ValidateOptions } from './issue.js';

/** Collects the issues of one object and carries what checks need to know (spec version, options). */
export class Context {
  readonly issues: Issue[] = [];

  constructor(
    readonly specVersion: '2.0' | '2.1',
    readonly options: ValidateOptions,
    /** The object being validated (granular-marking selectors and cross-field rules read it). */
    readonly root: Readonly<Record<string, unknown>>,
  ) {}

  /** Records a MUST violation. */
  error(code: StixErrorCode, path: string, message: string, section: string): void {
    this.issues.push({ code, severity: 'error', path, message, section });
  }

  /** Records a SHOULD violation or other advice. */
  warn(code: StixErrorCode, path: string, message: string, section: string): void {
    this.issues.push({ code, severity: 'warning', path, message, section });
  }

  /** True when any error (not warning) has been recorded. */
  hasErrors(): boolean {
    return this.issues.some((i) => i.severity === 'error');
  }
}

/** Validates one value at a JSON pointer, recording issues in the context. */
export type Check = (value: unknown, path: string, ctx: Context) => void;

/** One row of a property table. */
export interface PropertySpec {
  readonly check: Check;
  /** Required in STIX 2.1. */
  readonly required: boolean;
  /** Also required in STIX 2.0 content (default: same as `required`). */
  readonly requiredIn20?: boolean;
}

/** A declarative property table: property name → its check and whether it is required. */
export type PropertyTable = Readonly<Record<string, PropertySpec>>;

/** A property table prepared for fast lookup (a Map, immune to Object.prototype names) and its required rows. */
export interface CompiledTable {
  readonly specs: ReadonlyMap<string, PropertySpec>;
  /** Required in 2.1. */
  readonly required: readonly string[];
  /** Required in 2.0 content as well. */
  readonly requiredIn20: readonly string[];
  readonly names: readonly string[];
}

/** Prepares a property table for checkTable. */
export function compileTable(table: PropertyTable): CompiledTable {
  const entries = Object.entries(table);
  return {
    specs: new Map(entries),
    required: entries.filter(([, s]) => s.required).map(([n]) => n),
    requiredIn20: entries.filter(([, s]) => s.required && s.requiredIn20 !== false).map(([n]) => n),
    names: entries.map(([n]) => n),
  };
}

/** A required property. */
export const req = (check: Check, requiredIn20 = true): PropertySpec => ({
  check,
  required: true,
  requiredIn20,
});
/** An optional property. */
export const opt = (check: Check): PropertySpec => ({ check, required: false, requiredIn20: false });

/** Appends one reference token to a JSON pointer (RFC 6901 escaping). */
export function pointer(path: string, token: string | number): string {
  if (typeof token === 'number') return `${path}/${token}`;
  if (token.includes('~') || token.includes('/'))
    return `${path}/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  return `${path}/${token}`;
}

/** True for a non-null, non-array JSON object. */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short rendering of a value for messages. */
export function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The JSON type name of a value for messages. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return `a ${typeof value}`;
}
