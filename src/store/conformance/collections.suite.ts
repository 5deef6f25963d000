/** Conformance: collections (TAXII 2.1 sections 5.1-5.2) and their access lists. */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collection, rejectionCode } from './fixtures.js';
import { type StoreFactory, useStore } from './harness.suite.js';

/** Collection tests. */
export function collectionsSuite(makeStore: StoreFactory): void {
  describe('collections', () => {
    const store = useStore(makeStore);

    it('5.1 collections are listed in a stable (creation) order', async () => {
      for (const id of ['zulu', 'alpha', 'mike']) await store().addCollection(collection(id));
      const first = (await store().listCollections()).map((c) => c.id);
      expect(first).toEqual(['zulu', 'alpha', 'mike']);
      expect((await store().listCollections()).map((c) => c.id)).toEqual(first);
    });

    it('5.2 a collection round-trips with its access lists and optional fields', async () => {
      const full = {
        id: '91a7b528-80eb-42ed-a74d-c6fbd5a26116',
        title: 'High Value Indicators',
        description: 'Shared by the alliance',
        alias: 'hvi',
        canRead: ['uk-ncsc', 'us-cisa'],
        canWrite: ['uk-ncsc'],
        mediaTypes: ['application/stix+json;version=2.1'],
      };
      await store().addCollection(full);
      await store().addCollection(collection('bare'));
      expect(await store().getCollection(full.id)).toEqual(full);
      const bare = await store().getCollection('bare');
      expect(bare).toEqual(collection('bare'));
      expect(bare).not.toHaveProperty('description');
      expect(await store().getCollection('missing')).toBeUndefined();
    });

    it('refuses a second collection with the same id (STORE_ALREADY_EXISTS)', async () => {
      await store().addCollection(collection('c'));
      expect(await rejectionCode(store().addCollection(collection('c', 'other')))).toBe(
        'STORE_ALREADY_EXISTS',
      );
      expect((await store().getCollection('c'))?.title).toBe('Collection c');
    });

    it('setCollectionAccess replaces both access lists and keeps the rest; false for an unknown id', async () => {
      await store().addCollection(collection('c'));
      await store().addCollection(collection('d'));
      expect(await store().setCollectionAccess('c', { canRead: ['uk-ncsc', 'cert-fr'], canWrite: [] })).toBe(
        true,
      );
      expect(await store().getCollection('c')).toEqual({
        ...collection('c'),
        canRead: ['uk-ncsc', 'cert-fr'],
        canWrite: [],
      });
      expect(await store().getCollection('d')).toEqual(collection('d'));
      expect((await store().listCollections()).map((c) => c.id)).toEqual(['c', 'd']);
      expect(await store().setCollectionAccess('missing', { canRead: ['*'], canWrite: ['*'] })).toBe(false);
      expect(await store().getCollection('missing')).toBeUndefined();
    });

    it('backupTo writes a whole file (mode 0600) and never overwrites one (STORE_ALREADY_EXISTS)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'accord-backup-conformance-'));
      try {
        await store().addCollection(collection('c'));
        const file = join(dir, 'copy.db');
        const report = await store().backupTo(file);
        expect(report).toEqual({ file, bytes: statSync(file).size });
        expect(report.bytes).toBeGreaterThan(0);
        expect(statSync(file).mode & 0o777).toBe(0o600);
        const taken = join(dir, 'taken.db');
        writeFileSync(taken, 'keep me');
        expect(await rejectionCode(store().backupTo(taken))).toBe('STORE_ALREADY_EXISTS');
        expect(statSync(taken).size).toBe('keep me'.length);
        expect(await rejectionCode(store().backupTo(join(dir, 'no', 'such', 'dir.db')))).toBeDefined();
        expect(existsSync(join(dir, 'no'))).toBe(false);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('countVersions counts stored versions of every collection; a repeated version counts once', async () => {
      expect(await store().countVersions()).toBe(0);
      await store().addCollection(collection('c'));
      await store().addCollection(collection('d'));
      const v = (id: string, created: string) => ({
        object: { type: 'malware', id, created, modified: created },
        producerOrg: 'a',
        origin: 'local',
      });
      await store().addVersions('c', [
        v('malware--1', '2020-01-01T00:00:00Z'),
        v('malware--1', '2020-01-02T00:00:00Z'),
      ]);
      await store().addVersions('d', [v('malware--1', '2020-01-01T00:00:00Z')]);
      await store().addVersions('d', [v('malware--1', '2020-01-01T00:00:00Z')]);
      expect(await store().countVersions()).toBe(3);
    });

    it('refuses versions for an unknown collection (STORE_UNKNOWN_COLLECTION)', async () => {
      const object = { type: 'malware', id: 'malware--1', created: '2020-01-01T00:00:00Z' };
      const code = await rejectionCode(
        store().addVersions('nope', [{ object, producerOrg: 'a', origin: 'local' }]),
      );
      expect(code).toBe('STORE_UNKNOWN_COLLECTION');
    });
  });
}
