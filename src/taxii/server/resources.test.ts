import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asMicros, type ValidatedObject } from '../../stix/index.js';
import type { Cursor, Page } from '../../store/index.js';
import { bodyDateHeaders, dateAddedHeaders, envelope, envelopeOfBody } from './resources.js';
import type { ObjectsBody, VisibleEntry } from './taxii-backend.js';

const entry = (object: Record<string, unknown>, stored: boolean): VisibleEntry => ({
  id: String(object.id),
  version: '2021-07-19T12:00:00.000Z',
  specVersion: '2.1',
  dateAdded: asMicros(0),
  // The envelope writes whatever object an entry holds: any JSON object stands for a stored one here.
  object: object as ValidatedObject,
  ...(stored ? { json: JSON.stringify(object) } : {}),
});

/** What the envelope must be byte for byte: the resource serialised the plain way. */
function expected(page: Page<VisibleEntry>): string {
  return JSON.stringify({
    ...(page.more ? { more: true, next: page.next } : {}),
    ...(page.items.length > 0 ? { objects: page.items.map((e) => e.object) } : {}),
  });
}

describe('TAXII 2.1 section 3.7 envelope bytes', () => {
  it('omits objects when the page is empty, and more when false', () => {
    expect(envelope({ items: [], more: false }).bytes.toString()).toBe('{}');
    const page = { items: [], more: true, next: 'abc' as Cursor };
    expect(envelope(page).bytes.toString()).toBe('{"more":true,"next":"abc"}');
  });

  it('writes stored texts and serialised redacted objects as UTF-8, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: fc.string({ unit: 'binary' }), stored: fc.boolean() }), { maxLength: 20 }),
        fc.boolean(),
        (specs, more) => {
          const items = specs.map((s, i) =>
            entry({ type: 'note', id: `note--${i}`, content: s.name }, s.stored),
          );
          const page: Page<VisibleEntry> = more ? { items, more, next: 'n' as Cursor } : { items, more };
          const bytes = envelope(page).bytes;
          expect(bytes.equals(Buffer.from(expected(page)))).toBe(true);
        },
      ),
    );
  });

  it('wraps a body of joined texts exactly as envelope() writes the same page, with its date headers (3.2)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary' }), { maxLength: 20 }),
        fc.boolean(),
        (contents, more) => {
          const items = contents.map((c, i) => ({
            ...entry({ type: 'note', id: `note--${i}`, content: c }, true),
            dateAdded: asMicros(1_626_696_000_000_000 + i),
          }));
          const page: Page<VisibleEntry> = more ? { items, more, next: 'n' as Cursor } : { items, more };
          const first = items[0];
          const last = items[items.length - 1];
          const body: ObjectsBody = {
            body: Buffer.from(items.map((e) => e.json).join(',')),
            count: items.length,
            more,
            ...(more ? { next: 'n' } : {}),
            ...(first && last ? { firstDateAdded: first.dateAdded, lastDateAdded: last.dateAdded } : {}),
          };
          expect(envelopeOfBody(body).bytes.equals(envelope(page).bytes)).toBe(true);
          expect(bodyDateHeaders(body)).toEqual(dateAddedHeaders(items));
        },
      ),
    );
  });

  it('handles a body larger than the reused buffer, then a small one', () => {
    const big = 'é𝄞'.repeat(200_000); // 1.2 MB of UTF-8 from 600,000 UTF-16 units
    const page = { items: [entry({ type: 'note', id: 'note--1', content: big }, true)], more: false };
    expect(envelope(page).bytes.toString()).toBe(expected(page));
    const small = { items: [entry({ type: 'note', id: 'note--2', content: 'ok' }, true)], more: false };
    expect(envelope(small).bytes.toString()).toBe(expected(small));
  });

  it('hands out bytes that later envelopes do not overwrite', () => {
    const first = envelope({ items: [entry({ type: 'note', id: 'note--a' }, true)], more: false }).bytes;
    const copy = Buffer.from(first);
    envelope({ items: [entry({ type: 'note', id: 'note--b' }, true)], more: false });
    expect(first.equals(copy)).toBe(true);
  });
});
