/**
 * Turns scanner events into document events that know each object's default spec version.
 * A bundle may write `type` and `spec_version` after `objects` (the unit42 STIX 2.0 files do), so
 * objects are held back until the bundle's own properties are known, within a byte budget; past
 * the budget they are handed on as STIX 2.1 content (memory stays bounded).
 */
import { bundleSpecVersion } from '../meta/bundle.js';
import type { DuplicateKey, RefusedItem, ScanEvent } from './json-scanner.js';

/** What a streamed document consists of, in input order. */
export type DocumentEvent =
  | {
      readonly kind: 'bundle';
      /** The bundle's properties known so far (all of them unless `provisional`). */
      readonly envelope: Readonly<Record<string, unknown>>;
      readonly provisional: boolean;
    }
  | {
      readonly kind: 'item';
      readonly value: unknown;
      readonly path: string;
      readonly specVersion: '2.0' | '2.1';
      readonly duplicate?: DuplicateKey;
      /** Refused for its depth or size: `value` is undefined. */
      readonly refused?: RefusedItem;
    }
  | Extract<ScanEvent, { kind: 'end' }>;

type Item = Extract<ScanEvent, { kind: 'item' }>;

const toItem = (item: Item, specVersion: '2.0' | '2.1'): DocumentEvent => {
  const { value, path, duplicate, refused } = item;
  if (refused !== undefined) return { kind: 'item', value, path, specVersion, refused };
  return duplicate === undefined
    ? { kind: 'item', value, path, specVersion }
    : { kind: 'item', value, path, specVersion, duplicate };
};

/** Default byte budget for objects held back while a bundle's type/spec_version are unknown. */
export const DEFAULT_LOOKAHEAD_BYTES = 8 * 1024 * 1024;

/** Turns scanner events into document events, batch by batch (see module comment). */
export class DocumentEvents {
  private specVersion: '2.0' | '2.1' = '2.1';
  private held: Item[] | undefined;
  private heldBytes = 0;
  private envelopeSoFar: Readonly<Record<string, unknown>> = {};

  constructor(private readonly lookaheadBytes = DEFAULT_LOOKAHEAD_BYTES) {}

  /** The document events that a batch of scanner events completes. */
  next(events: readonly ScanEvent[]): DocumentEvent[] {
    const out: DocumentEvent[] = [];
    for (const event of events) {
      if (event.kind === 'bundle-objects') this.bundleObjects(event.envelope, out);
      else if (event.kind === 'item') this.item(event, out);
      else {
        if (this.held !== undefined) {
          out.push({ kind: 'bundle', envelope: event.envelope, provisional: false });
          const version = bundleSpecVersion(event.envelope);
          for (const item of this.held) out.push(toItem(item, version));
          this.held = undefined;
        }
        out.push(event);
      }
    }
    return out;
  }

  private bundleObjects(envelope: Readonly<Record<string, unknown>>, out: DocumentEvent[]): void {
    this.envelopeSoFar = envelope;
    if (envelope.type === 'bundle' && 'spec_version' in envelope) {
      this.specVersion = bundleSpecVersion(envelope);
      out.push({ kind: 'bundle', envelope, provisional: false });
    } else {
      this.held = [];
    }
  }

  private item(event: Item, out: DocumentEvent[]): void {
    const held = this.held;
    if (held === undefined) {
      out.push(toItem(event, this.specVersion));
      return;
    }
    // A bundle whose type is known and whose first object carries spec_version is STIX 2.1 content.
    const first = held.length === 0 ? event.value : undefined;
    if (
      this.envelopeSoFar.type === 'bundle' &&
      typeof first === 'object' &&
      first !== null &&
      'spec_version' in first
    ) {
      out.push({ kind: 'bundle', envelope: this.envelopeSoFar, provisional: false });
      out.push(toItem(event, this.specVersion));
      this.held = undefined;
      return;
    }
    held.push(event);
    this.heldBytes += event.bytes;
    if (this.heldBytes > this.lookaheadBytes) {
      out.push({ kind: 'bundle', envelope: this.envelopeSoFar, provisional: true });
      for (const item of held) out.push(toItem(item, '2.1'));
      this.held = undefined;
    }
  }
}
