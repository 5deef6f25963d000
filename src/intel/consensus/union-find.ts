/** Disjoint sets over dense integer elements (union by size, path halving): near O(1) per operation. */
export class UnionFind {
  readonly #parent: number[] = [];
  readonly #size: number[] = [];

  /** A new element in a set of its own; returns its number. */
  make(): number {
    const n = this.#parent.length;
    this.#parent.push(n);
    this.#size.push(1);
    return n;
  }

  /** The representative of the element's set. */
  find(x: number): number {
    const parent = this.#parent;
    let e = x;
    while (parent[e] !== e) {
      const grand = parent[parent[e] as number] as number;
      parent[e] = grand;
      e = grand;
    }
    return e;
  }

  /** Joins the sets of `a` and `b`. */
  union(a: number, b: number): void {
    let x = this.find(a);
    let y = this.find(b);
    if (x === y) return;
    const size = this.#size;
    if ((size[x] as number) < (size[y] as number)) [x, y] = [y, x];
    this.#parent[y] = x;
    size[x] = (size[x] as number) + (size[y] as number);
  }
}
