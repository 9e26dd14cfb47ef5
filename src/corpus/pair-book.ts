import type { PairVerdict } from './cluster.js';

/** What a scan knows of a pair it compared: the whole verdict of a derived pair; only that the rest are apart. */
export type Recorded = PairVerdict | 'apart';

/**
 * The pairs a scan has compared, and their verdicts: kept in memory by the embedded scan, in Redis by a
 * distributed one (several processes compare pairs at once, and a pair proposed from both sides is compared once).
 * Pairs are given lower number first.
 */
export interface PairBook {
  /** Takes a pair to compare: false when it is taken, or compared, already. */
  take(a: number, b: number): Promise<boolean>;
  record(a: number, b: number, verdict: PairVerdict): Promise<void>;
  /** What was recorded of each pair; undefined for a pair not compared. */
  recorded(pairs: readonly (readonly [number, number])[]): Promise<(Recorded | undefined)[]>;
  /** Every derived pair recorded, in no particular order. */
  derivedPairs(): AsyncIterable<readonly [number, number]>;
  /** How many pairs were compared. */
  compared(): Promise<number>;
}

/** One process's pair book. A million documents make some three million pairs: the apart ones take a number each. */
export class MemoryPairBook implements PairBook {
  private readonly derived = new Map<number, PairVerdict>();
  private readonly apart = new Set<number>();
  private readonly taken = new Set<number>();
  private count = 0;

  private static key(a: number, b: number): number {
    return a * 2 ** 26 + b;
  }

  async take(a: number, b: number): Promise<boolean> {
    const key = MemoryPairBook.key(a, b);
    if (this.taken.has(key) || this.derived.has(key) || this.apart.has(key)) return false;
    this.taken.add(key);
    return true;
  }

  async record(a: number, b: number, verdict: PairVerdict): Promise<void> {
    const key = MemoryPairBook.key(a, b);
    this.taken.delete(key);
    if (verdict.derived) this.derived.set(key, verdict);
    else this.apart.add(key);
    this.count++;
  }

  async recorded(pairs: readonly (readonly [number, number])[]): Promise<(Recorded | undefined)[]> {
    return pairs.map(([a, b]) => {
      const key = MemoryPairBook.key(a, b);
      return this.derived.get(key) ?? (this.apart.has(key) ? 'apart' : undefined);
    });
  }

  async *derivedPairs(): AsyncIterable<readonly [number, number]> {
    for (const key of this.derived.keys()) yield [Math.floor(key / 2 ** 26), key % 2 ** 26];
  }

  async compared(): Promise<number> {
    return this.count;
  }
}
