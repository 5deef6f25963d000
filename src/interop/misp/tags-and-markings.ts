/**
 * MISP tags and distribution levels → STIX labels and TLP 2.0 markings. An event's `tlp:*` tag
 * marks every object made from it (CONTRACT.md); an attribute's own tag or distribution can only
 * make its objects more restricted, never less. Distribution levels map as docs/guides/interop.md
 * says: 0 (your organisation only) and 4 (a sharing group, whose members this node cannot know)
 * become TLP:RED whatever the tags say; 1-3 matter only when no TLP tag is present.
 */
import { TLP_V2, type TlpV2Level } from '../../stix/index.js';
import type { MispTag } from './misp-types.js';

const ORDER: readonly TlpV2Level[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

/** The TLP 2.0 level a tag names (`tlp:white` is TLP 1.0's name for CLEAR), or undefined. */
export function tlpOfTag(name: string): TlpV2Level | undefined {
  const m = /^tlp:\s*([a-z+-]+)$/i.exec(name.trim());
  if (!m) return undefined;
  const level = m[1]!.toLowerCase();
  if (level === 'white') return 'clear';
  return (ORDER as readonly string[]).includes(level) ? (level as TlpV2Level) : undefined;
}

/** The galaxy a `misp-galaxy:<type>="<value>"` tag names, or undefined. */
export function galaxyOfTag(name: string): { type: string; value: string } | undefined {
  const m = /^misp-galaxy:([^=]+)="(.*)"$/.exec(name);
  return m ? { type: m[1]!, value: m[2]! } : undefined;
}

/** The most restrictive of the levels given. */
export function strictest(...levels: (TlpV2Level | undefined)[]): TlpV2Level | undefined {
  let best: TlpV2Level | undefined;
  for (const l of levels)
    if (l !== undefined && (best === undefined || ORDER.indexOf(l) > ORDER.indexOf(best))) best = l;
  return best;
}

/** The level of a distribution, when no TLP tag says more: 1-2 (communities) AMBER, 3 (all) GREEN. */
function distributionLevel(distribution: number | undefined): TlpV2Level | undefined {
  if (distribution === 1 || distribution === 2) return 'amber';
  if (distribution === 3) return 'green';
  return undefined;
}

const forcesRed = (d: number | undefined) => d === 0 || d === 4;

/** Tags and distribution of one holder (event, object or attribute). */
export interface Sharing {
  readonly tags?: readonly MispTag[];
  readonly distribution?: number;
}

/** The TLP level of objects made from `holders` (the event first, then object, then attribute). */
export function levelOf(holders: readonly Sharing[]): TlpV2Level | undefined {
  if (holders.some((h) => forcesRed(h.distribution))) return 'red';
  const tagged = strictest(...holders.flatMap((h) => (h.tags ?? []).map((t) => tlpOfTag(t.name))));
  if (tagged !== undefined) return tagged;
  return strictest(...holders.map((h) => distributionLevel(h.distribution)));
}

/** object_marking_refs for a level (none without one). */
export function markingRefs(level: TlpV2Level | undefined): string[] {
  return level === undefined ? [] : [TLP_V2[level].id];
}

/** Tags that become labels: all but TLP tags and the galaxy tags whose cluster is converted. */
export function labelTags(tags: readonly MispTag[], converted: ReadonlySet<string> = new Set()): string[] {
  return tags.map((t) => t.name).filter((n) => tlpOfTag(n) === undefined && !converted.has(n));
}
