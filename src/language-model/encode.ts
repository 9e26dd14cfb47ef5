/** Writes the compact model file described in format.ts (used by scripts/build-language-model.ts). */
import { gzipSync } from 'node:zlib';
import { MAGIC, type LanguageModelData } from './format.js';
import type { WordColumn } from './word-column.js';

/** A growable byte buffer. */
class Writer {
  private buffer = new Uint8Array(1 << 20);
  private length = 0;
  private reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
  raw(data: Uint8Array): void {
    this.reserve(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
  }
  private numbers(values: ArrayLike<number>, width: 2 | 4, float: boolean): void {
    const b = new Uint8Array(values.length * width);
    const view = new DataView(b.buffer);
    for (let i = 0; i < values.length; i++) {
      const v = values[i] ?? 0;
      if (float) view.setFloat32(i * 4, v, true);
      else if (width === 4) view.setUint32(i * 4, v, true);
      else view.setUint16(i * 2, v, true);
    }
    this.raw(b);
  }
  uint32s(values: ArrayLike<number>): void {
    this.numbers(values, 4, false);
  }
  uint16s(values: ArrayLike<number>): void {
    this.numbers(values, 2, false);
  }
  floats(values: ArrayLike<number>): void {
    this.numbers(values, 4, true);
  }
  varint(value: number): void {
    this.reserve(5);
    let v = value;
    while (v >= 0x80) {
      this.buffer[this.length++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buffer[this.length++] = v;
  }
  /** Each parent's child count. */
  counts(start: Uint32Array): void {
    for (let p = 0; p + 1 < start.length; p++) this.varint((start[p + 1] as number) - (start[p] as number));
  }
  /** The child lists of the parents delimited by start, each as gaps between ascending ids. */
  gaps(start: Uint32Array, ids: WordColumn): void {
    for (let p = 0; p + 1 < start.length; p++) {
      let previous = 0;
      for (let i = start[p] as number; i < (start[p + 1] as number); i++) {
        const id = ids.get(i);
        if (i > (start[p] as number) && id <= previous) throw new Error('language model: child lists must ascend');
        this.varint(id - previous);
        previous = id;
      }
    }
  }
  /** 16-bit values as a plane of high bytes, then one of low bytes. */
  planes(values: Uint16Array): void {
    const b = new Uint8Array(values.length * 2);
    for (let i = 0; i < values.length; i++) {
      b[i] = (values[i] as number) >>> 8;
      b[values.length + i] = (values[i] as number) & 0xff;
    }
    this.raw(b);
  }
  finish(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

/** The model file's bytes (gzip level 9: deterministic for a given zlib). */
export function encodeLanguageModel(data: LanguageModelData): Uint8Array {
  const v = data.vocabulary.size;
  const n2 = data.bigramWord.length;
  const n3 = data.trigramWord.length;
  const vocabulary = data.vocabulary.bytes;
  const packed = new Writer();
  packed.uint32s([vocabulary.length]);
  packed.floats([data.unknownLogProb]);
  packed.uint32s([data.defaultBackoffCode, data.backoffHolders.count, data.trigramParents.count]);
  packed.raw(vocabulary);
  packed.raw(new Uint8Array((4 - (vocabulary.length % 4)) % 4));
  packed.floats(data.unigramProb);
  packed.floats(data.unigramBackoff);
  packed.floats(data.bigramProbCodebook);
  packed.floats(data.bigramBackoffCodebook);
  packed.floats(data.trigramProbCodebook);
  packed.counts(data.bigramStart);
  packed.gaps(data.bigramStart, data.bigramWord);
  packed.uint32s(data.backoffHolders.bits);
  packed.planes(data.bigramBackoff);
  packed.uint32s(data.trigramParents.bits);
  if (data.trigramStart.length !== data.trigramParents.count + 1 || data.bigramBackoff.length !== data.backoffHolders.count) {
    throw new Error('language model: a bitmap does not match its array');
  }
  packed.counts(data.trigramStart);
  packed.gaps(data.trigramStart, data.trigramWord);
  const content = packed.finish();
  const gzipped = gzipSync(content, { level: 9 });

  const out = new Writer();
  out.raw(Buffer.from(MAGIC, 'latin1'));
  out.uint32s([v, n2, n3, gzipped.length, content.length]);
  out.uint16s(data.bigramProb);
  out.uint16s(data.trigramProb);
  out.raw(gzipped);
  return out.finish();
}
