/**
 * The STIX 2.1 objects of a matching event: its SCOs with their ids (spec 2.9; references turned
 * from local keys into ids, referenced objects first) and one observed-data (4.14) listing them.
 */
import { deterministicId } from '../../stix/index.js';
import { type DraftObject, localIndex } from '../model/drafts.js';
import type { LogEvent } from '../model/log-event.js';
import { stixMs } from '../time/event-time.js';
import { contextualScoId } from './detect-ids.js';

/** A STIX object as written out. */
export type StixJson = { readonly type: string; readonly id: string; readonly [property: string]: unknown };

/** The observed-data and SCOs of one event. */
export interface EventObjects {
  readonly observedData: StixJson;
  readonly scos: readonly StixJson[];
}

function withIds(event: LogEvent, observedDataId: string): StixJson[] {
  const ids: Array<string | undefined> = [];
  const out: Array<StixJson | undefined> = [];
  const visiting = new Set<number>();
  const resolveRef = (ref: unknown): unknown => {
    if (typeof ref !== 'string') return ref;
    const i = localIndex(ref);
    return i === undefined ? ref : build(i);
  };
  const build = (i: number): string => {
    const known = ids[i];
    if (known) return known;
    const draft = event.objects[i] as DraftObject;
    // Adapters only refer to earlier objects, but a cycle must not recurse forever.
    if (visiting.has(i)) return contextualScoId(draft.type, observedDataId, i);
    visiting.add(i);
    const resolved: Record<string, unknown> = { type: draft.type, spec_version: '2.1' };
    for (const [k, v] of Object.entries(draft)) {
      if (k === 'type') continue;
      if (k.endsWith('_ref')) resolved[k] = resolveRef(v);
      else if (k.endsWith('_refs') && Array.isArray(v)) resolved[k] = v.map(resolveRef);
      else resolved[k] = v;
    }
    const id = deterministicId(resolved) ?? contextualScoId(draft.type, observedDataId, i);
    ids[i] = id;
    out[i] = { id, ...resolved } as StixJson;
    return id;
  };
  for (let i = 0; i < event.objects.length; i++) build(i);
  return out.filter((o): o is StixJson => o !== undefined);
}

/** Builds the objects of `event`, whose observed-data id is `observedDataId`. */
export function eventObjects(event: LogEvent, observedDataId: string, createdBy: string): EventObjects {
  const scos = withIds(event, observedDataId);
  const created = stixMs(event.time.ms);
  return {
    observedData: {
      type: 'observed-data',
      spec_version: '2.1',
      id: observedDataId,
      created_by_ref: createdBy,
      created,
      modified: created,
      first_observed: event.time.text,
      last_observed: event.time.text,
      number_observed: 1,
      object_refs: [...new Set(scos.map((s) => s.id))],
    },
    scos,
  };
}
