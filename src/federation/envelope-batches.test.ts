import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { envelopeBatches } from './envelope-batches.js';
import { markingRefsOf } from './marking-refs.js';

describe('envelopeBatches', () => {
  it('4.2.1 keeps order, loses nothing, and every envelope of several objects fits max_content_length', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.string(), pad: fc.string({ maxLength: 600 }) }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 10 }),
        (objects, maxBytes, maxCount) => {
          const batches = envelopeBatches(objects, maxBytes, maxCount);
          expect(batches.flat()).toEqual(objects);
          for (const b of batches) {
            expect(b.length).toBeGreaterThan(0);
            expect(b.length).toBeLessThanOrEqual(maxCount);
            if (b.length > 1)
              expect(Buffer.byteLength(JSON.stringify({ objects: b }))).toBeLessThanOrEqual(
                Math.max(1024, maxBytes || Infinity),
              );
          }
        },
      ),
    );
  });
});

describe('markingRefsOf', () => {
  it('7.2 collects object and granular marking refs, without TLP ones, once each', () => {
    const group = 'marking-definition--f0000000-0000-4000-8000-000000000001';
    const red = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';
    const refs = markingRefsOf({
      object_marking_refs: [red, group],
      granular_markings: [
        { marking_ref: group, selectors: ['description'] },
        { lang: 'en', selectors: ['name'] },
        null,
      ],
    });
    expect(refs).toEqual([group]);
  });

  it('never throws on arbitrary JSON objects', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (o) => Array.isArray(markingRefsOf(o))),
    );
  });
});
