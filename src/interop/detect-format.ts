/**
 * Tells what an input to `accord import` is, from its first bytes (or a directory's contents),
 * so that the import can dispatch: a STIX bundle (2.1 or 2.0), a single STIX object, a JSON array
 * of objects, MISP event JSON (`{"Event": …}`, `{"response": […]}`, a list of events) or a MISP
 * feed directory. Reads at most `sniffBytes`; never parses the whole input.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { isFeedDirectory } from './misp/index.js';

/** What an input is. */
export type InputFormat =
  | 'stix-bundle'
  | 'stix-2.0-bundle'
  | 'stix-object'
  | 'json-array'
  | 'misp-event'
  | 'misp-response'
  | 'misp-event-list'
  | 'misp-feed'
  | 'directory'
  | 'unknown-json'
  | 'not-json';

/** Default number of bytes read to tell (1 MiB). */
export const DEFAULT_SNIFF_BYTES = 1024 * 1024;

/** SCO types: a 2.1 SCO may omit spec_version, so one alone does not tell 2.0 from 2.1. */
const SCO =
  /^(artifact|autonomous-system|directory|domain-name|email-addr|email-message|file|ipv4-addr|ipv6-addr|mac-addr|mutex|network-traffic|process|software|url|user-account|windows-registry-key|x509-certificate)$/;

/** A minimal reader of a JSON prefix: enough to see top-level keys and the first element's. */
class Prefix {
  i = 0;
  constructor(readonly s: string) {}
  ws(): void {
    while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i]!)) this.i++;
  }
  peek(): string | undefined {
    this.ws();
    return this.s[this.i];
  }
  /** A string token (the opening quote at i); undefined when the prefix ends inside it. */
  string(): string | undefined {
    const start = this.i;
    for (let j = start + 1; j < this.s.length; j++) {
      if (this.s[j] === '\\') j++;
      else if (this.s[j] === '"') {
        this.i = j + 1;
        try {
          return JSON.parse(this.s.slice(start, j + 1)) as string;
        } catch {
          return undefined;
        }
      }
    }
    return undefined;
  }
  /** Skips one value; false when the prefix ends first. */
  skip(): boolean {
    const c = this.peek();
    if (c === '"') return this.string() !== undefined;
    if (c === '{' || c === '[') {
      let depth = 0;
      for (; this.i < this.s.length; this.i++) {
        const ch = this.s[this.i]!;
        if (ch === '"') {
          if (this.string() === undefined) return false;
          this.i--;
        } else if (ch === '{' || ch === '[') depth++;
        else if (ch === '}' || ch === ']') {
          depth--;
          if (depth === 0) {
            this.i++;
            return true;
          }
        }
      }
      return false;
    }
    while (this.i < this.s.length && !',}]'.includes(this.s[this.i]!)) this.i++;
    return this.i < this.s.length;
  }
  /**
   * The members of the object at i: keys with string values (others skipped), until the end or
   * the prefix ends; `onArray` sees an array-valued key before its value is skipped.
   */
  members(onArray?: (key: string) => void): { keys: Map<string, string | undefined>; complete: boolean } {
    const keys = new Map<string, string | undefined>();
    this.i++; // {
    for (;;) {
      const c = this.peek();
      if (c === '}') {
        this.i++;
        return { keys, complete: true };
      }
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c !== '"') return { keys, complete: false };
      const key = this.string();
      if (key === undefined || this.peek() !== ':') return { keys, complete: false };
      this.i++;
      const v = this.peek();
      if (v === '"') {
        const value = this.string();
        keys.set(key, value);
        if (value === undefined) return { keys, complete: false };
      } else {
        keys.set(key, undefined);
        if (v === '[' && onArray) {
          const at = this.i;
          onArray(key);
          this.i = at;
        }
        if (!this.skip()) return { keys, complete: false };
      }
    }
  }
}

/** The first element's members of the array at i (when it is an object), or undefined. */
function firstElement(p: Prefix): { keys: Map<string, string | undefined>; complete: boolean } | undefined {
  p.i++; // [
  return p.peek() === '{' ? p.members() : undefined;
}

/** Tells the format of a document from its first bytes (see the module comment). */
export function detectFormatOfText(prefix: string): InputFormat {
  const p = new Prefix(prefix.replace(/^\uFEFF/, ''));
  const c = p.peek();
  if (c === '[') {
    const first = firstElement(p);
    return first?.keys.has('Event') ? 'misp-event-list' : 'json-array';
  }
  if (c !== '{') return c === undefined || !/^["\d\-tfn]/.test(c) ? 'not-json' : 'unknown-json';
  let first: { keys: Map<string, string | undefined>; complete: boolean } | undefined;
  const { keys } = p.members((key) => {
    if (key === 'objects') first = firstElement(p);
  });
  if (keys.has('Event')) return 'misp-event';
  if (keys.has('response')) return 'misp-response';
  if (keys.get('type') === 'bundle' || (!keys.has('type') && keys.has('objects') && first !== undefined)) {
    const stated = keys.get('spec_version');
    if (stated !== undefined) return stated === '2.0' ? 'stix-2.0-bundle' : 'stix-bundle';
    const version = first?.keys.get('spec_version');
    if (version !== undefined) return version === '2.0' ? 'stix-2.0-bundle' : 'stix-bundle';
    // STIX 2.1 requires spec_version on every SDO/SRO (3.2); only STIX 2.0 content omits it.
    const type = first?.keys.get('type');
    if (first?.complete && type !== undefined && !SCO.test(type)) return 'stix-2.0-bundle';
    return 'stix-bundle';
  }
  if (keys.has('uuid') && (keys.has('info') || keys.has('Attribute'))) return 'misp-event';
  if (typeof keys.get('type') === 'string') return 'stix-object';
  return 'unknown-json';
}

/** Tells the format of a file or directory (see the module comment). */
export async function detectFormat(path: string, sniffBytes = DEFAULT_SNIFF_BYTES): Promise<InputFormat> {
  const info = await stat(path);
  if (info.isDirectory()) {
    if (await isFeedDirectory(path)) return 'misp-feed';
    await readdir(path);
    return 'directory';
  }
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(sniffBytes, info.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return detectFormatOfText(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}
