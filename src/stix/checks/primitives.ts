/** Checks of the primitive data types: string (2.15), boolean (2.2), integer (2.10), float (2.6), hex (2.8), binary (2.1). */
import { type Check, jsonType, show } from '../validate/context.js';

/** Any JSON string. */
export const string = (): Check => (value, path, ctx) => {
  if (typeof value !== 'string')
    ctx.error('STIX_WRONG_TYPE', path, `must be a string, not ${jsonType(value)}`, '2.15');
};

/** A JSON boolean (2.2). */
export const boolean = (): Check => (value, path, ctx) => {
  if (typeof value !== 'boolean')
    ctx.error('STIX_WRONG_TYPE', path, `must be true or false, not ${jsonType(value)}`, '2.2');
};

/** Bounds of a numeric property, with the section stating them. */
export interface Range {
  readonly min?: number;
  readonly max?: number;
  readonly section?: string;
}

const MAX_INT = 2 ** 53 - 1;

/** An integer within 54-bit signed range (2.10) and the property's own bounds. */
export const integer =
  (range: Range = {}): Check =>
  (value, path, ctx) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      ctx.error('STIX_WRONG_TYPE', path, `must be an integer, not ${jsonType(value)}`, '2.10');
      return;
    }
    if (value > MAX_INT || value < -MAX_INT) {
      ctx.error('STIX_INVALID_VALUE', path, `${value} is outside the 54-bit integer range of STIX`, '2.10');
    } else if (
      (range.min !== undefined && value < range.min) ||
      (range.max !== undefined && value > range.max)
    ) {
      ctx.error(
        'STIX_INVALID_VALUE',
        path,
        `${value} must be ${describeRange(range)}`,
        range.section ?? '2.10',
      );
    }
  };

/** A finite JSON number (2.6) within the property's bounds. */
export const float =
  (range: Range = {}): Check =>
  (value, path, ctx) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      ctx.error('STIX_WRONG_TYPE', path, `must be a number, not ${jsonType(value)}`, '2.6');
      return;
    }
    if ((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max)) {
      ctx.error(
        'STIX_INVALID_VALUE',
        path,
        `${value} must be ${describeRange(range)}`,
        range.section ?? '2.6',
      );
    }
  };

function describeRange(range: Range): string {
  if (range.min !== undefined && range.max !== undefined)
    return `between ${range.min} and ${range.max} inclusive`;
  if (range.min !== undefined) return range.min === 0 ? 'non-negative' : `at least ${range.min}`;
  return `at most ${range.max}`;
}

const HEX = /^(?:[0-9a-f]{2})*$/;

/** An even-length lower-case hex string (2.8). */
export const hex = (): Check => (value, path, ctx) => {
  if (typeof value !== 'string') {
    ctx.error('STIX_WRONG_TYPE', path, `must be a hex string, not ${jsonType(value)}`, '2.8');
  } else if (!HEX.test(value)) {
    ctx.error(
      'STIX_INVALID_VALUE',
      path,
      `${show(value)} is not hex: use an even number of the characters 0-9 and lower-case a-f`,
      '2.8',
    );
  }
};

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A base64 string (2.1, RFC 4648). */
export const binary = (): Check => (value, path, ctx) => {
  if (typeof value !== 'string') {
    ctx.error('STIX_WRONG_TYPE', path, `must be a base64 string, not ${jsonType(value)}`, '2.1');
  } else if (!BASE64.test(value)) {
    ctx.error('STIX_INVALID_VALUE', path, `${show(value)} is not base64 (RFC 4648)`, '2.1');
  }
};

/** The exact string literal (e.g. the `type` property). */
export const literal =
  (expected: string, section: string): Check =>
  (value, path, ctx) => {
    if (value !== expected) ctx.error('STIX_INVALID_VALUE', path, `must be ${show(expected)}`, section);
  };

/** Any value at all (properties whose content other rules check). */
export const anything = (): Check => () => {};

/** A string that matches a pattern; the message says what the string should be. */
export const matching =
  (pattern: RegExp, what: string, section: string, severity: 'error' | 'warning' = 'error'): Check =>
  (value, path, ctx) => {
    if (typeof value !== 'string') {
      ctx.error('STIX_WRONG_TYPE', path, `must be a string, not ${jsonType(value)}`, '2.15');
    } else if (!pattern.test(value)) {
      const report = severity === 'error' ? ctx.error : ctx.warn;
      report.call(ctx, 'STIX_INVALID_VALUE', path, `${show(value)} ${what}`, section);
    }
  };

/** Runs several checks on one value. */
export const all =
  (...checks: readonly Check[]): Check =>
  (value, path, ctx) => {
    for (const check of checks) check(value, path, ctx);
  };
