/** CONTRACT.md "Operations": `import --tlp/--group/--embargo` marks only objects that carry no marking. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TLP_V2 } from '../../stix/index.js';
import { isTlpLevel, markUnmarked } from './import-markings.js';

const REFS = [TLP_V2.amber.id, 'marking-definition--0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0'];
const type = fc.constantFrom(
  'indicator',
  'identity',
  'ipv4-addr',
  'marking-definition',
  'extension-definition',
);
const value = fc.record(
  {
    type,
    id: fc.uuid().map((u) => `x--${u}`),
    created_by_ref: fc.constant('identity--6d2e0b20-0000-4000-8000-0000000000c1'),
    object_marking_refs: fc.array(fc.string(), { maxLength: 2 }),
    granular_markings: fc.array(fc.record({ marking_ref: fc.string() }), { maxLength: 1 }),
    name: fc.string(),
  },
  { requiredKeys: ['type', 'id'] },
);

describe('markUnmarked', () => {
  it('adds the refs to an unmarked object (any other property kept), leaves every other value as it is', () => {
    fc.assert(
      fc.property(value, (o) => {
        const before = structuredClone(o);
        const out = markUnmarked(o, REFS);
        expect(o).toEqual(before);
        const carries = 'object_marking_refs' in o || 'granular_markings' in o;
        const definition = o.type === 'marking-definition' || o.type === 'extension-definition';
        if (carries || definition) expect(out).toBe(o);
        else expect(out).toEqual({ ...o, object_marking_refs: REFS });
      }),
    );
  });

  it('leaves non-objects and empty ref lists alone', () => {
    for (const v of [null, 1, 'x', [], [{ type: 'indicator' }]]) expect(markUnmarked(v, REFS)).toBe(v);
    const o = { type: 'indicator' };
    expect(markUnmarked(o, [])).toBe(o);
  });

  it('--tlp takes the five TLP 2.0 levels only', () => {
    for (const l of ['clear', 'green', 'amber', 'amber+strict', 'red']) expect(isTlpLevel(l)).toBe(true);
    for (const l of ['white', 'AMBER', 'amber+', '', 'constructor']) expect(isTlpLevel(l)).toBe(false);
  });
});
