/** A seeded PRNG (mulberry32): the fuzzer is deterministic for a given `--seed`. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** A new generator derived from this one (sub-streams stay stable when one generator changes). */
  fork(salt: number): Rng {
    return new Rng((this.int(2 ** 31) ^ Math.imul(salt, 0x9e3779b1)) >>> 0);
  }
}
