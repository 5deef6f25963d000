/**
 * The TLP marking definitions: TLP 2.0 (published with the OASIS TLP 2.0 extension,
 * extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d) and TLP 1.0 (spec 7.2.1.4).
 */
import type { MarkingDefinition } from '../meta/types.js';

/** The extension-definition id that carries the TLP 2.0 level (`tlp_2_0`). */
export const TLP_V2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** TLP 2.0 levels. */
export type TlpV2Level = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';
/** TLP 1.0 levels (spec 7.2.1.4). */
export type TlpV1Level = 'white' | 'green' | 'amber' | 'red';

const tlp2 = (id: string, level: TlpV2Level): MarkingDefinition =>
  Object.freeze({
    type: 'marking-definition',
    spec_version: '2.1',
    id,
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${level.toUpperCase()}`,
    extensions: Object.freeze({
      [TLP_V2_EXTENSION_ID]: Object.freeze({ extension_type: 'property-extension' as const, tlp_2_0: level }),
    }),
  });

const tlp1 = (id: string, level: TlpV1Level): MarkingDefinition =>
  Object.freeze({
    type: 'marking-definition',
    spec_version: '2.1',
    id,
    created: '2017-01-20T00:00:00.000Z',
    definition_type: 'tlp',
    name: `TLP:${level.toUpperCase()}`,
    definition: Object.freeze({ tlp: level }),
  });

/** The five TLP 2.0 marking definitions by level (ids as in DESIGN.md). */
export const TLP_V2 = {
  clear: tlp2('marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', 'clear'),
  green: tlp2('marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb', 'green'),
  amber: tlp2('marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', 'amber'),
  'amber+strict': tlp2('marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003', 'amber+strict'),
  red: tlp2('marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1', 'red'),
} as const satisfies Record<TlpV2Level, MarkingDefinition>;

/** The four TLP 1.0 marking definitions by level (spec 7.2.1.4: the only TLP 1.0 instances permitted). */
export const TLP_V1 = {
  white: tlp1('marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9', 'white'),
  green: tlp1('marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da', 'green'),
  amber: tlp1('marking-definition--f88d31f6-486f-44da-b317-01333bde0b82', 'amber'),
  red: tlp1('marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed', 'red'),
} as const satisfies Record<TlpV1Level, MarkingDefinition>;

/** TLP 2.0 marking-definition id → level. */
export const TLP_V2_IDS: ReadonlyMap<string, TlpV2Level> = new Map(
  Object.entries(TLP_V2).map(([level, def]) => [def.id, level as TlpV2Level]),
);

/** TLP 1.0 marking-definition id → level. */
export const TLP_V1_IDS: ReadonlyMap<string, TlpV1Level> = new Map(
  Object.entries(TLP_V1).map(([level, def]) => [def.id, level as TlpV1Level]),
);

/** The TLP marking (version and level) an id names, or undefined when it is not a TLP marking. */
export function tlpOf(
  id: string,
):
  | { readonly version: '1.0'; readonly level: TlpV1Level }
  | { readonly version: '2.0'; readonly level: TlpV2Level }
  | undefined {
  const v2 = TLP_V2_IDS.get(id);
  if (v2 !== undefined) return { version: '2.0', level: v2 };
  const v1 = TLP_V1_IDS.get(id);
  if (v1 !== undefined) return { version: '1.0', level: v1 };
  return undefined;
}

/** True when `id` is one of the TLP 1.0 or TLP 2.0 marking-definition ids. */
export function isTlpMarking(id: string): boolean {
  return TLP_V2_IDS.has(id) || TLP_V1_IDS.has(id);
}
