/**
 * Deterministic pseudo-random numbers for the kMC engine: xoshiro128** (Blackman & Vigna),
 * seeded through splitmix32. 32-bit integer arithmetic only, so results are bit-identical
 * on every platform; the state is four uint32 words and can be saved and restored.
 */
import { InputError } from '../errors.js';
export class Rng {
  private s0: number; private s1: number; private s2: number; private s3: number;

  /**
   * Seeds are integers 0 .. 2^53 - 1 (Number.MAX_SAFE_INTEGER); anything else throws. The low 32
   * bits seed the splitmix32 stream (as in v1, so every seed below 2^32 gives the same numbers as
   * before); the high bits, through the same bijective finaliser, are xored into the second state
   * word. The map from seed to state is one-to-one: seeds above 2^32 no longer repeat lower ones.
   */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new InputError('seed', seed, 'an integer from 0 to 2^53 - 1 (9007199254740991)');
    const hi = Math.floor(seed / 4294967296);
    let x = (seed >>> 0) ^ 0x9e3779b9;
    const next = () => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next(); this.s1 = next(); this.s2 = next(); this.s3 = next();
    if (hi !== 0) this.s1 = (this.s1 ^ fmix32(hi)) >>> 0; // fmix32 is a bijection with fmix32(0) = 0
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** uniform uint32 */
  nextU32(): number {
    const s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    let n2 = s2 ^ s0, n3 = s3 ^ s1;
    const n1 = s1 ^ n2, n0 = s0 ^ n3;
    n2 ^= t;
    n3 = rotl(n3, 11);
    this.s0 = n0; this.s1 = n1; this.s2 = n2; this.s3 = n3;
    return r;
  }

  /** uniform double in [0, 1) with 53 random bits */
  next(): number {
    const hi = this.nextU32() >>> 5, lo = this.nextU32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** uniform double in (0, 1], safe for -log(u) */
  nextOpen(): number { return 1 - this.next(); }

  /**
   * uniform integer in [0, n) (n < 2^32), unbiased by rejection. For n < 2^21 Lemire's
   * multiply-and-shift method (the product of a 32-bit draw and n is exact in a double), which
   * needs no division on almost every call; larger n reject draws above the largest multiple of n.
   */
  int(n: number): number {
    if (n <= 1) return 0;
    if (n < 2097152) {
      for (;;) {
        const m = this.nextU32() * n;
        const hi = Math.floor(m / 4294967296);
        const lo = m - hi * 4294967296;
        if (lo >= n || lo >= (4294967296 - n) % n) return hi;
      }
    }
    // robust62: NaN, undefined, text or n > 2^32 (limit 0 or NaN) never left the loop below; looked at here only, off the
    // hot path (the engine's n are below 2^21), so no draw changes
    if (!(Number.isInteger(n) && n <= 4294967296)) throw new InputError('n', n, 'a whole number of outcomes from 1 to 2^32 (4294967296)');
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const r = this.nextU32();
      if (r < limit) return r % n;
    }
  }

  getState(): [number, number, number, number] { return [this.s0, this.s1, this.s2, this.s3]; }
  setState(s: readonly number[]): void {
    this.s0 = s[0]! >>> 0; this.s1 = s[1]! >>> 0; this.s2 = s[2]! >>> 0; this.s3 = s[3]! >>> 0;
  }
}

/**
 * A stream of its own, from a run's seed, for a draw that is not part of the kinetics (tag: which
 * one, e.g. SAC placement): the state of Rng(seed) with each word xored with the tag and a word
 * constant and passed through fmix32 (a bijection), so different tags and seeds give different
 * states. Drawing from it leaves the kinetic stream Rng(seed) untouched: a run with SACs draws the
 * same kinetic numbers as the run without them (a host-identical twin is then the host's run).
 */
export function seedStream(seed: number, tag: number): Rng {
  const r = new Rng(seed);
  const t = Math.imul((tag >>> 0) + 1, 0x9e3779b9) >>> 0;
  const s = r.getState().map((w, i) => fmix32((w ^ t ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0));
  if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;
  r.setState(s);
  return r;
}

/** murmur3's 32-bit finaliser: a bijection on uint32 */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function rotl(x: number, k: number): number { return (x << k) | (x >>> (32 - k)); }
