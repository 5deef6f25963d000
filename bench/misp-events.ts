/**
 * Realistic MISP events for bench/interop, generated deterministically: 5-80 attributes each
 * (network indicators most, then hashes, files, e-mail, registry, text and links; about 60%
 * with to_ids), a few MISP objects (file, domain-ip), a threat-actor and an ATT&CK technique
 * galaxy, TLP and free tags, community or all-communities distribution. Values are fictional, on
 * documentation ranges (RFC 5737 addresses, example.com names).
 */
import { createHash } from 'node:crypto';

type Json = Record<string, unknown>;

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (text: string, length: number) =>
  createHash('sha512').update(text).digest('hex').repeat(2).slice(0, length);
/** A UUIDv4-shaped uuid derived from a name. */
const uuidOf = (name: string) => {
  const h = hex(name, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const NETS = ['192.0.2', '198.51.100', '203.0.113'];
const WORDS = ['update', 'cdn', 'login', 'mail', 'secure', 'files', 'portal', 'static', 'api', 'account'];
const ACTORS = ['EXAMPLE SPIDER', 'SAMPLE PANDA', 'FICTIONAL BEAR', 'PLACEHOLDER KITTEN'];
const TECHNIQUES: [string, string, string][] = [
  ['a62a8db3-f23a-4d8f-afd6-9dbc77e7813b', 'Phishing', 'T1566'],
  ['d157f9d2-d09a-4efa-bb2a-64963f94e253', 'Web Protocols', 'T1071.001'],
  ['7385dfaf-6886-4229-9ecd-6fd678040830', 'Command and Scripting Interpreter', 'T1059'],
];

/** Attribute makers by weight: [weight, make(n) → [type, category, value]]. */
const KINDS: [number, (n: number, r: () => number) => [string, string, string]][] = [
  [25, (n, r) => ['ip-dst', 'Network activity', `${NETS[n % 3]}.${Math.floor(r() * 254) + 1}`]],
  [20, (n) => ['domain', 'Network activity', `${WORDS[n % 10]}${n}.example.com`]],
  [
    10,
    (n) => [
      'url',
      'Network activity',
      `https://${WORDS[(n + 3) % 10]}${n}.example.net/${hex(`u${n}`, 8)}.php`,
    ],
  ],
  [10, (n) => ['sha256', 'Payload delivery', hex(`s${n}`, 64)]],
  [5, (n) => ['md5', 'Payload delivery', hex(`m${n}`, 32)]],
  [5, (n) => ['filename|sha256', 'Payload delivery', `invoice_${n}.exe|${hex(`f${n}`, 64)}`]],
  [5, (n) => ['hostname', 'Network activity', `host${n}.${WORDS[n % 10]}.example.org`]],
  [3, (n) => ['email-src', 'Payload delivery', `sender${n}@example.com`]],
  [
    3,
    (n, r) => [
      'ip-src|port',
      'Network activity',
      `${NETS[(n + 1) % 3]}.${Math.floor(r() * 254) + 1}|${1024 + (n % 60000)}`,
    ],
  ],
  [2, (n) => ['regkey', 'Persistence mechanism', `HKLM\\Software\\Example\\Run\\Item${n}`]],
  [5, (n) => ['text', 'Other', `Analyst note ${n}: the loader checks the locale before running.`]],
  [2, (n) => ['link', 'External analysis', `https://blog.example.com/post/${n}`]],
];
const TOTAL_WEIGHT = KINDS.reduce((s, [w]) => s + w, 0);

/** Event i (1,000 of them give about 45,000 attributes). */
export function mispEvent(i: number): { Event: Json } {
  const r = random(i + 1);
  const base = 1_700_000_000 + i * 3600;
  const count = 5 + Math.floor(r() * r() * 150);
  const attributes: Json[] = [];
  for (let k = 0; k < count; k++) {
    const n = i * 1000 + k;
    let pick = r() * TOTAL_WEIGHT;
    let kind = KINDS[0]!;
    for (const candidate of KINDS) {
      pick -= candidate[0];
      kind = candidate;
      if (pick < 0) break;
    }
    const [type, category, value] = kind[1](n, r);
    attributes.push({
      uuid: uuidOf(`a${n}`),
      type,
      category,
      value,
      to_ids: type !== 'text' && type !== 'link' && r() < 0.6,
      timestamp: String(base + k),
      distribution: '5',
      comment: r() < 0.2 ? `seen in campaign wave ${k % 4}` : '',
    });
  }
  const objects: Json[] = [];
  const objectCount = Math.floor(r() * 4);
  for (let k = 0; k < objectCount; k++) {
    const n = i * 1000 + 900 + k;
    const flagged = r() < 0.5;
    objects.push(
      k % 2 === 0
        ? {
            uuid: uuidOf(`o${n}`),
            name: 'file',
            'meta-category': 'file',
            timestamp: String(base),
            Attribute: [
              {
                uuid: uuidOf(`o${n}a`),
                object_relation: 'filename',
                type: 'filename',
                category: 'Payload delivery',
                value: `dropper_${n}.dll`,
                to_ids: flagged,
              },
              {
                uuid: uuidOf(`o${n}b`),
                object_relation: 'md5',
                type: 'md5',
                category: 'Payload delivery',
                value: hex(`om${n}`, 32),
                to_ids: flagged,
              },
              {
                uuid: uuidOf(`o${n}c`),
                object_relation: 'sha256',
                type: 'sha256',
                category: 'Payload delivery',
                value: hex(`os${n}`, 64),
                to_ids: flagged,
              },
              {
                uuid: uuidOf(`o${n}d`),
                object_relation: 'size-in-bytes',
                type: 'size-in-bytes',
                category: 'Other',
                value: String(10_000 + n),
                to_ids: false,
              },
            ],
          }
        : {
            uuid: uuidOf(`o${n}`),
            name: 'domain-ip',
            'meta-category': 'network',
            timestamp: String(base),
            Attribute: [
              {
                uuid: uuidOf(`o${n}a`),
                object_relation: 'domain',
                type: 'domain',
                category: 'Network activity',
                value: `c2-${n}.example.net`,
                to_ids: flagged,
              },
              {
                uuid: uuidOf(`o${n}b`),
                object_relation: 'ip',
                type: 'ip-dst',
                category: 'Network activity',
                value: `${NETS[n % 3]}.${(n % 250) + 1}`,
                to_ids: flagged,
              },
            ],
          },
    );
  }
  const actor = ACTORS[i % ACTORS.length]!;
  const [techniqueUuid, techniqueName, techniqueId] = TECHNIQUES[i % TECHNIQUES.length]!;
  return {
    Event: {
      uuid: uuidOf(`event${i}`),
      info: `Bench campaign ${i}: ${WORDS[i % 10]}-themed loader (fictional)`,
      date: new Date(base * 1000).toISOString().slice(0, 10),
      timestamp: String(base + count + 10),
      published: i % 3 !== 0,
      publish_timestamp: String(base + count + 20),
      distribution: i % 2 === 0 ? '1' : '3',
      threat_level_id: String(1 + (i % 4)),
      analysis: '2',
      Orgc: { name: `Bench Org ${i % 5}`, uuid: uuidOf(`org${i % 5}`) },
      Attribute: attributes,
      Object: objects,
      Galaxy: [
        {
          uuid: '698774c7-8022-42c4-917f-8d6e4f06ada3',
          name: 'Threat Actor',
          type: 'threat-actor',
          description: 'Threat actors',
          GalaxyCluster: [
            {
              uuid: uuidOf(`actor${actor}`),
              value: actor,
              description: 'A fictional group.',
              meta: { synonyms: [`${actor} alias`] },
            },
          ],
        },
        {
          uuid: 'c4e851fa-775f-11e7-8163-b774922098cd',
          name: 'Attack Pattern',
          type: 'mitre-attack-pattern',
          description: 'ATT&CK Tactic',
          GalaxyCluster: [
            {
              uuid: techniqueUuid,
              value: `${techniqueName} - ${techniqueId}`,
              description: techniqueName,
              meta: { external_id: [techniqueId] },
            },
          ],
        },
      ],
      Tag: [
        { name: i % 4 === 0 ? 'tlp:amber' : 'tlp:green' },
        { name: `misp-galaxy:threat-actor="${actor}"` },
        { name: `misp-galaxy:mitre-attack-pattern="${techniqueName} - ${techniqueId}"` },
        { name: 'type:OSINT' },
      ],
    },
  };
}
