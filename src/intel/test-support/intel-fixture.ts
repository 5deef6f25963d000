/** A small fixed world for intel/ tests: three partners, actors, an indicator and a technique. */
import { storedObject } from '../../policy/index.js';
import {
  type StixType,
  timestampMicros,
  type ValidatedObject,
  type ValidatedOf,
  validateObject,
} from '../../stix/index.js';
import type { BuildContext } from '../input-checks.js';

/** The United States' identity (as in the core demo). */
export const US = 'identity--4ab32302-7220-4632-8e73-fdb72b421a70';
/** The United Kingdom's identity. */
export const UK = 'identity--2d09d5ed-32df-42fb-87c9-ffefd81c4d0a';
/** The European Union's identity. */
export const EU = 'identity--bca088c8-4207-43b7-8584-763077cc6ffa';
/** An organisation that only reads. */
export const READER = 'identity--0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5';

const T = '2021-07-01T00:00:00.000Z';
/** A valid SDO of the fixed world, typed by validation (a fixture that does not validate throws). */
function sdo<K extends StixType>(type: K, uuid: string, props: Record<string, unknown>): ValidatedOf<K> {
  const result = validateObject({
    type,
    spec_version: '2.1',
    id: `${type}--${uuid}`,
    created: T,
    modified: T,
    ...props,
  });
  if (!result.ok) throw new Error(`fixture ${type}: ${result.issues.map((i) => i.message).join('; ')}`);
  if (!isOf(result.value, type)) throw new Error(`fixture ${type}: validated as ${result.value.type}`);
  return result.value;
}

function isOf<K extends StixType>(o: ValidatedObject, type: K): o is ValidatedOf<K> {
  return o.type === type;
}

/** An intrusion set named HAFNIUM, alias Silk Typhoon. */
export const HAFNIUM = sdo('intrusion-set', '1d24ce2e-0f0f-4e65-8b84-e1ef0b236a01', {
  name: 'HAFNIUM',
  aliases: ['Silk Typhoon'],
});
/** A threat actor named MSS. */
export const MSS = sdo('threat-actor', '0fd00ef9-085c-4657-89cc-136eaafec59a', {
  name: 'MSS',
  threat_actor_types: ['nation-state'],
});
/** An indicator on a documentation address, its name holding a pipe. */
export const INDICATOR = sdo('indicator', '13e2ad4f-e0ca-4655-a4bd-43337dcca3af', {
  name: 'Example infrastructure | with a pipe',
  pattern: "[ipv4-addr:value = '203.0.113.17']",
  pattern_type: 'stix',
  valid_from: T,
  indicator_types: ['malicious-activity'],
});
/** An ATT&CK technique (T1190). */
export const TECHNIQUE = sdo('attack-pattern', '6ab0b7b4-6f3e-4b55-9a2b-1c1f9d5c2a01', {
  name: 'Exploit Public-Facing Application',
  external_references: [
    { source_name: 'mitre-attack', external_id: 'T1190', url: 'https://attack.mitre.org/techniques/T1190/' },
  ],
});
/** A report on HAFNIUM. */
export const REPORT = sdo('report', '3d592f2f-8da3-47ae-8288-3db1ccad9c9b', {
  name: 'Statement',
  published: T,
  object_refs: [HAFNIUM.id],
});

const WORLD = new Map<string, Readonly<Record<string, unknown>>>(
  [HAFNIUM, MSS, INDICATOR, TECHNIQUE, REPORT].map((o) => [o.id, o]),
);

/** A build context at `now` that resolves the fixed world (plus `extra`), ids counting up from 1. */
export function context(now: string, extra: readonly Readonly<Record<string, unknown>>[] = []): BuildContext {
  const objects = new Map(WORLD);
  for (const o of extra) objects.set(String(o.id), o);
  let n = 0;
  return {
    now: timestampMicros(now)!,
    // As a store would hand them out (some tests add malformed objects: intel/ checks anyway).
    resolve: (id) => {
      const o = objects.get(id);
      return o === undefined ? undefined : storedObject(o);
    },
    newId: () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`,
  };
}
