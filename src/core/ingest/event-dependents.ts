/**
 * What a MISP event keeps when some of its objects were refused at ingest (issue 19: valid parts
 * stored, nothing half-stored, nothing dropped silently). interop/ already leaves out what is not
 * valid STIX with what refers to it; ingest can still refuse an object (a pattern the node's
 * validation rejects, a provenance it cannot accept). An object that refers to a refused one the
 * collection does not hold would name nothing: it is left out too and reported, transitively.
 * The event's report or grouping instead loses that name from its object_refs, and is left out
 * only when nothing is left in it or the refused object is named elsewhere in it.
 */

type Json = Readonly<Record<string, unknown>>;

/** What was left out, by index, and why. */
export interface LeftOut {
  readonly index: number;
  readonly id: string;
  readonly message: string;
}

/** Every id an object references (marking references too: a refused definition marks nothing). */
function references(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) references(v, into);
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) {
      if (k.endsWith('_ref') && typeof v === 'string') into.push(v);
      else if (k.endsWith('_refs') && Array.isArray(v))
        for (const r of v) typeof r === 'string' && into.push(r);
      else references(v, into);
    }
  return into;
}

const CONTAINERS = new Set(['report', 'grouping']);

/** The container without names of `gone` in object_refs, or undefined when it cannot do without them. */
function containerWithout(o: Json, gone: ReadonlySet<string>): Json | undefined {
  const refs = Array.isArray(o.object_refs) ? (o.object_refs as unknown[]) : [];
  const kept = refs.filter((r) => !(typeof r === 'string' && gone.has(r)));
  const rest = references({ ...o, object_refs: [] });
  if (kept.length === 0 || rest.some((r) => gone.has(r))) return undefined;
  return { ...o, object_refs: kept };
}

/**
 * `values` without what refers to an id of `dangling` (refused, not held by the collection),
 * containers rewritten as the module comment says; undefined where an object was left out.
 */
export function withoutDangling(
  values: readonly Json[],
  dangling: ReadonlySet<string>,
): { values: (Json | undefined)[]; leftOut: LeftOut[] } {
  const out: (Json | undefined)[] = [...values];
  const gone = new Set(dangling);
  const leftOut: LeftOut[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    out.forEach((o, index) => {
      if (o === undefined) return;
      const hit = references(o).find((r) => gone.has(r));
      if (hit === undefined) return;
      const id = String(o.id);
      const rewritten = CONTAINERS.has(String(o.type)) ? containerWithout(o, gone) : undefined;
      if (rewritten !== undefined) {
        out[index] = rewritten;
        return;
      }
      out[index] = undefined;
      gone.add(id);
      changed = true;
      leftOut.push({
        index,
        id,
        message: `left out with ${hit}, which it refers to and which was refused or left out (nothing of an event is stored half)`,
      });
    });
  }
  return { values: out, leftOut };
}
