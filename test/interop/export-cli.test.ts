/**
 * `accord export` (CONTRACT.md "Interoperability"): what the user may see, and no trace of what
 * it may not (issue 19); `accord import --upgrade` of STIX 2.0 (Unit 42 playbooks, licence in
 * test/fixtures/stix/unit42/LICENSE) validating as 2.1, and 2.0 staying 2.0 without it; ATT&CK
 * for ICS (MITRE, test/fixtures/stix/attack-ics) through import and export, object for object.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCollection } from '../../src/core/index.js';
import { canonicalJson, TLP_V2, validateObject } from '../../src/stix/index.js';
import {
  type Fixture,
  get,
  indicator,
  makeFixture,
  malware,
  objectsUrl,
  post,
} from '../taxii/support/taxii-fixture.js';
import { runCli } from './support/run-cli.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON read from fixtures and command output, checked by the assertions.
type Json = Record<string, any>;

const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));
const read = (path: string): Json => JSON.parse(readFileSync(path, 'utf8'));

let f: Fixture;
let dir: string;
const collection = async (title: string) =>
  (await addCollection(f.store, { title, canRead: ['*'], canWrite: ['uk-ncsc'] })).id;
const exportAs = async (user: string, c: string, format: 'stix' | 'misp') => {
  const run = await runCli(f.store, ['export', '--collection', c, '--as', user, '--format', format]);
  expect(run.code, run.err).toBe(0);
  return run.out;
};

beforeAll(async () => {
  f = await makeFixture();
  dir = mkdtempSync(join(tmpdir(), 'accord-export-cli-'));
});
afterAll(async () => {
  await f.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('accord export as an organisation that may not see a TLP:RED object of another', () => {
  const t = '2021-07-19T12:00:00.000Z';
  const green = [TLP_V2.green.id];
  const red = indicator({
    name: 'red only',
    pattern: "[ipv4-addr:value = '203.0.113.77']",
    object_marking_refs: [TLP_V2.red.id],
  });
  const family = malware({ name: 'SharedFamily', object_marking_refs: green });
  const indicates = {
    type: 'relationship',
    spec_version: '2.1',
    id: `relationship--${randomUUID()}`,
    created: t,
    modified: t,
    relationship_type: 'indicates',
    source_ref: red.id,
    target_ref: family.id,
    object_marking_refs: green,
  };
  const sighting = {
    type: 'sighting',
    spec_version: '2.1',
    id: `sighting--${randomUUID()}`,
    created: t,
    modified: t,
    sighting_of_ref: red.id,
    object_marking_refs: green,
  };
  const report = {
    type: 'report',
    spec_version: '2.1',
    id: `report--${randomUUID()}`,
    created: t,
    modified: t,
    published: t,
    name: 'Shared report',
    object_refs: [red.id, family.id, indicates.id, sighting.id],
    object_marking_refs: green,
  };
  const note = {
    type: 'note',
    spec_version: '2.1',
    id: `note--${randomUUID()}`,
    created: t,
    modified: t,
    content: 'about both',
    object_refs: [red.id, family.id],
    object_marking_refs: green,
  };
  let c: string;
  const traces = [
    String(red.id),
    String(red.id).slice('indicator--'.length),
    '203.0.113.77',
    indicates.id,
    sighting.id,
  ];

  beforeAll(async () => {
    c = await collection('mixed');
    const res = await post(f, c, [red, family, indicates, sighting, report, note]);
    expect(res.json()).toMatchObject({ success_count: 6, failure_count: 0 });
  });

  it('the producer exports everything (so the check below can fail)', async () => {
    const text = await exportAs('alice', c, 'stix');
    for (const trace of traces) expect(text).toContain(trace);
  });

  it('STIX: no id, reference or value of the hidden object; what is left is valid and complete', async () => {
    const text = await exportAs('bob', c, 'stix');
    for (const trace of traces) expect(text).not.toContain(trace);
    const bundle = JSON.parse(text) as { type: string; objects: Json[] };
    expect(bundle.type).toBe('bundle');
    const byId = new Map(bundle.objects.map((o) => [o.id, o]));
    expect([...byId.keys()].sort()).toEqual([family.id, report.id, note.id].sort());
    expect(byId.get(report.id)!.object_refs).toEqual([family.id]);
    expect(byId.get(note.id)!.object_refs).toEqual([family.id]);
    for (const o of bundle.objects) expect(validateObject(o).ok, o.id).toBe(true);
  });

  it('MISP: no trace either', async () => {
    const text = await exportAs('bob', c, 'misp');
    for (const trace of traces) expect(text).not.toContain(trace);
    expect(text).toContain('Shared report');
    const mine = await exportAs('alice', c, 'misp');
    expect(mine).toContain('203.0.113.77');
  });

  it('--out writes the file (owner only) and prints the counts of what was withheld', async () => {
    const out = join(dir, 'bob.json');
    const run = await runCli(f.store, ['export', '--collection', c, '--as', 'bob', '--out', out, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ objects: 3, withheld: 2 });
    expect(statSync(out).mode & 0o077).toBe(0);
    expect(read(out).objects).toHaveLength(3);
  });

  it('bad usage and unknown collections exit as the contract says', async () => {
    const bad = await runCli(f.store, ['export', '--collection', c, '--as', 'bob', '--format', 'csv']);
    expect(bad.code).toBe(2);
    const unknown = await runCli(f.store, ['export', '--collection', randomUUID(), '--as', 'bob']);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toBe('');
  });
});

describe('accord import --upgrade: STIX 2.0 becomes 2.1', () => {
  const playbook = fixture('stix/unit42/hermeticwiper.json');

  it('the Unit 42 HermeticWiper playbook (STIX 2.0) imports upgraded, and every object validates as 2.1', async () => {
    const c = await collection('upgraded');
    const run = await runCli(f.store, [
      'import',
      playbook,
      '--collection',
      c,
      '--as',
      'alice',
      '--upgrade',
      '--json',
    ]);
    expect(run.code, run.out).toBe(0);
    const summary = JSON.parse(run.out);
    expect(summary).toMatchObject({ rejected: 0, errors: [] });
    const original = read(playbook).objects as Json[];
    const bundle = JSON.parse(await exportAs('alice', c, 'stix')) as { objects: Json[] };
    expect(bundle.objects.length).toBeGreaterThanOrEqual(original.length);
    for (const o of bundle.objects) {
      expect(validateObject(o).ok, o.id).toBe(true);
      if (!['ipv4-addr', 'file', 'domain-name', 'url'].includes(o.type)) expect(o.spec_version).toBe('2.1');
    }
    // Embedded observed-data objects became SCOs, named by object_refs.
    const observed = bundle.objects.filter((o) => o.type === 'observed-data');
    const ids = new Set(bundle.objects.map((o) => o.id));
    for (const o of observed) {
      expect(o.objects).toBeUndefined();
      for (const ref of o.object_refs) expect(ids.has(ref), ref).toBe(true);
    }
    // Imported again upgraded: the same deterministic ids, nothing new.
    const again = JSON.parse(
      (await runCli(f.store, ['import', playbook, '--collection', c, '--as', 'alice', '--upgrade', '--json']))
        .out,
    );
    expect(again).toMatchObject({ new: 0, rejected: 0 });
  });

  it('a JSON array of 2.0 objects: upgraded with TLP 1.0 mapped to 2.0 (--upgrade-tlp map); rejected as 2.1 without --upgrade', async () => {
    const tlp1Green = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
    const objects = [
      {
        type: 'indicator',
        id: 'indicator--A1B2C3D4-0000-4000-8000-00000000000A',
        created: '2017-01-01T00:00:00Z',
        modified: '2017-01-01T00:00:00Z',
        labels: ['malicious-activity'],
        pattern: "[ipv4-addr:value = '198.51.100.9']",
        valid_from: '2017-01-01T00:00:00Z',
        object_marking_refs: [tlp1Green],
      },
      {
        type: 'observed-data',
        id: 'observed-data--b1b2c3d4-0000-4000-8000-00000000000b',
        created: '2017-01-01T00:00:00Z',
        modified: '2017-01-01T00:00:00Z',
        first_observed: '2017-01-01T00:00:00Z',
        last_observed: '2017-01-01T00:00:00Z',
        number_observed: 1,
        objects: { '0': { type: 'ipv4-addr', value: '198.51.100.9' } },
      },
    ];
    const path = join(dir, 'array-2.0.json');
    writeFileSync(path, JSON.stringify(objects));
    const c = await collection('array 2.0');
    const plain = await runCli(f.store, ['import', path, '--collection', c, '--as', 'alice', '--json']);
    expect(plain.code).toBe(1);
    expect(JSON.parse(plain.out)).toMatchObject({ new: 0, rejected: 2 });
    const run = await runCli(f.store, [
      'import',
      path,
      '--collection',
      c,
      '--as',
      'alice',
      '--upgrade',
      '--upgrade-tlp',
      'map',
      '--json',
    ]);
    expect(run.code, run.out).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ new: 3, rejected: 0 });
    const out = JSON.parse(await exportAs('alice', c, 'stix')).objects as Json[];
    const byType = new Map(out.map((o) => [o.type, o]));
    expect(byType.get('indicator')).toMatchObject({
      id: 'indicator--a1b2c3d4-0000-4000-8000-00000000000a',
      spec_version: '2.1',
      pattern_type: 'stix',
      indicator_types: ['malicious-activity'],
      object_marking_refs: [TLP_V2.green.id],
    });
    const address = byType.get('ipv4-addr')!;
    expect(byType.get('observed-data')!.object_refs).toEqual([address.id]);
    for (const o of out) expect(validateObject(o).ok, String(o.id)).toBe(true);
  });

  it('without --upgrade STIX 2.0 stays 2.0 (and a 2.1 export leaves it out)', async () => {
    const c = await collection('as 2.0');
    const run = await runCli(f.store, ['import', playbook, '--collection', c, '--as', 'alice', '--json']);
    expect(JSON.parse(run.out)).toMatchObject({ rejected: 0 });
    const original = read(playbook).objects as Json[];
    const res = await get(f, objectsUrl(c, '?limit=10000&match[spec_version]=2.0'));
    const stored = res.json().objects as Json[];
    expect(stored).toHaveLength(original.length);
    expect(stored.every((o) => o.spec_version === undefined)).toBe(true);
    expect(JSON.parse(await exportAs('alice', c, 'stix')).objects).toEqual([]);
  });
});

describe('ATT&CK for ICS through accord import and accord export', () => {
  it('1,826 objects in and out, each the canonical JSON of the file object (x_mitre_*, revoked, deprecated kept)', async () => {
    const c = await collection('attack ics');
    const file = fixture('stix/attack-ics/ics-attack-18.1.json');
    const run = await runCli(f.store, ['import', file, '--collection', c, '--as', 'alice', '--json']);
    expect(JSON.parse(run.out)).toMatchObject({ new: 1826, rejected: 0 });
    const original = read(file).objects as Json[];
    const exported = JSON.parse(await exportAs('bob', c, 'stix')).objects as Json[];
    expect(exported).toHaveLength(original.length);
    const byId = new Map(exported.map((o) => [o.id, o]));
    for (const o of original) expect(canonicalJson(byId.get(o.id)), o.id).toBe(canonicalJson(o));
    expect(exported.filter((o) => o.revoked === true)).toHaveLength(2);
    expect(exported.filter((o) => o.x_mitre_deprecated === true)).toHaveLength(37);
  });
});
