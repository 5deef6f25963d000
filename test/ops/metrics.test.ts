/**
 * CONTRACT.md "Operations": `serve --metrics` serves `GET /metrics` in the Prometheus text format
 * to administrators (Basic or bearer): requests by route, method and status, login failures,
 * objects stored and peer sync lag move with traffic; others get 401 or 403.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCollection, addOrganization, addToken, addUser } from '../../src/core/index.js';
import { buildServer } from '../../src/server/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { TAXII } from '../taxii/support/taxii-fixture.js';

const FAST = { N: 1024, r: 8, p: 1 };
const dir = mkdtempSync(join(tmpdir(), 'accord-ops-metrics-'));
let store: Store;
let app: FastifyInstance;
let collection: string;
let adminToken: string;

const basic = (user: string, password = `${user} long password`) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function get(url: string, authorization?: string) {
  return app.inject({
    method: 'GET',
    url,
    headers: { accept: TAXII, ...(authorization === undefined ? {} : { authorization }) },
  });
}

/** The value of one sample of a scrape (undefined when absent). */
function sample(text: string, name: string, labels = ''): number | undefined {
  const prefix = labels === '' ? `${name} ` : `${name}{${labels}} `;
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  return line === undefined ? undefined : Number(line.slice(prefix.length));
}

async function scrape(authorization = basic('root')): Promise<string> {
  const res = await get('/metrics', authorization);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.body;
}

function indicator(n: number) {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${String(n).padStart(8, '0')}-1111-4000-8000-000000000000`,
    created: '2021-07-19T12:00:00.000Z',
    modified: '2021-07-19T12:00:00.000Z',
    pattern: "[ipv4-addr:value = '198.51.100.7']",
    pattern_type: 'stix',
    valid_from: '2021-07-19T12:00:00Z',
  };
}

beforeAll(async () => {
  store = await openStore(join(dir, 'node.db'));
  await addOrganization(store, { id: 'uk-ncsc' });
  await addUser(
    store,
    { username: 'root', orgId: 'uk-ncsc', role: 'admin', password: 'root long password' },
    FAST,
  );
  await addUser(
    store,
    { username: 'ed', orgId: 'uk-ncsc', role: 'editor', password: 'ed long password' },
    FAST,
  );
  collection = (await addCollection(store, { title: 'C', canRead: ['*'], canWrite: ['uk-ncsc'] })).id;
  adminToken = await addToken(store, 'root', { hashParams: FAST });
  app = buildServer({ store, metrics: true, node: { auth: { cacheMs: 0 } } });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /metrics', { timeout: 60_000 }, () => {
  it('is refused without credentials (401 with a challenge), with wrong ones (401) and to non-admins (403)', async () => {
    const anonymous = await get('/metrics');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Basic realm="accord"/);
    expect((await get('/metrics', basic('root', 'wrong password'))).statusCode).toBe(401);
    const editor = await get('/metrics', basic('ed'));
    expect(editor.statusCode).toBe(403);
    expect(editor.body).toBe('only administrators may read the metrics\n');
  });

  it('counters move with traffic: requests by route and status, login failures, objects stored', async () => {
    const before = await scrape();
    const discovery = 'accord_http_requests_total';
    const ok = 'route="/taxii2",method="GET",status="200"';
    const refused = 'route="/taxii2",method="GET",status="401"';
    const okBefore = sample(before, discovery, ok) ?? 0;
    const refusedBefore = sample(before, discovery, refused) ?? 0;
    const failuresBefore = sample(before, 'accord_login_failures_total');
    const storedBefore = sample(before, 'accord_objects_stored_total');
    expect(storedBefore).toBe(0);

    for (let i = 0; i < 3; i++) expect((await get('/taxii2/', basic('ed'))).statusCode).toBe(200);
    for (let i = 0; i < 2; i++)
      expect((await get('/taxii2/', basic('ed', 'not it at all'))).statusCode).toBe(401);
    const post = await app.inject({
      method: 'POST',
      url: `/taxii2/api/collections/${collection}/objects/`,
      headers: { accept: TAXII, 'content-type': TAXII, authorization: basic('ed') },
      payload: { objects: [indicator(1), indicator(2)] },
    });
    expect(post.statusCode).toBe(202);

    const after = await scrape(`Bearer ${adminToken}`);
    expect(sample(after, discovery, ok)).toBe(okBefore + 3);
    expect(sample(after, discovery, refused)).toBe(refusedBefore + 2);
    expect(sample(after, 'accord_login_failures_total')).toBe((failuresBefore ?? 0) + 2);
    expect(sample(after, 'accord_objects_stored_total')).toBe(2);
    expect(
      sample(
        after,
        discovery,
        'route="/taxii2/api/collections/:collectionId/objects/",method="POST",status="202"',
      ),
    ).toBe(1);
    // Labels are route patterns, never the URL a client typed: no unbounded label values.
    expect(after).not.toContain(collection);
    expect(after).toMatch(/^accord_http_request_duration_seconds_bucket\{/m);
  });

  it('policy denials (403) are counted by route; the latency histogram counts every answered request', async () => {
    const before = await scrape();
    const denied = 'route="/metrics",method="GET"';
    const deniedBefore = sample(before, 'accord_policy_denials_total', denied) ?? 0;
    const answeredBefore = sample(before, 'accord_http_request_duration_seconds_count', denied) ?? 0;
    for (let i = 0; i < 2; i++) expect((await get('/metrics', basic('ed'))).statusCode).toBe(403);
    const after = await scrape();
    expect(sample(after, 'accord_policy_denials_total', denied)).toBe(deniedBefore + 2);
    // The two refusals and the scrape before this one were answered on that route.
    expect(sample(after, 'accord_http_request_duration_seconds_count', denied)).toBe(answeredBefore + 3);
    // A refused login is not a policy denial.
    expect((await get('/taxii2/', basic('ed', 'wrong password here'))).statusCode).toBe(401);
    expect(
      sample(await scrape(), 'accord_policy_denials_total', 'route="/taxii2",method="GET"'),
    ).toBeUndefined();
  });

  it('peer sync lag is reported per peer that has synced', async () => {
    await store.putPeer({
      name: 'partner',
      url: 'https://partner.example/taxii2/',
      username: 'us',
      password: 'secret',
      remoteCollection: 'r',
      localCollection: collection,
      orgId: 'uk-ncsc',
      speaksFor: ['uk-ncsc'],
      pull: true,
      push: false,
      intervalSeconds: 60,
    });
    expect(sample(await scrape(), 'accord_peer_sync_lag_seconds', 'peer="partner"')).toBeUndefined();
    await store.putPeerState({ name: 'partner', lastSuccess: new Date(Date.now() - 120_000).toISOString() });
    const lag = sample(await scrape(), 'accord_peer_sync_lag_seconds', 'peer="partner"');
    expect(lag).toBeGreaterThanOrEqual(120);
    expect(lag).toBeLessThan(180);
  });

  it('is not served without --metrics', async () => {
    const plain = buildServer({ store });
    await plain.ready();
    try {
      const res = await plain.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: basic('root') },
      });
      expect(res.statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
