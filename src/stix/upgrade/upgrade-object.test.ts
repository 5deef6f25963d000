import { describe, expect, it } from 'vitest';
import { deterministicId } from '../id/deterministic-id.js';
import { TLP_V1, TLP_V2 } from '../markings/tlp.js';
import { validateObject } from '../validate/validate-object.js';
import { upgradeObject } from './upgrade-object.js';

type Json = Record<string, unknown>;

const OD = 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf';
const base20 = {
  id: OD,
  type: 'observed-data',
  created: '2016-04-06T19:58:16Z',
  modified: '2016-04-06T19:58:16.000Z',
  first_observed: '2015-12-21T19:00:00Z',
  last_observed: '2015-12-21T19:00:00Z',
  number_observed: 50,
};

/** The spec's own 2.13 example (with its "as" typo written autonomous-system). */
const networkTraffic20 = {
  ...base20,
  objects: {
    '0': { type: 'ipv4-addr', value: '198.51.100.3', belongs_to_refs: ['3'] },
    '1': { type: 'ipv4-addr', value: '203.0.113.5' },
    '2': { type: 'network-traffic', src_ref: '0', dst_ref: '1', protocols: ['tcp'] },
    '3': { type: 'autonomous-system', number: 42 },
  },
};

const upgraded = (value: unknown) => upgradeObject(value).objects as Json[];
const byType = (objects: Json[], type: string) => objects.filter((o) => o.type === type);
const valid = (o: unknown) => {
  const r = validateObject(o);
  return r.issues.filter((i) => i.severity === 'error').map((i) => `${i.path} ${i.message}`);
};

describe('2.13 / 4.14: the Observable Container becomes standalone SCOs', () => {
  it('2.13 every embedded object becomes an SCO named by object_refs; objects is gone', () => {
    const [od, ...scos] = upgraded(networkTraffic20);
    expect(od!.objects).toBeUndefined();
    expect(od!.object_refs).toEqual(scos.map((s) => s.id));
    expect(scos.map((s) => s.type)).toEqual([
      'ipv4-addr',
      'ipv4-addr',
      'network-traffic',
      'autonomous-system',
    ]);
    for (const o of [od, ...scos]) expect(valid(o)).toEqual([]);
  });

  it('2.9 SCO ids are the deterministic ids of their 2.1 content, references resolved first', () => {
    const [, ...scos] = upgraded(networkTraffic20);
    const as = byType(scos, 'autonomous-system')[0]!;
    const [src, dst] = byType(scos, 'ipv4-addr');
    const traffic = byType(scos, 'network-traffic')[0]!;
    expect(src!.belongs_to_refs).toEqual([as.id]);
    expect(traffic.src_ref).toBe(src!.id);
    expect(traffic.dst_ref).toBe(dst!.id);
    for (const sco of scos) expect(sco.id).toBe(deterministicId(sco));
    // network-traffic's id depends on the ids its src_ref/dst_ref resolve to (6.12 contributing properties).
    expect(traffic.id).toBe(
      deterministicId({ type: 'network-traffic', src_ref: src!.id, dst_ref: dst!.id, protocols: ['tcp'] }),
    );
  });

  it('2.9 upgrading the same input twice gives the same ids, and distinct observed-data share SCOs', () => {
    const again = upgraded(networkTraffic20);
    expect(again).toEqual(upgraded(networkTraffic20));
    const other = upgraded({
      ...networkTraffic20,
      id: 'observed-data--a67d30ff-02ac-498a-92f9-32f845f448cf',
    });
    expect(other.slice(1).map((o) => o.id)).toEqual(again.slice(1).map((o) => o.id));
  });

  it('2.9 an SCO with no ID Contributing Properties (process) gets a stable version-4 UUID', () => {
    const od = { ...base20, objects: { '0': { type: 'process', pid: 1221, name: 'gedit-bin' } } };
    const [, proc] = upgraded(od);
    expect(proc!.id).toMatch(
      /^process--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(upgraded(od)[1]!.id).toBe(proc!.id);
    expect(valid(proc)).toEqual([]);
  });

  it('6.x renamed 2.0 properties take their 2.1 names; removed ones are kept as x_stix20_*', () => {
    const od = {
      ...base20,
      objects: {
        '0': { type: 'file', name: 'a.exe', created: '2016-01-01T00:00:00Z', is_encrypted: true },
        '1': { type: 'process', pid: 3, name: 'x', binary_ref: '0', created: '2016-01-01T00:00:00Z' },
        '2': {
          type: 'windows-registry-key',
          key: 'HKEY_LOCAL_MACHINE\\System',
          modified: '2016-01-01T00:00:00Z',
        },
        '3': { type: 'user-account', user_id: '1001', password_last_changed: '2016-01-01T00:00:00Z' },
      },
    };
    const { objects, notes } = upgradeObject(od);
    const [, file, proc, key, account] = objects as Json[];
    expect(file).toMatchObject({ ctime: '2016-01-01T00:00:00Z', x_stix20_is_encrypted: true });
    expect(file!.created).toBeUndefined();
    expect(proc).toMatchObject({
      image_ref: file!.id,
      created_time: '2016-01-01T00:00:00Z',
      x_stix20_name: 'x',
    });
    expect(key).toMatchObject({ modified_time: '2016-01-01T00:00:00Z' });
    expect(account).toMatchObject({ credential_last_changed: '2016-01-01T00:00:00Z' });
    for (const o of objects) expect(valid(o)).toEqual([]);
    expect(notes.map((n) => n.message)).toContain(
      'file: is_encrypted has no STIX 2.1 counterpart; kept as x_stix20_is_encrypted',
    );
  });

  it('7.2 the SCOs carry the observed-data object markings; granular markings move to the SCO they select', () => {
    const red = TLP_V2.red.id;
    const amber = TLP_V2.amber.id;
    const od = {
      ...networkTraffic20,
      object_marking_refs: [red],
      granular_markings: [
        { marking_ref: amber, selectors: ['objects.1.value', 'number_observed'] },
        { marking_ref: amber, selectors: ['objects.3'] },
      ],
    };
    const [obs, ...scos] = upgraded(od);
    for (const s of scos) expect(s.object_marking_refs).toContain(red);
    expect(obs!.granular_markings).toEqual([{ marking_ref: amber, selectors: ['number_observed'] }]);
    const dst = scos.find((s) => s.value === '203.0.113.5')!;
    expect(dst.granular_markings).toEqual([{ marking_ref: amber, selectors: ['value'] }]);
    expect(byType(scos, 'autonomous-system')[0]!.object_marking_refs).toEqual([red, amber]);
    for (const o of [obs, ...scos]) expect(valid(o)).toEqual([]);
  });

  it('2.13 a reference to a key the container lacks is dropped, with a note', () => {
    const od = {
      ...base20,
      objects: { '0': { type: 'domain-name', value: 'example.com', resolves_to_refs: ['7'] } },
    };
    const { objects, notes } = upgradeObject(od);
    expect((objects[1] as Json).resolves_to_refs).toEqual([]);
    expect(notes.some((n) => n.message.includes('"7"'))).toBe(true);
  });
});

describe('SDOs: STIX 2.1 properties', () => {
  const indicator20 = {
    type: 'indicator',
    id: 'indicator--8E2E2D2B-17D4-4CBF-938F-98EE46B3CD3F',
    created: '2016-04-06T20:03:48Z',
    modified: '2016-04-06T20:03:48.5Z',
    labels: ['malicious-activity', 'unit42-watchlist'],
    pattern: "[file:name = 'START \\'x\\''] START '2016-01-01T00:00:00Z' STOP '2016-02-01T00:00:00Z'",
    valid_from: '2016-01-01T00:00:00Z',
    created_by_ref: 'identity--F431F809-377B-45E0-AA1C-6A4751CAE5FF',
  };

  it('3.2 adds spec_version 2.1 and writes created/modified to the millisecond', () => {
    const [ind] = upgraded(indicator20);
    expect(ind).toMatchObject({
      spec_version: '2.1',
      created: '2016-04-06T20:03:48.000Z',
      modified: '2016-04-06T20:03:48.500Z',
    });
    expect(valid(ind)).toEqual([]);
  });

  it('2.9 writes identifiers and references in lower case', () => {
    const [ind] = upgraded(indicator20);
    expect(ind!.id).toBe('indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f');
    expect(ind!.created_by_ref).toBe('identity--f431f809-377b-45e0-aa1c-6a4751cae5ff');
  });

  it('4.7 moves vocabulary labels to indicator_types, keeps the others, adds pattern_type', () => {
    const [ind] = upgraded(indicator20);
    expect(ind).toMatchObject({
      indicator_types: ['malicious-activity'],
      labels: ['unit42-watchlist'],
      pattern_type: 'stix',
    });
  });

  it("9.5.1 START/STOP plain strings become t'…' constants; string constants are untouched", () => {
    const [ind] = upgraded(indicator20);
    expect(ind!.pattern).toBe(
      "[file:name = 'START \\'x\\''] START t'2016-01-01T00:00:00Z' STOP t'2016-02-01T00:00:00Z'",
    );
  });

  it('4.7 a missing valid_from takes created', () => {
    const { valid_from: _v, ...noValidFrom } = indicator20;
    expect(upgraded(noValidFrom)[0]!.valid_from).toBe('2016-04-06T20:03:48.000Z');
  });

  it('4.11 malware gets is_family true and malware_types from its labels', () => {
    const [m] = upgraded({
      type: 'malware',
      id: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b',
      created: '2016-04-06T20:07:09.000Z',
      modified: '2016-04-06T20:07:09.000Z',
      name: 'Poison Ivy',
      labels: ['remote-access-trojan'],
    });
    expect(m).toMatchObject({ is_family: true, malware_types: ['remote-access-trojan'] });
    expect(m!.labels).toBeUndefined();
    expect(valid(m)).toEqual([]);
  });

  it('4.x report, threat-actor and tool labels move to their *_types properties', () => {
    const common = { created: '2016-04-06T20:07:09.000Z', modified: '2016-04-06T20:07:09.000Z', name: 'n' };
    const [r] = upgraded({
      ...common,
      type: 'report',
      id: 'report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3',
      labels: ['threat-report'],
      published: '2016-01-20T17:00:00Z',
      object_refs: ['indicator--26ffb872-1dd9-446e-b6f5-d58527e5b5d2'],
    });
    const [t] = upgraded({
      ...common,
      type: 'tool',
      id: 'tool--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      labels: ['remote-access'],
    });
    const [a] = upgraded({
      ...common,
      type: 'threat-actor',
      id: 'threat-actor--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      labels: ['crime-syndicate'],
    });
    expect(r).toMatchObject({ report_types: ['threat-report'] });
    expect(t).toMatchObject({ tool_types: ['remote-access'] });
    expect(a).toMatchObject({ threat_actor_types: ['crime-syndicate'] });
    for (const o of [r, t, a]) expect(valid(o)).toEqual([]);
  });

  it('3.2 an object already in STIX 2.1 comes back unchanged (upgrading twice changes nothing)', () => {
    const once = upgraded(indicator20)[0]!;
    expect(upgraded(once)).toEqual([once]);
    expect(upgradeObject(once).notes).toEqual([]);
  });
});

describe('7.2.1.4 TLP 1.0 markings', () => {
  const marked = {
    type: 'campaign',
    id: 'campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    created: '2016-04-06T20:03:00.000Z',
    modified: '2016-04-06T20:03:00.000Z',
    name: 'Green Group Attacks Against Finance',
    object_marking_refs: [TLP_V1.white.id, TLP_V1.amber.id],
  };
  const tlp20Definition = {
    type: 'marking-definition',
    id: TLP_V1.white.id,
    created: '2017-01-20T00:00:00.000Z',
    definition_type: 'tlp',
    definition: { tlp: 'white' },
  };

  it('7.2.1.4 kept by default: references unchanged, definitions in their canonical 2.1 form', () => {
    expect(upgraded(marked)[0]!.object_marking_refs).toEqual(marked.object_marking_refs);
    expect(upgraded(tlp20Definition)).toEqual([TLP_V1.white]);
  });

  it('7.2.1.4 mapped on request: WHITE → CLEAR, AMBER → AMBER (TLP 2.0), 1.0 definitions left out', () => {
    const [c] = upgradeObject(marked, { tlp: 'map' }).objects as Json[];
    expect(c!.object_marking_refs).toEqual([TLP_V2.clear.id, TLP_V2.amber.id]);
    expect(upgradeObject(tlp20Definition, { tlp: 'map' }).objects).toEqual([]);
  });
});
