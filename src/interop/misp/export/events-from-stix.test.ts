import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TLP_V2 } from '../../../stix/index.js';
import { mispEventUnits } from '../document-events.js';
import { readEvent } from '../read-event.js';
import { mispEventsFromStix } from './events-from-stix.js';
import type { MispAttributeJson, MispEventJson } from './misp-json.js';

type Json = Record<string, unknown>;

const fixture = (path: string) =>
  JSON.parse(readFileSync(new URL(`../../../../test/fixtures/${path}`, import.meta.url), 'utf8'));
const stixOf = (doc: unknown) => [...mispEventUnits(doc)].flatMap((u) => u.items.map((i) => i.value));
const attributesOf = (events: readonly MispEventJson[]): MispAttributeJson[] =>
  events.flatMap((e) => [...e.Event.Attribute, ...e.Event.Object.flatMap((o) => o.Attribute)]);

const everyType = fixture('misp/accord/every-type.json');
const objectsEvent = fixture('misp/accord/objects.json');

describe('round trip MISP → STIX → MISP keeps every attribute value, type and to_ids flag', () => {
  for (const [name, doc] of [
    ['every-type.json', everyType],
    ['objects.json', objectsEvent],
  ] as const) {
    it(`${name}: every valid attribute comes back, with its category (object attributes with their relation)`, () => {
      const units = [...mispEventUnits(doc)];
      const rejected = new Set(
        units
          .flatMap((u) => u.issues)
          .filter((i) => i.severity === 'error')
          .map((i) => i.uuid),
      );
      const { events, issues } = mispEventsFromStix(units.flatMap((u) => u.items.map((i) => i.value)));
      expect(issues).toEqual([]);
      const back = new Map(attributesOf(events).map((a) => [a.uuid, a]));
      const original: Json[] = [
        ...doc.Event.Attribute,
        ...doc.Event.Object.flatMap((o: Json) => o.Attribute as Json[]),
      ];
      for (const a of original) {
        if (
          rejected.has(String(a.uuid)) ||
          doc.Event.Object.some(
            (o: Json) => rejected.has(String(o.uuid)) && (o.Attribute as Json[]).includes(a),
          )
        ) {
          expect(back.has(String(a.uuid))).toBe(false);
          continue;
        }
        expect(back.get(String(a.uuid)), `${String(a.type)} ${String(a.value)}`).toMatchObject({
          type: a.type,
          value: a.value,
          to_ids: a.to_ids,
          category: a.category,
          ...(a.object_relation ? { object_relation: a.object_relation } : {}),
        });
      }
    });
  }

  it('the exported JSON reads back as MISP without a rejection, and exporting its STIX again changes nothing', () => {
    const first = mispEventsFromStix(stixOf(everyType)).events;
    for (const e of first)
      expect(readEvent(e.Event, '/Event', 0).issues.filter((i) => i.severity === 'error')).toEqual([]);
    const second = mispEventsFromStix(stixOf({ response: first })).events;
    expect(attributesOf(second).map((a) => [a.uuid, a.type, a.value, a.to_ids])).toEqual(
      attributesOf(first).map((a) => [a.uuid, a.type, a.value, a.to_ids]),
    );
  });

  it('the event keeps uuid, info, publication, creator and its tags (TLP first)', () => {
    const [event] = mispEventsFromStix(stixOf(everyType)).events;
    expect(event!.Event).toMatchObject({
      uuid: everyType.Event.uuid,
      info: everyType.Event.info,
      date: '2024-03-09',
      published: true,
      publish_timestamp: everyType.Event.publish_timestamp,
      distribution: '1',
      Orgc: everyType.Event.Orgc && { name: everyType.Event.Orgc.name, uuid: everyType.Event.Orgc.uuid },
    });
    expect(event!.Event.Tag.map((t) => t.name)).toEqual([
      'tlp:amber',
      'misp-galaxy:threat-actor="EXAMPLE SPIDER"',
      'misp-galaxy:mitre-attack-pattern="Phishing - T1566"',
      'misp-galaxy:mitre-malware="ExampleLoader"',
      'misp-galaxy:mitre-tool="ExampleRemote"',
      'type:OSINT',
      'misp-galaxy:sector="Finance"',
    ]);
  });

  it('an attribute more restricted than its event gets its own TLP tag', () => {
    const back = attributesOf(mispEventsFromStix(stixOf(everyType)).events);
    expect(back.find((a) => a.value === '203.0.113.66')?.Tag).toEqual([{ name: 'tlp:red' }]);
  });

  it('galaxies: on the attribute a relationship ties them to, else on the event, with MISP galaxy uuids', () => {
    const [event] = mispEventsFromStix(stixOf(everyType)).events;
    const c2 = event!.Event.Attribute.find((a) => a.value === '198.51.100.23')!;
    expect(c2.Galaxy?.[0]).toMatchObject({
      uuid: 'c4e851fa-775f-11e7-8163-b774922098cd',
      type: 'mitre-attack-pattern',
      GalaxyCluster: [{ uuid: 'd157f9d2-d09a-4efa-bb2a-64963f94e253', value: 'Web Protocols - T1071.001' }],
    });
    expect(c2.Tag?.map((t) => t.name)).toContain(
      'misp-galaxy:mitre-attack-pattern="Web Protocols - T1071.001"',
    );
    const actor = event!.Event.Galaxy.find((g) => g.type === 'threat-actor')!;
    expect(actor).toMatchObject({ uuid: '698774c7-8022-42c4-917f-8d6e4f06ada3', name: 'Threat Actor' });
    expect(actor.GalaxyCluster[0]!.meta).toMatchObject({ synonyms: ['Ledger Gang', 'TA-EX-01'] });
  });

  it('sightings and false positives come back on their attribute', () => {
    const c2 = attributesOf(mispEventsFromStix(stixOf(everyType)).events).find(
      (a) => a.value === '198.51.100.23',
    )!;
    expect(c2.Sighting?.map((s) => [s.type, s.date_sighting, s.Organisation?.name])).toEqual([
      ['0', String(1710000000 + 3600), 'Example CERT'],
      ['1', String(1710000000 + 7200), 'Example CERT'],
    ]);
  });

  it('object references come back as ObjectReferences', () => {
    const [event] = mispEventsFromStix(stixOf(objectsEvent)).events;
    const file = event!.Event.Object.find((o) => o.name === 'file')!;
    const byUuid = new Map(event!.Event.Object.map((o) => [o.uuid, o.name]));
    expect(file.ObjectReference.map((r) => [r.relationship_type, byUuid.get(r.referenced_uuid)])).toEqual([
      ['downloaded-from', 'url'],
      ['connects-to', 'ip-port'],
    ]);
  });
});

describe('STIX from elsewhere → MISP', () => {
  it('DoGood feed (real data): each ipv4-addr indicator becomes an ip-dst attribute with to_ids', () => {
    const bundle = fixture('stix/dogood/2025-12-10.json') as { objects: Json[] };
    const { events, issues } = mispEventsFromStix(bundle.objects, { info: 'DoGood 2025-12-10' });
    expect(issues).toEqual([]);
    expect(events).toHaveLength(1);
    const indicators = bundle.objects.filter((o) => o.type === 'indicator');
    expect(events[0]!.Event.info).toBe('DoGood 2025-12-10');
    expect(events[0]!.Event.Attribute).toHaveLength(indicators.length);
    for (const a of events[0]!.Event.Attribute)
      expect(a).toMatchObject({ type: 'ip-dst', to_ids: true, category: 'Network activity' });
    const first = indicators[0]!;
    expect(events[0]!.Event.Attribute[0]!.value).toBe(/'(.*)'/.exec(String(first.pattern))![1]);
    expect(events[0]!.Event.Tag).toEqual([]);
  });

  it('Amnesty NoviSpy (real data): hashes and domains map; an address written as a domain is an ip-dst; app:* is reported', () => {
    const bundle = fixture('stix/amnesty/novispy.stix2') as { objects: Json[] };
    const { events, issues } = mispEventsFromStix(bundle.objects);
    const attributes = events.flatMap((e) => e.Event.Attribute);
    expect(attributes.filter((a) => a.type === 'ip-dst')).toHaveLength(7);
    expect(attributes.filter((a) => a.type === 'sha256')).toHaveLength(4);
    expect(issues.filter((i) => i.code === 'INTEROP_EXPORT_SKIPPED')).toHaveLength(7);
    // Each indicator "indicates" the NoviSpy malware: the galaxy goes on its attribute.
    const malware = bundle.objects.find((o) => o.type === 'malware')!;
    for (const a of attributes)
      expect(a.Tag).toEqual([{ name: `misp-galaxy:malpedia="${String(malware.name)}"` }]);
    expect(events[0]!.Event.Galaxy).toEqual([]);
  });

  it('ATT&CK objects become MITRE galaxies named "Name - ID" with synonyms and kill chain', () => {
    const group = {
      type: 'intrusion-set',
      spec_version: '2.1',
      id: 'intrusion-set--1c63d4ec-0a75-4daa-b1df-0d11af3d3cc1',
      created: '2017-05-31T21:31:59.120Z',
      modified: '2024-04-10T22:38:20.993Z',
      name: 'Dragonfly',
      aliases: ['Dragonfly', 'TEMP.Isotope', 'Berserk Bear'],
      external_references: [
        { source_name: 'mitre-attack', external_id: 'G0035', url: 'https://attack.mitre.org/groups/G0035' },
      ],
    };
    const technique = {
      type: 'attack-pattern',
      spec_version: '2.1',
      id: 'attack-pattern--b8e2b6a8-8e0a-4a6c-9a04-a1f8e0d12b01',
      created: '2020-05-21T17:43:26.506Z',
      modified: '2023-10-13T17:56:58.612Z',
      name: 'Spearphishing Attachment',
      kill_chain_phases: [{ kill_chain_name: 'mitre-ics-attack', phase_name: 'initial-access-ics' }],
      external_references: [{ source_name: 'mitre-ics-attack', external_id: 'T0865' }],
    };
    const [event] = mispEventsFromStix([group, technique]).events;
    const cluster = (type: string) => event!.Event.Galaxy.find((g) => g.type === type)!.GalaxyCluster[0]!;
    expect(cluster('mitre-intrusion-set')).toMatchObject({
      value: 'Dragonfly - G0035',
      meta: {
        synonyms: ['TEMP.Isotope', 'Berserk Bear'],
        external_id: ['G0035'],
        refs: ['https://attack.mitre.org/groups/G0035'],
      },
    });
    expect(cluster('mitre-attack-pattern')).toMatchObject({
      value: 'Spearphishing Attachment - T0865',
      meta: { kill_chain: ['mitre-ics-attack:initial-access-ics'] },
    });
    expect(event!.Event.Tag.map((t) => t.name)).toEqual([
      'misp-galaxy:mitre-intrusion-set="Dragonfly - G0035"',
      'misp-galaxy:mitre-attack-pattern="Spearphishing Attachment - T0865"',
    ]);
  });

  it('what MISP cannot state (LIKE, FOLLOWEDBY, a report of other types) is reported; the rest exported', () => {
    const base = {
      spec_version: '2.1',
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
    };
    const objects = [
      {
        ...base,
        type: 'indicator',
        id: 'indicator--6b616b16-61e4-4b28-9b8a-0cf3e4bc5a11',
        pattern_type: 'stix',
        valid_from: base.created,
        pattern: "[domain-name:value LIKE '%.example.com'] FOLLOWEDBY [url:value = 'http://example.com/a']",
      },
      {
        ...base,
        type: 'infrastructure',
        id: 'infrastructure--0a7bbf8e-fcc7-4b8e-b5b8-4e1a8c1c2f11',
        name: 'x',
      },
      {
        ...base,
        type: 'report',
        id: 'report--2a7bbf8e-fcc7-4b8e-b5b8-4e1a8c1c2f11',
        name: 'r',
        published: base.created,
        object_refs: [
          'indicator--6b616b16-61e4-4b28-9b8a-0cf3e4bc5a11',
          'infrastructure--0a7bbf8e-fcc7-4b8e-b5b8-4e1a8c1c2f11',
        ],
        object_marking_refs: [TLP_V2.red.id],
      },
    ];
    const { events, issues } = mispEventsFromStix(objects);
    expect(events).toHaveLength(1);
    expect(events[0]!.Event).toMatchObject({ distribution: '0', Tag: [{ name: 'tlp:red' }] });
    expect(events[0]!.Event.Attribute.map((a) => [a.type, a.value, a.to_ids])).toEqual([
      ['url', 'http://example.com/a', true],
    ]);
    expect(issues.map((i) => i.message)).toEqual([
      'the pattern uses FOLLOWEDBY, LIKE, which MISP attributes cannot state: those parts left out',
      'infrastructure has no MISP counterpart: left out',
    ]);
  });

  it('an indicator edited since it came from a MISP object is exported from its pattern, not its stale x_misp_attributes', () => {
    const stix = stixOf(objectsEvent);
    const url = stix.find(
      (o) => o.type === 'indicator' && Array.isArray(o.labels) && o.labels.includes('misp:name="url"'),
    )!;
    const edited = {
      ...url,
      modified: '2025-01-01T00:00:00.000Z',
      pattern: "[url:value = 'https://files.example.org/other.exe']",
    };
    const { events, issues } = mispEventsFromStix([...stix.filter((o) => o !== url), edited]);
    expect(issues.map((i) => i.message)).toContain(
      'x_misp_attributes no longer match the pattern (edited since): attributes read from the pattern instead',
    );
    expect(events[0]!.Event.Attribute.find((a) => a.uuid === String(url.id).slice(11))).toMatchObject({
      type: 'url',
      value: 'https://files.example.org/other.exe',
    });
  });
});
