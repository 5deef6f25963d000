/**
 * MISP → STIX on Accord's own test events (test/fixtures/misp/accord: fictional values on
 * documentation ranges, covering every common to_ids type, MISP objects, galaxies, tags,
 * sightings and distribution levels): the unit of an event, attributes with and without to_ids,
 * types without a STIX counterpart, invalid values.
 */
import { describe, expect, it } from 'vitest';
import { convert, everyType, objectsEvent, uuidOf } from '../../../test/support/misp-events.js';
import { checkPattern } from '../../pattern/index.js';
import { deterministicId, validateObject } from '../../stix/index.js';

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
