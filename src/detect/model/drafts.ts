/**
 * The SCOs of one log record before they have ids: plain objects shaped as STIX 2.1 SCOs (6.x),
 * whose references are local keys (`$0`, `$1`, …, the index in the list). Matching runs on these;
 * ids are computed (output/stix-event.ts) only for records that match.
 */
import { isIP } from 'node:net';
import { canonicalDomain } from './canonical-values.js';

/** An SCO without `id` and `spec_version`; `_ref(s)` hold local keys. */
export type DraftObject = { readonly type: string; readonly [property: string]: unknown };

/** The local key of the object at `index`. */
export const localRef = (index: number): string => `$${index}`;

/** Reads a local key back to its index (undefined when not one). */
export function localIndex(ref: string): number | undefined {
  if (ref.charCodeAt(0) !== 36) return undefined;
  const n = Number(ref.slice(1));
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** Collects one record's drafts; addresses and domains are kept once per record. */
export class Drafts {
  readonly objects: DraftObject[] = [];
  private readonly byValue = new Map<string, string>();

  /** Adds an object and returns its local key. */
  add(object: DraftObject): string {
    this.objects.push(object);
    return localRef(this.objects.length - 1);
  }

  /** An ipv4-addr or ipv6-addr for a valid address (6.4, 6.5); the same address gives the same key. */
  ip(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    const family = isIP(value);
    if (family === 0) return undefined;
    const v = family === 6 ? value.toLowerCase() : value;
    const known = this.byValue.get(`ip:${v}`);
    if (known) return known;
    const ref = this.add({ type: family === 4 ? 'ipv4-addr' : 'ipv6-addr', value: v });
    this.byValue.set(`ip:${v}`, ref);
    return ref;
  }

  /** A domain-name (6.3) in canonical form; an IP address given as a host becomes an address instead. */
  domain(value: string | undefined, resolvesTo: readonly string[] = []): string | undefined {
    if (value === undefined) return undefined;
    if (isIP(value) !== 0) return this.ip(value);
    const v = canonicalDomain(value);
    if (v === undefined) return undefined;
    const known = this.byValue.get(`dn:${v}`);
    if (known) {
      if (resolvesTo.length > 0) {
        const i = localIndex(known) as number;
        const obj = this.objects[i] as DraftObject;
        const refs = [...((obj.resolves_to_refs as string[] | undefined) ?? []), ...resolvesTo];
        this.objects[i] = { ...obj, resolves_to_refs: [...new Set(refs)] };
      }
      return known;
    }
    const ref = this.add(
      resolvesTo.length > 0
        ? { type: 'domain-name', value: v, resolves_to_refs: resolvesTo }
        : { type: 'domain-name', value: v },
    );
    this.byValue.set(`dn:${v}`, ref);
    return ref;
  }

  /** A url SCO (6.16). */
  url(value: string | undefined): string | undefined {
    if (value === undefined || value === '') return undefined;
    const known = this.byValue.get(`url:${value}`);
    if (known) return known;
    const ref = this.add({ type: 'url', value });
    this.byValue.set(`url:${value}`, ref);
    return ref;
  }
}

/** Drops undefined properties (STIX omits absent properties rather than writing null). */
export function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
