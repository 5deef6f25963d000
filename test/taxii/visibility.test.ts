/**
 * CONTRACT.md "Sharing rules" through TAXII: a hidden object is indistinguishable from an absent
 * one (404 by id; absent from lists, match[id], counts, date headers and more/next), and reads of
 * restricted content are audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TLP_V2 } from '../../src/stix/index.js';
import { type Fixture, get, indicator, makeFixture, objectsUrl, post } from './support/taxii-fixture.js';

let f: Fixture;
const red = indicator({ object_marking_refs: [TLP_V2.red.id] });
const amber = indicator({ object_marking_refs: [TLP_V2.amber.id] });
const open = indicator();
const redacted = indicator({
  description: 'for the producer only',
  granular_markings: [{ marking_ref: TLP_V2.red.id, selectors: ['description'] }],
});

beforeAll(async () => {
  f = await makeFixture();
  await post(f, f.shared, [open], 'alice');
  await post(f, f.shared, [red], 'alice');
  await post(f, f.shared, [amber], 'alice');
  await post(f, f.shared, [redacted], 'alice');
});
afterAll(async () => {
  await f.close();
});

describe('visibility through TAXII', () => {
  it('5.6 a TLP:RED object of another organisation is 404 by id, like an absent one', async () => {
    expect((await get(f, objectsUrl(f.shared, `${red.id}/`), 'alice')).statusCode).toBe(200);
    const hidden = await get(f, objectsUrl(f.shared, `${red.id}/`), 'bob');
    const absent = await get(f, objectsUrl(f.shared, `${indicator().id}/`), 'bob');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error_code).toBe(absent.json().error_code);
    expect((await get(f, objectsUrl(f.shared, `${red.id}/versions/`), 'bob')).statusCode).toBe(404);
  });

  it('3.4 match[id] and lists leave the hidden object out, and counts do not include it', async () => {
    const body = (await get(f, objectsUrl(f.shared, `?match[id]=${red.id},${open.id}`), 'bob')).json();
    expect(body.objects.map((o: { id: string }) => o.id)).toEqual([open.id]);
    const all = (await get(f, objectsUrl(f.shared, '?limit=1000'), 'bob')).json();
    expect(all.objects.map((o: { id: string }) => o.id)).not.toContain(red.id);
  });

  it('3.5 more and next do not reveal a hidden last entry', async () => {
    // The red object was added after `open`; with limit 1 bob's page holds `open` and more must
    // depend only on what bob can see (the amber object), never on the red one.
    const first = (
      await get(f, objectsUrl(f.shared, `?match[id]=${open.id},${red.id}&limit=1`), 'bob')
    ).json();
    expect(first.objects.map((o: { id: string }) => o.id)).toEqual([open.id]);
    expect(first.more).toBeUndefined();
  });

  it('3.2 date headers come from visible entries only', async () => {
    const asBob = await get(f, objectsUrl(f.shared, `?match[id]=${open.id},${red.id}`), 'bob');
    const openOnly = await get(f, objectsUrl(f.shared, `?match[id]=${open.id}`), 'bob');
    expect(asBob.headers['x-taxii-date-added-last']).toBe(openOnly.headers['x-taxii-date-added-last']);
  });

  it('7.2.3 a granular TLP:RED marking removes the selected property for other organisations', async () => {
    const own = (await get(f, objectsUrl(f.shared, `${redacted.id}/`), 'alice')).json();
    expect(own.objects[0].description).toBe('for the producer only');
    const other = (await get(f, objectsUrl(f.shared, `${redacted.id}/`), 'bob')).json();
    expect(other.objects[0].id).toBe(redacted.id);
    expect(other.objects[0]).not.toHaveProperty('description');
  });

  it('reads of TLP:AMBER objects are appended to the audit log', async () => {
    await get(f, objectsUrl(f.shared, `${amber.id}/`), 'bob');
    const events = await f.store.listAudit({ orgId: 'fr-anssi' });
    expect(events.some((e) => e.action === 'read' && e.objectId === amber.id && e.marking === 'amber')).toBe(
      true,
    );
  });
});
