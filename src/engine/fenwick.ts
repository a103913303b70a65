/**
 * A Fenwick (binary indexed) tree of non-negative weights: set one weight and find the index at
 * which a prefix sum passes x, both in O(log n). The generic path's selection (generic-app.ts):
 * slower than the n-fold way's rate classes (kmc/solver.ts) but it needs no classes, so any rate
 * law fits. `rebuild()` recomputes every node from the weights (no drift from repeated updates).
 */
export class Fenwick {
  readonly n: number;
  readonly w: Float64Array;
  private readonly t: Float64Array;
  private readonly top: number;

  constructor(n: number) {
    this.n = n;
    this.w = new Float64Array(n);
    this.t = new Float64Array(n + 1);
    let p = 1;
    while (p * 2 <= n) p *= 2;
    this.top = p;
  }

  set(i: number, x: number): void {
    const d = x - this.w[i]!;
    if (d === 0) return;
    this.w[i] = x;
    for (let k = i + 1; k <= this.n; k += k & -k) this.t[k]! += d;
  }

  total(): number {
    let s = 0;
    for (let k = this.n; k > 0; k -= k & -k) s += this.t[k]!;
    return s;
  }

  /** the smallest i with w[0] + ... + w[i] > x (x in [0, total)), skipping zero weights; -1 if none */
  find(x: number): number {
    let pos = 0;
    for (let step = this.top; step > 0; step >>= 1) {
      const k = pos + step;
      if (k <= this.n && this.t[k]! <= x) { pos = k; x -= this.t[k]!; }
    }
    // pos = number of leading weights whose sum <= x; rounding can land on a zero weight or past the end
    let i = pos < this.n ? pos : this.n - 1;
    while (i >= 0 && this.w[i] === 0) i--;
    if (i < 0) { i = pos; while (i < this.n && this.w[i] === 0) i++; if (i >= this.n) return -1; }
    return i;
  }

  rebuild(): void {
    const t = this.t, n = this.n;
    t.fill(0);
    for (let i = 0; i < n; i++) {
      t[i + 1]! += this.w[i]!;
      const j = i + 1 + ((i + 1) & -(i + 1));
      if (j <= n) t[j]! += t[i + 1]!;
    }
  }
}
