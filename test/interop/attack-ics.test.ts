/**
 * MITRE ATT&CK for ICS through the existing import (core importFiles) and TAXII GET (issue 19):
 * object counts equal, revoked and deprecated objects kept with their flags, every object as the
 * file has it. "Byte-identical" here means: the node stores each object as its RFC 8785 canonical
 * JSON, and TAXII GET hands out exactly that text, so each object of a response is, byte for
 * byte, the canonical JSON of the file's object (same properties, same values, x_mitre_* included;
 * only key order and insignificant white space, which JSON does not give meaning to, differ from
 * the file's own bytes).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/core/index.js';
import { canonicalJson } from '../../src/stix/index.js';
import { type Fixture, get, makeFixture, objectsUrl } from '../taxii/support/taxii-fixture.js';

type Json = Record<string, unknown>;

const file = (release: string) =>
  fileURLToPath(new URL(`../fixtures/stix/attack-ics/ics-attack-${release}.json`, import.meta.url));
const bundle = (release: string) => JSON.parse(readFileSync(file(release), 'utf8')) as { objects: Json[] };

/** Every object of a collection through TAXII GET, page by page (limit, more, next), with each page's text. */
async function readAll(
  f: Fixture,
  collection: string,
  query = '',
): Promise<{ objects: Json[]; pages: { text: string; objects: Json[] }[] }> {
  const objects: Json[] = [];
  const pages: { text: string; objects: Json[] }[] = [];
  let next: string | undefined;
  do {
    const res = await get(
      f,
      objectsUrl(collection, `?limit=500${query}${next ? `&next=${encodeURIComponent(next)}` : ''}`),
    );
    expect(res.statusCode).toBe(200);
    const body = res.json() as { objects?: Json[]; more?: boolean; next?: string };
    pages.push({ text: res.body, objects: body.objects ?? [] });
    objects.push(...(body.objects ?? []));
    next = body.more ? body.next : undefined;
  } while (next);
  return { objects, pages };
}

describe('ATT&CK for ICS 18.1 through import and TAXII GET', () => {
  let f: Fixture;
  const release = bundle('18.1');
  let read: Awaited<ReturnType<typeof readAll>>;

  beforeAll(async () => {
    f = await makeFixture();
    const summary = await importFiles(f.store, {
      files: [file('18.1')],
      collectionId: f.shared,
      username: 'alice',
    });
    expect(summary).toMatchObject({ new: release.objects.length, unchanged: 0, rejected: 0, errors: [] });
    read = await readAll(f, f.shared);
  });
  afterAll(async () => {
    await f.close();
  });

  it('every object comes back: 1,826 in, 1,826 out, the same ids', () => {
    expect(read.objects).toHaveLength(1826);
    expect(new Set(read.objects.map((o) => o.id))).toEqual(new Set(release.objects.map((o) => o.id)));
  });

  it("each object is the canonical JSON of the file's object, byte for byte, in the TAXII response text", () => {
    const byId = new Map(release.objects.map((o) => [String(o.id), o]));
    for (const page of read.pages) {
      for (const got of page.objects) {
        const original = byId.get(String(got.id))!;
        expect(got, String(got.id)).toEqual(original);
        expect(page.text.includes(canonicalJson(original)), String(got.id)).toBe(true);
      }
    }
  });

  it('x_mitre_* properties are kept exactly: values, types, list order (keys of nested objects in RFC 8785 order)', () => {
    const byId = new Map(read.objects.map((o) => [String(o.id), o]));
    let seen = 0;
    for (const original of release.objects) {
      for (const [k, v] of Object.entries(original)) {
        if (!k.startsWith('x_mitre_')) continue;
        seen++;
        const got = byId.get(String(original.id))![k];
        expect(got).toEqual(v);
        expect(canonicalJson(got)).toBe(canonicalJson(v));
      }
    }
    expect(seen).toBeGreaterThan(3000);
  });

  it('revoked and deprecated objects are kept with their flags (2 revoked, 37 deprecated)', () => {
    expect(read.objects.filter((o) => o.revoked === true)).toHaveLength(2);
    expect(read.objects.filter((o) => o.x_mitre_deprecated === true)).toHaveLength(37);
  });

  it('custom x-mitre-* object types are served and filterable by type', async () => {
    const analytics = await readAll(f, f.shared, '&match[type]=x-mitre-analytic');
    expect(analytics.objects).toHaveLength(82);
  });
});

describe('ATT&CK for ICS 17.1 then 18.1 in one collection: versions', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('3.6 objects changed without a later modified (70 in 18.1) are refused; the rest become new versions', async () => {
    const old = bundle('17.1');
    const release = bundle('18.1');
    const first = await importFiles(f.store, {
      files: [file('17.1')],
      collectionId: f.shared,
      username: 'alice',
    });
    expect(first).toMatchObject({ new: 1651, rejected: 0 });
    const second = await importFiles(f.store, {
      files: [file('18.1')],
      collectionId: f.shared,
      username: 'alice',
    });
    // MITRE changed these objects' content (x_mitre_data_sources removed, …) but kept their
    // modified: a second object with the same id and version, which STIX 2.1 (3.6) forbids.
    const before = new Map(old.objects.map((o) => [String(o.id), o]));
    const sameVersionOtherContent = release.objects.filter((o) => {
      const was = before.get(String(o.id));
      return was !== undefined && was.modified === o.modified && canonicalJson(was) !== canonicalJson(o);
    });
    expect(sameVersionOtherContent).toHaveLength(70);
    expect(second.rejected).toBe(70);
    expect(new Set(second.errors.map((e) => e.id))).toEqual(
      new Set(sameVersionOtherContent.map((o) => o.id)),
    );
    // Identical objects are unchanged; the rest become new versions.
    expect(second.new + second.unchanged).toBe(release.objects.length - 70);
    const all = await readAll(f, f.shared);
    expect(all.objects).toHaveLength(new Set([...old.objects, ...release.objects].map((o) => o.id)).size);
  });
});
