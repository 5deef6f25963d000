import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMarkingIndex, may, planFor, type Reader, sightObject } from '../../src/policy/index.js';
import { asMicros } from '../../src/stix/index.js';
import type { CollectionRecord } from '../../src/store/index.js';
import { content, oracleMayRead, oracleView } from './oracle.js';
import { rowsOf, worldArbOf } from './world.js';

/** True when a selector (of the generated kinds) selects content present in `o`. */
function selects(o: Record<string, unknown>, sel: string): boolean {
  const item = /^labels\.\[(\d)\]$/.exec(sel);
  if (item) return Array.isArray(o.labels) && Number(item[1]) < o.labels.length;
  return sel in o;
}

describe('policy decisions against the oracle (property)', () => {
  it('no organisation receives content it may not see, and it receives all it may see (advisory embargoes too)', () => {
    fc.assert(
      fc.property(worldArbOf({ advisories: true }), fc.integer({ min: -2, max: 25 }), (world, nowK) => {
        const now = asMicros(world.base + nowK * 1000);
        const markings = buildMarkingIndex(world.markings.flatMap((m) => (m.json ? [m.json] : [])));
        const rows = rowsOf(world);
        for (const org of world.orgs) {
          const reader: Reader = { orgId: org.slug, identityId: org.identityId };
          const plan = planFor(reader, {
            markings,
            now,
            identityOfOrg: (s: string) => world.orgs.find((o) => o.slug === s)?.identityId,
          });
          const view = (row: (typeof rows)[number]) => {
            const sight = plan.see(row);
            return sight === undefined ? undefined : (sightObject(row, sight) as Record<string, unknown>);
          };
          const seen = new Map<string, number>();
          world.collections.forEach((c, i) => {
            const record: CollectionRecord = {
              id: `c${i}`,
              title: 't',
              canRead: c.canRead,
              canWrite: c.canWrite,
              mediaTypes: [],
            };
            expect(may(reader, 'collection.read', record)).toBe(oracleMayRead(world, org.slug, i));
          });
          for (const row of rows) {
            const object = JSON.parse(row.json) as Record<string, unknown>;
            const got = view(row);
            const want = oracleView(world, org.slug, row.producerOrg, object, row.entry, row.dateAdded, now);
            expect(content(got)).toEqual(content(want));
            if (got) {
              seen.set(row.id, (seen.get(row.id) ?? 0) + 1);
              // Selectors kept in a redacted object still select something (renumbered list items).
              for (const gm of (got.granular_markings as { selectors: string[] }[] | undefined) ?? []) {
                for (const sel of gm.selectors) expect(selects(got, sel) || !selects(object, sel)).toBe(true);
              }
            }
          }
          // Each version reaches a reader through at most one entry; its producer always gets it.
          for (const n of seen.values()) expect(n).toBe(1);
          for (const o of world.objects)
            if (o.producer === org.slug) expect(seen.get(o.object.id as string)).toBe(1);
        }
      }),
      { numRuns: 400 },
    );
  });
});
