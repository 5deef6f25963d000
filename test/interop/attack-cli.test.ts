/**
 * `accord attack show ID` (issue 19: techniques and groups searchable by ATT&CK id): ATT&CK for
 * ICS 18.1 (MITRE, licence in test/fixtures/stix/attack-ics/LICENSE.txt) and a MISP event whose
 * galaxy names a sub-technique, imported as they are, then found by id through the policy; an
 * object the user may not see is not found, exactly like one that does not exist.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCollection } from '../../src/core/index.js';
import { TLP_V2 } from '../../src/stix/index.js';
import { type Fixture, makeFixture, post } from '../taxii/support/taxii-fixture.js';
import { runCli } from './support/run-cli.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON read from command output, checked by the assertions.
type Json = Record<string, any>;

const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));
let f: Fixture;
let ics: string;
let misp: string;

const show = async (args: string[], user = 'bob') => {
  const run = await runCli(f.store, ['attack', 'show', ...args, '--as', user, '--json']);
  return { ...run, hits: JSON.parse(run.out || '[]') as Json[] };
};

beforeAll(async () => {
  f = await makeFixture();
  ics = (await addCollection(f.store, { title: 'ics', canRead: ['*'], canWrite: ['uk-ncsc'] })).id;
  misp = (await addCollection(f.store, { title: 'misp', canRead: ['*'], canWrite: ['uk-ncsc'] })).id;
  for (const [file, c] of [
    ['stix/attack-ics/ics-attack-18.1.json', ics],
    ['misp/accord/every-type.json', misp],
  ] as const) {
    const run = await runCli(f.store, ['import', fixture(file), '--collection', c, '--as', 'alice']);
    expect(run.code, run.err).toBeLessThan(2);
  }
});
afterAll(async () => {
  await f.close();
});

describe('accord attack show', () => {
  it('finds a technique, a group, software and a tactic of the ICS catalogue, any case', async () => {
    for (const [id, stixId] of [
      ['T0803', 'attack-pattern--008b8f56-6107-48be-aa9f-746f927dbb61'],
      ['g0035', 'intrusion-set--1c63d4ec-0a75-4daa-b1df-0d11af3d3cc1'],
      ['S0605', 'malware--00e7d565-9883-4ee5-b642-8fd17fd6a3f5'],
      ['TA0107', 'x-mitre-tactic--298fe907-7931-4fd2-8131-2814dd493134'],
    ]) {
      const run = await show([id!, '--collection', ics]);
      expect(run.code, run.err).toBe(0);
      expect(run.hits.map((h) => h.object.id)).toEqual([stixId]);
      expect(run.hits[0]).toMatchObject({ collection: ics });
    }
  });

  it('prints one line per object, with the deprecated flag kept from the catalogue', async () => {
    const run = await runCli(f.store, ['attack', 'show', 'S1008', '--as', 'bob']);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/^S1008\tmalware\tmalware--[0-9a-f-]{36}\tStuxnet \(deprecated\)\tcollection /);
  });

  it('finds a MISP galaxy sub-technique in every collection the user may read', async () => {
    const run = await show(['T1071.001']);
    expect(run.code, run.err).toBe(0);
    expect(run.hits.map((h) => [h.collection, h.object.id])).toEqual([
      [misp, 'attack-pattern--d157f9d2-d09a-4efa-bb2a-64963f94e253'],
    ]);
  });

  it('a group the user may not see is not found, exactly like a missing one (exit 1)', async () => {
    const hidden = {
      type: 'intrusion-set',
      spec_version: '2.1',
      id: 'intrusion-set--5c1b0b34-8d7e-4f5a-9b3c-2d1e0f9a8b7c',
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
      name: 'Red group',
      external_references: [{ source_name: 'mitre-attack', external_id: 'G9990' }],
      object_marking_refs: [TLP_V2.red.id],
    };
    expect((await post(f, ics, [hidden])).statusCode).toBe(202);
    expect((await show(['G9990'], 'alice')).hits).toHaveLength(1);
    const hiddenRun = await show(['G9990']);
    const missingRun = await show(['G9991']);
    expect(hiddenRun.code).toBe(1);
    expect(hiddenRun.out).toBe(missingRun.out);
    expect(hiddenRun.err.replace('G9990', 'G9991')).toBe(missingRun.err);
  });

  it('refuses what is no ATT&CK id, and a collection the user cannot see', async () => {
    const bad = await show(['X1234']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/not an ATT&CK id/);
    const unknown = await show(['T0803', '--collection', '00000000-0000-4000-8000-000000000000']);
    expect(unknown.code).toBe(1);
  });
});
