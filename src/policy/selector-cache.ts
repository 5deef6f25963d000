/**
 * Parsed granular-marking selectors by text, for one node's decisions: the objects of a feed
 * mostly repeat a few selectors, and parsing each again on every read costs. Owned by the
 * node's PolicyContexts (never module state), bounded in size.
 */
import { parseSelector, type SelectorStep } from './granular-selector.js';

const MAX_CACHED_SELECTORS = 4096;

/** A bounded memo of parseSelector. */
export class SelectorCache {
  readonly #parsed = new Map<string, readonly SelectorStep[] | undefined>();

  /** parseSelector(selector), remembered. */
  parse(selector: unknown): readonly SelectorStep[] | undefined {
    if (typeof selector !== 'string') return undefined;
    if (this.#parsed.has(selector)) return this.#parsed.get(selector);
    const steps = parseSelector(selector);
    if (this.#parsed.size >= MAX_CACHED_SELECTORS) this.#parsed.clear();
    this.#parsed.set(selector, steps);
    return steps;
  }
}
