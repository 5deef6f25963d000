/** Builders of observed-data for the matcher's tests (2.0 embedded objects and 2.1 object_refs). */
import { randomUUID } from 'node:crypto';
import type { JsonObject } from './observation-set.js';

/** Options of a test observation: time interval and number_observed. */
export interface ObservationShape {
  readonly first?: string;
  readonly last?: string;
  readonly count?: number;
}

/** A STIX 2.0 observed-data embedding `objects` (keys "0", "1", …). */
export function observed20(objects: readonly JsonObject[], shape: ObservationShape = {}): JsonObject {
  const first = shape.first ?? '2021-01-01T00:00:00Z';
  return {
    type: 'observed-data',
    first_observed: first,
    last_observed: shape.last ?? first,
    number_observed: shape.count ?? 1,
    objects: Object.fromEntries(objects.map((o, i) => [String(i), o])),
  };
}

/** A STIX 2.1 observed-data and its SCOs (ids assigned), flat, as `accord pattern eval` takes them. */
export function observed21(objects: readonly JsonObject[], shape: ObservationShape = {}): JsonObject[] {
  const first = shape.first ?? '2021-01-01T00:00:00Z';
  const scos = objects.map((o) => ({ id: `${String(o.type)}--${randomUUID()}`, ...o }));
  const od = {
    type: 'observed-data',
    id: `observed-data--${randomUUID()}`,
    first_observed: first,
    last_observed: shape.last ?? first,
    number_observed: shape.count ?? 1,
    object_refs: scos.map((s) => s.id),
  };
  return [od, ...scos];
}
