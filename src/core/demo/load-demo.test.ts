import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TLP_V2, validateObject } from '../../stix/index.js';
import { openStore } from '../../store/index.js';
import { validateStixStream } from '../ingest/stix-validation.js';
import { AccordNode } from '../node/accord-node.js';
import { DEMO_COLLECTION_ID, DEMO_PARTNERS } from './demo-partners.js';
import { demoObjects, loadDemo } from './load-demo.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('demo data', () => {
  it('every demo object is valid STIX 2.1 with a unique, fixed id', () => {
    const objects = demoObjects();
    for (const o of objects) {
      const r = validateObject(o);
      expect(r.ok, `${o.id}: ${JSON.stringify(r.issues.filter((i) => i.severity === 'error'))}`).toBe(true);
    }
    const ids = objects.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(demoObjects().map((o) => o.id)).toEqual(ids);
  });

  it('the bundle file passes `accord validate` (STIX 2.1 §8 bundle, every object valid)', async () => {
    const results = [];
    for await (const batch of validateStixStream(
      createReadStream(new URL('./demo-bundle.json', import.meta.url)),
    ))
      results.push(...batch);
    expect(results.filter((r) => !r.valid)).toEqual([]);
    expect(results.length).toBe(demoObjects().length + 1);
  });

  it('every partner organisation has its STIX identity in the bundle, under the same name', () => {
    const identities = new Map(demoObjects().map((o) => [o.id, o]));
    for (const p of Object.values(DEMO_PARTNERS))
      expect(identities.get(p.identityId)).toMatchObject({ type: 'identity', name: p.name });
  });

  it('marking definitions come first, the TLP ones as the library defines them (DESIGN.md ids)', () => {
    const objects = demoObjects();
    const firstOther = objects.findIndex(
      (o) => o.type !== 'marking-definition' && o.type !== 'extension-definition',
    );
    expect(objects.slice(firstOther).some((o) => o.type === 'marking-definition')).toBe(false);
    for (const tlp of Object.values(TLP_V2)) expect(objects.find((o) => o.id === tlp.id)).toEqual({ ...tlp });
  });

  it('indicator values come from documentation ranges only (RFC 5737, example.com)', () => {
    for (const o of demoObjects().filter((x) => x.type === 'indicator')) {
      const values = [...String(o.pattern).matchAll(/'([^']*)'/g)].map((m) => m[1]);
      for (const v of values) {
        expect(v).toMatch(
          /^(192\.0\.2\.|198\.51\.100\.|203\.0\.113\.)\d{1,3}$|(^|\.)example\.(com|org|net)$/,
        );
      }
    }
  });

  it('loads into an empty database once; a second run changes nothing', async () => {
    const store = await openStore(join(dir, 'demo.db'));
    try {
      const first = await loadDemo(store);
      expect(first).toMatchObject({
        loaded: true,
        stored: demoObjects().length,
        login: { username: 'demo' },
      });
      const second = await loadDemo(store);
      expect(second).toMatchObject({ loaded: false, stored: 0, login: { username: 'demo' } });
      expect((await store.listCollections()).length).toBe(1);
      // The joint advisory of 19 July 2021 is released: the EU, no co-signer, reads it and its signatures.
      const eu = DEMO_PARTNERS.eu;
      const reader = {
        username: 'eu-reader',
        orgId: eu.org,
        identityId: eu.identityId,
        role: 'reader' as const,
      };
      const page = await new AccordNode({ store }).queryObjects(
        reader,
        DEMO_COLLECTION_ID,
        { types: ['report', 'opinion'], limit: 100 },
        'objects',
      );
      const advisory = page.items.find(
        (e) =>
          e.object.type === 'report' &&
          e.object.name ===
            'Joint advisory: exploitation of Microsoft Exchange Server by MSS-affiliated cyber actors',
      );
      expect(advisory).toBeDefined();
      expect(
        page.items.filter(
          (e) =>
            e.object.type === 'opinion' &&
            e.object.opinion === 'agree' &&
            e.object.object_refs[0] === advisory?.id,
        ),
      ).toHaveLength(5);
    } finally {
      await store.close();
    }
  });
});
