/**
 * STIX comparisons → MISP attribute types and values, read off the same table that maps MISP to
 * STIX (attribute-table.ts): a type is recognised by the signatures of its slots. Content that
 * came from MISP names its type in a label (misp:type), and only its value is read here; other
 * STIX is recognised comparison by comparison, a few pairs making composite types.
 */
import { ATTRIBUTE_TYPES, HASH_TYPES, mappingOf, type Slot } from '../attribute-table.js';
import { type Comparison, signatureOf } from '../comparisons.js';
import { checkKind } from '../value-kinds.js';

/** The signature a slot's comparison has (with the family its kind implies). */
function slotSignature(slot: Slot): string {
  const refType =
    slot.kind === 'ip'
      ? 'ipv4-addr'
      : slot.kind === 'domain' || slot.kind === 'hostname'
        ? 'domain-name'
        : undefined;
  return signatureOf({ path: slot.path, ...(refType ? { refType } : {}) });
}

const normal = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, '');
/** Normalised hash key → the key Accord writes (`sha256`, `SHA256`, `SHA-256` all name SHA-256). */
const HASH_KEYS = new Map(Object.values(HASH_TYPES).map((h) => [normal(h.key), h.key]));

/** The comparison with a hash key written as Accord writes it (other tools write sha256 or SHA256). */
export function canonicalHash(c: Comparison): Comparison {
  const i = c.path.steps.indexOf('hashes');
  const key = c.path.steps[i + 1];
  if (i < 0 || typeof key !== 'string') return c;
  const canonical = HASH_KEYS.get(normal(key));
  if (canonical === undefined || canonical === key) return c;
  const steps = [...c.path.steps];
  steps[i + 1] = canonical;
  return { ...c, path: { ...c.path, steps } };
}

/** The value of an attribute of `type` from comparisons (its slots joined by |), or undefined. */
export function valueOfType(
  type: string,
  comparisons: readonly Comparison[],
): { value: string; used: Comparison[] } | undefined {
  const mapping = mappingOf(type);
  if (mapping === undefined || !('slots' in mapping)) return undefined;
  const used: Comparison[] = [];
  for (const slot of mapping.slots) {
    const wanted = slotSignature(slot);
    const c = comparisons.find((x) => !used.includes(x) && signatureOf(x) === wanted);
    if (c === undefined) return undefined;
    used.push(c);
  }
  return { value: used.map((c) => String(c.value)).join('|'), used };
}

/** Types tried first when several share a signature (domain before hostname, url before uri). */
const PREFERRED = [
  'domain',
  'url',
  'filename',
  'email-src',
  'email-dst',
  'ip-dst',
  'ip-src',
  'md5',
  'sha1',
  'sha256',
];
/** Composite types recognised in STIX from elsewhere (a file's name and hash stay two attributes). */
const COMPOSITES = ['domain|ip', 'ip-dst|port', 'ip-src|port', 'hostname|port', 'regkey|value'];

/** Single-slot signature → MISP type. STIX's own address objects are MISP destination addresses. */
const SINGLE = (() => {
  const index = new Map<string, string>([
    ['ipv4-addr:value', 'ip-dst'],
    ['ipv6-addr:value', 'ip-dst'],
  ]);
  const types = [...PREFERRED, ...Object.keys(ATTRIBUTE_TYPES)];
  for (const type of types) {
    const m = ATTRIBUTE_TYPES[type]!;
    if (m.as !== 'observable' || m.slots.length !== 1 || m.fixed !== undefined || m.indicatorOnly) continue;
    const sig = slotSignature(m.slots[0]!);
    if (!index.has(sig)) index.set(sig, type);
  }
  return index;
})();

/** One attribute recognised in comparisons from elsewhere. */
export interface Recognised {
  readonly type: string;
  readonly value: string;
}

/**
 * The MISP attributes comparisons from elsewhere hold: composite pairs first, then each
 * comparison on its own; `rest` lists what has no MISP type.
 */
export function recognise(input: readonly Comparison[]): { attributes: Recognised[]; rest: Comparison[] } {
  let left = input.map(canonicalHash);
  const attributes: Recognised[] = [];
  for (const type of COMPOSITES) {
    for (let found = valueOfType(type, left); found !== undefined; found = valueOfType(type, left)) {
      attributes.push({ type, value: found.value });
      left = left.filter((c) => !found.used.includes(c));
    }
  }
  const rest: Comparison[] = [];
  for (const c of left) {
    let type = SINGLE.get(signatureOf(c));
    if (type === undefined) {
      rest.push(c);
      continue;
    }
    const slot = (ATTRIBUTE_TYPES[type] as { slots: readonly Slot[] }).slots[0]!;
    const value = String(c.value);
    if (!checkKind(slot.kind, value).ok) {
      // A domain-name whose value is an address (seen in public data): an address it is.
      if ((slot.kind === 'domain' || slot.kind === 'hostname') && checkKind('ip', value).ok) type = 'ip-dst';
      else {
        rest.push(c);
        continue;
      }
    }
    attributes.push({ type, value });
  }
  return { attributes, rest };
}
