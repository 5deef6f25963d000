/**
 * Issue 17, the object page's data: `GET /api/objects/ID/view|versions|relationships|sightings|
 * access`. Each answers through the caller's plan, and an object the caller may not see answers
 * exactly as an unknown id on every one of them (same status, headers and body).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
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

let f: Fixture;
let ukIdentity: string;
const target = indicator({ name: 'Beacon', object_marking_refs: [TLP_V2.green.id], confidence: 70 });
const target2 = { ...target, modified: '2021-07-20T12:00:00.000Z', name: 'Beacon v2' };
const red = indicator({ name: 'red', object_marking_refs: [TLP_V2.red.id] });
const family = malware({ name: 'Family' });
const rel = (source: string, targetRef: string, extra: Record<string, unknown> = {}) => ({
  type: 'relationship',
  spec_version: '2.1',
  id: `relationship--${randomUUID()}`,
  created: '2021-07-19T12:00:00.000Z',
  modified: '2021-07-19T12:00:00.000Z',
  relationship_type: 'indicates',
  source_ref: source,
  target_ref: targetRef,
  ...extra,
});
const outgoing = rel(target.id as string, family.id as string);
const toHidden = rel(target.id as string, red.id as string);
const hiddenRel = rel(family.id as string, target.id as string, { object_marking_refs: [TLP_V2.red.id] });
const sighting = {
  type: 'sighting',
  spec_version: '2.1',
  id: `sighting--${randomUUID()}`,
  created: '2021-07-21T12:00:00.000Z',
  modified: '2021-07-21T12:00:00.000Z',
  sighting_of_ref: target.id,
  count: 3,
  first_seen: '2021-07-21T10:00:00Z',
  last_seen: '2021-07-21T11:00:00Z',
};

beforeAll(async () => {
  f = await makeFixture();
  ukIdentity = (await f.store.getOrganization('uk-ncsc'))!.identityId;
  const objects = [
    { ...target, created_by_ref: ukIdentity },
    red,
    family,
    outgoing,
    toHidden,
    hiddenRel,
    sighting,
  ];
  const res = await post(f, f.shared, objects);
  expect(res.json().success_count, res.body).toBe(objects.length);
  expect((await post(f, f.shared, [{ ...target2, created_by_ref: ukIdentity }])).json().success_count).toBe(
    1,
  );
});
afterAll(async () => {
  await f.close();
});

function api(url: string, user = 'bob'): Promise<LightMyRequestResponse> {
  return f.app.inject({ method: 'GET', url, headers: { authorization: basic(user) } });
}

function observable(res: LightMyRequestResponse) {
  const { date: _clock, ...headers } = res.headers;
  return { status: res.statusCode, headers, body: res.body };
}

const TABS = ['view', 'versions', 'relationships', 'sightings', 'access'];

describe('the object page', () => {
  it('view: heading facts, markings by name, author, version count and the validator verdict', async () => {
    const res = await api(`/api/objects/${target.id}/view`);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view.summary).toEqual({
      id: target.id,
      type: 'indicator',
      name: 'Beacon v2',
      tlp: 'TLP:GREEN',
      modified: '2021-07-20T12:00:00.000Z',
    });
    expect(view.object.name).toBe('Beacon v2');
    expect(view.confidence).toBe(70);
    expect(view.author).toMatchObject({ slug: 'uk-ncsc', id: ukIdentity });
    expect(view.markings).toEqual([{ id: TLP_V2.green.id, name: 'TLP:GREEN' }]);
    expect(view.versionCount).toBe(2);
    expect(view.validation).toEqual({ ok: true, issues: expect.any(Array) });
  });

  it('versions: oldest first, each as the caller sees it', async () => {
    const res = await api(`/api/objects/${target.id}/versions`);
    expect(
      res
        .json()
        .versions.map((v: { modified: string; object: { name: string } }) => [v.modified, v.object.name]),
    ).toEqual([
      ['2021-07-19T12:00:00.000Z', 'Beacon'],
      ['2021-07-20T12:00:00.000Z', 'Beacon v2'],
    ]);
  });

  it('relationships: both directions, hidden relationships absent and uncounted, hidden ends null', async () => {
    const bob = (await api(`/api/objects/${target.id}/relationships`)).json();
    expect(bob.total).toBe(2);
    expect(bob.next).toBeNull();
    const byId = new Map(
      bob.relationships.map((r: { relationship: { id: string } }) => [r.relationship.id, r]),
    );
    expect(byId.get(outgoing.id)).toMatchObject({
      direction: 'outgoing',
      other: { id: family.id, name: 'Family' },
    });
    expect(byId.get(toHidden.id)).toMatchObject({ direction: 'outgoing', other: null });
    expect(byId.has(hiddenRel.id)).toBe(false);
    const alice = (await api(`/api/objects/${target.id}/relationships?limit=2`, 'alice')).json();
    expect(alice.total).toBe(3);
    expect(alice.relationships).toHaveLength(2);
    const rest = (
      await api(`/api/objects/${target.id}/relationships?limit=2&cursor=${alice.next}`, 'alice')
    ).json();
    expect(rest.relationships).toHaveLength(1);
    expect(rest.next).toBeNull();
    const incoming = rest.relationships
      .concat(alice.relationships)
      .find((r: { relationship: { id: string } }) => r.relationship.id === hiddenRel.id);
    expect(incoming).toMatchObject({ direction: 'incoming', other: { id: family.id } });
  });

  it('sightings: count, times and where', async () => {
    const res = await api(`/api/objects/${target.id}/sightings`);
    expect(res.json()).toEqual({
      sightings: [
        {
          id: sighting.id,
          count: 3,
          first_seen: '2021-07-21T10:00:00Z',
          last_seen: '2021-07-21T11:00:00Z',
          where: [],
          by: null,
        },
      ],
    });
  });

  it('access: the producer sees every organisation, others only their own, with reasons', async () => {
    const producer = (await api(`/api/objects/${target.id}/access`, 'alice')).json();
    expect(
      producer.organisations.map((o: { org: { slug: string }; canSee: boolean }) => [o.org.slug, o.canSee]),
    ).toEqual([
      ['fr-anssi', true],
      ['outsider', true],
      ['uk-ncsc', true],
    ]);
    expect(producer.organisations[0].reasons.join(' ')).toMatch(/TLP:GREEN/);
    const other = (await api(`/api/objects/${target.id}/access`)).json();
    expect(other.organisations.map((o: { org: { slug: string } }) => o.org.slug)).toEqual(['fr-anssi']);
    const redAccess = (await api(`/api/objects/${red.id}/access`, 'alice')).json();
    const fr = redAccess.organisations.find((o: { org: { slug: string } }) => o.org.slug === 'fr-anssi');
    expect(fr.canSee).toBe(false);
    expect(fr.reasons.join(' ')).toMatch(/TLP:RED/);
  });

  it.each(TABS)('%s: a hidden object answers exactly as an unknown id', async (tab) => {
    const hidden = await api(`/api/objects/${red.id}/${tab}`);
    const absent = await api(`/api/objects/${indicator().id}/${tab}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual({ error: { code: 'CORE_NOT_FOUND', message: 'no such object' } });
    expect(observable(hidden)).toEqual(observable(absent));
    expect((await api(`/api/objects/${red.id}/${tab}`, 'alice')).statusCode).toBe(200);
  });

  it('hidden and absent look alike on every tab for any id a client may send (property)', async () => {
    const hidden = await Promise.all(
      TABS.map(async (t) => observable(await api(`/api/objects/${red.id}/${t}`, 'eve'))),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.uuid({ version: 4 }),
        fc.constantFrom('indicator', 'malware', 'relationship'),
        async (u, type) => {
          for (const [i, t] of TABS.entries()) {
            expect(observable(await api(`/api/objects/${type}--${u}/${t}`, 'eve'))).toEqual(hidden[i]);
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});
