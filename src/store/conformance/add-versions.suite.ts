/** Conformance: storing versions (DESIGN.md Store; TAXII 2.1 sections 3.4.1, 5.5; STIX 2.1 section 3.6). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asMicros, nowMicros, timestampMicros } from '../../stix/index.js';
import { collection, rejectionCode, SEE_ALL, sdo, uuid, version } from './fixtures.js';
import { type StoreFactory, useStore } from './harness.suite.js';

/** addVersions tests. */
export function addVersionsSuite(makeStore: StoreFactory): void {
  describe('addVersions', () => {
    const store = useStore(makeStore);
    const setup = async () => {
      await store().addCollection(collection('c'));
      await store().addCollection(collection('d'));
    };

    it('3.6 the version is modified, else created, else the date_added instant', async () => {
      await setup();
      const modified = sdo('indicator', 1, '2021-03-02T10:00:00.000Z');
      const { modified: _m, ...createdOnly } = sdo('malware', 2, 'x');
      const sco = { type: 'ipv4-addr', spec_version: '2.1', id: `ipv4-addr--${uuid(3)}`, value: '192.0.2.1' };
      const out = await store().addVersions('c', [version(modified), version(createdOnly), version(sco)]);
      expect(out.map((o) => o.status)).toEqual(['stored', 'stored', 'stored']);
      expect(out[0]?.version).toBe('2021-03-02T10:00:00.000Z');
      expect(out[1]?.version).toBe('2020-01-01T00:00:00.000Z');
      const scoRow = (await store().getVersions('c', sco.id))[0];
      expect(timestampMicros(scoRow?.version ?? '')).toBe(scoRow?.dateAdded);
      expect(scoRow?.version).toBe(out[2]?.version);
    });

    it('keeps the granular views given with a version and hands them back with feed reads', async () => {
      await setup();
      const red = 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed';
      const green = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';
      const object = sdo('indicator', 1, '2021-03-02T10:00:00.000Z', {
        description: 'secret',
        object_marking_refs: [green],
        granular_markings: [{ marking_ref: red, selectors: ['description'] }],
      });
      const rest = sdo('indicator', 1, '2021-03-02T10:00:00.000Z', { object_marking_refs: [green] });
      const granularViews = {
        objectRefs: [green],
        granularRefs: [red],
        views: [
          { outcome: 'visible' as const },
          { outcome: 'redacted' as const, json: JSON.stringify(rest), markingRefs: [green] },
        ],
      };
      const plain = sdo('indicator', 2, '2021-03-02T10:00:00.000Z');
      await store().addVersions('c', [{ ...version(object), granularViews }, version(plain)]);
      const page = await store().queryObjects(
        { collectionId: 'c', limit: 10, now: asMicros(Number.MAX_SAFE_INTEGER) },
        SEE_ALL,
      );
      expect(page.items.map((r) => r.granularViews)).toEqual([granularViews, undefined]);
      // A view list that does not cover every set of granular refs is refused.
      const short = { ...granularViews, views: granularViews.views.slice(0, 1) };
      const other = sdo('indicator', 3, '2021-03-02T10:00:00.000Z');
      expect(
        await rejectionCode(store().addVersions('c', [{ ...version(other), granularViews: short }])),
      ).toBe('STORE_INVALID_OBJECT');
    });

    it('stores the row facts: type, spec_version, producer, origin, marking refs, canonical JSON', async () => {
      await setup();
      const object = sdo('indicator', 1, '2021-03-02T10:00:00.000Z', {
        object_marking_refs: ['marking-definition--a', 'marking-definition--b'],
        granular_markings: [{ marking_ref: 'marking-definition--c', selectors: ['name'] }],
        name: 'bad',
      });
      const legacy = {
        type: 'malware',
        id: `malware--${uuid(9)}`,
        spec_version: '2.0',
        created: '2020-01-01T00:00:00Z',
      };
      await store().addVersions('c', [version(object, 'uk-ncsc', 'peer:bravo'), version(legacy)]);
      const [row] = await store().getVersions('c', object.id);
      expect(row).toMatchObject({ collectionId: 'c', id: object.id, type: 'indicator', specVersion: '2.1' });
      expect(row).toMatchObject({ producerOrg: 'uk-ncsc', origin: 'peer:bravo', entry: 'added' });
      expect([...(row?.markingRefs ?? [])].sort()).toEqual([
        'marking-definition--a',
        'marking-definition--b',
        'marking-definition--c',
      ]);
      expect(JSON.parse(row?.json ?? '')).toEqual(object);
      // RFC 8785: keys sorted, no whitespace.
      expect(row?.json.startsWith('{"created":"2020-01-01T00:00:00.000Z","granular_markings":')).toBe(true);
      expect((await store().getVersions('c', legacy.id))[0]?.specVersion).toBe('2.0');
      const noSpec = { type: 'malware', id: `malware--${uuid(10)}`, created: '2020-01-01T00:00:00Z' };
      await store().addVersions('c', [version(noSpec)]);
      expect((await store().getVersions('c', noSpec.id))[0]?.specVersion).toBe('2.1');
    });

    it('3.4.1 date_added is strictly increasing within a collection, across calls and batches', async () => {
      await setup();
      let next = 1;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 6 }),
          async (sizes) => {
            let last = -1;
            for (const size of sizes) {
              const batch = Array.from({ length: size }, () =>
                version(sdo('indicator', next++, '2021-01-01T00:00:00Z')),
              );
              const out = await store().addVersions('c', batch);
              for (const o of out) {
                expect(o.status).toBe('stored');
                expect(o.dateAdded).toBeGreaterThan(last);
                last = o.dateAdded;
              }
            }
          },
        ),
        { numRuns: 15 },
      );
    });

    it('3.4.1 a committed batch is visible at once to a query using the node clock', async () => {
      await setup();
      for (let round = 0; round < 25; round++) {
        const batch = [1, 2, 3, 4].map((k) =>
          version(sdo('indicator', round * 10 + k, '2021-01-01T00:00:00Z')),
        );
        const out = await store().addVersions('c', batch);
        const page = await store().queryObjects(
          { collectionId: 'c', ids: batch.map((v) => String(v.object.id)), limit: 10, now: nowMicros() },
          SEE_ALL,
        );
        expect(page.items.map((r) => r.seq)).toEqual(out.map((o) => o.seq));
      }
    });

    it('the same (id, version) again is a duplicate with sameContent, never stored twice', async () => {
      await setup();
      const object = sdo('indicator', 1, '2021-01-01T00:00:00.000Z', { name: 'a' });
      const [first] = await store().addVersions('c', [version(object)]);
      const out = await store().addVersions('c', [
        version({ ...object }),
        version({ ...object, name: 'changed' }),
        version({ ...object, modified: '2021-01-01T00:00:00Z' }),
      ]);
      expect(out[0]).toEqual({ ...first, status: 'duplicate', sameContent: true });
      expect(out[1]).toMatchObject({ status: 'duplicate', seq: first?.seq, sameContent: false });
      // '…00Z' and '…00.000Z' are the same instant, hence the same version.
      expect(out[2]).toMatchObject({ status: 'duplicate', seq: first?.seq });
      expect(await store().getVersions('c', object.id)).toHaveLength(1);
    });

    it('a duplicate inside one batch is reported as such', async () => {
      await setup();
      const object = sdo('indicator', 1, '2021-01-01T00:00:00.000Z');
      const out = await store().addVersions('c', [version(object), version(object)]);
      expect(out.map((o) => o.status)).toEqual(['stored', 'duplicate']);
      expect(out[1]?.seq).toBe(out[0]?.seq);
    });

    it('a versionless object (SCO) with unchanged content is a duplicate; changed content is a new version', async () => {
      await setup();
      const sco = { type: 'ipv4-addr', spec_version: '2.1', id: `ipv4-addr--${uuid(3)}`, value: '192.0.2.1' };
      await store().addVersions('c', [version(sco)]);
      const [again] = await store().addVersions('c', [version({ ...sco })]);
      expect(again).toMatchObject({ status: 'duplicate', sameContent: true });
      const [changed] = await store().addVersions('c', [version({ ...sco, x_note: 'seen' })]);
      expect(changed?.status).toBe('stored');
      expect(await store().getVersions('c', sco.id)).toHaveLength(2);
    });

    it('versions of one id inside one batch, in any order, keep first and last right', async () => {
      await setup();
      const at = (day: number) => `2021-01-0${day}T00:00:00.000Z`;
      const id = sdo('indicator', 1, at(1)).id;
      await store().addVersions('c', [version(sdo('indicator', 1, at(3)))]);
      const out = await store().addVersions('c', [
        version(sdo('indicator', 1, at(5))),
        version(sdo('indicator', 1, at(2))),
        version(sdo('indicator', 1, at(4))),
        version(sdo('indicator', 1, at(5))),
        version(sdo('indicator', 1, at(1))),
      ]);
      expect(out.map((o) => o.status)).toEqual(['stored', 'stored', 'stored', 'duplicate', 'stored']);
      const versionsOf = async (kind: 'first' | 'last') =>
        (
          await store().queryObjects(
            { collectionId: 'c', ids: [id], versions: { kind }, limit: 10, now: nowMicros() },
            SEE_ALL,
          )
        ).items.map((r) => r.version);
      expect(await versionsOf('first')).toEqual([at(1)]);
      expect(await versionsOf('last')).toEqual([at(5)]);
      // A versionless object changed twice in one batch, then sent again unchanged.
      const sco = { type: 'ipv4-addr', spec_version: '2.1', id: `ipv4-addr--${uuid(4)}`, value: '192.0.2.1' };
      const scos = await store().addVersions('c', [
        version(sco),
        version({ ...sco, x_note: 'a' }),
        version({ ...sco, x_note: 'a' }),
        version(sco),
      ]);
      expect(scos.map((o) => o.status)).toEqual(['stored', 'stored', 'duplicate', 'stored']);
    });

    it('the same object in two collections is two independent rows', async () => {
      await setup();
      const object = sdo('indicator', 1, '2021-01-01T00:00:00.000Z');
      const [a] = await store().addVersions('c', [version(object)]);
      const [b] = await store().addVersions('d', [version(object)]);
      expect(a?.status).toBe('stored');
      expect(b?.status).toBe('stored');
      expect(a?.seq).not.toBe(b?.seq);
    });

    it('an invalid version rejects the whole call (STORE_INVALID_OBJECT) and stores nothing', async () => {
      await setup();
      const good = sdo('indicator', 1, '2021-01-01T00:00:00.000Z');
      for (const bad of [
        { type: 'indicator' },
        { id: 'indicator--x' },
        { ...sdo('indicator', 2, 'yesterday') },
        { ...sdo('indicator', 3, '2021-02-30T00:00:00Z') },
      ]) {
        expect(await rejectionCode(store().addVersions('c', [version(good), version(bad)]))).toBe(
          'STORE_INVALID_OBJECT',
        );
      }
      expect(await store().getVersions('c', good.id)).toEqual([]);
    });
  });
}
