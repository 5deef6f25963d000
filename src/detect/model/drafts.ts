/**
 * The SCOs of one log record before they have ids: plain objects shaped as STIX 2.1 SCOs (6.x),
 * whose references are local keys (`$0`, `$1`, …, the index in the list). Matching runs on these;
 * ids are computed (output/stix-event.ts) only for records that match.
 */
import { canonicalDomain } from './canonical-values.js';
import { ipFamily } from './ip-family.js';

/** An SCO without `id` and `spec_version`; `_ref(s)` hold local keys. */
export type DraftObject = { readonly type: string; readonly [property: string]: unknown };

/** The local key of the object at `index`. */
export const localRef = (index: number): string => `$${index}`;

/** Reads a local key back to its index (undefined when not one); no string is made on the way. */
export function localIndex(ref: string): number | undefined {
  if (ref.length < 2 || ref.length > 8 || ref.charCodeAt(0) !== 36) return undefined;
  let n = 0;
  for (let i = 1; i < ref.length; i++) {
    const c = ref.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    n = n * 10 + c;
  }
  return n;
}

/** Collects one record's drafts; addresses, domains and URLs are kept once per record. */
export class Drafts {
  readonly objects: DraftObject[] = [];

  /** Adds an object and returns its local key. */
  add(object: DraftObject): string {
    this.objects.push(object);
    return localRef(this.objects.length - 1);
  }

  // A record holds a handful of objects: a scan is cheaper than a map per record.
  private find(type: string, value: string): number {
    const objects = this.objects;
    for (let i = 0; i < objects.length; i++) {
      const o = objects[i] as DraftObject;
      if (o.value === value && o.type === type) return i;
    }
    return -1;
  }

  private once(type: string, value: string): string {
    const i = this.find(type, value);
    return i >= 0 ? localRef(i) : this.add({ type, value });
  }

  /** An ipv4-addr or ipv6-addr for a valid address (6.4, 6.5); the same address gives the same key. */
  ip(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    const family = ipFamily(value);
    if (family === 4) return this.once('ipv4-addr', value);
    if (family === 6) return this.once('ipv6-addr', value.toLowerCase());
    return undefined;
  }

  /** A domain-name (6.3) in canonical form; an IP address given as a host becomes an address instead. */
  domain(value: string | undefined, resolvesTo: readonly string[] = []): string | undefined {
    if (value === undefined) return undefined;
    if (ipFamily(value) !== 0) return this.ip(value);
    const v = canonicalDomain(value);
    if (v === undefined) return undefined;
    const i = this.find('domain-name', v);
    if (i < 0)
      return this.add(
        resolvesTo.length > 0
          ? { type: 'domain-name', value: v, resolves_to_refs: [...resolvesTo] }
          : { type: 'domain-name', value: v },
      );
    if (resolvesTo.length > 0) {
      const obj = this.objects[i] as DraftObject;
      const refs = [...((obj.resolves_to_refs as string[] | undefined) ?? []), ...resolvesTo];
      this.objects[i] = { ...obj, resolves_to_refs: [...new Set(refs)] };
    }
    return localRef(i);
  }

  /** A url SCO (6.16). */
  url(value: string | undefined): string | undefined {
    return value === undefined || value === '' ? undefined : this.once('url', value);
  }
}

/**
 * A copy without its undefined properties (STIX omits absent properties rather than writing null).
 * A new object rather than `delete`, which would leave the object in V8's slow dictionary mode.
 */
export function compact<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out as T;
}
