/**
 * A plain, separate statement of Accord's visibility rules (DESIGN.md "Visibility",
 * policy-api.md), over the worlds of world.ts, in terms of organisation slugs. It shares no
 * code with src/policy/. It knows only the selectors world.ts generates.
 */
import { ADVISORY_EXT, SIGNATURE_EXT, type World, type WorldMarking } from './world.js';

/** Required properties of the generated indicators (STIX 2.1 section 4.7) plus the markings themselves. */
const REQUIRED = new Set([
  'type',
  'spec_version',
  'id',
  'created',
  'modified',
  'pattern',
  'pattern_type',
  'valid_from',
]);

/** What the oracle expects a reader to receive for one feed entry: undefined = nothing. */
export function oracleView(
  world: World,
  reader: string,
  producer: string,
  object: Record<string, unknown>,
  entry: 'added' | 'released',
  dateAdded: number,
  now: number,
): Record<string, unknown> | undefined {
  if (producer === reader) return entry === 'added' ? object : undefined;
  const find = (id: string): WorldMarking | undefined =>
    world.markings.find((m) => m.id === id && m.kind !== 'unknown');
  const refs = (object.object_marking_refs as string[] | undefined) ?? [];
  const marks = refs.map(find);
  const embargoes = marks.filter((m) => m?.kind === 'embargo') as Extract<
    WorldMarking,
    { kind: 'embargo' }
  >[];
  if (embargoes.length > 0) {
    const cosigner = embargoes.every((e) => e.cosigners.includes(reader));
    const release = Math.max(...embargoes.map((e) => e.releaseAt));
    // An advisory or a signature of one (ADR 0004) is released only by its release entry.
    const extensions = (object.extensions ?? {}) as Record<string, unknown>;
    const advisory = ADVISORY_EXT in extensions || SIGNATURE_EXT in extensions;
    if (entry === 'released' && (cosigner || now < release)) return undefined;
    if (entry === 'added' && !cosigner && (advisory || !(dateAdded >= release && now >= release)))
      return undefined;
  } else if (entry === 'released') {
    return undefined;
  }
  const inGroup = marks.some((m) => m?.kind === 'group' && m.members.includes(reader));
  const allows = (m: WorldMarking | undefined, granular: boolean): boolean => {
    if (m === undefined) return false;
    if (m.kind === 'tlp') return m.level !== 'red' || inGroup;
    if (m.kind === 'statement') return true;
    if (m.kind === 'group') return m.members.includes(reader);
    if (m.kind === 'embargo') return !granular || m.cosigners.includes(reader) || now >= m.releaseAt;
    return false;
  };
  if (!marks.every((m) => allows(m, false))) return undefined;
  const out: Record<string, unknown> = { ...object };
  const labels = object.labels as string[];
  const dropLabel = new Set<number>();
  const gms = (object.granular_markings as { marking_ref?: string; selectors: string[] }[] | undefined) ?? [];
  // Selectors of granular sharing groups the reader is in: TLP:RED on the same content (or on
  // content inside it, like labels.[1] inside labels) admits their members.
  const memberSelectors = gms.flatMap((gm) => {
    const m = gm.marking_ref === undefined ? undefined : find(gm.marking_ref);
    return m?.kind === 'group' && m.members.includes(reader) ? gm.selectors : [];
  });
  const admitted = (sel: string) => memberSelectors.some((g) => g === sel || sel.startsWith(`${g}.`));
  for (const gm of gms) {
    if (gm.marking_ref === undefined || allows(find(gm.marking_ref), true)) continue;
    const red = find(gm.marking_ref);
    const isRed = red?.kind === 'tlp' && red.level === 'red';
    for (const sel of gm.selectors) {
      const item = /^labels\.\[(\d)\]$/.exec(sel);
      if (item && Number(item[1]) >= labels.length) return undefined; // unresolvable: fail closed
      if (!item && sel !== 'labels' && !(sel in object)) return undefined; // unresolvable
      if (isRed && admitted(sel)) continue;
      if (item) {
        dropLabel.add(Number(item[1]));
      } else if (sel === 'labels') {
        for (let i = 0; i < labels.length; i++) dropLabel.add(i);
      } else if (sel in object) {
        if (REQUIRED.has(sel)) return undefined;
        delete out[sel];
      } else {
        return undefined; // unresolvable: fail closed
      }
    }
  }
  const kept = labels.filter((_, i) => !dropLabel.has(i));
  if (kept.length > 0) out.labels = kept;
  else delete out.labels;
  return out;
}

/** The oracle's collection read rule: listed, or `*`. */
export function oracleMayRead(world: World, reader: string, collection: number): boolean {
  const acl = world.collections[collection]!.canRead;
  return acl.includes('*') || acl.includes(reader);
}

/** The object without granular_markings, which redaction renumbers (compared separately). */
export function content(o: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (o === undefined) return undefined;
  const { granular_markings: _gm, ...rest } = o;
  return rest;
}
