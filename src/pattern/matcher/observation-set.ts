/**
 * Observations as the matcher sees them (9.1, 4.14): each observed-data with its time interval,
 * number_observed and the SCOs it holds, from STIX 2.0 embedded `objects` or 2.1 `object_refs`.
 */
import { parseTimestamp } from '../literals.js';
import { PatternError } from '../pattern-error.js';

/** A STIX object as parsed JSON. */
export type JsonObject = { readonly [key: string]: unknown };

/** One observed-data: its SCOs grouped by type, and reference resolution within it (9.7.4). */
export interface Observation {
  readonly id: string | undefined;
  /** first_observed / last_observed in epoch ms (±Infinity when absent). */
  readonly first: number;
  readonly last: number;
  /** number_observed: how many observations this observed-data stands for (at least 1). */
  readonly count: number;
  /** The SCOs of the observation keyed by their type. */
  readonly byType: ReadonlyMap<string, readonly JsonObject[]>;
  /** Resolves a reference (an embedded-object key in 2.0 style, an id listed in object_refs in 2.1). */
  resolve(ref: string): JsonObject | undefined;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The instant of first_observed / last_observed; undefined when absent. A value present but not a
 * STIX timestamp (2.16; RFC 3339 has no 2024-02-30) cannot place the observation in time, so a
 * qualifier that needs it cannot be answered: an evaluation error, not a guess.
 */
function timeOf(od: JsonObject, name: 'first_observed' | 'last_observed'): number | undefined {
  const value = od[name];
  if (value === undefined) return undefined;
  const parsed = typeof value === 'string' ? parseTimestamp(value) : undefined;
  if (parsed === undefined) {
    const id = typeof od.id === 'string' ? od.id : 'an observed-data';
    throw new PatternError(
      'PATTERN_EVALUATION_ERROR',
      `${name} of ${id} is not a valid STIX timestamp (2.16): ${JSON.stringify(value).slice(0, 80)}`,
    );
  }
  return parsed.ms;
}

/** An observed-data read for matching; timestamps are parsed on first use (most patterns have no qualifier). */
class ReadObservation implements Observation {
  readonly id: string | undefined;
  readonly count: number;
  private times: [number, number] | undefined;

  constructor(
    private readonly od: JsonObject,
    readonly byType: ReadonlyMap<string, readonly JsonObject[]>,
    private readonly local: ReadonlyMap<string, JsonObject>,
  ) {
    this.id = typeof od.id === 'string' ? od.id : undefined;
    const n = od.number_observed;
    this.count = typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : 1;
  }

  get first(): number {
    return this.interval()[0];
  }

  get last(): number {
    return this.interval()[1];
  }

  resolve(ref: string): JsonObject | undefined {
    return this.local.get(ref);
  }

  private interval(): [number, number] {
    if (!this.times) {
      const f = timeOf(this.od, 'first_observed');
      const l = timeOf(this.od, 'last_observed');
      this.times = [f ?? l ?? Number.NEGATIVE_INFINITY, l ?? f ?? Number.POSITIVE_INFINITY];
    }
    return this.times;
  }
}

function buildObservation(od: JsonObject, pool: ReadonlyMap<string, JsonObject>): Observation {
  const local = new Map<string, JsonObject>();
  const embedded = od.objects;
  if (isObject(embedded))
    for (const k in embedded)
      if (Object.hasOwn(embedded, k) && isObject(embedded[k])) local.set(k, embedded[k]);
  const refs = Array.isArray(od.object_refs) ? od.object_refs : [];
  // 9.7.4: with object_refs, only the SCOs listed there belong to the observation.
  for (const ref of refs) {
    if (typeof ref !== 'string' || local.has(ref)) continue;
    const obj = pool.get(ref);
    if (obj) local.set(ref, obj);
  }
  const byType = new Map<string, JsonObject[]>();
  for (const obj of local.values()) {
    const type = obj.type;
    if (typeof type !== 'string') continue;
    const list = byType.get(type);
    if (list) list.push(obj);
    else byType.set(type, [obj]);
  }
  return new ReadObservation(od, byType, local);
}

/**
 * Reads the observations of a list of STIX objects: every observed-data becomes one Observation;
 * SCOs are only reachable through an observed-data's `object_refs`; other SDOs never match.
 */
export function readObservations(objects: unknown): Observation[] {
  if (!Array.isArray(objects))
    throw new PatternError('PATTERN_INVALID_OBSERVATIONS', 'observations must be an array of STIX objects');
  const pool = new Map<string, JsonObject>();
  const observed: JsonObject[] = [];
  for (let i = 0; i < objects.length; i++) {
    const obj: unknown = objects[i];
    if (!isObject(obj))
      throw new PatternError('PATTERN_INVALID_OBSERVATIONS', `observation /${i} is not a JSON object`);
    if (obj.type === 'observed-data') observed.push(obj);
    else if (typeof obj.id === 'string') pool.set(obj.id, obj);
  }
  return observed.map((od) => buildObservation(od, pool));
}
