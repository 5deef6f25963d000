/**
 * Turns scanner events into document events that know each object's default spec version.
 * A bundle may write `type` and `spec_version` after `objects` (the unit42 STIX 2.0 files do), so
 * objects are held back until the bundle's own properties are known, within a byte budget; past
 * the budget they are handed on as STIX 2.1 content (memory stays bounded).
 */
import { bundleSpecVersion } from '../meta/bundle.js';
import type { DuplicateKey, ScanEvent } from './json-scanner.js';

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
    }
  | Extract<ScanEvent, { kind: 'end' }>;

type Item = Extract<ScanEvent, { kind: 'item' }>;

const toItem = (item: Item, specVersion: '2.0' | '2.1'): DocumentEvent =>
  item.duplicate === undefined
    ? { kind: 'item', value: item.value, path: item.path, specVersion }
    : { kind: 'item', value: item.value, path: item.path, specVersion, duplicate: item.duplicate };

/** Default byte budget for objects held back while a bundle's type/spec_version are unknown. */
export const DEFAULT_LOOKAHEAD_BYTES = 8 * 1024 * 1024;

/** Document events from scanner events (see module comment). */
export async function* documentEvents(
  events: AsyncIterable<ScanEvent>,
  lookaheadBytes = DEFAULT_LOOKAHEAD_BYTES,
): AsyncGenerator<DocumentEvent> {
  let specVersion: '2.0' | '2.1' = '2.1';
  let held: Item[] | undefined;
  let heldBytes = 0;
  let envelopeSoFar: Readonly<Record<string, unknown>> = {};
  for await (const event of events) {
    if (event.kind === 'bundle-objects') {
      envelopeSoFar = event.envelope;
      if (event.envelope.type === 'bundle' && 'spec_version' in event.envelope) {
        specVersion = bundleSpecVersion(event.envelope);
        yield { kind: 'bundle', envelope: event.envelope, provisional: false };
      } else {
        held = [];
      }
    } else if (event.kind === 'item') {
      if (held === undefined) {
        yield toItem(event, specVersion);
        continue;
      }
      // A bundle whose type is known and whose first object carries spec_version is STIX 2.1 content.
      const first = held.length === 0 ? event.value : undefined;
      if (
        envelopeSoFar.type === 'bundle' &&
        typeof first === 'object' &&
        first !== null &&
        'spec_version' in first
      ) {
        yield { kind: 'bundle', envelope: envelopeSoFar, provisional: false };
        yield toItem(event, specVersion);
        held = undefined;
        continue;
      }
      held.push(event);
      heldBytes += event.bytes;
      if (heldBytes > lookaheadBytes) {
        yield { kind: 'bundle', envelope: envelopeSoFar, provisional: true };
        for (const item of held) yield toItem(item, '2.1');
        held = undefined;
      }
    } else {
      if (held !== undefined) {
        yield { kind: 'bundle', envelope: event.envelope, provisional: false };
        const version = bundleSpecVersion(event.envelope);
        for (const item of held) yield toItem(item, version);
      }
      yield event;
    }
  }
}
