/**
 * Indicators as detection uses them, read from STIX objects (4.7): the id, pattern and its STIX
 * version, the validity window and the producer. Objects that are not usable indicators are
 * reported with the reason; other object types are skipped silently (bundles carry many).
 */
import { parseTimestamp } from '../../stix/index.js';

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
 * Reads indicators from STIX objects; of several versions of one id the latest `modified` counts.
 * `bundleVersion` is the enclosing bundle's spec_version (STIX 2.0 bundles carry one).
 */
export function readIndicators(
  objects: Iterable<unknown>,
  bundleVersion?: string,
): { indicators: DetectIndicator[]; rejected: RejectedIndicator[] } {
  const byId = new Map<string, DetectIndicator>();
  const rejected = new Map<string, RejectedIndicator>();
  const reject = (id: string, error: string): void => {
    if (!byId.has(id)) rejected.set(id, { id, error });
  };
  let n = 0;
  for (const o of objects) {
    n++;
    if (typeof o !== 'object' || o === null || Array.isArray(o)) {
      reject(`#${n}`, 'not a JSON object');
      continue;
    }
    const x = o as Record<string, unknown>;
    if (x.type !== 'indicator') continue;
    const id = typeof x.id === 'string' ? x.id : `#${n}`;
    const modified = typeof x.modified === 'string' ? x.modified : '';
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
      producer: typeof x.created_by_ref === 'string' ? x.created_by_ref : undefined,
      modified,
    });
  }
  return { indicators: [...byId.values()], rejected: [...rejected.values()] };
}
