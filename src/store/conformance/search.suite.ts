/** Conformance: the search index (SearchStore), filled with the versions in one transaction. */
import { describe, expect, it } from 'vitest';
import { collection, sdo, version } from './fixtures.js';
import { type StoreFactory, useStore } from './harness.suite.js';

const V1 = '2021-07-01T00:00:00.000Z';
const V2 = '2021-07-02T00:00:00.000Z';

const apt28 = sdo('intrusion-set', 1, V1, {
  name: 'APT28',
  aliases: ['Fancy Bear', 'Sofacy'],
  external_references: [{ source_name: 'mitre-attack', external_id: 'G0007' }],
});
const psh = sdo('attack-pattern', 2, V1, {
  name: 'PowerShell',
  external_references: [{ source_name: 'mitre-attack', external_id: 'T1059.001' }],
});
const ioc = sdo('indicator', 3, V1, {
  pattern: "[domain-name:value = 'Evil.Example.com'] OR [file:hashes.'SHA-256' = 'abc\\'d']",
  pattern_type: 'stix',
  valid_from: V1,
});

/** searchTerms and lookupTerms. */
export function searchSuite(makeStore: StoreFactory): void {
  describe('search index', () => {
    const store = useStore(makeStore);

    async function filled(): Promise<void> {
      await store().addCollection(collection('c'));
      await store().addCollection(collection('d'));
      await store().addVersions('c', [version(apt28), version(psh), version(ioc)]);
      await store().addVersions('d', [version(apt28)]);
    }

    // Distinct (field, id, collection): "fancy" is both the alias "fancy bear" and its first word.
    const ids = async (prefix: string, types?: string[]) => [
      ...new Set(
        (await store().searchTerms({ prefix, limit: 100, ...(types ? { types } : {}) })).map(
          (h) => `${h.field}:${h.id}@${h.collectionId}`,
        ),
      ),
    ];

    it('finds names, aliases word by word, external ids, pattern values and ids by prefix', async () => {
      await filled();
      expect(await ids('fancy')).toEqual([`alias:${apt28.id}@c`, `alias:${apt28.id}@d`]);
      expect(await ids('bear')).toEqual([`alias:${apt28.id}@c`, `alias:${apt28.id}@d`]);
      expect(await ids('g0007')).toEqual([`external_id:${apt28.id}@c`, `external_id:${apt28.id}@d`]);
      expect(await ids('t1059')).toEqual([`external_id:${psh.id}@c`]);
      expect(await ids('evil.example')).toEqual([`value:${ioc.id}@c`]);
      expect(await ids("abc'd")).toEqual([`value:${ioc.id}@c`]);
      expect(await ids(ioc.id)).toEqual([`id:${ioc.id}@c`]);
      expect(await ids('zzz')).toEqual([]);
    });

    it('filters by type and pages after a position, each hit once', async () => {
      await filled();
      expect(await ids('p', ['attack-pattern'])).toEqual([`name:${psh.id}@c`]);
      const all = await store().searchTerms({ prefix: '', limit: 1000 });
      const paged = [];
      for (let after: (typeof all)[number] | undefined; ; ) {
        const page = await store().searchTerms({ prefix: '', limit: 3, ...(after ? { after } : {}) });
        paged.push(...page);
        if (page.length < 3) break;
        after = page[page.length - 1];
      }
      expect(paged).toEqual(all);
      expect(new Set(all.map((h) => JSON.stringify(h))).size).toBe(all.length);
    });

    it('counts an object once over its versions, and forgets deleted ones', async () => {
      await filled();
      await store().addVersions('c', [version({ ...psh, modified: V2 })]);
      expect(await ids('powershell')).toEqual([`name:${psh.id}@c`]);
      await store().deleteObject('c', psh.id);
      expect(await ids('powershell')).toEqual([]);
    });

    it('looks up exact terms, a bounded number of hits each', async () => {
      await filled();
      const hits = await store().lookupTerms(['evil.example.com', 'g0007', 'nothing', 'evil'], 1);
      expect(hits.map((h) => `${h.term}:${h.id}@${h.collectionId}`)).toEqual([
        `evil.example.com:${ioc.id}@c`,
        `g0007:${apt28.id}@c`,
      ]);
    });

    it('finds the relationships and sightings that reference an object, never by search text', async () => {
      await filled();
      const rel = sdo('relationship', 10, V1, {
        relationship_type: 'uses',
        source_ref: apt28.id,
        target_ref: psh.id,
      });
      const sighting = sdo('sighting', 11, V1, { sighting_of_ref: ioc.id, where_sighted_refs: [apt28.id] });
      await store().addVersions('c', [version(rel), version(sighting)]);
      const refs = async (id: string) =>
        (await store().referencesTo(id, 10)).map((h) => `${h.field}:${h.id}@${h.collectionId}`);
      expect(await refs(apt28.id)).toEqual([`source_ref:${rel.id}@c`, `where_sighted_ref:${sighting.id}@c`]);
      expect(await refs(psh.id)).toEqual([`target_ref:${rel.id}@c`]);
      expect(await refs(ioc.id)).toEqual([`sighting_of_ref:${sighting.id}@c`]);
      expect(await ids(apt28.id)).toEqual([`id:${apt28.id}@c`, `id:${apt28.id}@d`]);
    });
  });
}
