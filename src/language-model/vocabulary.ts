/**
 * A vocabulary read straight from the model file's '\n'-separated UTF-8 word list: an open-addressing
 * hash table of ids over the bytes, so that loading makes no string per word.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const NEWLINE = 10;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export class Vocabulary {
  readonly size: number;
  /** Where each word starts in bytes, size + 1 entries (the last one past the end). */
  private readonly offsets: Uint32Array;
  /** id + 1 at each slot, 0 where empty; a power of two at least twice the size. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** bytes: the words, UTF-8, '\n'-separated, in id order; size: their number, when known. */
  constructor(
    readonly bytes: Uint8Array,
    size?: number,
  ) {
    let count = size ?? 1;
    if (size === undefined) for (let i = 0; i < bytes.length; i++) if (bytes[i] === NEWLINE) count++;
    this.size = bytes.length === 0 ? 0 : count;
    this.offsets = new Uint32Array(this.size + 1);
    let capacity = 1024;
    while (capacity < 2 * this.size) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    let id = 0;
    let hash = FNV_OFFSET;
    for (let i = 0; i <= bytes.length && this.size > 0; i++) {
      const b = i < bytes.length ? (bytes[i] as number) : NEWLINE;
      if (b !== NEWLINE) {
        hash = Math.imul(hash ^ b, FNV_PRIME);
        continue;
      }
      if (id === this.size) throw new Error('vocabulary: more words than its size');
      this.offsets[id + 1] = i + 1;
      let slot = hash & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = id + 1;
      id++;
      hash = FNV_OFFSET;
    }
    if (id !== this.size) throw new Error('vocabulary: fewer words than its size');
  }

  static fromWords(words: readonly string[]): Vocabulary {
    if (words.some((word) => word.includes('\n'))) throw new Error('vocabulary: a word holds a line break');
    return new Vocabulary(encoder.encode(words.join('\n')));
  }

  /** The word's id, or undefined. An ASCII word is looked up by its characters, any other by its UTF-8 bytes. */
  id(word: string): number | undefined {
    let hash = FNV_OFFSET;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      if (c > 0x7f) {
        const bytes = encoder.encode(word);
        return this.lookup(bytes.reduce((h, b) => Math.imul(h ^ b, FNV_PRIME), FNV_OFFSET), bytes.length, (k) => bytes[k] as number);
      }
      hash = Math.imul(hash ^ c, FNV_PRIME);
    }
    return this.lookup(hash, word.length, (k) => word.charCodeAt(k));
  }

  /** The id of the word of this hash and length whose k-th byte is unit(k), or undefined. */
  private lookup(hash: number, length: number, unit: (k: number) => number): number | undefined {
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot] as number;
      if (entry === 0) return undefined;
      const start = this.offsets[entry - 1] as number;
      const end = (this.offsets[entry] as number) - 1;
      if (end - start !== length) continue;
      let same = true;
      for (let k = 0; k < length && same; k++) same = this.bytes[start + k] === unit(k);
      if (same) return entry - 1;
    }
  }

  /** The word with this id. */
  word(id: number): string {
    if (!(id >= 0 && id < this.size)) throw new RangeError(`no word with id ${id}`);
    return decoder.decode(this.bytes.subarray(this.offsets[id] as number, (this.offsets[id + 1] as number) - 1));
  }
}
