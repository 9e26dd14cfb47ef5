/**
 * One decoded model for every thread of a process: its arrays copied once into shared memory, which worker threads
 * receive and wrap again (the small indexes of the vocabulary and the bitmaps are rebuilt per thread, in milliseconds).
 */
import { RankedBitmap } from './bitmap.js';
import type { LanguageModelData } from './format.js';
import { Vocabulary } from './vocabulary.js';
import { WordColumn } from './word-column.js';

type Numbers = Float32Array | Uint32Array | Uint16Array | Uint8Array;

/** The model's data as plain arrays over SharedArrayBuffers: what a worker thread's workerData can carry without a copy. */
export interface SharedLanguageModelData {
  readonly vocabularyBytes: Uint8Array;
  readonly vocabularySize: number;
  readonly unknownLogProb: number;
  readonly unigramProb: Float32Array;
  readonly unigramBackoff: Float32Array;
  readonly bigramProbCodebook: Float32Array;
  readonly bigramBackoffCodebook: Float32Array;
  readonly trigramProbCodebook: Float32Array;
  readonly bigramStart: Uint32Array;
  readonly bigramWord: { readonly low: Uint16Array; readonly high: Uint32Array };
  readonly bigramProb: Uint16Array;
  readonly backoffHolders: { readonly bits: Uint32Array; readonly size: number };
  readonly bigramBackoff: Uint16Array;
  readonly defaultBackoffCode: number;
  readonly trigramParents: { readonly bits: Uint32Array; readonly size: number };
  readonly trigramStart: Uint32Array;
  readonly trigramWord: { readonly low: Uint16Array; readonly high: Uint32Array };
  readonly trigramProb: Uint16Array;
}

function shared<T extends Numbers>(array: T): T {
  const memory = new SharedArrayBuffer(array.byteLength);
  const copy = new (array.constructor as new (buffer: SharedArrayBuffer) => T)(memory);
  copy.set(array as never);
  return copy;
}

export function shareLanguageModelData(d: LanguageModelData): SharedLanguageModelData {
  return {
    vocabularyBytes: shared(d.vocabulary.bytes),
    vocabularySize: d.vocabulary.size,
    unknownLogProb: d.unknownLogProb,
    unigramProb: shared(d.unigramProb),
    unigramBackoff: shared(d.unigramBackoff),
    bigramProbCodebook: shared(d.bigramProbCodebook),
    bigramBackoffCodebook: shared(d.bigramBackoffCodebook),
    trigramProbCodebook: shared(d.trigramProbCodebook),
    bigramStart: shared(d.bigramStart),
    bigramWord: { low: shared(d.bigramWord.low), high: shared(d.bigramWord.high) },
    bigramProb: shared(d.bigramProb),
    backoffHolders: { bits: shared(d.backoffHolders.bits), size: d.backoffHolders.size },
    bigramBackoff: shared(d.bigramBackoff),
    defaultBackoffCode: d.defaultBackoffCode,
    trigramParents: { bits: shared(d.trigramParents.bits), size: d.trigramParents.size },
    trigramStart: shared(d.trigramStart),
    trigramWord: { low: shared(d.trigramWord.low), high: shared(d.trigramWord.high) },
    trigramProb: shared(d.trigramProb),
  };
}

/** The model's data over shared arrays, as decodeLanguageModel gives it. */
export function languageModelDataOf(s: SharedLanguageModelData): LanguageModelData {
  return {
    vocabulary: new Vocabulary(s.vocabularyBytes, s.vocabularySize),
    unknownLogProb: s.unknownLogProb,
    unigramProb: s.unigramProb,
    unigramBackoff: s.unigramBackoff,
    bigramProbCodebook: s.bigramProbCodebook,
    bigramBackoffCodebook: s.bigramBackoffCodebook,
    trigramProbCodebook: s.trigramProbCodebook,
    bigramStart: s.bigramStart,
    bigramWord: new WordColumn(s.bigramWord.low, s.bigramWord.high),
    bigramProb: s.bigramProb,
    backoffHolders: new RankedBitmap(s.backoffHolders.bits, s.backoffHolders.size),
    bigramBackoff: s.bigramBackoff,
    defaultBackoffCode: s.defaultBackoffCode,
    trigramParents: new RankedBitmap(s.trigramParents.bits, s.trigramParents.size),
    trigramStart: s.trigramStart,
    trigramWord: new WordColumn(s.trigramWord.low, s.trigramWord.high),
    trigramProb: s.trigramProb,
  };
}
