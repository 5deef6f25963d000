/**
 * MISP warninglists (known-benign values: `{"name", "type", "list"}`; types cidr, hostname,
 * string, substring; regex lists are skipped with a warning), read from a directory tree of
 * `*.json` files, with fast lookups: CIDR blocks by prefix length, hostnames with their parents.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ipaddr from 'ipaddr.js';
import { DetectError } from '../errors/detect-error.js';

/** A loaded set of warninglists. */
export interface Warninglists {
  /** The name of a list holding `value` (an address, CIDR, domain or URL), or undefined. */
  lookup(value: string): string | undefined;
  readonly names: readonly string[];
  readonly warnings: readonly string[];
}

function bits(bytes: number[], prefix: number): string {
  let s = '';
  for (let i = 0; i < prefix; i++) s += ((bytes[i >> 3] as number) >> (7 - (i & 7))) & 1;
  return s;
}

/** Builds lookups from parsed list documents (each `{name, type, list}`). */
export function buildWarninglists(documents: ReadonlyArray<{ source: string; doc: unknown }>): Warninglists {
  const cidrs = new Map<number, Map<string, string>>(); // prefix (+1000 for v6) → bit string → list
  const hosts = new Map<string, string>();
  const strings = new Map<string, string>();
  const substrings: Array<[string, string]> = [];
  const names: string[] = [];
  const warnings: string[] = [];
  for (const { source, doc } of documents) {
    const d = doc as { name?: unknown; type?: unknown; list?: unknown };
    if (typeof doc !== 'object' || doc === null || typeof d.name !== 'string' || !Array.isArray(d.list))
      throw new DetectError(
        'DETECT_BAD_WARNINGLIST',
        `${source}: not a MISP warninglist (needs "name" and "list")`,
      );
    const name = d.name;
    const type = typeof d.type === 'string' ? d.type : 'string';
    names.push(name);
    for (const item of d.list) {
      if (typeof item !== 'string') continue;
      const v = item.trim().toLowerCase();
      switch (type) {
        case 'cidr': {
          try {
            const [addr, prefix] = v.includes('/')
              ? ipaddr.parseCIDR(v)
              : [ipaddr.parse(v), v.includes(':') ? 128 : 32];
            const key = addr.kind() === 'ipv6' ? 1000 + prefix : prefix;
            let m = cidrs.get(key);
            if (!m) {
              m = new Map();
              cidrs.set(key, m);
            }
            m.set(bits(addr.toByteArray(), prefix), name);
          } catch {
            warnings.push(`${source}: ${item} is not a CIDR block; skipped`);
          }
          break;
        }
        case 'hostname':
          hosts.set(v.replace(/\.$/, ''), name);
          break;
        case 'substring':
          substrings.push([v, name]);
          break;
        case 'regex':
          break;
        default:
          strings.set(v, name);
      }
    }
    if (type === 'regex') warnings.push(`${source}: regex warninglists are not applied`);
  }
  const prefixes = [...cidrs.keys()];
  const ipLookup = (text: string): string | undefined => {
    let addr: ipaddr.IPv4 | ipaddr.IPv6;
    let own = 0;
    try {
      if (text.includes('/')) [addr, own] = ipaddr.parseCIDR(text);
      else {
        addr = ipaddr.parse(text);
        own = addr.kind() === 'ipv6' ? 128 : 32;
      }
    } catch {
      return undefined;
    }
    if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress())
      addr = (addr as ipaddr.IPv6).toIPv4Address();
    const v6 = addr.kind() === 'ipv6';
    const bytes = addr.toByteArray();
    for (const key of prefixes) {
      const prefix = v6 ? key - 1000 : key;
      if (key >= 1000 !== v6 || prefix > own) continue;
      const hit = cidrs.get(key)?.get(bits(bytes, prefix));
      if (hit) return hit;
    }
    return undefined;
  };
  const hostLookup = (host: string): string | undefined => {
    let h = host.toLowerCase().replace(/\.$/, '');
    for (;;) {
      const hit = hosts.get(h);
      if (hit) return hit;
      const dot = h.indexOf('.');
      if (dot < 0) return undefined;
      h = h.slice(dot + 1);
    }
  };
  return {
    names,
    warnings,
    lookup(value) {
      const v = value.toLowerCase();
      const exact = strings.get(v);
      if (exact) return exact;
      for (const [s, name] of substrings) if (v.includes(s)) return name;
      if (ipaddr.isValid(v.split('/')[0] as string)) return ipLookup(v);
      if (v.includes('://')) {
        try {
          const host = new URL(v).hostname.replace(/^\[|\]$/g, '');
          return ipaddr.isValid(host) ? ipLookup(host) : hostLookup(host);
        } catch {
          return undefined;
        }
      }
      return hostLookup(v);
    },
  };
}

async function jsonFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await jsonFiles(path)));
    else if (entry.name.endsWith('.json')) out.push(path);
  }
  return out.sort();
}

/** Loads every `*.json` warninglist under `dir`. */
export async function loadWarninglists(dir: string): Promise<Warninglists> {
  let files: string[];
  try {
    files = await jsonFiles(dir);
  } catch {
    throw new DetectError('DETECT_UNREADABLE_INPUT', `cannot read the warninglists directory ${dir}`);
  }
  const documents: Array<{ source: string; doc: unknown }> = [];
  for (const source of files) {
    try {
      documents.push({ source, doc: JSON.parse(await readFile(source, 'utf8')) });
    } catch {
      throw new DetectError('DETECT_BAD_WARNINGLIST', `${source}: not JSON`);
    }
  }
  return buildWarninglists(documents);
}
