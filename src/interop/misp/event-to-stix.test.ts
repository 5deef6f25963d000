/**
 * MISP → STIX on Accord's own test events (test/fixtures/misp/accord: fictional values on
 * documentation ranges, covering every common to_ids type, MISP objects, galaxies, tags,
 * sightings and distribution levels).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPattern } from '../../pattern/index.js';
import { deterministicId, TLP_V2, validateObject } from '../../stix/index.js';
import { eventToStix } from './event-to-stix.js';
import { readEvent } from './read-event.js';

type Json = Record<string, unknown>;

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../test/fixtures/misp/accord/${name}`, import.meta.url), 'utf8'),
  ) as {
    Event: Json & { Attribute: Json[]; Object: Json[] };
  };

const convert = (doc: { Event: unknown }) => {
  const read = readEvent(doc.Event, '/Event', 0);
  const conversion = eventToStix(read.event!);
  return { ...conversion, issues: [...read.issues, ...conversion.issues] };
};

const everyType = fixture('every-type.json');
const objectsEvent = fixture('objects.json');
const uuidOf = (doc: { Event: { Attribute: Json[] } }, type: string, value?: string) =>
  String(
    doc.Event.Attribute.find((a) => a.type === type && (value === undefined || a.value === value))!.uuid,
  );

describe('an event becomes one unit of valid STIX 2.1', () => {
  const { objects } = convert(everyType);
  const byId = new Map(objects.map((o) => [String(o.id), o]));

  it('every object is valid STIX 2.1 (full pattern check)', () => {
    for (const o of objects) {
      const errors = validateObject(o, { patternCheck: checkPattern }).issues.filter(
        (i) => i.severity === 'error',
      );
      expect(errors, String(o.id)).toEqual([]);
    }
  });

  it('every reference of the unit resolves inside it (TLP definitions aside): nothing dangles', () => {
    for (const o of objects) {
      for (const [k, v] of Object.entries(o)) {
        const refs = k.endsWith('_ref')
          ? [v]
          : k.endsWith('_refs') && k !== 'object_marking_refs'
            ? (v as unknown[])
            : [];
        for (const r of refs) expect(byId.has(String(r)), `${String(o.id)} ${k} ${String(r)}`).toBe(true);
      }
    }
  });

  it('a published event is a report (misp_events_to_stix21.md) naming every other object but the identities', () => {
    const report = objects.find((o) => o.type === 'report')!;
    expect(report).toMatchObject({
      id: `report--${String(everyType.Event.uuid)}`,
      name: everyType.Event.info,
      published: '2024-03-09T16:10:00.000Z',
      report_types: ['threat-report'],
    });
    const named = new Set(report.object_refs as string[]);
    for (const o of objects)
      if (o !== report && o.type !== 'identity') expect(named.has(String(o.id)), String(o.id)).toBe(true);
  });

  it('an unpublished event is a grouping with context suspicious-activity', () => {
    const grouping = convert(objectsEvent).objects.find((o) => o.type === 'grouping');
    expect(grouping).toMatchObject({
      context: 'suspicious-activity',
      id: `grouping--${String(objectsEvent.Event.uuid)}`,
    });
  });

  it('an empty event still makes a valid grouping, naming a note (misp-stix)', () => {
    const { objects: empty } = convert({
      Event: { ...everyType.Event, published: false, Attribute: [], Galaxy: [], Tag: [] },
    });
    const grouping = empty.find((o) => o.type === 'grouping')!;
    const note = empty.find((o) => o.type === 'note')!;
    expect(grouping.object_refs).toEqual([note.id]);
    expect(note.object_refs).toEqual([grouping.id]);
  });
});

describe('attributes with to_ids: indicators with the comparisons misp-stix writes', () => {
  const { objects } = convert(everyType);
  const indicatorOf = (type: string, value?: string) =>
    objects.find((o) => o.id === `indicator--${uuidOf(everyType, type, value)}`);
  const cases: [string, string | undefined, string][] = [
    [
      'ip-dst',
      '198.51.100.23',
      "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '198.51.100.23']",
    ],
    [
      'ip-src',
      undefined,
      "[network-traffic:src_ref.type = 'ipv4-addr' AND network-traffic:src_ref.value = '203.0.113.7']",
    ],
    [
      'ip-dst',
      '2001:db8::1f',
      "[network-traffic:dst_ref.type = 'ipv6-addr' AND network-traffic:dst_ref.value = '2001:db8::1f']",
    ],
    [
      'ip-dst',
      '192.0.2.0/24',
      "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '192.0.2.0/24']",
    ],
    [
      'ip-dst|port',
      undefined,
      "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '198.51.100.24' AND network-traffic:dst_port = 8443]",
    ],
    ['domain', 'update.example.com', "[domain-name:value = 'update.example.com']"],
    ['hostname', undefined, "[domain-name:value = 'mail.relay.example.net']"],
    [
      'domain|ip',
      undefined,
      "[domain-name:value = 'cdn.example.org' AND domain-name:resolves_to_refs[*].value = '192.0.2.55']",
    ],
    ['url', undefined, "[url:value = 'https://update.example.com/gate.php?id=42']"],
    ['md5', undefined, "[file:hashes.MD5 = '0cc175b9c0f1b6a831c399e269772661']"],
    ['sha1', undefined, "[file:hashes.'SHA-1' = '86f7e437faa5a7fce15d1ddcb9eaeaea377667b8']"],
    [
      'filename|md5',
      undefined,
      "[file:name = 'dropper.dll' AND file:hashes.MD5 = '92eb5ffee6ae2fec3ad71c777531578f']",
    ],
    ['email-src', undefined, "[email-message:from_ref.value = 'billing@example.com']"],
    ['email-dst', undefined, "[email-message:to_refs[*].value = 'finance@example.org']"],
    ['email-subject', undefined, "[email-message:subject = 'Overdue invoice 2024-03']"],
    [
      'regkey',
      undefined,
      "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Run\\\\Updater']",
    ],
    ['mutex', undefined, "[mutex:name = 'Global\\\\ExampleMutex42']"],
    ['AS', undefined, '[autonomous-system:number = 64496]'],
    ['port', '4444', '[network-traffic:dst_port = 4444]'],
  ];
  for (const [type, value, pattern] of cases) {
    it(`${type}${value ? ` ${value}` : ''} → ${pattern}`, () => {
      expect(indicatorOf(type, value)?.pattern).toBe(pattern);
    });
  }

  it('indicators carry misp-stix labels, the misp-category kill chain, the comment and the attribute tags', () => {
    expect(indicatorOf('ip-dst', '198.51.100.23')).toMatchObject({
      description: 'C2 server',
      pattern_type: 'stix',
      pattern_version: '2.1',
      kill_chain_phases: [{ kill_chain_name: 'misp-category', phase_name: 'Network activity' }],
      labels: [
        'misp:type="ip-dst"',
        'misp:category="Network activity"',
        'misp:to_ids="True"',
        'kill-chain:command-and-control',
      ],
    });
  });

  it('rules keep their own pattern language (sigma, snort, suricata, yara: 4.7 pattern_type)', () => {
    expect(indicatorOf('yara')).toMatchObject({ pattern_type: 'yara' });
    expect(indicatorOf('snort')?.pattern).toBe(
      'alert tcp any any -> 198.51.100.23 8443 (msg:"example C2"; sid:1000042;)',
    );
  });

  it('a value STIX writes otherwise keeps its MISP form in x_misp_value (registry hive)', () => {
    expect(indicatorOf('regkey')?.x_misp_value).toBe(
      'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Updater',
    );
    expect(indicatorOf('md5')?.x_misp_value).toBeUndefined();
  });
});

describe('attributes without to_ids: observed-data with SCOs of deterministic ids', () => {
  const { objects } = convert(everyType);
  const byId = new Map(objects.map((o) => [String(o.id), o]));
  const observed = (type: string, value: string) =>
    objects.find((o) => o.id === `observed-data--${uuidOf(everyType, type, value)}`)!;

  it('2.9 each SCO has the deterministic id of its content; the observation names them', () => {
    const od = observed('ip-dst', '198.51.100.99');
    const scos = (od.object_refs as string[]).map((id) => byId.get(id)!);
    expect(scos.map((s) => s.type)).toEqual(['network-traffic', 'ipv4-addr']);
    for (const s of scos) expect(s.id).toBe(deterministicId(s));
    expect(scos[0]).toMatchObject({ dst_ref: scos[1]!.id, protocols: ['tcp'] });
    expect(od).toMatchObject({
      number_observed: 1,
      labels: ['misp:type="ip-dst"', 'misp:category="Network activity"'],
    });
  });

  it('a file name and hash make one file SCO', () => {
    const od = observed('filename|sha256', `report.docx|${'c'.repeat(64)}`);
    const [file] = (od.object_refs as string[]).map((id) => byId.get(id)!);
    expect(file).toMatchObject({ type: 'file', name: 'report.docx', hashes: { 'SHA-256': 'c'.repeat(64) } });
  });

  it('each attribute gives at most one indicator or observation (CONTRACT.md)', () => {
    for (const a of everyType.Event.Attribute) {
      const made = objects.filter(
        (o) =>
          ['indicator', 'observed-data'].includes(String(o.type)) && String(o.id).endsWith(String(a.uuid)),
      );
      expect(made.length, String(a.type)).toBeLessThanOrEqual(1);
    }
  });
});

describe('types without a STIX counterpart are carried, not rejected (CONTRACT.md)', () => {
  const { objects, issues } = convert(everyType);
  const report = objects.find((o) => o.type === 'report')!;

  it('text, comment and unknown types (btc) become notes about the report, with their to_ids flag', () => {
    for (const type of ['text', 'comment', 'btc']) {
      const note = objects.find((o) => o.id === `note--${uuidOf(everyType, type)}`);
      expect(note, type).toMatchObject({
        object_refs: [report.id],
        content: everyType.Event.Attribute.find((a) => a.type === type)!.value,
      });
      expect(issues.find((i) => i.uuid === uuidOf(everyType, type))).toMatchObject({
        code: 'INTEROP_CARRIED_AS_NOTE',
        severity: 'info',
      });
    }
    expect(objects.find((o) => o.id === `note--${uuidOf(everyType, 'btc')}`)?.labels).toContain(
      'misp:to_ids="True"',
    );
  });

  it('a link becomes an external reference of the report', () => {
    expect(report.external_references).toEqual([
      {
        source_name: 'url',
        url: 'https://blog.example.com/analysis/ledger',
        external_id: uuidOf(everyType, 'link'),
      },
    ]);
  });

  it('a port without to_ids (no valid observation alone) becomes a note', () => {
    expect(objects.find((o) => o.id === `note--${uuidOf(everyType, 'port', '8080')}`)).toBeDefined();
  });
});

describe('invalid values: reported per attribute, left out, the rest of the event kept', () => {
  const { objects, issues } = convert(everyType);
  const report = objects.find((o) => o.type === 'report')!;

  it('an IP that is not one and a hash that is not hex are rejected with their uuid and JSON pointer', () => {
    const errors = issues.filter((i) => i.severity === 'error');
    expect(errors.map((e) => [e.code, e.type, e.uuid, e.path])).toEqual([
      [
        'INTEROP_INVALID_VALUE',
        'ip-dst',
        uuidOf(everyType, 'ip-dst', '999.1.2.300'),
        `/Event/Attribute/${everyType.Event.Attribute.findIndex((a) => a.value === '999.1.2.300')}/value`,
      ],
      [
        'INTEROP_INVALID_VALUE',
        'md5',
        uuidOf(everyType, 'md5', 'not-a-hash'),
        `/Event/Attribute/${everyType.Event.Attribute.findIndex((a) => a.value === 'not-a-hash')}/value`,
      ],
    ]);
    expect(objects.some((o) => String(o.id).endsWith(uuidOf(everyType, 'ip-dst', '999.1.2.300')))).toBe(
      false,
    );
    expect((report.object_refs as string[]).length).toBeGreaterThan(40);
  });

  it('a MISP object whose only attribute is invalid is rejected; the other objects stay', () => {
    const { objects: made, issues: found } = convert(objectsEvent);
    expect(found.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual([
      'INTEROP_INVALID_VALUE',
      'INTEROP_OBJECT_INVALID',
    ]);
    expect(made.filter((o) => o.type === 'indicator')).toHaveLength(5);
  });
});

describe('tags and distribution → TLP 2.0 markings; other tags → labels', () => {
  const { objects } = convert(everyType);
  const amber = TLP_V2.amber.id;
  const red = TLP_V2.red.id;

  it("the event's tlp:amber marks every object made from it (CONTRACT.md)", () => {
    const strict = new Set([
      `indicator--${uuidOf(everyType, 'ip-dst', '203.0.113.66')}`,
      `indicator--${uuidOf(everyType, 'domain', 'internal-only.example.net')}`,
    ]);
    for (const o of objects) {
      if (strict.has(String(o.id))) continue;
      expect(o.object_marking_refs, String(o.id)).toEqual([amber]);
    }
  });

  it('an attribute tlp:red tag or distribution 0 makes its objects stricter, never looser', () => {
    expect(
      objects.find((o) => o.id === `indicator--${uuidOf(everyType, 'ip-dst', '203.0.113.66')}`)
        ?.object_marking_refs,
    ).toEqual([red]);
    expect(
      objects.find((o) => o.id === `indicator--${uuidOf(everyType, 'domain', 'internal-only.example.net')}`)
        ?.object_marking_refs,
    ).toEqual([red]);
  });

  it('distribution levels when no TLP tag is present: 0 and 4 RED, 1 and 2 AMBER, 3 GREEN (docs/guides/interop.md)', () => {
    const levelOf = (distribution: string, tags: { name: string }[] = []) => {
      const { objects: made } = convert({
        Event: {
          ...objectsEvent.Event,
          distribution,
          Tag: tags,
          Object: [],
          Attribute: [everyType.Event.Attribute[6]],
        },
      });
      return made.find((o) => o.type === 'indicator')!.object_marking_refs;
    };
    expect(levelOf('0')).toEqual([red]);
    expect(levelOf('1')).toEqual([amber]);
    expect(levelOf('2')).toEqual([amber]);
    expect(levelOf('3')).toEqual([TLP_V2.green.id]);
    expect(levelOf('4')).toEqual([red]);
    expect(levelOf('3', [{ name: 'tlp:clear' }])).toEqual([TLP_V2.clear.id]);
    expect(levelOf('0', [{ name: 'tlp:clear' }])).toEqual([red]);
    expect(levelOf('1', [{ name: 'tlp:white' }])).toEqual([TLP_V2.clear.id]);
    expect(levelOf('', [])).toBeUndefined();
  });

  it('tags that are not TLP or converted galaxies become the report labels', () => {
    expect(objects.find((o) => o.type === 'report')?.labels).toEqual([
      'type:OSINT',
      'misp-galaxy:sector="Finance"',
    ]);
  });
});

describe('galaxies → intrusion-sets, attack-patterns, malware, tools with their aliases', () => {
  const { objects } = convert(everyType);
  const sdo = (type: string) => objects.filter((o) => o.type === type);

  it('the threat-actor galaxy becomes an intrusion-set with its synonyms as aliases', () => {
    expect(sdo('intrusion-set')).toHaveLength(1);
    expect(sdo('intrusion-set')[0]).toMatchObject({
      name: 'EXAMPLE SPIDER',
      aliases: ['Ledger Gang', 'TA-EX-01'],
      labels: ['misp:galaxy-name="Threat Actor"', 'misp:galaxy-type="threat-actor"'],
      x_misp_country: 'ZZ',
    });
  });

  it('an ATT&CK technique keeps the cluster uuid, loses the " - T1566" suffix and gains its ATT&CK id', () => {
    expect(
      objects.find((o) => o.id === 'attack-pattern--a62a8db3-f23a-4d8f-afd6-9dbc77e7813b'),
    ).toMatchObject({
      name: 'Phishing',
      kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'initial-access' }],
      external_references: [{ source_name: 'mitre-attack', external_id: 'T1566' }],
    });
  });

  it('malware and tools keep their aliases', () => {
    expect(sdo('malware')[0]).toMatchObject({ name: 'ExampleLoader', aliases: ['ExLoad'], is_family: false });
    expect(sdo('tool')[0]).toMatchObject({ name: 'ExampleRemote', aliases: ['ExRem'] });
  });

  it("a galaxy on an attribute is tied to the attribute's indicator by an indicates relationship", () => {
    const rel = objects.find((o) => o.type === 'relationship')!;
    expect(rel).toMatchObject({
      relationship_type: 'indicates',
      source_ref: `indicator--${uuidOf(everyType, 'ip-dst', '198.51.100.23')}`,
      target_ref: 'attack-pattern--d157f9d2-d09a-4efa-bb2a-64963f94e253',
    });
  });
});

describe('sightings', () => {
  const { objects, issues } = convert(everyType);
  const target = `indicator--${uuidOf(everyType, 'ip-dst', '198.51.100.23')}`;

  it('a sighting (type 0) becomes a sighting of the indicator, sighted where its organisation is', () => {
    const s = objects.find((o) => o.type === 'sighting')!;
    const org = objects.find((o) => o.type === 'identity' && o.name === 'Example CERT')!;
    expect(s).toMatchObject({
      sighting_of_ref: target,
      count: 1,
      where_sighted_refs: [org.id],
      first_seen: '2024-03-09T17:00:00.000Z',
    });
  });

  it('a false positive (type 1) becomes a strongly-disagree opinion; an expiration (type 2) is reported', () => {
    expect(objects.find((o) => o.type === 'opinion')).toMatchObject({
      opinion: 'strongly-disagree',
      object_refs: [target],
    });
    expect(issues.find((i) => i.message.includes('expiration'))).toMatchObject({
      code: 'INTEROP_NOT_CONVERTED',
      severity: 'warning',
    });
  });
});

describe('stable ids: the same event gives the same STIX; a changed event, new versions', () => {
  it('converting an event twice gives identical objects', () => {
    expect(convert(everyType).objects).toEqual(convert(everyType).objects);
  });

  it('3.6 a changed attribute keeps its ids and created, with a later modified', () => {
    const changed = structuredClone(everyType);
    changed.Event.timestamp = '1720000000';
    const a = changed.Event.Attribute.find((x) => x.value === 'update.example.com')!;
    a.timestamp = '1720000000';
    a.comment = 'now also seen on port 443';
    const before = new Map(convert(everyType).objects.map((o) => [String(o.id), o]));
    const after = convert(changed).objects;
    expect(after.map((o) => o.id)).toEqual([...before.keys()]);
    const indicator = after.find((o) => o.id === `indicator--${String(a.uuid)}`)!;
    const old = before.get(String(indicator.id))!;
    expect(indicator.created).toBe(old.created);
    expect(indicator.modified).toBe('2024-07-03T09:46:40.000Z');
    expect(Date.parse(String(indicator.modified))).toBeGreaterThan(Date.parse(String(old.modified)));
    const untouched = after.find((o) => o.id === `indicator--${uuidOf(everyType, 'md5')}`)!;
    expect(untouched).toEqual(before.get(String(untouched.id)));
  });
});

describe('MISP objects: one pattern or one observation each (misp_objects_to_stix21.md)', () => {
  const { objects } = convert(objectsEvent);
  const byId = new Map(objects.map((o) => [String(o.id), o]));
  const made = (name: string) => {
    const uuid = String(objectsEvent.Event.Object.find((o) => (o as Json).name === name)!.uuid);
    return objects.find((o) => String(o.id).endsWith(uuid) && o.type !== 'relationship')!;
  };

  it('a file object with to_ids attributes is an indicator over those attributes only', () => {
    expect(made('file')).toMatchObject({
      type: 'indicator',
      pattern: `[file:name = 'ledger_invoice.exe' AND file:hashes.MD5 = 'e99a18c428cb38d5f260853678922e03' AND file:hashes.'SHA-256' = '${'d'.repeat(64)}']`,
      labels: ['misp:name="file"', 'misp:meta-category="file"', 'misp:to_ids="True"'],
    });
    expect((made('file').x_misp_attributes as Json[]).map((a) => a.object_relation)).toEqual([
      'filename',
      'md5',
      'sha256',
      'size-in-bytes',
      'path',
    ]);
  });

  it('a domain-ip object without to_ids is one observation; a second domain stays in x_misp_attributes', () => {
    const od = made('domain-ip');
    const scos = (od.object_refs as string[]).map((id) => byId.get(id)!);
    expect(scos[0]).toMatchObject({ type: 'domain-name', value: 'c2.example.net' });
    expect((scos[0]!.resolves_to_refs as string[]).map((id) => byId.get(id)!.value)).toEqual([
      '198.51.100.77',
      '198.51.100.78',
    ]);
    expect((od.x_misp_attributes as Json[]).map((a) => a.value)).toContain('c2-backup.example.net');
  });

  it('email, x509, registry-key, network-connection and asn objects give the misp-stix shapes', () => {
    expect(made('email').pattern).toBe(
      "[email-message:from_ref.value = 'accounts@example.com' AND email-message:subject = 'Your invoice is ready' AND email-message:body_multipart[*].body_raw_ref.name = 'ledger_invoice.zip']",
    );
    expect(made('x509').pattern).toBe(`[x509-certificate:hashes.'SHA-256' = '${'e'.repeat(64)}']`);
    const key = byId.get((made('registry-key').object_refs as string[])[0]!)!;
    expect(key).toMatchObject({
      key: 'HKEY_LOCAL_MACHINE\\Software\\Example\\Run',
      values: [{ name: 'Updater', data: 'C:\\ProgramData\\upd.exe' }],
    });
    const traffic = byId.get((made('network-connection').object_refs as string[])[0]!)!;
    expect(traffic).toMatchObject({ dst_port: 8443, protocols: ['tcp'], x_misp_layer4_protocol: 'TCP' });
    const as = byId.get((made('asn').object_refs as string[])[0]!)!;
    expect(as).toMatchObject({ number: 64511, name: 'EXAMPLE-AS' });
  });

  it('a vulnerability object is a vulnerability SDO; an unmapped template (btc-wallet) a note', () => {
    expect(made('vulnerability')).toMatchObject({
      type: 'vulnerability',
      name: 'CVE-2023-23397',
      external_references: [{ source_name: 'cve', external_id: 'CVE-2023-23397' }],
    });
    expect(made('btc-wallet')).toMatchObject({
      type: 'note',
      labels: ['misp:name="btc-wallet"', 'misp:meta-category="financial"', 'misp:to_ids="True"'],
    });
  });

  it('object references become relationships of their MISP relationship type', () => {
    const file = made('file');
    const rels = objects.filter((o) => o.type === 'relationship' && o.source_ref === file.id);
    expect(rels.map((r) => [r.relationship_type, r.target_ref])).toEqual([
      ['downloaded-from', made('url').id],
      ['connects-to', made('ip-port').id],
    ]);
  });
});
