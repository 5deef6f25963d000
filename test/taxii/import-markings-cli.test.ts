/**
 * CONTRACT.md "Operations": `accord import --tlp LEVEL --group ID --embargo ID` marks the imported
 * objects that carry no marking (TLP 2.0 ids, STIX 2.1 section 7.2.1.4 and the OASIS TLP 2.0
 * extension); marked objects, marking definitions stay as they came; the policy then decides,
 * over the same query path TAXII uses, who sees them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccordNode, type Caller, callerOf } from '../../src/core/index.js';
import { sharingGroupMarking } from '../../src/policy/index.js';
import { TLP_V2 } from '../../src/stix/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { indicator } from './support/taxii-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-import-markings-'));
const db = join(dir, 'node.db');
const COLLECTION = '6b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e';
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function accord(args: string[], input = '') {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args, '--db', db], {
    cwd: join(import.meta.dirname, '..', '..'),
    encoding: 'utf8',
    input,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function importFile(objects: readonly unknown[], ...flags: string[]) {
  const path = join(dir, `bundle-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(objects));
  return accord(['import', path, '--collection', COLLECTION, '--as', 'analyst', '--json', ...flags]);
}

/** What `username` sees of each id over the TAXII query path (core's queryObjects): the object, or undefined. */
async function seenBy(
  username: string,
  ids: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  const store = new SqliteStore({ path: db });
  await store.init();
  try {
    const caller: Caller = await callerOf(store, username);
    const page = await new AccordNode({ store }).queryObjects(
      caller,
      COLLECTION,
      { ids: [...ids], limit: 100 },
      'objects',
    );
    return new Map(page.items.map((e) => [String(e.object.id), e.object as Record<string, unknown>]));
  } finally {
    await store.close();
  }
}

let ukIdentity = '';

beforeAll(async () => {
  expect(accord(['org', 'add', 'uk-ncsc']).code).toBe(0);
  expect(accord(['org', 'add', 'fr-anssi']).code).toBe(0);
  const password = 'long enough password\n';
  expect(accord(['user', 'add', 'analyst', '--org', 'uk-ncsc', '--password-stdin'], password).code).toBe(0);
  expect(
    accord(['user', 'add', 'colleague', '--org', 'uk-ncsc', '--role', 'reader', '--password-stdin'], password)
      .code,
  ).toBe(0);
  expect(
    accord(['user', 'add', 'outsider', '--org', 'fr-anssi', '--role', 'reader', '--password-stdin'], password)
      .code,
  ).toBe(0);
  expect(accord(['user', 'add', 'french', '--org', 'fr-anssi', '--password-stdin'], password).code).toBe(0);
  expect(
    accord(['collection', 'add', '--title', 'T', '--id', COLLECTION, '--read', '*', '--write', '*']).code,
  ).toBe(0);
  const store = new SqliteStore({ path: db });
  await store.init();
  try {
    ukIdentity = (await store.getOrganization('uk-ncsc'))?.identityId ?? '';
  } finally {
    await store.close();
  }
  expect(ukIdentity).toMatch(/^identity--/);
});

describe('accord import --tlp, --group, --embargo', { timeout: 180_000 }, () => {
  it('--tlp amber marks unmarked objects only, as stored JSON; marked ones stay as they came', async () => {
    const unmarked = indicator({ created_by_ref: ukIdentity });
    const green = indicator({ object_marking_refs: [TLP_V2.green.id] });
    const granular = indicator({
      granular_markings: [{ marking_ref: TLP_V2.green.id, selectors: ['name'] }],
    });
    const statement = {
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--3c5b1f8e-2a4d-4e6f-9b8a-1c2d3e4f5a6b',
      created: '2021-07-19T12:00:00.000Z',
      definition_type: 'statement',
      definition: { statement: 'Copyright UK NCSC' },
    };
    const r = importFile([unmarked, green, granular, statement], '--tlp', 'amber');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ new: 4, rejected: 0 });
    const ids = [unmarked, green, granular, statement].map((o) => String(o.id));

    const own = await seenBy('colleague', ids);
    // The stored, validated JSON is the marked object; created_by_ref stays as it came.
    expect(own.get(String(unmarked.id))).toEqual({ ...unmarked, object_marking_refs: [TLP_V2.amber.id] });
    expect(own.get(String(green.id))).toEqual(green);
    expect(own.get(String(granular.id))).toEqual(granular);

    // DESIGN.md Visibility: TLP:AMBER lets every reader of the collection see the object, and
    // this collection is readable by every organisation: the policy lets fr-anssi see it.
    const other = await seenBy('outsider', ids);
    expect(other.get(String(unmarked.id))).toEqual(own.get(String(unmarked.id)));
    expect(other.get(String(green.id))).toEqual(green);

    // Importing the same file with the same flag again: the same JSON, unchanged.
    expect(JSON.parse(importFile([unmarked], '--tlp', 'amber').out)).toMatchObject({ new: 0, unchanged: 1 });
  });

  it('--tlp red: another organisation does not see the object; the producer does', async () => {
    const red = indicator();
    const marked = indicator({ object_marking_refs: [TLP_V2.clear.id] });
    const r = importFile([red, marked], '--tlp', 'red');
    expect(r.code).toBe(0);
    const ids = [String(red.id), String(marked.id)];
    const own = await seenBy('colleague', ids);
    expect(own.get(String(red.id))?.object_marking_refs).toEqual([TLP_V2.red.id]);
    const other = await seenBy('outsider', ids);
    // DESIGN.md Visibility: TLP:RED only for the producer and its sharing groups' members.
    expect(other.has(String(red.id))).toBe(false);
    expect(other.get(String(marked.id))).toEqual(marked);
  });

  it('MISP input: objects whose event gave them no marking are marked; a distribution-3 attribute stays GREEN', async () => {
    const attribute = (uuid: string, type: string, value: string, extra: Record<string, unknown> = {}) => ({
      uuid,
      type,
      category: 'Network activity',
      value,
      to_ids: true,
      timestamp: '1704200000',
      ...extra,
    });
    const event = {
      Event: {
        uuid: '5f0c7a1e-2b3c-4d5e-8f9a-0b1c2d3e4f50',
        info: 'unmarked event',
        date: '2024-01-02',
        timestamp: '1704200000',
        Attribute: [
          attribute('7a0c7a1e-2b3c-4d5e-8f9a-0b1c2d3e4f50', 'ip-dst', '203.0.113.7'),
          attribute('8a0c7a1e-2b3c-4d5e-8f9a-0b1c2d3e4f50', 'domain', 'green.example.net', {
            distribution: '3',
          }),
        ],
      },
    };
    const path = join(dir, 'event.json');
    writeFileSync(path, JSON.stringify(event));
    const r = accord([
      'import',
      path,
      '--collection',
      COLLECTION,
      '--as',
      'analyst',
      '--json',
      '--tlp',
      'amber+strict',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ rejected: 0, misp: { events: 1 } });
    const seen = await seenBy('colleague', [
      'indicator--7a0c7a1e-2b3c-4d5e-8f9a-0b1c2d3e4f50',
      'indicator--8a0c7a1e-2b3c-4d5e-8f9a-0b1c2d3e4f50',
      'grouping--5f0c7a1e-2b3c-4d5e-8f9a-0b1c2d3e4f50',
    ]);
    expect([...seen.values()].map((o) => [o.id, o.object_marking_refs])).toEqual(
      expect.arrayContaining([
        ['indicator--7a0c7a1e-2b3c-4d5e-8f9a-0b1c2d3e4f50', [TLP_V2['amber+strict'].id]],
        ['indicator--8a0c7a1e-2b3c-4d5e-8f9a-0b1c2d3e4f50', [TLP_V2.green.id]],
        ['grouping--5f0c7a1e-2b3c-4d5e-8f9a-0b1c2d3e4f50', [TLP_V2['amber+strict'].id]],
      ]),
    );
    expect(seen.size).toBe(3);
  });

  it('--group marks with a known sharing group: members see the object, others do not', async () => {
    const added = accord(['group', 'add', 'uk-only', '--members', 'uk-ncsc']);
    expect(added.code).toBe(0);
    const group = added.out.trim();
    const object = indicator();
    const r = importFile([object], '--tlp', 'clear', '--group', group);
    expect(r.code).toBe(0);
    const own = await seenBy('colleague', [String(object.id)]);
    expect(own.get(String(object.id))?.object_marking_refs).toEqual([TLP_V2.clear.id, group]);
    expect((await seenBy('outsider', [String(object.id)])).size).toBe(0);
  });

  it('--embargo marks with a known embargo: hidden from non-co-signers until its release', async () => {
    const added = accord([
      'embargo',
      'add',
      '--release-at',
      '2099-01-01T00:00:00Z',
      '--cosigners',
      'uk-ncsc',
    ]);
    expect(added.code).toBe(0);
    const embargo = added.out.trim();
    const object = indicator();
    expect(importFile([object], '--embargo', embargo).code).toBe(0);
    expect(
      (await seenBy('colleague', [String(object.id)])).get(String(object.id))?.object_marking_refs,
    ).toEqual([embargo]);
    expect((await seenBy('outsider', [String(object.id)])).size).toBe(0);
    // An embargo id is not a sharing group: refused, nothing stored.
    const wrong = importFile([indicator()], '--group', embargo);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toBe('');
    expect(wrong.err).toMatch(
      /^accord: --group marking-definition--\S+: this marking definition is not a sharing group\n$/,
    );
  });

  it('--group with an id the node does not know: one accord: line, non-zero, nothing stored', async () => {
    const object = indicator();
    const r = importFile([object], '--group', 'marking-definition--00000000-0000-4000-8000-000000000000');
    expect(r.code).not.toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      /^accord: --group marking-definition--0{8}-\S+: the node knows no such marking definition[^\n]*\n$/,
    );
    expect((await seenBy('colleague', [String(object.id)])).size).toBe(0);
  });

  it("--group with another organisation's group definition: refused, the importer's objects would not trust it", async () => {
    const store = new SqliteStore({ path: db });
    await store.init();
    const fr = (await store.getOrganization('fr-anssi'))?.identityId ?? '';
    await store.close();
    const definition = sharingGroupMarking({ name: 'theirs', members: [fr, ukIdentity], createdByRef: fr });
    const path = join(dir, 'their-group.json');
    writeFileSync(path, JSON.stringify([definition]));
    const stored = accord(['import', path, '--collection', COLLECTION, '--as', 'french', '--json']);
    expect(JSON.parse(stored.out)).toMatchObject({ new: 1, rejected: 0 });
    const r = importFile([indicator()], '--group', String(definition.id));
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      /^accord: --group \S+: this sharing group was defined by fr-anssi \(local\), which objects of uk-ncsc do not trust\n$/,
    );
  });

  it('--tlp bogus is bad usage: exit 2, one accord: line', () => {
    const r = importFile([indicator()], '--tlp', 'bogus');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe('accord: --tlp must be one of clear, green, amber, amber+strict, red, not bogus\n');
  });
});
