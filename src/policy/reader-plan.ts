/**
 * The one visibility plan of a reader (DESIGN.md, Visibility): what class each marking
 * combination falls in (for a store that skips or serves rows in bulk) and what the reader
 * sees of each feed entry. Every read path uses it (TAXII, federation push and pull, exports,
 * the web API); policy/ alone orders its fast and slow paths, and property tests keep every
 * fast path equal to decide().
 */
import type { ValidatedObject } from '../stix/index.js';
import type { MarkingFacts, RowClass, StoredObject } from '../store/index.js';
import { decideByViews } from './granular-views.js';
import { fastDecider, rowClasses } from './sees-unchanged.js';
import { parseStoredObject, storedObject } from './stored-object.js';
import type { PolicyContext, Reader } from './types.js';
import { decideStored } from './view.js';

/**
 * What a reader sees of one feed entry: the version exactly as stored; a redaction worked out
 * when the version was stored (its text and the marking refs it keeps); or a redaction worked
 * out now (its object, made when first read).
 */
export type Sight =
  | { readonly kind: 'stored' }
  | { readonly kind: 'redacted'; readonly json: string; readonly markingRefs: readonly string[] }
  | { readonly kind: 'redacted-object'; readonly object: ValidatedObject };

/** One reader's plan over one policy context. */
export interface ReaderPlan {
  readonly reader: Reader;
  readonly ctx: PolicyContext;
  /** The class of every `added` entry of one marking combination (the same answers as `see`). */
  readonly classOf: (facts: MarkingFacts) => RowClass;
  /** What the reader sees of one feed entry, or undefined when it is hidden. */
  see(row: StoredObject): Sight | undefined;
}

const STORED: Sight = Object.freeze({ kind: 'stored' });

/** The plan of `reader` under `ctx`. Does not check collection access (see `may`). */
export function planFor(reader: Reader, ctx: PolicyContext): ReaderPlan {
  const fast = fastDecider(reader, ctx);
  return {
    reader,
    ctx,
    classOf: rowClasses(reader, ctx),
    see(row) {
      const quick = fast(row);
      if (quick === 'hidden') return undefined;
      if (quick === 'unchanged') return STORED;
      if (row.granularViews !== undefined) {
        const viewed = decideByViews(reader, row, row.granularViews, ctx);
        if (viewed !== undefined) {
          if (viewed.kind === 'hidden') return undefined;
          if (viewed.kind === 'visible') return STORED;
          return { kind: 'redacted', json: viewed.json, markingRefs: viewed.markingRefs };
        }
      }
      const decision = decideStored(reader, row, ctx);
      if (decision.kind === 'hidden') return undefined;
      if (decision.kind === 'visible') return STORED;
      return {
        kind: 'redacted-object',
        // The redacted copy is made only if someone reads it (a manifest never does).
        get object() {
          return storedObject(decision.object);
        },
      };
    },
  };
}

/** The object a reader sees of `row` through `sight`, parsed (a new object each call for stored text). */
export function sightObject(row: StoredObject, sight: Sight): ValidatedObject {
  if (sight.kind === 'stored') return parseStoredObject(row.json);
  if (sight.kind === 'redacted') return parseStoredObject(sight.json);
  return sight.object;
}
