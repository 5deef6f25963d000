/**
 * Demo data, part 3: each partner's `attributed-to` relationships (with a confidence), the
 * reports for the statements of 19 July 2021, indicators and sightings. Indicator values are
 * from documentation ranges (RFC 5737, example.com) so nothing looks like a real accusation.
 */
import { TLP_V2 } from '../../stix/index.js';
import { DEMO_PARTNERS } from './demo-partners.js';
import { THREAT_IDS } from './demo-threats.js';

const T0 = '2021-07-19T12:00:00.000Z';
const CLEAR = [TLP_V2.clear.id];
const AMBER = [TLP_V2.amber.id];
type Partner = keyof typeof DEMO_PARTNERS;

/** Fixed id of the threat actor for statements that name the Chinese state without an agency. */
export const PRC_STATE_ID = 'threat-actor--ed5a1f91-a64c-4b8e-a540-c417e9b93778';

const CONFIDENCE_NOTE = "Confidence is the demo's reading of the statement's wording, not a figure it gave.";

function attributed(
  uuid: string,
  by: Partner,
  source: string,
  target: string,
  confidence: number,
  said: string,
) {
  return {
    type: 'relationship',
    spec_version: '2.1',
    id: `relationship--${uuid}`,
    created_by_ref: DEMO_PARTNERS[by].identityId,
    created: T0,
    modified: T0,
    relationship_type: 'attributed-to',
    source_ref: source,
    target_ref: target,
    confidence,
    description: `${said} ${CONFIDENCE_NOTE}`,
    object_marking_refs: CLEAR,
  };
}

function rel(uuid: string, type: string, source: string, target: string) {
  return {
    type: 'relationship',
    spec_version: '2.1',
    id: `relationship--${uuid}`,
    created_by_ref: DEMO_PARTNERS.uk.identityId,
    created: T0,
    modified: T0,
    relationship_type: type,
    source_ref: source,
    target_ref: target,
    object_marking_refs: CLEAR,
  };
}

const I = THREAT_IDS;
const MSS = I.mss;

/** Each partner's attribution of HAFNIUM / the Exchange exploitation, APT40 and APT31. */
export function attributionRelationships(): Record<string, unknown>[] {
  return [
    attributed(
      'fa0b3bbb-194a-41ae-89ae-c18c772ef30a',
      'us',
      I.hafnium,
      MSS,
      90,
      'The US attributed the Exchange compromise to MSS-affiliated cyber actors.',
    ),
    attributed(
      '5a87cc69-721f-41f0-a45f-1292f8d300f9',
      'uk',
      I.hafnium,
      MSS,
      90,
      'The UK attributed the Exchange compromise to Chinese state-backed actors (HAFNIUM).',
    ),
    attributed(
      '94bd1144-446e-4d90-80bc-451728e1799d',
      'ca',
      I.hafnium,
      MSS,
      85,
      'Canada attributed the Exchange compromise to the MSS.',
    ),
    attributed(
      '38926269-e6ba-44d7-8fb7-15ce8faa28e6',
      'au',
      I.hafnium,
      MSS,
      85,
      'Australia attributed the Exchange exploitation to the MSS.',
    ),
    attributed(
      'ae09e774-5268-4bfb-8b50-3dd7c488deb5',
      'nz',
      I.hafnium,
      MSS,
      80,
      'New Zealand linked the Exchange compromise to Chinese state-sponsored actors.',
    ),
    attributed(
      '0e281aca-720f-46e2-9a3d-7dc86b2848ec',
      'eu',
      I.hafnium,
      PRC_STATE_ID,
      60,
      'The EU said the Exchange compromise was undertaken from the territory of China.',
    ),
    attributed(
      '303d5ac3-cfa4-442f-bbe7-a7de4856f25f',
      'nato',
      I.hafnium,
      PRC_STATE_ID,
      50,
      "NATO acknowledged Allies' attribution of the Exchange compromise to the PRC.",
    ),
    attributed(
      '8411fc59-2c9d-4d6c-93d4-dfa1c01d365f',
      'us',
      I.apt40,
      MSS,
      95,
      'The US indicted four MSS officers and contractors for APT40 activity.',
    ),
    attributed(
      '4f5b6958-f875-45cd-a7c2-0a2408742fac',
      'uk',
      I.apt40,
      MSS,
      90,
      'The UK attributed APT40 to the MSS.',
    ),
    attributed(
      '80d25477-6381-4772-a65c-17644d96065a',
      'jp',
      I.apt40,
      PRC_STATE_ID,
      80,
      'Japan assessed that the Chinese government is behind APT40.',
    ),
    attributed(
      '58a8fca1-5a78-4e4a-8e34-3c89802a79ef',
      'ca',
      I.apt40,
      MSS,
      80,
      'Canada attributed APT40 activity to the MSS.',
    ),
    attributed(
      '3bf3c28d-90a8-4bc7-a842-09ff58768fc6',
      'au',
      I.apt40,
      MSS,
      80,
      'Australia attributed APT40 activity to the MSS.',
    ),
    attributed(
      '85fa5489-1dd3-4962-90b0-4be7bdb9f550',
      'nz',
      I.apt40,
      MSS,
      80,
      'New Zealand linked APT40 to the MSS.',
    ),
    attributed(
      '9c235231-1858-4112-9d23-92903ec8e4b9',
      'uk',
      I.apt31,
      MSS,
      90,
      'The UK attributed APT31 to the MSS.',
    ),
    rel('8f6d7e66-c0d9-458e-b8c2-82144cb8c498', 'attributed-to', I.exchange, I.hafnium),
    rel('3d2a5d48-67d8-49a3-9f32-b0cd40045f63', 'targets', I.exchange, I.cve26855),
    rel('97996eba-fea3-4e0d-9051-93f94d14fcc9', 'targets', I.exchange, I.cve26857),
    rel('4d860b4e-6f9b-4bcc-b536-ab20245b7ad2', 'targets', I.exchange, I.cve26858),
    rel('5d4d3e28-c91c-44a6-8393-31b0b33a3df1', 'targets', I.exchange, I.cve27065),
  ];
}

/** The threat actor standing for "the Chinese state" where a statement named no agency. */
export function prcStateActor(): Record<string, unknown> {
  return {
    type: 'threat-actor',
    spec_version: '2.1',
    id: PRC_STATE_ID,
    created_by_ref: DEMO_PARTNERS.uk.identityId,
    created: T0,
    modified: T0,
    name: 'Chinese state actors (agency not named)',
    description:
      'Stands for statements that attributed activity to China or the Chinese government without naming an agency.',
    threat_actor_types: ['nation-state'],
    object_marking_refs: CLEAR,
  };
}

const INDICATORS = [
  ['13e2ad4f-e0ca-4655-a4bd-43337dcca3af', "[ipv4-addr:value = '203.0.113.17']", I.exchange, CLEAR],
  ['15335286-607c-4416-9ad5-8f4816738b93', "[ipv4-addr:value = '198.51.100.23']", I.exchange, CLEAR],
  ['b0d9126c-0337-43d2-9019-e29a16451c41', "[domain-name:value = 'owa-sync.example.com']", I.exchange, CLEAR],
  ['905bf276-3f42-492c-89b4-145772f7d16d', "[ipv4-addr:value = '192.0.2.40']", I.apt40, AMBER],
] as const;
const INDICATES = [
  '01564338-d15b-4344-8ccb-82abe8c4e9d1',
  'ec659c4e-8e80-4c5d-8546-ec5fbcfa3746',
  '4ac5e671-ad99-4202-a635-59ce90dba5f5',
  'c0da99c1-f995-4ea8-9aa7-7171f8a79b0c',
];

/** Example indicators (documentation-range values) and what they indicate. */
export function indicatorObjects(): Record<string, unknown>[] {
  return INDICATORS.flatMap(([uuid, pattern, target, marking], i) => [
    {
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--${uuid}`,
      created_by_ref: DEMO_PARTNERS.uk.identityId,
      created: T0,
      modified: T0,
      name: `Example infrastructure ${i + 1} (documentation value, not a real indicator)`,
      indicator_types: ['malicious-activity'],
      pattern,
      pattern_type: 'stix',
      valid_from: '2021-03-02T00:00:00Z',
      object_marking_refs: [...marking],
    },
    { ...rel(INDICATES[i]!, 'indicates', `indicator--${uuid}`, target), object_marking_refs: [...marking] },
  ]);
}

/** Sightings of the example indicators by partners. */
export function sightingObjects(): Record<string, unknown>[] {
  const sighting = (
    uuid: string,
    indicator: string,
    by: Partner,
    count: number,
    marking: readonly string[],
  ) => ({
    type: 'sighting',
    spec_version: '2.1',
    id: `sighting--${uuid}`,
    created_by_ref: DEMO_PARTNERS[by].identityId,
    created: T0,
    modified: T0,
    first_seen: '2021-03-03T00:00:00Z',
    last_seen: '2021-03-09T00:00:00Z',
    count,
    sighting_of_ref: `indicator--${indicator}`,
    where_sighted_refs: [DEMO_PARTNERS[by].identityId],
    object_marking_refs: [...marking],
  });
  return [
    sighting('a4b61eea-fe1f-4d71-b98a-6a6a8043f4e3', INDICATORS[0][0], 'uk', 12, CLEAR),
    sighting('d08f4929-42e6-43a2-a292-f099a7defd56', INDICATORS[2][0], 'au', 3, CLEAR),
    sighting('4c850913-d9e5-4b2a-8091-bf9e6eed8c74', INDICATORS[3][0], 'nz', 1, AMBER),
  ];
}
