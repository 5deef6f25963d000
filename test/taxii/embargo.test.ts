/**
 * DESIGN.md "Visibility" through TAXII: an embargoed object is hidden from all but its producer
 * and co-signers until release, then reaches everyone else as if added at the release time, so
 * a poller that paged past the original entry still receives it. Ingest adds the release entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embargoMarking } from '../../src/policy/index.js';
import { buildServer } from '../../src/server/index.js';
import { asMicros, formatMicros, timestampMicros } from '../../src/stix/index.js';
import {
  basic,
  type Fixture,
  get,
  indicator,
  makeFixture,
  objectsUrl,
  post,
  TAXII,
} from './support/taxii-fixture.js';

const RELEASE = '2031-01-01T00:00:00.000Z';
const RELEASE_US = timestampMicros(RELEASE)!;
let f: Fixture;
let embargoed: Record<string, unknown>;

beforeAll(async () => {
  f = await makeFixture();
  const uk = await f.store.getOrganization('uk-ncsc');
  const marking = embargoMarking({
    releaseAt: RELEASE,
    cosigners: [uk!.identityId],
    createdByRef: uk!.identityId,
  });
  embargoed = indicator({ object_marking_refs: [marking.id] });
  // The object arrives before its embargo definition: the release entry is added once it is known.
  expect((await post(f, f.shared, [embargoed], 'alice')).json().success_count).toBe(1);
  expect((await post(f, f.shared, [marking], 'alice')).json().success_count).toBe(1);
});
afterAll(async () => {
  await f.close();
});

describe('embargo through TAXII', () => {
  it('before release only the producer sees the embargoed object', async () => {
    expect((await get(f, objectsUrl(f.shared, `${embargoed.id}/`), 'alice')).statusCode).toBe(200);
    expect((await get(f, objectsUrl(f.shared, `${embargoed.id}/`), 'bob')).statusCode).toBe(404);
    const listed = (await get(f, objectsUrl(f.shared, `?match[id]=${embargoed.id}`), 'bob')).json();
    expect(listed).toEqual({});
  });

  it('3.4 after release others receive it, dated at the release time (added_after past the original entry)', async () => {
    const later = buildServer({ store: f.store, node: { now: () => asMicros(RELEASE_US + 1_000_000) } });
    await later.ready();
    try {
      const res = await later.inject({
        method: 'GET',
        url: `/taxii2/api/collections/${f.shared}/manifest/?match[id]=${embargoed.id}&added_after=2030-12-31T00:00:00Z`,
        headers: { accept: TAXII, authorization: basic('bob') },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().objects).toEqual([
        expect.objectContaining({ id: embargoed.id, date_added: formatMicros(RELEASE_US) }),
      ]);
    } finally {
      await later.close();
    }
  });
});
