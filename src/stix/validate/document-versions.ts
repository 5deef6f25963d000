/**
 * 3.6: an object version is named by its id and modified (created for a marking definition;
 * SCOs have no versions). Two objects of one document with the same name cannot both be kept:
 * a warning on the second. Documents may hold millions of objects, so what has been seen is kept
 * as 64-bit hashes in typed arrays (16 bytes a version), not as strings.
 */
import { isRecord, pointer } from './context.js';
import type { Issue } from './issue.js';

/** Two 32-bit FNV-1a style hashes of id, a separator and version: a 64-bit fingerprint. */
function fingerprint(id: string, version: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  const mix = (c: number) => {
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  };
  for (let i = 0; i < id.length; i++) mix(id.charCodeAt(i));
  mix(0x20);
  for (let i = 0; i < version.length; i++) mix(version.charCodeAt(i));
  return [a >>> 0 || 1, b >>> 0];
}

/** An open-addressing set of 64-bit fingerprints (slot 0 of `high` marks an empty slot). */
class FingerprintSet {
  private high = new Uint32Array(1024);
  private low = new Uint32Array(1024);
  private size = 0;

  /** Adds the fingerprint; false when it was already there. */
  add(h: number, l: number): boolean {
    if ((this.size + 1) * 2 > this.high.length) this.grow();
    const mask = this.high.length - 1;
    for (let i = (h ^ l) & mask; ; i = (i + 1) & mask) {
      if (this.high[i] === 0) {
        this.high[i] = h;
        this.low[i] = l;
        this.size++;
        return true;
      }
      if (this.high[i] === h && this.low[i] === l) return false;
    }
  }

  private grow(): void {
    const [high, low] = [this.high, this.low];
    this.high = new Uint32Array(high.length * 2);
    this.low = new Uint32Array(low.length * 2);
    this.size = 0;
    for (let i = 0; i < high.length; i++) if (high[i] !== 0) this.add(high[i] as number, low[i] as number);
  }
}

/** The versions seen so far in one document; reports a version seen before. */
export class DocumentVersions {
  private readonly seen = new FingerprintSet();

  /** The warning for `value` when an earlier object of the document had its id and modified. */
  issue(value: unknown, path: string): Issue | undefined {
    if (!isRecord(value) || typeof value.id !== 'string') return undefined;
    const version = value.modified ?? value.created;
    if (typeof version !== 'string') return undefined;
    const [h, l] = fingerprint(value.id, version);
    if (this.seen.add(h, l)) return undefined;
    return {
      code: 'STIX_DUPLICATE_VERSION',
      severity: 'warning',
      path: pointer(path, 'id'),
      message: `an earlier object of this document has the same id and modified (${version}): both name one version (3.6), so only one of them can be kept`,
      section: '3.6',
    };
  }
}
