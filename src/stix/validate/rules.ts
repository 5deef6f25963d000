/** Reusable cross-field rules for type hooks: time order, exclusive and dependent properties. */
import { compareTimestamps } from '../time/parse-timestamp.js';
import { type Context, pointer } from './context.js';

type Obj = Readonly<Record<string, unknown>>;

/** `later` must be >= `earlier` (or > when strict) when both are valid timestamps. */
export function timeOrder(
  obj: Obj,
  path: string,
  ctx: Context,
  earlier: string,
  later: string,
  strict: boolean,
  section: string,
): void {
  const a = obj[earlier];
  const b = obj[later];
  if (typeof a !== 'string' || typeof b !== 'string') return;
  const order = compareTimestamps(a, b);
  if (order === undefined) return;
  if (strict ? order >= 0 : order > 0) {
    ctx.error(
      'STIX_TIME_ORDER',
      pointer(path, later),
      `${later} (${b}) must be ${strict ? 'later than' : 'later than or equal to'} ${earlier} (${a})`,
      section,
    );
  }
}

/** At most one of `a` and `b` may be present. */
export function exclusive(obj: Obj, path: string, ctx: Context, a: string, b: string, section: string): void {
  if (obj[a] !== undefined && obj[b] !== undefined) {
    ctx.error(
      'STIX_MUTUALLY_EXCLUSIVE',
      pointer(path, b),
      `${b} must not be present together with ${a}`,
      section,
    );
  }
}

/** At least one of `names` must be present. */
export function atLeastOne(
  obj: Obj,
  path: string,
  ctx: Context,
  names: readonly string[],
  section: string,
): void {
  if (!names.some((n) => obj[n] !== undefined)) {
    ctx.error('STIX_AT_LEAST_ONE', path, `at least one of ${names.join(', ')} must be present`, section);
  }
}

/** When `property` is present, `dependency` must be present too. */
export function requires(
  obj: Obj,
  path: string,
  ctx: Context,
  property: string,
  dependency: string,
  section: string,
): void {
  if (obj[property] !== undefined && obj[dependency] === undefined) {
    ctx.error(
      'STIX_DEPENDENT_PROPERTY',
      pointer(path, property),
      `${property} requires ${dependency} to be present`,
      section,
    );
  }
}

/** At least one property besides the listed ones (e.g. "at least one property other than type", 6.13). */
export function atLeastOneBesides(
  obj: Obj,
  path: string,
  ctx: Context,
  ignored: ReadonlySet<string>,
  what: string,
  section: string,
): void {
  for (const key in obj) if (!ignored.has(key)) return;
  ctx.error('STIX_AT_LEAST_ONE', path, what, section);
}
