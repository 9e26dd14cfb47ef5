/**
 * One decoded model for every thread of a process: its arrays copied once into shared memory, which worker threads
 * receive and wrap again (the small indexes of the vocabulary and the bitmaps are rebuilt per thread, in milliseconds).
 */
import { RankedBitmap } from './bitmap.js';
import type { LanguageModelData } from './format.js';
import { Vocabulary } from './vocabulary.js';
import { WordColumn } from './word-column.js';

type Numbers = Float32Array | Uint32Array | Uint16Array | Uint8Array;
type Column = { readonly low: Uint16Array; readonly high: Uint32Array };
type Bits = { readonly bits: Uint32Array; readonly size: number };
type Wrapped = 'vocabulary' | 'bigramWord' | 'trigramWord' | 'backoffHolders' | 'trigramParents';

/** The model's data as plain arrays over SharedArrayBuffers: what a worker thread's workerData can carry without a copy. */
export type SharedLanguageModelData = Omit<LanguageModelData, Wrapped> & {
  readonly vocabulary: { readonly bytes: Uint8Array; readonly size: number };
  readonly bigramWord: Column;
  readonly trigramWord: Column;
  readonly backoffHolders: Bits;
  readonly trigramParents: Bits;
};

function shared<T extends Numbers>(array: T): T {
  const memory = new SharedArrayBuffer(array.byteLength);
  const copy = new (array.constructor as new (buffer: SharedArrayBuffer) => T)(memory);
  copy.set(array as never);
  return copy;
}

export function shareLanguageModelData(d: LanguageModelData): SharedLanguageModelData {
  // Every array the data holds, copied into shared memory; numbers as they are; the wrapped ones by their arrays.
  const plain = Object.fromEntries(Object.entries(d).map(([name, value]) => [name, ArrayBuffer.isView(value) ? shared(value as Numbers) : value]));
  const column = (c: WordColumn): Column => ({ low: shared(c.low), high: shared(c.high) });
  const bits = (b: RankedBitmap): Bits => ({ bits: shared(b.bits), size: b.size });
  return {
    ...(plain as Omit<LanguageModelData, Wrapped>),
    vocabulary: { bytes: shared(d.vocabulary.bytes), size: d.vocabulary.size },
    bigramWord: column(d.bigramWord),
    trigramWord: column(d.trigramWord),
    backoffHolders: bits(d.backoffHolders),
    trigramParents: bits(d.trigramParents),
  };
}

/** The model's data over shared arrays, as decodeLanguageModel gives it. */
export function languageModelDataOf(s: SharedLanguageModelData): LanguageModelData {
  return {
    ...s,
    vocabulary: new Vocabulary(s.vocabulary.bytes, s.vocabulary.size),
    bigramWord: new WordColumn(s.bigramWord.low, s.bigramWord.high),
    trigramWord: new WordColumn(s.trigramWord.low, s.trigramWord.high),
    backoffHolders: new RankedBitmap(s.backoffHolders.bits, s.backoffHolders.size),
    trigramParents: new RankedBitmap(s.trigramParents.bits, s.trigramParents.size),
  };
}
