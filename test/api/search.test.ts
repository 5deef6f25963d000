/**
 * Issue 17 (search) and issue 19 (ATT&CK ids): `GET /api/search` by name, alias, external id,
 * indicator value and id, prefix and case-insensitive, paged; `POST /api/search/values`. Hidden
 * objects are absent from both, also when only a redacted part of them would match.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TLP_V2 } from '../../src/stix/index.js';
import {
  basic,
  type Fixture,
  indicator,
  makeFixture,
  malware,
  post,
} from '../taxii/support/taxii-fixture.js';
import { browser, signIn } from './support/browser.js';

let f: Fixture;
const apt = malware({
  name: 'X-Agent',
  aliases: ['Sofacy Implant', 'CHOPSTICK'],
  external_references: [{ source_name: 'mitre-attack', external_id: 'S0161' }],
});
const technique = {
  type: 'attack-pattern',
  spec_version: '2.1',
  id: 'attack-pattern--7385dfaf-6886-4229-9ecd-6fd678040830',
  created: '2021-07-19T12:00:00.000Z',
  modified: '2021-07-19T12:00:00.000Z',
  name: 'Command and Scripting Interpreter',
  external_references: [{ source_name: 'mitre-attack', external_id: 'T1059' }],
};
const domain = indicator({ name: 'c2 domain', pattern: "[domain-name:value = 'Update.Evil-Example.com']" });
const red = indicator({
  name: 'red only',
  pattern: "[ipv4-addr:value = '203.0.113.77']",
  object_marking_refs: [TLP_V2.red.id],
});
const redactedName = indicator({
  name: 'Codename Nightjar',
  granular_markings: [{ marking_ref: TLP_V2.red.id, selectors: ['name'] }],
});
const pagers = Array.from({ length: 23 }, (_, i) => malware({ name: `Pager ${String(i).padStart(2, '0')}` }));

beforeAll(async () => {
  f = await makeFixture();
  const res = await post(f, f.shared, [apt, technique, domain, red, redactedName, ...pagers]);
  expect(res.statusCode).toBe(202);
  expect(res.json().success_count).toBe(28);
});
afterAll(async () => {
  await f.close();
});

async function search(query: string, user = 'bob') {
  const res = await f.app.inject({
    method: 'GET',
    url: `/api/search?${query}`,
    headers: { authorization: basic(user) },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    query: string;
    results: { id: string; name: string; matched: string; tlp: string | null }[];
    next: string | null;
  };
}

const idsOf = async (query: string, user = 'bob') => (await search(query, user)).results.map((r) => r.id);

describe('GET /api/search', () => {
  it('finds by name, alias word, external id (ATT&CK), indicator value and id, ignoring case', async () => {
    expect(await idsOf('q=x-ag')).toEqual([apt.id]);
    expect(await idsOf('q=chopstick')).toEqual([apt.id]);
    expect(await idsOf('q=implant')).toEqual([apt.id]);
    expect(await idsOf('q=s0161')).toEqual([apt.id]);
    expect(await idsOf('q=T1059')).toEqual([technique.id]);
    expect(await idsOf('q=update.evil')).toEqual([domain.id]);
    expect(await idsOf(`q=${domain.id}`)).toEqual([domain.id]);
    const hit = (await search('q=T1059')).results[0];
    expect(hit).toEqual({
      id: technique.id,
      type: 'attack-pattern',
      name: 'Command and Scripting Interpreter',
      tlp: null,
      modified: '2021-07-19T12:00:00.000Z',
      matched: 'external_id',
    });
  });

  it('filters by type', async () => {
    expect(await idsOf('q=c&type=attack-pattern')).toEqual([technique.id]);
    expect(await idsOf('q=c&type=indicator,attack-pattern')).toEqual(
      expect.arrayContaining([technique.id, domain.id]),
    );
  });

  it('pages through every hit once', async () => {
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const page = await search(`q=pager&limit=5${next ? `&cursor=${next}` : ''}`);
      expect(page.results.length).toBeLessThanOrEqual(5);
      seen.push(...page.results.map((r) => r.id));
      next = page.next;
    } while (next !== null);
    expect(seen.sort()).toEqual(pagers.map((p) => p.id as string).sort());
  });

  it('a hidden object is absent: the answer is that of a search with no match', async () => {
    expect(await idsOf('q=203.0.113.77', 'alice')).toEqual([red.id]);
    const hidden = await search('q=203.0.113.77');
    const absent = await search('q=203.0.113.78');
    expect({ ...hidden, query: '' }).toEqual({ ...absent, query: '' });
    expect(hidden.results).toEqual([]);
    expect(await idsOf(`q=${red.id}`)).toEqual([]);
  });

  it('a term only in content a granular marking hides from the caller does not match', async () => {
    expect(await idsOf('q=nightjar', 'alice')).toEqual([redactedName.id]);
    expect(await idsOf('q=nightjar')).toEqual([]);
    // The object itself is visible to bob, without its name.
    const byId = (await search(`q=${redactedName.id}`)).results;
    expect(byId).toHaveLength(1);
    expect(byId[0]?.name).not.toContain('Nightjar');
  });

  it('refuses an empty query, a bad cursor and an over-long limit with 400', async () => {
    for (const q of ['q=', 'q=%20', 'q=a&cursor=!!', 'q=a&limit=1000', 'nothing=1']) {
      const res = await f.app.inject({
        method: 'GET',
        url: `/api/search?${q}`,
        headers: { authorization: basic('bob') },
      });
      expect(res.statusCode, q).toBe(400);
    }
  });
});

describe('POST /api/search/values', () => {
  it('tells which values are known, by visible objects only, in input order', async () => {
    const s = await signIn(f.app, 'bob');
    const res = await browser(f.app, s, 'POST', '/api/search/values', {
      values: ['UPDATE.evil-example.com', '203.0.113.77', 'T1059', 'nothing.example'],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.known.map((k: { value: string }) => k.value)).toEqual(['UPDATE.evil-example.com', 'T1059']);
    expect(body.known[0].objects.map((o: { id: string }) => o.id)).toEqual([domain.id]);
    expect(body.unknown).toEqual(['203.0.113.77', 'nothing.example']);
  });

  it('limits the number of values', async () => {
    const values = Array.from({ length: 10_001 }, (_, i) => `v${i}`);
    const res = await f.app.inject({
      method: 'POST',
      url: '/api/search/values',
      headers: { authorization: basic('bob'), 'content-type': 'application/json' },
      payload: JSON.stringify({ values }),
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('GET /api/node', () => {
  it("names the node and the caller's organisation, with the server's clock", async () => {
    const res = await f.app.inject({
      method: 'GET',
      url: '/api/node',
      headers: { authorization: basic('bob') },
    });
    expect(res.json()).toEqual({
      name: 'Accord',
      org: { id: expect.stringMatching(/^identity--/), name: expect.any(String), slug: 'fr-anssi' },
      serverTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      version: 'unknown',
    });
  });
});
