/** The timestamp property check (spec 2.16); parsing and comparison live in time/. */
import { timestampFractionDigits } from '../time/parse-timestamp.js';
import { type Check, jsonType, show } from '../validate/context.js';

/** Required precision of a timestamp property. */
export type TimestampPrecision = 'any' | 'millisecond' | 'second';

/** A timestamp property check; `millisecond` = at least 3 fraction digits (3.2 created/modified). */
export function timestamp(precision: TimestampPrecision = 'any', section = '2.16'): Check {
  return (value, path, ctx) => {
    if (typeof value !== 'string') {
      ctx.error('STIX_WRONG_TYPE', path, `must be a timestamp string, not ${jsonType(value)}`, '2.16');
      return;
    }
    const digits = timestampFractionDigits(value);
    if (digits < 0) {
      ctx.error(
        'STIX_INVALID_TIMESTAMP',
        path,
        `${show(value)} is not a valid STIX timestamp; use UTC like 2016-01-20T12:31:12.123Z`,
        '2.16',
      );
      return;
    }
    if (precision === 'millisecond' && digits < 3) {
      ctx.error(
        'STIX_TIMESTAMP_PRECISION',
        path,
        `${show(value)} must have at least millisecond precision (three digits after the seconds, e.g. .000Z)`,
        section,
      );
    } else if (precision === 'second' && /[1-9]/.test(value.slice(20, -1))) {
      ctx.error('STIX_TIMESTAMP_PRECISION', path, `${show(value)} must be precise to the second`, section);
    }
  };
}
