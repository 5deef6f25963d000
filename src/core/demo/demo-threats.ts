/**
 * Demo data, part 2: the actors, campaign and vulnerabilities of the July 2021 joint
 * attribution, from public statements and advisories. Ids are fixed so re-runs match.
 */
import { DEMO_PARTNERS } from './demo-partners.js';

const T0 = '2021-07-19T12:00:00.000Z';
const common = (id: string, createdBy: string = DEMO_PARTNERS.uk.identityId) => ({
  spec_version: '2.1',
  id,
  created_by_ref: createdBy,
  created: T0,
  modified: T0,
});

/** Fixed ids of the demo's actors, campaign and vulnerabilities. */
export const THREAT_IDS = {
  mss: 'threat-actor--0fd00ef9-085c-4657-89cc-136eaafec59a',
  hafnium: 'intrusion-set--1d24ce2e-0f0f-4e65-8b84-e1ef0b236a01',
  apt40: 'intrusion-set--7bb32761-c477-4694-88be-4d3339f7a6bf',
  apt31: 'intrusion-set--ed36466e-3787-4481-8c2c-246259a210a0',
  exchange: 'campaign--ccd2d2d1-33e5-46fe-947b-95e391f9aec3',
  cve26855: 'vulnerability--59a8e781-c744-4a8a-8375-95df9e828a69',
  cve26857: 'vulnerability--b0c2f04a-fd50-480d-b081-2b54cab3e23e',
  cve26858: 'vulnerability--045d4f3a-9846-4b85-bb80-9f7a0772f46b',
  cve27065: 'vulnerability--e26b9c99-f7c4-4271-88f1-57a959b9168e',
} as const;

const cve = (id: string, name: string, description: string) => ({
  type: 'vulnerability',
  ...common(id),
  name,
  description,
  external_references: [
    { source_name: 'cve', external_id: name, url: `https://www.cve.org/CVERecord?id=${name}` },
    { source_name: 'nvd', url: `https://nvd.nist.gov/vuln/detail/${name}` },
  ],
});

/** The actors, the campaign and the four ProxyLogon vulnerabilities. */
export function threatObjects(): Record<string, unknown>[] {
  return [
    {
      type: 'threat-actor',
      ...common(THREAT_IDS.mss),
      name: 'Chinese Ministry of State Security (MSS)',
      description:
        "The state security ministry of the People's Republic of China, to which the partners' statements of 19 July 2021 attributed the activity below.",
      threat_actor_types: ['nation-state'],
      aliases: ['MSS'],
      sophistication: 'strategic',
      resource_level: 'government',
      primary_motivation: 'organizational-gain',
    },
    {
      type: 'intrusion-set',
      ...common(THREAT_IDS.hafnium),
      name: 'HAFNIUM',
      description:
        'Group named by Microsoft in March 2021 for the exploitation of on-premises Microsoft Exchange servers (ProxyLogon).',
      aliases: ['HAFNIUM', 'Silk Typhoon'],
      first_seen: '2021-01-06T00:00:00.000Z',
    },
    {
      type: 'intrusion-set',
      ...common(THREAT_IDS.apt40),
      name: 'APT40',
      description:
        'Group named in the statements of 19 July 2021 and in the US indictment of four MSS officers and contractors unsealed that day.',
      aliases: [
        'APT40',
        'TEMP.Periscope',
        'Leviathan',
        'BRONZE MOHAWK',
        'Kryptonite Panda',
        'Gingham Typhoon',
      ],
    },
    {
      type: 'intrusion-set',
      ...common(THREAT_IDS.apt31),
      name: 'APT31',
      description: 'Group the UK statement of 19 July 2021 attributed to the MSS.',
      aliases: ['APT31', 'Zirconium', 'Judgment Panda', 'BRONZE VINEWOOD', 'Violet Typhoon'],
    },
    {
      type: 'campaign',
      ...common(THREAT_IDS.exchange),
      name: 'Microsoft Exchange Server exploitation (March 2021)',
      description:
        'Mass exploitation of on-premises Exchange servers through the ProxyLogon vulnerabilities, disclosed on 2 March 2021.',
      first_seen: '2021-01-06T00:00:00.000Z',
      last_seen: '2021-03-31T00:00:00.000Z',
      objective: 'Access to email and persistent access to networks through web shells.',
    },
    cve(THREAT_IDS.cve26855, 'CVE-2021-26855', 'Exchange Server server-side request forgery (ProxyLogon).'),
    cve(
      THREAT_IDS.cve26857,
      'CVE-2021-26857',
      'Exchange Server insecure deserialization in the Unified Messaging service.',
    ),
    cve(THREAT_IDS.cve26858, 'CVE-2021-26858', 'Exchange Server post-authentication arbitrary file write.'),
    cve(THREAT_IDS.cve27065, 'CVE-2021-27065', 'Exchange Server post-authentication arbitrary file write.'),
  ];
}
