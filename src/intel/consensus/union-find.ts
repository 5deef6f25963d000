/** Disjoint sets over the integers 0..n-1 (union by size, path halving): near O(1) per operation. */
export class UnionFind {
  readonly #parent: Int32Array;
  readonly #size: Int32Array;

  /** `n` elements, each in a set of its own. */
  constructor(n: number) {
    this.#parent = new Int32Array(n);
    this.#size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.#parent[i] = i;
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

  /** How many elements the set of representative `root` holds. */
  sizeOf(root: number): number {
    return this.#size[root] as number;
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
