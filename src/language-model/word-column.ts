/**
 * The word ids of the n-grams' children (ids below 2^17): the low 16 bits in one array, the 17th
 * in a bitmap. Half the memory of 32-bit ids, which matters for loading as much as for holding.
 */
export class WordColumn {
  constructor(
    readonly low: Uint16Array,
    /** Bit i & 31 of word i >>> 5 set where id i is 65536 or more. */
    readonly high: Uint32Array,
  ) {
    if (high.length !== Math.ceil(low.length / 32)) throw new Error('word column: wrong bitmap size');
  }

  static readonly MAX_ID = (1 << 17) - 1;

  static fromIds(ids: ArrayLike<number>): WordColumn {
    const column = new WordColumn(new Uint16Array(ids.length), new Uint32Array(Math.ceil(ids.length / 32)));
    for (let i = 0; i < ids.length; i++) column.set(i, ids[i] as number);
    return column;
  }

  get length(): number {
    return this.low.length;
  }

  get(i: number): number {
    return (this.low[i] as number) | ((((this.high[i >>> 5] as number) >>> (i & 31)) & 1) << 16);
  }

  set(i: number, id: number): void {
    if (!(id >= 0 && id <= WordColumn.MAX_ID)) throw new RangeError(`word column: id ${id} out of range`);
    this.low[i] = id & 0xffff;
    const bit = 1 << (i & 31);
    this.high[i >>> 5] = id > 0xffff ? (this.high[i >>> 5] as number) | bit : (this.high[i >>> 5] as number) & ~bit;
  }

  /** Index of id in the ascending entries [from, to), or -1. */
  search(from: number, to: number, id: number): number {
    const low = this.low;
    const high = this.high;
    let lo = from;
    let hi = to - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = (low[mid] as number) | ((((high[mid >>> 5] as number) >>> (mid & 31)) & 1) << 16);
      if (at < id) lo = mid + 1;
      else if (at > id) hi = mid - 1;
      else return mid;
    }
    return -1;
  }
}
