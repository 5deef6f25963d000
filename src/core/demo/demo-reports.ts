/** Demo data, part 4: one report per partner statement of 19 July 2021. */
import { TLP_V2 } from '../../stix/index.js';
import { PRC_STATE_ID } from './demo-attribution.js';
import { DEMO_PARTNERS } from './demo-partners.js';
import { THREAT_IDS } from './demo-threats.js';

type Partner = keyof typeof DEMO_PARTNERS;
const I = THREAT_IDS;

const STATEMENTS: readonly (readonly [Partner, string, string, readonly string[], string?])[] = [
  [
    'us',
    '3d592f2f-8da3-47ae-8288-3db1ccad9c9b',
    'United States statement of 19 July 2021 attributing malicious cyber activity to the PRC',
    [I.hafnium, I.apt40, I.exchange, I.mss],
    'https://www.whitehouse.gov/briefing-room/statements-releases/2021/07/19/fact-sheet-the-united-states-joined-by-allies-and-partners-attributes-malicious-cyber-activity-and-irresponsible-state-behavior-to-the-peoples-republic-of-china/',
  ],
  [
    'uk',
    'aad9c177-cb14-44af-b064-258e271f93a1',
    'UK and allies hold Chinese state responsible for a pervasive pattern of hacking',
    [I.hafnium, I.apt40, I.apt31, I.exchange, I.mss],
    'https://www.gov.uk/government/news/uk-and-allies-hold-chinese-state-responsible-for-a-pervasive-pattern-of-hacking',
  ],
  [
    'eu',
    'eaa0f32b-9c50-4d86-826e-4416458f2674',
    'Declaration by the High Representative on behalf of the EU (19 July 2021)',
    [I.exchange, I.hafnium, PRC_STATE_ID],
  ],
  [
    'nato',
    '3c77f5e0-cffb-4bc5-a8da-32f23345cfcc',
    'Statement by the North Atlantic Council (19 July 2021)',
    [I.exchange, I.hafnium, PRC_STATE_ID],
  ],
  [
    'jp',
    '21b425b3-d670-479c-b024-c08e138703e1',
    'Statement of the Government of Japan on APT40 (19 July 2021)',
    [I.apt40, PRC_STATE_ID],
  ],
  [
    'ca',
    'e3fb8102-ec24-4b83-853f-d3c9c1ace269',
    'Statement of the Government of Canada (19 July 2021)',
    [I.hafnium, I.apt40, I.mss],
  ],
  [
    'au',
    '2d1c8222-53c6-45a1-9b38-b4b58b19eea3',
    'Statement of the Government of Australia (19 July 2021)',
    [I.hafnium, I.apt40, I.mss],
  ],
  [
    'nz',
    '1f938502-acad-4d99-8e69-04ec520a0b25',
    'Statement of the Government of New Zealand (19 July 2021)',
    [I.hafnium, I.apt40, I.mss],
  ],
];

/** The reports of the joint statements. */
export function reportObjects(): Record<string, unknown>[] {
  return STATEMENTS.map(([partner, uuid, name, refs, url]) => ({
    type: 'report',
    spec_version: '2.1',
    id: `report--${uuid}`,
    created_by_ref: DEMO_PARTNERS[partner].identityId,
    created: '2021-07-19T12:00:00.000Z',
    modified: '2021-07-19T12:00:00.000Z',
    name,
    description: `${DEMO_PARTNERS[partner].description} Part of the coordinated statements of 19 July 2021.`,
    report_types: ['threat-actor', 'campaign'],
    published: '2021-07-19T12:00:00.000Z',
    object_refs: [...refs],
    object_marking_refs: [TLP_V2.clear.id],
    ...(url ? { external_references: [{ source_name: DEMO_PARTNERS[partner].name, url }] } : {}),
  }));
}
