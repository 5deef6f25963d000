/**
 * The demo data of intel/ (src/intel/demo) with the core demo it completes: valid STIX, the
 * consensus the 2021 example should show (supporters, one dissent, groups across partners'
 * names), and the joint advisory released at 12:00 UTC on 19 July 2021.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_PARTNERS } from '../../src/core/demo/demo-partners.js';
import { demoObjects } from '../../src/core/demo/load-demo.js';
import {
  AttributionIndex,
  advisoryDocument,
  advisoryMarkdown,
  advisoryState,
  INTEL_EXTENSION_DEFINITIONS,
  JULY_2021_RELEASE,
  july2021Intel,
  verifySignature,
} from '../../src/intel/index.js';
import { storedObject } from '../../src/policy/index.js';
import {
  asMicros,
  type Micros,
  timestampMicros,
  type ValidatedObject,
  validateObject,
} from '../../src/stix/index.js';

const P = Object.fromEntries(Object.entries(DEMO_PARTNERS).map(([k, v]) => [k, v.identityId])) as Record<
  keyof typeof DEMO_PARTNERS,
  string
>;
const core = demoObjects();
const find = (pred: (o: Record<string, unknown>) => boolean) => core.find(pred) as Record<string, unknown>;
/** The id of the demo bundle's object of that type and name. */
function idOf(type: string, name: string): string {
  const object = core.find((o) => o.type === type && o.name === name);
  if (!object) throw new Error(`the demo bundle has no ${type} named ${name}`);
  return String(object.id);
}
const THREAT_IDS = {
  mss: idOf('threat-actor', 'Chinese Ministry of State Security (MSS)'),
  hafnium: idOf('intrusion-set', 'HAFNIUM'),
  apt40: idOf('intrusion-set', 'APT40'),
  apt31: idOf('intrusion-set', 'APT31'),
  exchange: idOf('campaign', 'Microsoft Exchange Server exploitation (March 2021)'),
};
const PRC_STATE_ID = idOf('threat-actor', 'Chinese state actors (agency not named)');
const intel = july2021Intel(intelIds());
// The producer of each demo object is the partner whose identity created it (as the loader does).
const records = [...core.map(storedObject), ...INTEL_EXTENSION_DEFINITIONS, ...intel].map((object) => ({
  object,
  producer: String(('created_by_ref' in object ? object.created_by_ref : undefined) ?? P.uk),
}));

describe('intel demo data (the statements of 19 July 2021)', () => {
  it('is valid STIX 2.1, and the same on every run', () => {
    for (const o of intel)
      expect(
        validateObject(o).issues.filter((i) => i.severity === 'error'),
        String(o.id),
      ).toEqual([]);
    expect(JSON.stringify(july2021Intel(intelIds()))).toBe(JSON.stringify(intel));
  });

  it('shows each partner claim with its confidence, the groups across names, and one dissent', () => {
    const { subjects } = AttributionIndex.of(records).consensus();
    const hafnium = subjects.find((s) => s.subject_refs.includes(THREAT_IDS.hafnium));
    const toMss = hafnium?.candidates.find((c) => c.target_refs.includes(THREAT_IDS.mss));
    expect(toMss?.supporting.map((s) => s.org).sort()).toEqual([P.us, P.uk, P.ca, P.au, P.nz].sort());
    expect(toMss).toMatchObject({ dissent: true, disputing: [{ org: P.eu }] });
    expect(hafnium?.candidates[0]).toBe(toMss);
    // The campaign's attribution now has a confidence (the newest version counts).
    const exchange = subjects.find((s) => s.subject_refs.includes(THREAT_IDS.exchange));
    expect(exchange?.candidates[0]).toMatchObject({ name: 'HAFNIUM', mean_confidence: 90 });
    // The EU's APT31 object and the UK's are one subject (APT31 = ZIRCONIUM).
    const apt31 = subjects.find((s) => s.subject_refs.includes(THREAT_IDS.apt31));
    expect(apt31?.subject_refs).toHaveLength(2);
    expect(apt31?.candidates.map((c) => c.supporting.map((s) => s.org))).toEqual([[P.uk], [P.eu]]);
  });

  it('holds the joint advisory, released at its release time, every signature standing', () => {
    const report = intel.find((o) => o.type === 'report') as ValidatedObject;
    const signatures = records.filter((r) => r.object.type === 'opinion' && r.object.opinion === 'agree');
    for (const s of signatures) expect(verifySignature(s, report).ok).toBe(true);
    const at = timestampMicros(JULY_2021_RELEASE) as Micros;
    const state = (now: number) =>
      advisoryState({ versions: [{ object: report, producer: P.uk }], signatures, now: asMicros(now) })
        ?.state;
    expect(state(at - 1)).toBe('sealed');
    expect(state(at)).toBe('released');
    const names = new Map(Object.values(DEMO_PARTNERS).map((p) => [p.identityId, p.name]));
    const md = advisoryMarkdown(
      advisoryDocument({
        report,
        organisationNames: names,
        referenced: [...core.map(storedObject), ...intel],
      }),
    );
    expect(md).toContain('**TLP:CLEAR**');
    expect(md).toContain('United Kingdom Government, United States Government, Government of Canada');
    expect(md).toContain('203.0.113.17');
    expect(md).toContain('| T1505.003 | Server Software Component: Web Shell |');
  });
});

/** The ids of the core demo that the intel demo refers to. */
function intelIds() {
  return {
    partners: P,
    mss: THREAT_IDS.mss,
    prcState: PRC_STATE_ID,
    hafnium: THREAT_IDS.hafnium,
    apt40: THREAT_IDS.apt40,
    apt31: THREAT_IDS.apt31,
    exchange: THREAT_IDS.exchange,
    exchangeAttribution: 'relationship--8f6d7e66-c0d9-458e-b8c2-82144cb8c498',
    usHafniumClaim: String(
      find(
        (o) => o.type === 'relationship' && o.created_by_ref === P.us && o.source_ref === THREAT_IDS.hafnium,
      ).id,
    ),
    ukReport: 'report--aad9c177-cb14-44af-b064-258e271f93a1',
    ukSighting: 'sighting--a4b61eea-fe1f-4d71-b98a-6a6a8043f4e3',
    indicators: core
      .filter((o) => o.type === 'indicator' && String(o.object_marking_refs).includes('94868c89'))
      .map((o) => String(o.id)),
  };
}
