/** What the byte scanner reports, and its limits. */
import type { DuplicateKey } from './scan-problems.js';

/** Limits of the streaming parser (untrusted input). */
export interface StreamLimits {
  /** Maximum nesting depth of the document (default 100). */
  readonly maxDepth?: number;
  /** Maximum size of one object in bytes (default 16 MiB). */
  readonly maxObjectBytes?: number;
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
