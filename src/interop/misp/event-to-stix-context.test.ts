/**
 * MISP → STIX on Accord's own test events: what travels around the attributes (tags and
 * distribution as markings, galaxies, sightings), stable ids, and MISP objects.
 */
import { describe, expect, it } from 'vitest';
import { convert, everyType, type Json, objectsEvent, uuidOf } from '../../../test/support/misp-events.js';
import { TLP_V2 } from '../../stix/index.js';

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
