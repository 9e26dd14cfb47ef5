/**
 * The compact trigram model file (models/language-model/en-us-trigram.bin), little-endian:
 *
 *   "UNSPLM3\n"                   magic, 8 bytes
 *   uint32 V, N2, N3              vocabulary size, bigrams, trigrams
 *   uint32 P, U                   bytes of the gzip stream at the end, and of its content
 *   uint16[N2], uint16[N3]        bigram then trigram probability codes, stored plainly (they are
 *                                 near-uniform over their codebooks: gzip would gain 1 %)
 *   P bytes, a gzip stream of:
 *     uint32 B                    vocabulary bytes
 *     float32 unknownLogProb      log10 probability given to words outside the vocabulary
 *     uint32 defaultBackoffCode   the back-off code of bigrams not in the back-off bitmap
 *     uint32 H, T                 bigrams in the back-off bitmap, bigrams in the trigram bitmap
 *     B bytes                     the words, UTF-8, '\n'-separated, in id order; zero-padded to 4
 *     float32[V] × 2              unigram log10 probabilities, then back-off weights
 *     float32[65536] × 3          codebooks (log10): bigram probabilities, bigram back-offs,
 *                                 trigram probabilities
 *     varint[V]                   bigrams under each word (their last word)
 *     varint[N2]                  each bigram's first word, as the gap from the one before in its
 *                                 word's list (lists sorted by id, so gaps after the first are ≥ 1)
 *     uint32[⌈N2/32⌉]             back-off bitmap: bigrams whose code is not the default
 *     uint8[H] × 2                their back-off codes, high bytes then low bytes
 *     uint32[⌈N2/32⌉]             trigram bitmap: bigrams with trigrams under them
 *     varint[T]                   trigrams under each of those
 *     varint[N3]                  each trigram's first word, as gaps likewise
 *
 * The n-grams form a reversed trie: bigram "v w" is stored under w, trigram "u v w" under that
 * bigram. Varints are LEB128 (7 bits a byte, low bits first); bitmaps hold entry i at bit i & 31 of
 * word i >>> 5. Word ids are ranked by descending unigram probability, so the id gaps are small.
 * encode.ts writes the format.
 */
import { endianness } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { RankedBitmap, wordsFor } from './bitmap.js';
import { Vocabulary } from './vocabulary.js';
import { WordColumn } from './word-column.js';

export const MAGIC = 'UNSPLM3\n';
export const CODEBOOK_SIZE = 1 << 16;
const LITTLE_ENDIAN = endianness() === 'LE';

/** Everything the model file holds, decoded. */
export interface LanguageModelData {
  readonly vocabulary: Vocabulary;
  readonly unknownLogProb: number;
  readonly unigramProb: Float32Array;
  readonly unigramBackoff: Float32Array;
  readonly bigramProbCodebook: Float32Array;
  readonly bigramBackoffCodebook: Float32Array;
  readonly trigramProbCodebook: Float32Array;
  /** Start of each word's bigrams in the bigram arrays, V + 1 entries. */
  readonly bigramStart: Uint32Array;
  /** The bigram's first word (the previous word). */
  readonly bigramWord: WordColumn;
  readonly bigramProb: Uint16Array;
  /** Bigrams whose back-off code is not defaultBackoffCode... */
  readonly backoffHolders: RankedBitmap;
  /** ...and their codes, in bigram order. */
  readonly bigramBackoff: Uint16Array;
  readonly defaultBackoffCode: number;
  /** Bigrams with trigrams under them... */
  readonly trigramParents: RankedBitmap;
  /** ...and where their trigrams start, in bigram order, one more entry at the end. */
  readonly trigramStart: Uint32Array;
  /** The trigram's first word (the word before the previous one). */
  readonly trigramWord: WordColumn;
  readonly trigramProb: Uint16Array;
}

class Reader {
  at = 0;
  constructor(readonly bytes: Uint8Array) {}
  need(n: number): void {
    if (this.at + n > this.bytes.length) throw new Error('language model: file is truncated');
  }
  uint32(): number {
    this.need(4);
    const v = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.at, 4).getUint32(0, true);
    this.at += 4;
    return v;
  }
  /** Copies n little-endian values of the given width into a fresh, aligned buffer. */
  private copy(n: number, width: 2 | 4): ArrayBuffer {
    this.need(n * width);
    const copy = new Uint8Array(n * width);
    copy.set(this.bytes.subarray(this.at, this.at + n * width));
    if (!LITTLE_ENDIAN) {
      const view = new DataView(copy.buffer);
      for (let p = 0; p < copy.length; p += width) {
        if (width === 4) view.setUint32(p, view.getUint32(p, true));
        else view.setUint16(p, view.getUint16(p, true));
      }
    }
    this.at += n * width;
    return copy.buffer;
  }
  floats(n: number): Float32Array {
    return new Float32Array(this.copy(n, 4));
  }
  uint32s(n: number): Uint32Array {
    return new Uint32Array(this.copy(n, 4));
  }
  /** A view on the bytes where they are aligned on a little-endian machine, else a copy. */
  uint16s(n: number): Uint16Array {
    const offset = this.bytes.byteOffset + this.at;
    if (!LITTLE_ENDIAN || offset % 2 !== 0) return new Uint16Array(this.copy(n, 2));
    this.need(n * 2);
    this.at += n * 2;
    return new Uint16Array(this.bytes.buffer, offset, n);
  }
  bitmap(size: number, count: number): RankedBitmap {
    const bitmap = new RankedBitmap(this.uint32s(wordsFor(size)), size);
    if (bitmap.count !== count) throw new Error('language model: a bitmap does not match its count');
    return bitmap;
  }
  /** 16-bit values stored as a plane of high bytes, then one of low bytes. */
  planes(n: number): Uint16Array {
    this.need(n * 2);
    const out = new Uint16Array(n);
    const hi = this.bytes.subarray(this.at, this.at + n);
    const lo = this.bytes.subarray(this.at + n, this.at + 2 * n);
    for (let i = 0; i < n; i++) out[i] = ((hi[i] as number) << 8) | (lo[i] as number);
    this.at += n * 2;
    return out;
  }
  /** Reads n child counts as starts: out[0] = 0, out[i + 1] = out[i] + count i. */
  starts(n: number): Uint32Array {
    const out = new Uint32Array(n + 1);
    const b = this.bytes;
    let at = this.at;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      // LEB128, below 2^28. Past the end, b[at] is undefined, which reads as 0; caught below.
      let byte = b[at++] as number;
      let v = byte & 0x7f;
      for (let shift = 7; byte & 0x80 && shift < 28; shift += 7) {
        byte = b[at++] as number;
        v |= (byte & 0x7f) << shift;
      }
      sum += v;
      out[i + 1] = sum;
    }
    if (at > b.length) throw new Error('language model: file is truncated');
    this.at = at;
    return out;
  }
  /** Reads the gap-coded child lists of the parents delimited by start: ids, each list ascending. */
  children(start: Uint32Array, vocabularySize: number): WordColumn {
    const total = start[start.length - 1] as number;
    const low = new Uint16Array(total);
    const high = new Uint32Array(Math.ceil(total / 32));
    const b = this.bytes;
    let at = this.at;
    for (let p = 0, end = start[0] as number; p + 1 < start.length; p++) {
      const first = end;
      end = start[p + 1] as number;
      let w = 0;
      for (let i = first; i < end; i++) {
        let byte = b[at++] as number;
        let gap = byte & 0x7f;
        for (let shift = 7; byte & 0x80 && shift < 28; shift += 7) {
          byte = b[at++] as number;
          gap |= (byte & 0x7f) << shift;
        }
        if (gap === 0 && i > first) throw new Error('language model: child list out of order');
        w += gap;
        low[i] = w;
        if (w > 0xffff) high[i >>> 5] = (high[i >>> 5] as number) | (1 << (i & 31));
      }
      if (w >= vocabularySize || w > WordColumn.MAX_ID) throw new Error('language model: word id out of range');
    }
    if (at > b.length) throw new Error('language model: file is truncated');
    this.at = at;
    return new WordColumn(low, high);
  }
}

/** Decodes a model file (as written by encodeLanguageModel). */
export function decodeLanguageModel(file: Uint8Array): LanguageModelData {
  const outer = new Reader(file);
  outer.need(MAGIC.length + 20);
  if (Buffer.from(file.subarray(0, MAGIC.length)).toString('latin1') !== MAGIC) {
    throw new Error('language model: not an Unspin trigram model file');
  }
  outer.at = MAGIC.length;
  const v = outer.uint32();
  const n2 = outer.uint32();
  const n3 = outer.uint32();
  const packedBytes = outer.uint32();
  const contentBytes = outer.uint32();
  const bigramProb = outer.uint16s(n2);
  const trigramProb = outer.uint16s(n3);
  if (outer.at + packedBytes !== file.length) throw new Error('language model: file size does not match its header');

  // One output chunk of the known size: no copying of chunks together.
  const r = new Reader(gunzipSync(file.subarray(outer.at), { chunkSize: Math.max(contentBytes, 64) }));
  if (r.bytes.length !== contentBytes) throw new Error('language model: the packed part has the wrong size');
  const vocabularyBytes = r.uint32();
  const unknownLogProb = r.floats(1)[0] as number;
  const defaultBackoffCode = r.uint32();
  const holders = r.uint32();
  const parents = r.uint32();
  r.need(vocabularyBytes);
  const vocabulary = new Vocabulary(new Uint8Array(r.bytes.subarray(r.at, r.at + vocabularyBytes)), v);
  r.at += vocabularyBytes + ((4 - (vocabularyBytes % 4)) % 4);
  const unigramProb = r.floats(v);
  const unigramBackoff = r.floats(v);
  const bigramProbCodebook = r.floats(CODEBOOK_SIZE);
  const bigramBackoffCodebook = r.floats(CODEBOOK_SIZE);
  const trigramProbCodebook = r.floats(CODEBOOK_SIZE);
  const bigramStart = r.starts(v);
  if (bigramStart[v] !== n2) throw new Error('language model: bigram counts do not add up');
  const bigramWord = r.children(bigramStart, v);
  const backoffHolders = r.bitmap(n2, holders);
  const bigramBackoff = r.planes(holders);
  const trigramParents = r.bitmap(n2, parents);
  const trigramStart = r.starts(parents);
  if (trigramStart[parents] !== n3) throw new Error('language model: trigram counts do not add up');
  const trigramWord = r.children(trigramStart, v);
  if (r.at !== r.bytes.length) throw new Error('language model: unexpected bytes after the trigrams');
  return {
    vocabulary,
    unknownLogProb,
    unigramProb,
    unigramBackoff,
    bigramProbCodebook,
    bigramBackoffCodebook,
    trigramProbCodebook,
    bigramStart,
    bigramWord,
    bigramProb,
    backoffHolders,
    bigramBackoff,
    defaultBackoffCode,
    trigramParents,
    trigramStart,
    trigramWord,
    trigramProb,
  };
}
