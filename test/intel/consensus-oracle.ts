/**
 * A plain statement of CONTRACT.md "Attribution and consensus" (and the rules of
 * docs/guides/attribution.md) that shares no code with src/intel/: quadratic where the library
 * indexes, obvious where it is clever. Input: the versions one reader may see.
 */

export interface OracleRecord {
  readonly object: Record<string, unknown>;
  readonly producer: string;
  readonly addedAt?: number;
}

type Obj = Record<string, unknown>;

const GROUPED = ['campaign', 'intrusion-set', 'threat-actor', 'identity'];
const ATTACK = ['mitre-attack', 'mitre-ics-attack', 'mitre-mobile-attack'];

/** Microseconds of a millisecond-precision timestamp (the generator writes only those). */
const micros = (t: unknown): number => Date.parse(String(t)) * 1000;
const versionOf = (o: Obj): string => String(o.modified ?? o.created);

function normal(s: unknown): string | undefined {
  if (typeof s !== 'string' || s.length > 256) return undefined;
  const k = s
    .normalize('NFKC')
    .split(/\s+/)
    .filter((p) => p !== '')
    .join(' ')
    .toLowerCase();
  return k === '' ? undefined : k;
}

/** The newest version of each id among the records that existed at `asOf`. */
function newest(records: readonly OracleRecord[], asOf?: number): Map<string, OracleRecord> {
  const out = new Map<string, OracleRecord>();
  for (const r of records) {
    if (asOf !== undefined && micros(versionOf(r.object)) > asOf) continue;
    const id = String(r.object.id);
    const known = out.get(id);
    if (!known || micros(versionOf(r.object)) > micros(versionOf(known.object))) out.set(id, r);
  }
  return out;
}

function keysOf(o: Obj): string[] {
  if (!GROUPED.includes(String(o.type)) || o.revoked === true) return [];
  const texts: unknown[] = [o.name];
  if (Array.isArray(o.aliases)) texts.push(...o.aliases);
  if (Array.isArray(o.external_references))
    for (const ref of o.external_references as Obj[])
      if (ATTACK.includes(String(ref.source_name))) texts.push(ref.external_id);
  return [...new Set(texts.map(normal).filter((k): k is string => k !== undefined))];
}

const isClaim = (o: Obj) =>
  o.type === 'relationship' &&
  o.relationship_type === 'attributed-to' &&
  o.revoked !== true &&
  typeof o.source_ref === 'string' &&
  typeof o.target_ref === 'string' &&
  Number.isInteger(o.confidence) &&
  (o.confidence as number) >= 0 &&
  (o.confidence as number) <= 100;

const isDispute = (o: Obj) =>
  o.type === 'opinion' &&
  o.revoked !== true &&
  (o.opinion === 'disagree' || o.opinion === 'strongly-disagree') &&
  Array.isArray(o.object_refs);

/** The consensus the contract describes, for the records one reader sees. */
export function oracleConsensus(records: readonly OracleRecord[], asOf?: number) {
  const current = newest(records, asOf);
  const claims = [...current.values()].filter((r) => isClaim(r.object));
  const disputes = [...current.values()].filter((r) => isDispute(r.object));

  // Groups: start with one per node, merge any two sharing a key until nothing changes.
  const nodeKeys = new Map<string, string[]>();
  for (const [id, r] of current) {
    const keys = keysOf(r.object);
    if (GROUPED.includes(String(r.object.type)) && r.object.revoked !== true) nodeKeys.set(id, keys);
  }
  for (const c of claims)
    for (const end of [c.object.source_ref, c.object.target_ref] as string[])
      if (!nodeKeys.has(end)) nodeKeys.set(end, []);
  let groups = [...nodeKeys.keys()].map((id) => ({ ids: [id], keys: new Set(nodeKeys.get(id)) }));
  let merged = true;
  while (merged) {
    merged = false;
    outer: for (let i = 0; i < groups.length; i++)
      for (let j = i + 1; j < groups.length; j++) {
        const a = groups[i]!;
        const b = groups[j]!;
        if ([...a.keys].some((k) => b.keys.has(k))) {
          groups[i] = { ids: [...a.ids, ...b.ids], keys: new Set([...a.keys, ...b.keys]) };
          groups = groups.filter((_, k) => k !== j);
          merged = true;
          break outer;
        }
      }
  }
  const groupOf = (id: string) => groups.findIndex((g) => g.ids.includes(id));
  const nameOf = (g: number): string => {
    const ids = [...groups[g]!.ids].sort();
    const tally: { key: string; count: number; shown: string }[] = [];
    for (const id of ids) {
      const o = current.get(id)?.object;
      if (!o || o.revoked === true || !GROUPED.includes(String(o.type))) continue;
      const key = normal(o.name);
      if (key === undefined) continue;
      const t = tally.find((x) => x.key === key);
      if (t) t.count++;
      else tally.push({ key, count: 1, shown: String(o.name) });
    }
    tally.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
    return tally[0]?.shown ?? ids[0]!;
  };

  // Words of each organisation on each pair of groups.
  type Word = { org: string; time: number; dispute: boolean; id: string; confidence: number };
  const words: { s: number; t: number; w: Word }[] = [];
  for (const c of claims) {
    words.push({
      s: groupOf(String(c.object.source_ref)),
      t: groupOf(String(c.object.target_ref)),
      w: {
        org: c.producer,
        time: micros(versionOf(c.object)),
        dispute: false,
        id: String(c.object.id),
        confidence: c.object.confidence as number,
      },
    });
  }
  for (const d of disputes) {
    for (const ref of d.object.object_refs as unknown[]) {
      const c = claims.find((x) => x.object.id === ref);
      if (!c) continue;
      words.push({
        s: groupOf(String(c.object.source_ref)),
        t: groupOf(String(c.object.target_ref)),
        w: {
          org: d.producer,
          time: micros(versionOf(d.object)),
          dispute: true,
          id: String(d.object.id),
          confidence: 0,
        },
      });
    }
  }
  const later = (a: Word, b: Word) =>
    a.time !== b.time ? a.time > b.time : a.dispute !== b.dispute ? a.dispute : a.id > b.id;

  const subjects: Obj[] = [];
  const subjectGroups = [...new Set(words.map((x) => x.s))];
  for (const s of subjectGroups) {
    const candidates: Obj[] = [];
    for (const t of [...new Set(words.filter((x) => x.s === s).map((x) => x.t))]) {
      const last = new Map<string, Word>();
      for (const { w } of words.filter((x) => x.s === s && x.t === t)) {
        const known = last.get(w.org);
        if (!known || later(w, known)) last.set(w.org, w);
      }
      const all = [...last.values()].sort((a, b) => (a.org < b.org ? -1 : 1));
      const supporting = all
        .filter((w) => !w.dispute)
        .map((w) => ({ org: w.org, confidence: w.confidence, claim: w.id }));
      const disputing = all.filter((w) => w.dispute).map((w) => ({ org: w.org, opinion: w.id }));
      if (supporting.length === 0) continue;
      candidates.push({
        target_refs: [...groups[t]!.ids].sort(),
        name: nameOf(t),
        supporting,
        disputing,
        mean_confidence: supporting.reduce((n, x) => n + x.confidence, 0) / supporting.length,
        dissent: disputing.length > 0,
      });
    }
    if (candidates.length === 0) continue;
    candidates.sort(
      (a: Obj, b: Obj) =>
        (b.supporting as unknown[]).length - (a.supporting as unknown[]).length ||
        (b.mean_confidence as number) - (a.mean_confidence as number) ||
        (a.disputing as unknown[]).length - (b.disputing as unknown[]).length ||
        cmp(String(a.name).toLowerCase(), String(b.name).toLowerCase()) ||
        cmp(String(a.name), String(b.name)) ||
        cmp(String((a.target_refs as string[])[0]), String((b.target_refs as string[])[0])),
    );
    subjects.push({ subject_refs: [...groups[s]!.ids].sort(), name: nameOf(s), candidates });
  }
  subjects.sort(
    (a, b) =>
      cmp(String(a.name).toLowerCase(), String(b.name).toLowerCase()) ||
      cmp(String(a.name), String(b.name)) ||
      cmp(String((a.subject_refs as string[])[0]), String((b.subject_refs as string[])[0])),
  );
  return { subjects };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
