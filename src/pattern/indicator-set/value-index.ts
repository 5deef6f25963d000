/** The index of many patterns' keys by object type and path, giving the candidate patterns of an event. */
import { walkPath } from '../matcher/object-path.js';
import type { Observation } from '../matcher/observation-set.js';
import type { IndexKey } from './index-keys.js';
import { type CandidateSink, PathIndex } from './path-index.js';

interface TypeIndex {
  readonly paths: Map<string, PathIndex>;
  readonly typeOnly: number[];
}

/** The candidate patterns of one event; per-pattern stamps de-duplicate without a set per event. */
class Candidates implements CandidateSink {
  private stamps = new Uint32Array(1024);
  private epoch = 0;
  list: number[] = [];

  reset(): void {
    this.list = [];
    if (++this.epoch === 0xffffffff) {
      this.stamps.fill(0);
      this.epoch = 1;
    }
  }

  add(ids: readonly number[]): void {
    for (const id of ids) {
      if (id >= this.stamps.length) {
        const grown = new Uint32Array(Math.max(id + 1, this.stamps.length * 2));
        grown.set(this.stamps);
        this.stamps = grown;
      }
      if (this.stamps[id] !== this.epoch) {
        this.stamps[id] = this.epoch;
        this.list.push(id);
      }
    }
  }
}

/** Pattern ids under their index keys; `candidates` walks only the paths indexed for the event's SCO types. */
export class ValueIndex {
  private readonly types = new Map<string, TypeIndex>();
  private readonly sink = new Candidates();
  /** How many keys were indexed by value, and how many by object type alone. */
  indexed = 0;
  typeOnly = 0;

  /** Registers pattern `id` under each of `keys`. */
  add(id: number, keys: readonly IndexKey[]): void {
    for (const key of keys) {
      let t = this.types.get(key.type);
      if (!t) {
        t = { paths: new Map(), typeOnly: [] };
        this.types.set(key.type, t);
      }
      if (key.kind === 'type') {
        if (t.typeOnly[t.typeOnly.length - 1] !== id) t.typeOnly.push(id);
        this.typeOnly++;
        continue;
      }
      const sig = JSON.stringify(key.steps.map((s) => (s.kind === 'key' ? s.name : [s.index])));
      let p = t.paths.get(sig);
      if (!p) {
        p = new PathIndex(key.steps, this.sink);
        t.paths.set(sig, p);
      }
      p.add(key, id);
      this.indexed++;
    }
  }

  /** The ids whose keys the observations hit, in the order first hit (valid until the next call). */
  candidates(observations: readonly Observation[]): readonly number[] {
    const sink = this.sink;
    sink.reset();
    for (const obs of observations)
      for (const [type, roots] of obs.byType) {
        const t = this.types.get(type);
        if (!t) continue;
        sink.add(t.typeOnly);
        for (const p of t.paths.values()) for (const root of roots) walkPath(root, p.steps, obs, p.visitor);
      }
    return sink.list;
  }

  /** How many distinct (type, path) indexes exist. */
  get paths(): number {
    let n = 0;
    for (const t of this.types.values()) n += t.paths.size;
    return n;
  }
}
