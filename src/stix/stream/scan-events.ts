/** What the byte scanner reports, and its limits. */
import type { DuplicateKey } from './scan-problems.js';

/** Limits of the streaming parser (untrusted input). */
export interface StreamLimits {
  /** Maximum nesting depth of the document (default DEFAULT_INPUT_LIMITS.maxDepth, 100). */
  readonly maxDepth?: number;
  /** Maximum size of one object in bytes (default DEFAULT_INPUT_LIMITS.maxObjectBytes, 8 MiB). */
  readonly maxObjectBytes?: number;
}

/** An item of a document refused for its depth or size (the rest of the document is read). */
export interface RefusedItem {
  readonly code: 'STIX_TOO_DEEP' | 'STIX_OBJECT_TOO_LARGE';
  /** `line L, column C: …` where the limit was passed. */
  readonly message: string;
}

/** What the scanner reports. */
export type ScanEvent =
  | {
      readonly kind: 'item';
      readonly value: unknown;
      readonly path: string;
      /** Size of the item's JSON text in bytes. */
      readonly bytes: number;
      readonly duplicate?: DuplicateKey;
      /** The item nests deeper or is larger than the limits: its bytes were skipped, `value` is undefined. */
      readonly refused?: RefusedItem;
    }
  | { readonly kind: 'bundle-objects'; readonly envelope: Readonly<Record<string, unknown>> }
  | {
      readonly kind: 'end';
      readonly shape: 'array' | 'object';
      /** The top-level object's properties (all but a streamed `objects` list); {} for an array. */
      readonly envelope: Readonly<Record<string, unknown>>;
      /** Duplicate keys found in the top-level object's own properties. */
      readonly envelopeDuplicates: readonly DuplicateKey[];
      readonly streamedObjects: boolean;
    };
