/**
 * Indicators as detection uses them, read from STIX objects (4.7): the id, pattern and its STIX
 * version, the validity window and the producer. Objects that are not usable indicators are
 * reported with the reason; other object types are skipped silently (bundles carry many).
 */
import { parseTimestamp, type ValidatedObject, type ValidatedOf } from '../../stix/index.js';

/** One indicator ready to compile. */
export interface DetectIndicator {
  readonly id: string;
  readonly pattern: string;
  readonly specVersion: '2.0' | '2.1';
  /** Epoch ms of valid_from (inclusive) and valid_until (exclusive; +Infinity when absent). */
  readonly validFrom: number;
  readonly validUntil: number;
  /** The organisation that produced it (created_by_ref), for sending sightings back to it. */
  readonly producer: string | undefined;
  readonly modified: string;
}

/** An indicator that cannot be used, and why. */
export interface RejectedIndicator {
  readonly id: string;
  readonly error: string;
}

const ms = (value: unknown): number | undefined => {
  if (typeof value !== 'string') return undefined;
  const t = parseTimestamp(value);
  return t === undefined ? undefined : t.seconds * 1000 + Number(`0.${t.fraction || '0'}`) * 1000;
};

/**
 * What detection reads of an indicator (4.7), as the typed object declares it. Detection reads
 * indicators leniently (a STIX 2.0 bundle's, say, whose ids need not be UUIDs), so an object from
 * a file is not validated whole: `indicatorView` checks each property read here and narrows.
 */
export interface IndicatorView {
  readonly type: ValidatedOf<'indicator'>['type'];
  readonly id: ValidatedOf<'indicator'>['id'];
  readonly modified: ValidatedOf<'indicator'>['modified'];
  readonly revoked?: boolean | undefined;
  readonly spec_version?: ValidatedOf<'indicator'>['spec_version'] | undefined;
  readonly created_by_ref?: ValidatedOf<'indicator'>['created_by_ref'] | undefined;
  /** Absent in STIX 2.0, whose patterns are all STIX patterns. */
  readonly pattern_type?: string | undefined;
  readonly pattern?: unknown;
  readonly valid_from?: unknown;
  readonly valid_until?: unknown;
}

const isObject = (o: unknown): o is Readonly<Record<string, unknown>> =>
  typeof o === 'object' && o !== null && !Array.isArray(o);

/** `o` as an indicator view when it is a JSON object of type indicator (other types: undefined). */
function indicatorView(o: Readonly<Record<string, unknown>>, n: number): IndicatorView | undefined {
  if (o.type !== 'indicator') return undefined;
  const { spec_version: version, created_by_ref: creator, pattern_type: patternType } = o;
  // One literal, no spreads: this runs once per indicator of a file of hundreds of thousands.
  return {
    type: 'indicator',
    id: typeof o.id === 'string' ? o.id : `#${n}`,
    modified: typeof o.modified === 'string' ? o.modified : '',
    revoked: o.revoked === true,
    // Any stated version but 2.0 is read as 2.1, as the indicator's pattern grammar.
    spec_version: typeof version !== 'string' ? undefined : version === '2.0' ? '2.0' : '2.1',
    created_by_ref: typeof creator === 'string' ? creator : undefined,
    pattern_type: patternType === undefined ? undefined : typeof patternType === 'string' ? patternType : '',
    pattern: o.pattern,
    valid_from: o.valid_from,
    valid_until: o.valid_until,
  };
}

/**
 * Reads indicators from STIX objects as a file gives them (untrusted, any JSON); of several
 * versions of one id the latest `modified` counts. `bundleVersion` is the enclosing bundle's
 * spec_version (STIX 2.0 bundles carry one).
 */
export function readIndicators(
  objects: Iterable<unknown>,
  bundleVersion?: string,
): { indicators: DetectIndicator[]; rejected: RejectedIndicator[] } {
  const views: (IndicatorView | RejectedIndicator)[] = [];
  let n = 0;
  for (const o of objects) {
    n++;
    if (!isObject(o)) views.push({ id: `#${n}`, error: 'not a JSON object' });
    else {
      const view = indicatorView(o, n);
      if (view !== undefined) views.push(view);
    }
  }
  return collect(views, bundleVersion);
}

/** Reads the indicators among validated objects (a node's stored versions): narrowed, not checked again. */
export function readValidatedIndicators(objects: Iterable<ValidatedObject>): {
  indicators: DetectIndicator[];
  rejected: RejectedIndicator[];
} {
  const views: IndicatorView[] = [];
  for (const o of objects) if (o.type === 'indicator') views.push(o);
  return collect(views, undefined);
}

/** The usable indicators among `views` (the latest version of each id) and the rejected ones, with why. */
function collect(
  views: Iterable<IndicatorView | RejectedIndicator>,
  bundleVersion: string | undefined,
): { indicators: DetectIndicator[]; rejected: RejectedIndicator[] } {
  const byId = new Map<string, DetectIndicator>();
  const rejected = new Map<string, RejectedIndicator>();
  const reject = (id: string, error: string): void => {
    if (!byId.has(id)) rejected.set(id, { id, error });
  };
  for (const x of views) {
    if ('error' in x) {
      reject(x.id, x.error);
      continue;
    }
    const { id } = x;
    const modified = x.modified;
    const prior = byId.get(id);
    if (prior && prior.modified >= modified) continue;
    if (x.revoked === true) {
      byId.delete(id);
      reject(id, 'revoked');
      continue;
    }
    if (typeof x.pattern !== 'string') {
      reject(id, 'pattern: missing or not a string');
      continue;
    }
    // 2.0 indicators have no pattern_type: their patterns are STIX patterns.
    if (x.pattern_type !== undefined && x.pattern_type !== 'stix') {
      reject(id, `pattern_type ${JSON.stringify(x.pattern_type)}: only stix patterns are matched`);
      continue;
    }
    const validFrom = ms(x.valid_from);
    if (validFrom === undefined) {
      reject(id, 'valid_from: missing or not a STIX timestamp (4.7 requires it)');
      continue;
    }
    const validUntil = x.valid_until === undefined ? Number.POSITIVE_INFINITY : ms(x.valid_until);
    if (validUntil === undefined) {
      reject(id, 'valid_until: not a STIX timestamp');
      continue;
    }
    const version = x.spec_version ?? bundleVersion;
    rejected.delete(id);
    byId.set(id, {
      id,
      pattern: x.pattern,
      specVersion:
        version === '2.0' || (version === undefined && x.pattern_type === undefined) ? '2.0' : '2.1',
      validFrom,
      validUntil,
      producer: x.created_by_ref,
      modified,
    });
  }
  return { indicators: [...byId.values()], rejected: [...rejected.values()] };
}
