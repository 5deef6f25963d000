/**
 * Property (issue 19, access rule of `accord export`): whatever the graph of reports,
 * relationships, sightings and notes around objects an organisation may not see (TLP:RED of
 * another organisation), the export of a reader holds no trace of them (id or value, in STIX and
 * in MISP), everything it holds is valid STIX 2.1, and every visible object is either exported
 * or counted as withheld. Closed: every reference it holds names an object it holds, however
 * long the chain to what the reader may not see.
 */
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referencesOf } from '../../src/core/export/withhold-references.js';
import {
  addCollection,
  callerOf,
  exportCollection,
  ingestBatch,
  nodeServices,
} from '../../src/core/index.js';
import { TLP_V2, validateObject } from '../../src/stix/index.js';
import { type Fixture, makeFixture } from '../taxii/support/taxii-fixture.js';

type Json = Record<string, unknown>;

const T = '2021-07-19T12:00:00.000Z';
const common = (type: string, uuid: string, red: boolean) => ({
  type,
  spec_version: '2.1',
  id: `${type}--${uuid}`,
  created: T,
  modified: T,
  object_marking_refs: [red ? TLP_V2.red.id : TLP_V2.green.id],
});

/** A graph: leaves (indicators and malware), then objects that reference earlier ones by index. */
const graph = fc
  .record({
    leaves: fc.array(fc.record({ uuid: fc.uuid({ version: 4 }), red: fc.boolean(), malware: fc.boolean() }), {
      minLength: 1,
      maxLength: 6,
    }),
    edges: fc.array(
      fc.record({
        uuid: fc.uuid({ version: 4 }),
        red: fc.boolean(),
        kind: fc.constantFrom('relationship', 'sighting', 'report', 'note'),
        refs: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      }),
      { maxLength: 12 },
    ),
  })
  .map(({ leaves, edges }) => {
    const objects: { object: Json; red: boolean; value?: string }[] = [];
    leaves.forEach((l, i) => {
      const value = `198.51.100.${i + 1}`;
      objects.push(
        l.malware
          ? { object: { ...common('malware', l.uuid, l.red), name: `m${i}`, is_family: true }, red: l.red }
          : {
              object: {
                ...common('indicator', l.uuid, l.red),
                pattern: `[ipv4-addr:value = '${value}']`,
                pattern_type: 'stix',
                valid_from: T,
              },
              red: l.red,
              value,
            },
      );
    });
    for (const e of edges) {
      // Relationships and sightings name SDOs (leaves, earlier reports and notes: chains of any
      // length); reports and notes name anything earlier.
      const sro = (o: { object: Json }) => o.object.type === 'relationship' || o.object.type === 'sighting';
      const pool =
        e.kind === 'relationship' || e.kind === 'sighting' ? objects.filter((o) => !sro(o)) : objects;
      const targets = [...new Set(e.refs.map((r) => String(pool[r % pool.length]!.object.id)))];
      const base = common(e.kind, e.uuid, e.red);
      const object: Json =
        e.kind === 'relationship'
          ? { ...base, relationship_type: 'related-to', source_ref: targets[0], target_ref: targets.at(-1) }
          : e.kind === 'sighting'
            ? { ...base, sighting_of_ref: targets[0] }
            : e.kind === 'report'
              ? { ...base, name: 'r', published: T, object_refs: targets }
              : { ...base, content: 'n', object_refs: targets };
      objects.push({ object, red: e.red });
    }
    // Uuids are unique (fast-check may repeat one): the first object of a uuid stands, and
    // what references a dropped one goes too.
    const uuidOf = (o: Json) => String(o.id).slice(String(o.id).indexOf('--') + 2);
    const kept: typeof objects = [];
    const seen = new Set<string>();
    const ids = new Set<string>();
    for (const o of objects) {
      const refs = [
        o.object.source_ref,
        o.object.target_ref,
        o.object.sighting_of_ref,
        ...((o.object.object_refs as unknown[]) ?? []),
      ];
      if (seen.has(uuidOf(o.object)) || refs.some((r) => r !== undefined && !ids.has(String(r)))) continue;
      seen.add(uuidOf(o.object));
      ids.add(String(o.object.id));
      kept.push(o);
    }
    return kept;
  });

let f: Fixture;
beforeAll(async () => {
  f = await makeFixture();
});
afterAll(async () => {
  await f.close();
});

async function exported(collectionId: string, username: string, format: 'stix' | 'misp') {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c) => {
    text += String(c);
  });
  const summary = await exportCollection(f.store, { collectionId, username, format }, out);
  out.end();
  return { text, summary };
}

describe('accord export withholds every trace of what the reader may not see', () => {
  it('property: no hidden id or value, valid objects, visible = exported + withheld', async () => {
    const caller = await callerOf(f.store, 'alice');
    await fc.assert(
      fc.asyncProperty(graph, async (objects) => {
        const c = (await addCollection(f.store, { title: 'p', canRead: ['*'], canWrite: ['uk-ncsc'] })).id;
        const report = await ingestBatch(
          nodeServices(f.store),
          c,
          objects.map((o, i) => ({ value: o.object, path: `/${i}` })),
          { producerOrg: caller.orgId, origin: 'local' },
        );
        expect(report.failures).toEqual([]);
        const hidden = objects.filter((o) => o.red);
        const stix = await exported(c, 'bob', 'stix');
        const misp = await exported(c, 'bob', 'misp');
        for (const h of hidden) {
          const uuid = String(h.object.id).slice(String(h.object.id).indexOf('--') + 2);
          for (const text of [stix.text, misp.text]) {
            expect(text).not.toContain(uuid);
            if (h.value) expect(text).not.toContain(`'${h.value}'`);
          }
        }
        const bundle = JSON.parse(stix.text) as { objects: Json[] };
        for (const o of bundle.objects) expect(validateObject(o).ok).toBe(true);
        // Closed, however long the chain: every reference names an exported object, and
        // nothing left out (hidden or withheld) leaves its id in either format.
        const exportedIds = new Set(bundle.objects.map((o) => String(o.id)));
        for (const o of bundle.objects)
          for (const r of referencesOf(o)) expect(exportedIds.has(r), `${String(o.id)} → ${r}`).toBe(true);
        for (const o of objects) {
          if (exportedIds.has(String(o.object.id))) continue;
          const uuid = String(o.object.id).slice(String(o.object.id).indexOf('--') + 2);
          for (const text of [stix.text, misp.text]) expect(text).not.toContain(uuid);
        }
        expect(stix.summary.objects + stix.summary.withheld).toBe(objects.length - hidden.length);
        // The producer sees everything, withholds nothing.
        const own = await exported(c, 'alice', 'stix');
        expect(own.summary).toMatchObject({ objects: objects.length, withheld: 0 });
      }),
      { numRuns: 40 },
    );
  });
});

describe('accord export follows withholding across pages (issue 19)', () => {
  it('a report on the first page loses a note withheld pages later, two steps from the hidden object', async () => {
    const caller = await callerOf(f.store, 'alice');
    const c = (await addCollection(f.store, { title: 'pages', canRead: ['*'], canWrite: ['uk-ncsc'] })).id;
    const id = (type: string, n: number) => `${type}--10000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const indicator = (n: number) => ({
      ...common('indicator', id('indicator', n).slice(11), false),
      pattern: `[ipv4-addr:value = '198.51.${Math.floor(n / 250)}.${n % 250}']`,
      pattern_type: 'stix',
      valid_from: T,
    });
    const hidden = { ...common('malware', id('malware', 1).slice(9), true), name: 'hidden', is_family: true };
    const rel = {
      ...common('relationship', id('relationship', 1).slice(14), false),
      relationship_type: 'indicates',
      source_ref: id('indicator', 0),
      target_ref: hidden.id,
    };
    const note = {
      ...common('note', id('note', 1).slice(6), false),
      content: 'on the link',
      object_refs: [rel.id],
    };
    const report = {
      ...common('report', id('report', 1).slice(8), false),
      name: 'r',
      published: T,
      object_refs: [note.id, id('indicator', 0)],
    };
    // The report first, the chain after a page (500) of other objects.
    const objects = [report, ...Array.from({ length: 600 }, (_, n) => indicator(n)), note, rel, hidden];
    const stored = await ingestBatch(
      nodeServices(f.store),
      c,
      objects.map((value, i) => ({ value, path: `/${i}` })),
      { producerOrg: caller.orgId, origin: 'local' },
    );
    expect(stored.failures).toEqual([]);
    const { text, summary } = await exported(c, 'bob', 'stix');
    const bundle = JSON.parse(text) as { objects: Json[] };
    expect(bundle.objects.find((o) => o.id === report.id)).toMatchObject({
      object_refs: [id('indicator', 0)],
    });
    expect(text).not.toContain(note.id);
    expect(text).not.toContain(rel.id);
    expect(summary).toMatchObject({ objects: 601, withheld: 2 });
  });
});
