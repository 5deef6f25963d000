/** Issue 19: what a MISP event keeps when ingest refuses some of its objects (event-dependents.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withoutDangling } from './event-dependents.js';

const id = (type: string, n: number) => `${type}--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('withoutDangling', () => {
  it('leaves out, transitively, what refers to a refused object; the report only loses the name', () => {
    const ind = id('indicator', 1);
    const rel = {
      type: 'relationship',
      id: id('relationship', 2),
      source_ref: ind,
      target_ref: id('malware', 3),
    };
    const note = { type: 'note', id: id('note', 4), object_refs: [rel.id] };
    const report = {
      type: 'report',
      id: id('report', 5),
      object_refs: [ind, rel.id, note.id, id('malware', 3)],
    };
    const { values, leftOut } = withoutDangling(
      [report, rel, note, { type: 'malware', id: id('malware', 3) }],
      new Set([ind]),
    );
    expect(values[0]).toMatchObject({ object_refs: [id('malware', 3)] });
    expect(values.slice(1, 3)).toEqual([undefined, undefined]);
    expect(leftOut.map((l) => l.id)).toEqual([rel.id, note.id]);
  });

  it('leaves out a report with nothing left, or whose other references name what is gone', () => {
    const ind = id('indicator', 1);
    const empty = { type: 'grouping', id: id('grouping', 2), object_refs: [ind] };
    const marked = {
      type: 'report',
      id: id('report', 3),
      object_refs: [id('malware', 4)],
      object_marking_refs: [ind],
    };
    const { values } = withoutDangling([empty, marked], new Set([ind]));
    expect(values).toEqual([undefined, undefined]);
  });

  it('property: nothing kept refers to a dangling or left-out id; the rest is untouched', () => {
    const graph = fc.array(fc.record({ report: fc.boolean(), refs: fc.array(fc.nat(), { maxLength: 3 }) }), {
      minLength: 1,
      maxLength: 20,
    });
    fc.assert(
      fc.property(graph, fc.array(fc.nat(), { maxLength: 4 }), (specs, refused) => {
        const ids = specs.map((s, n) => id(s.report ? 'report' : 'note', n));
        const values = specs.map((s, n) => ({
          type: s.report ? 'report' : 'note',
          id: ids[n]!,
          object_refs: s.refs.map((r) => ids[r % ids.length]!),
        }));
        const dangling = new Set(refused.map((r) => ids[r % ids.length]!));
        const kept = values.filter((v) => !dangling.has(v.id));
        const out = withoutDangling(kept, dangling);
        const gone = new Set([...dangling, ...out.leftOut.map((l) => l.id)]);
        for (const [i, v] of out.values.entries()) {
          const before = kept[i]!;
          if (v === undefined) expect(gone.has(before.id)).toBe(true);
          else {
            for (const r of v.object_refs as string[]) expect(gone.has(r)).toBe(false);
            if (!before.object_refs.some((r) => gone.has(r))) expect(v).toBe(before);
          }
        }
      }),
    );
  });
});
