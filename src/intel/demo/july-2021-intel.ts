/**
 * Demo data for attribution and joint advisories (the statements of 19 July 2021), built with
 * intel/'s own builders: the Exchange campaign's attribution to HAFNIUM with a confidence and
 * its evidence, the EU's claims (on its own APT31 object, which grouping joins to the UK's),
 * one dissent to show the feature, and the joint advisory, sealed before and released at
 * 12:00 UTC that day, citing indicators on documentation ranges and two ATT&CK techniques.
 * The ids of the partners and threats come from the caller (core/demo), so nothing is
 * written twice. Public facts only; confidences are the demo's reading of the wording.
 */

import { storedObject } from '../../policy/index.js';
import { timestampMicros, type ValidatedObject, type ValidatedOf } from '../../stix/index.js';
import { draftAdvisory } from '../advisory/build-advisory.js';
import { signAdvisory, signatureMarkings } from '../advisory/sign-advisory.js';
import { buildClaim } from '../claims/build-claim.js';
import { buildDispute } from '../claims/build-dispute.js';
import { EVIDENCE_EXTENSION_ID } from '../extension-definitions.js';
import type { BuildContext } from '../input-checks.js';
import { unwrap } from '../intel-issue.js';
import { JULY_2021_ADVISORY_BODY } from './july-2021-advisory-body.js';

/** The partners and objects of the core demo this data refers to. */
export interface July2021Ids {
  /** Identity ids by partner: us, uk, eu, nato, jp, ca, au, nz. */
  readonly partners: Readonly<Record<'us' | 'uk' | 'eu' | 'nato' | 'jp' | 'ca' | 'au' | 'nz', string>>;
  readonly mss: string;
  readonly prcState: string;
  readonly hafnium: string;
  readonly apt40: string;
  readonly apt31: string;
  readonly exchange: string;
  /** The campaign → HAFNIUM `attributed-to` relationship (made by the UK) that has no confidence yet. */
  readonly exchangeAttribution: string;
  /** The US claim HAFNIUM → MSS, which the demo's dissent disputes. */
  readonly usHafniumClaim: string;
  /** The UK statement report and UK sighting the Exchange claim rests on. */
  readonly ukReport: string;
  readonly ukSighting: string;
  /** The TLP:CLEAR indicators the advisory cites. */
  readonly indicators: readonly string[];
}

/** The time of the statements, and the advisory's release time. */
export const JULY_2021_RELEASE = '2021-07-19T12:00:00.000Z';

const TECHNIQUES = [
  ['8fab90a9-1b4b-4ac1-a029-767fd6bebf11', 'T1190', 'Exploit Public-Facing Application', 'techniques/T1190/'],
  [
    '0c938fdd-3c4d-463e-ba14-c691e34f6208',
    'T1505.003',
    'Server Software Component: Web Shell',
    'techniques/T1505/003/',
  ],
] as const;

/** Fixed ids, in the order the builders ask for them, so re-runs produce the same objects. */
const IDS = [
  'ff766647-87fb-41cc-b1a2-ea90d66c2508',
  '517e2520-9b38-4e7c-8fd7-8e970aee5ebe',
  '2c97b759-2d0a-4e74-a114-de9581f7a46e',
  'e0de118f-c146-4674-92f9-3d6e840a22a4',
  'ad66f9f4-e304-4888-91e4-f557dca7f173',
  '6e8ab5ca-06bb-4364-9a3c-539e36e0b606',
  '9ccfce9a-d403-4895-a3b1-c6eef529b814',
  'ce8ddcb6-fea6-40e2-9b1e-8f523844e02f',
  '2e3b9157-f2d2-4800-aeff-ff2b10f303dd',
  '41e3a146-69dc-435d-9efb-2cba24f5313e',
  '3ce2f069-3c25-446d-8114-5ec671385b92',
  // The embargoes of the co-signers other than the drafter, one each with their signature.
  '5d0c3a52-8a5e-4f0e-9d8e-1f6a2b7c3d41',
  '7b9e4c13-2f6d-4a8b-8c1e-3d5f7a9b0c62',
  '9a1f5e24-4b7c-4d9e-a2f3-5e7b9c1d2e83',
  'b2c6d835-6e8f-4f1a-b4c5-7f9d1e3a4b04',
];
const EU_APT31 = 'intrusion-set--37a501da-f838-4560-b24d-fed1cb32f6ab';

/** The ATT&CK techniques the advisory names (attack-pattern objects with their ATT&CK ids). */
function techniques(createdBy: string): ValidatedOf<'attack-pattern'>[] {
  return TECHNIQUES.map(([uuid, attackId, name, path]) => ({
    type: 'attack-pattern',
    spec_version: '2.1',
    id: `attack-pattern--${uuid}`,
    created_by_ref: createdBy,
    created: '2021-07-12T09:00:00.000Z',
    modified: '2021-07-12T09:00:00.000Z',
    name,
    external_references: [
      { source_name: 'mitre-attack', external_id: attackId, url: `https://attack.mitre.org/${path}` },
    ],
    object_marking_refs: ['marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487'],
  }));
}

/** Every demo object of intel/, in an order a store accepts (markings and targets first). */
export function july2021Intel(ids: July2021Ids): ValidatedObject[] {
  const P = ids.partners;
  const techniqueObjects = techniques(P.uk);
  let next = 0;
  const known = new Set([
    ...Object.values(P),
    ids.mss,
    ids.prcState,
    ids.hafnium,
    ids.apt40,
    ids.apt31,
    ids.exchange,
    ids.usHafniumClaim,
    ids.ukReport,
    ids.ukSighting,
    EU_APT31,
    ...ids.indicators,
    ...techniqueObjects.map((t) => String(t.id)),
  ]);
  const ctx = (now: string, extra: Record<string, unknown>[] = []): BuildContext => ({
    now: timestampMicros(now)!,
    // Claims name objects by id; here every id of the demo is known (the usHafniumClaim with its
    // fields): the demo bundle stores them, and the builders read only their type and id.
    resolve: (id) => {
      const o =
        extra.find((e) => e.id === id) ??
        (known.has(id) ? { id, type: id.slice(0, id.indexOf('--')) } : undefined);
      return o === undefined ? undefined : storedObject(o);
    },
    newId: () => IDS[next++] as string,
  });
  const CLEAR = ['marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487'];

  const euApt31: ValidatedOf<'intrusion-set'> = {
    type: 'intrusion-set',
    spec_version: '2.1',
    id: EU_APT31,
    created_by_ref: P.eu,
    created: '2021-07-19T12:00:00.000Z',
    modified: '2021-07-19T12:00:00.000Z',
    name: 'APT31',
    description:
      "The EU's object for the group its declaration of 19 July 2021 named; another partner's name for it is ZIRCONIUM.",
    aliases: ['ZIRCONIUM'],
    object_marking_refs: CLEAR,
  };
  // A new version of the UK's campaign attribution, which had no confidence, with its evidence.
  const exchange: ValidatedOf<'relationship'> = {
    type: 'relationship',
    spec_version: '2.1',
    id: ids.exchangeAttribution,
    created_by_ref: P.uk,
    created: '2021-07-19T12:00:00.000Z',
    modified: '2021-07-19T12:30:00.000Z',
    relationship_type: 'attributed-to',
    source_ref: ids.exchange,
    target_ref: ids.hafnium,
    confidence: 90,
    description:
      "The NCSC assessed it highly likely that HAFNIUM, associated with the Chinese state, was responsible for the Exchange compromise. Confidence is the demo's reading of that wording.",
    object_marking_refs: CLEAR,
    extensions: {
      [EVIDENCE_EXTENSION_ID]: {
        extension_type: 'property-extension',
        evidence_refs: [
          ids.ukReport,
          ...ids.indicators,
          ids.ukSighting,
          ...techniqueObjects.map((t) => String(t.id)),
        ],
      },
    },
  };
  const euClaims = [ids.apt40, EU_APT31].map((subject) =>
    unwrap(
      buildClaim(
        {
          subject,
          target: ids.prcState,
          confidence: 60,
          producer: P.eu,
          markings: CLEAR,
          description:
            "The EU declaration linked the activity to APT40 and APT31 and said it was conducted from the territory of China. Confidence is the demo's reading of that wording.",
        },
        ctx('2021-07-19T12:00:00.000Z'),
      ),
    ),
  );
  const usClaim = {
    id: ids.usHafniumClaim,
    type: 'relationship',
    relationship_type: 'attributed-to',
    source_ref: ids.hafnium,
    target_ref: ids.mss,
    confidence: 90,
    object_marking_refs: CLEAR,
  };
  const dissent = unwrap(
    buildDispute(
      {
        claim: ids.usHafniumClaim,
        producer: P.eu,
        markings: CLEAR,
        explanation:
          'Demo illustration of a dissent, not an EU position: the EU declaration of 19 July 2021 named no agency, only activity conducted from the territory of China.',
      },
      ctx('2021-07-19T12:05:00.000Z', [usClaim]),
    ),
  );

  const cosigners = [P.uk, P.us, P.ca, P.au, P.nz];
  const { embargo, report } = unwrap(
    draftAdvisory(
      {
        title: 'Joint advisory: exploitation of Microsoft Exchange Server by MSS-affiliated cyber actors',
        body: JULY_2021_ADVISORY_BODY,
        cosigners,
        releaseAt: JULY_2021_RELEASE,
        refs: [
          ids.hafnium,
          ids.exchange,
          ids.mss,
          ...ids.indicators,
          ...techniqueObjects.map((t) => String(t.id)),
        ],
        drafter: P.uk,
        tlp: 'clear',
      },
      ctx('2021-07-12T09:00:00.000Z'),
    ),
  );
  // Each co-signer marks its signature with an embargo of its own (the drafter's counts for the
  // drafter's objects only: DESIGN.md, Trust), with the same release time and co-signers.
  const signatures = cosigners.flatMap((signer, i) => {
    const at = ctx(`2021-07-1${4 + (i % 3)}T1${i}:00:00.000Z`);
    const marks = signatureMarkings(report, signer, at);
    const signature = unwrap(signAdvisory(report, signer, at, marks?.markingRefs));
    return marks?.embargo === undefined ? [signature] : [marks.embargo, signature];
  });
  return [embargo, ...techniqueObjects, euApt31, exchange, ...euClaims, dissent, report, ...signatures];
}
