/**
 * Issue 17: `GET /api/attribution`, `GET /api/advisories`, `GET /api/advisories/ID`,
 * `GET /api/advisories/ID/release`, `POST /api/advisories/ID/sign`, `GET /api/home`, `GET /api/audit` and
 * `POST /api/peers/NAME/test`. Hidden advisories answer exactly as unknown ids; signing from
 * the console is CSRF-safe; the audit log and peer tests are for administrators.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, claimAttribution, draftJointAdvisory, nodeServices } from '../../src/core/index.js';
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
let advisory: string;
let claim: string;
const subject = {
  type: 'intrusion-set',
  spec_version: '2.1',
  id: 'intrusion-set--7e4d1a2b-4c1f-4d6e-9a8b-0c1d2e3f4a50',
  created: '2021-07-19T12:00:00.000Z',
  modified: '2021-07-19T12:00:00.000Z',
  name: 'Nightjar Cluster',
};
const actor = {
  type: 'threat-actor',
  spec_version: '2.1',
  id: 'threat-actor--7e4d1a2b-4c1f-4d6e-9a8b-0c1d2e3f4a51',
  created: '2021-07-19T12:00:00.000Z',
  modified: '2021-07-19T12:00:00.000Z',
  name: 'Some State Actor',
};
const fresh = malware({ name: 'Fresh intake' });
/** The claim's evidence: one in the shared collection, one in a collection only uk-ncsc reads. */
const sharedEvidence = indicator({ name: 'Gateway beacon' });
const ukEvidence = indicator({ name: 'UK-only beacon' });
let ukOnlyClaim: string;

beforeAll(async () => {
  f = await makeFixture();
  await addUser(
    f.store,
    { username: 'ada', orgId: 'uk-ncsc', role: 'admin', password: 'ada-password' },
    { N: 1024, r: 8, p: 1 },
  );
  expect((await post(f, f.shared, [subject, actor, sharedEvidence])).statusCode).toBe(202);
  expect((await post(f, f.ukOnly, [ukEvidence])).statusCode).toBe(202);
  const node = nodeServices(f.store);
  advisory = await draftJointAdvisory(node, {
    username: 'alice',
    collectionId: f.shared,
    title: 'Patch the gateways',
    body: '# Patch now',
    cosigners: ['uk-ncsc', 'fr-anssi'],
    releaseAt: new Date(Date.now() + 86_400_000).toISOString(),
    tlp: 'green',
  });
  claim = (
    await claimAttribution(node, {
      username: 'alice',
      collectionId: f.shared,
      subject: subject.id,
      target: actor.id,
      confidence: 60,
      evidence: [String(sharedEvidence.id), String(ukEvidence.id)],
    })
  ).id;
  ukOnlyClaim = (
    await claimAttribution(node, {
      username: 'alice',
      collectionId: f.ukOnly,
      subject: subject.id,
      target: actor.id,
      confidence: 80,
    })
  ).id;
  expect((await post(f, f.shared, [fresh])).statusCode).toBe(202);
});
afterAll(async () => {
  await f.close();
});

function api(url: string, user = 'bob', method: 'GET' | 'POST' = 'GET'): Promise<LightMyRequestResponse> {
  return f.app.inject({ method, url, headers: { authorization: basic(user) } });
}

function observable(res: LightMyRequestResponse) {
  const { date: _clock, ...headers } = res.headers;
  return { status: res.statusCode, headers, body: res.body };
}

describe('advisories', () => {
  it('lists the advisories the caller sees, with co-signers by name and what awaits its signature', async () => {
    const bob = (await api('/api/advisories')).json();
    expect(bob.advisories).toHaveLength(1);
    expect(bob.advisories[0]).toMatchObject({
      id: advisory,
      title: 'Patch the gateways',
      state: 'draft',
      awaitingMySignature: true,
    });
    expect(
      bob.advisories[0].cosigners.map((c: { slug: string; signed: boolean }) => [c.slug, c.signed]),
    ).toEqual([
      ['uk-ncsc', false],
      ['fr-anssi', false],
    ]);
    expect(bob.advisories[0].serverTime).toMatch(/Z$/);
    expect((await api('/api/advisories', 'eve')).json()).toEqual({ advisories: [] });
  });

  it('an advisory the caller may not see answers exactly as an unknown id, also when signing', async () => {
    expect((await api(`/api/advisories/${advisory}`)).statusCode).toBe(200);
    const unknown = 'report--00000000-0000-4000-8000-000000000000';
    for (const [suffix, method] of [
      ['', 'GET'],
      ['/release', 'GET'],
      ['/sign', 'POST'],
    ] as const) {
      const hidden = await api(`/api/advisories/${advisory}${suffix}`, 'eve', method);
      const absent = await api(`/api/advisories/${unknown}${suffix}`, 'eve', method);
      expect(hidden.statusCode).toBe(404);
      expect(observable(hidden)).toEqual(observable(absent));
    }
    // A report that is not an advisory is no advisory either.
    const notReport = await api(`/api/advisories/${subject.id}`);
    expect(notReport.statusCode).toBe(404);
  });

  it('home: the advisory awaits bob, its embargo runs, recent intake and no peers for a non-admin', async () => {
    const home = (await api('/api/home')).json();
    expect(home.awaitingSignature.map((a: { id: string }) => a.id)).toEqual([advisory]);
    expect(home.embargoes).toHaveLength(1);
    expect(home.embargoes[0].cosigners.map((c: { slug: string }) => c.slug)).toEqual(['uk-ncsc', 'fr-anssi']);
    expect(home.recentIntake.map((o: { id: string }) => o.id)).toContain(fresh.id);
    expect(home.peers).toEqual([]);
    expect(home.recentSightings).toEqual([]);
    const eve = (await api('/api/home', 'eve')).json();
    expect(eve.awaitingSignature).toEqual([]);
    expect(eve.embargoes).toEqual([]);
  });

  it('signing from the console needs the CSRF token, then the state moves on', async () => {
    const s = await signIn(f.app, 'bob');
    const forged = await f.app.inject({
      method: 'POST',
      url: `/api/advisories/${advisory}/sign`,
      headers: { cookie: s.cookie, origin: 'http://localhost:80', host: 'localhost:80' },
    });
    expect(forged.statusCode).toBe(403);
    const signed = await browser(f.app, s, 'POST', `/api/advisories/${advisory}/sign`);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ id: advisory, awaitingMySignature: false, created: true });
    expect(signed.json().signature).toMatch(/^opinion--/);
    const again = await browser(f.app, s, 'POST', `/api/advisories/${advisory}/sign`);
    expect(again.json()).toMatchObject({ created: false, signature: signed.json().signature });
    const alice = await api(`/api/advisories/${advisory}/sign`, 'alice', 'POST');
    expect(alice.json().state).toBe('sealed');
  });
});

describe('GET /api/advisories/ID/release (ADR 0022)', () => {
  it('lists this node, then each peer by organisation; peer names and pulls for administrators only', async () => {
    const peer = {
      url: 'http://127.0.0.1:9/taxii2/',
      username: 'x',
      password: 'y',
      remoteCollection: f.shared,
      orgId: 'fr-anssi',
      speaksFor: ['fr-anssi'],
      push: false,
      intervalSeconds: 60,
    };
    await f.store.putPeer({ ...peer, name: 'paris', localCollection: f.shared, pull: true });
    await f.store.putPeer({ ...peer, name: 'lyon', localCollection: f.shared, pull: false });
    await f.store.putPeerState({ name: 'paris', lastSuccess: '2026-12-06T10:00:00.000Z' });
    const bob = (await api(`/api/advisories/${advisory}/release`)).json();
    expect(bob).toEqual({
      id: advisory,
      nodes: [
        { self: true, state: 'pending' },
        { self: false, org: expect.objectContaining({ slug: 'fr-anssi' }), state: 'not_synced' },
        { self: false, org: expect.objectContaining({ slug: 'fr-anssi' }), state: 'not_seen_yet' },
      ],
      serverTime: expect.stringMatching(/Z$/),
    });
    const ada = (await api(`/api/advisories/${advisory}/release`, 'ada')).json();
    expect(ada.nodes.slice(1)).toEqual([
      expect.objectContaining({ peer: 'lyon', state: 'not_synced' }),
      expect.objectContaining({ peer: 'paris', state: 'not_seen_yet', lastPull: '2026-12-06T10:00:00.000Z' }),
    ]);
    for (const name of ['paris', 'lyon']) await f.store.deletePeer(name);
  });
});

describe('GET /api/attribution', () => {
  it('lays the consensus out as subjects × organisations with confidence as number and label', async () => {
    const m = (await api('/api/attribution')).json();
    expect(m.subjects).toEqual([
      expect.objectContaining({ id: subject.id, name: 'Nightjar Cluster', dissent: false }),
    ]);
    expect(m.organisations.map((o: { slug: string }) => o.slug)).toEqual(['uk-ncsc']);
    expect(m.cells).toEqual([
      {
        subject: subject.id,
        org: m.organisations[0].id,
        stance: 'support',
        confidence: 60,
        confidenceLabel: 'Med',
        claim,
        attributedTo: expect.objectContaining({ id: actor.id, name: 'Some State Actor' }),
      },
    ]);
  });
});

describe('GET /api/attribution/claims/ID (a matrix cell opened)', () => {
  it('gives the claim with its author, time, confidence and the evidence the caller sees', async () => {
    const bob = (await api(`/api/attribution/claims/${claim}`)).json();
    expect(bob).toEqual({
      id: claim,
      stance: 'support',
      confidence: 60,
      confidenceLabel: 'Med',
      author: expect.objectContaining({ slug: 'uk-ncsc' }),
      time: expect.stringMatching(/Z$/),
      subject: expect.objectContaining({ id: subject.id, name: 'Nightjar Cluster' }),
      attributedTo: expect.objectContaining({ id: actor.id }),
      disputes: [],
      explanation: null,
      // The UK-only indicator is absent for bob, not listed as hidden (ADR 0002).
      evidence: [expect.objectContaining({ id: sharedEvidence.id, name: 'Gateway beacon' })],
    });
    expect(JSON.stringify(bob)).not.toContain(String(ukEvidence.id));
    const alice = (await api(`/api/attribution/claims/${claim}`, 'alice')).json();
    expect(alice.evidence.map((e: { id: string }) => e.id)).toEqual([sharedEvidence.id, ukEvidence.id]);
  });

  it('a claim the caller may not see, or an object that is no claim, answers as an unknown id', async () => {
    expect((await api(`/api/attribution/claims/${ukOnlyClaim}`, 'alice')).statusCode).toBe(200);
    const unknown = await api('/api/attribution/claims/relationship--00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    for (const id of [ukOnlyClaim, subject.id, String(sharedEvidence.id)]) {
      const res = await api(`/api/attribution/claims/${id}`);
      expect(observable(res)).toEqual(observable(unknown));
    }
  });
});

describe('GET /api/audit and POST /api/peers/NAME/test', () => {
  it('answers administrators the audit log newest first, with organisations, page by page', async () => {
    const first = (await api('/api/audit?limit=2', 'ada')).json();
    expect(first.events.length).toBeGreaterThan(0);
    expect(first.next).not.toBeNull();
    const second = (await api(`/api/audit?limit=2&cursor=${first.next}`, 'ada')).json();
    const times = [...first.events, ...second.events].map((e: { at: string }) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(first.events[0].org).toEqual(
      expect.objectContaining({ slug: expect.any(String), name: expect.any(String) }),
    );
  });

  it('refuses others with 403', async () => {
    expect((await api('/api/audit', 'bob')).statusCode).toBe(403);
    expect((await api('/api/peers/nope/test', 'bob', 'POST')).statusCode).toBe(403);
    expect((await api('/api/peers/nope/test', 'ada', 'POST')).statusCode).toBe(404);
  });
});
