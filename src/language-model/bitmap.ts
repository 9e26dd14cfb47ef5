/** A bit set with constant-time rank: which entries of a long array have something stored. */
export class RankedBitmap {
  /** Set bits before each 32-bit word. */
  private readonly before: Uint32Array;
  /** Number of set bits. */
  readonly count: number;

  /** bits: the set, 32 entries a word, entry i at bit (i & 31) of word i >>> 5. */
  constructor(
    readonly bits: Uint32Array,
    readonly size: number,
  ) {
    if (bits.length !== wordsFor(size)) throw new Error('bitmap: wrong number of words');
    this.before = new Uint32Array(bits.length + 1);
    let count = 0;
    for (let w = 0; w < bits.length; w++) {
      this.before[w] = count;
      count += popcount(bits[w] as number);
    }
    this.before[bits.length] = count;
    this.count = count;
  }

  static fromFlags(size: number, flag: (i: number) => boolean): RankedBitmap {
    const bits = new Uint32Array(wordsFor(size));
    for (let i = 0; i < size; i++) if (flag(i)) bits[i >>> 5] = (bits[i >>> 5] as number) | (1 << (i & 31));
    return new RankedBitmap(bits, size);
  }

  has(i: number): boolean {
    return (((this.bits[i >>> 5] as number) >>> (i & 31)) & 1) === 1;
  }

  /** Set bits before entry i: the index of i's item in a dense array of the set entries. */
  rank(i: number): number {
    const word = this.bits[i >>> 5] as number;
    const below = i & 31 ? word & (0xffffffff >>> (32 - (i & 31))) : 0;
    return (this.before[i >>> 5] as number) + popcount(below);
  }
}

export function wordsFor(size: number): number {
  return Math.ceil(size / 32);
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  return Math.imul(v, 0x01010101) >>> 24;
}
