/**
 * CMU's US-English trigram language model (models/language-model/, built from Debian's
 * pocketsphinx-en-us by scripts/build-language-model.ts): log10 probabilities with Katz back-off, as
 * an ARPA reader computes them. Lookups are binary searches over sorted typed arrays.
 *
 * The model has no <unk>: a word outside the vocabulary gets the probability of the rarest words in
 * it (log10 ≈ -9.47, stored in the file), and cuts the context of the words after it, as an unknown
 * word does in sphinxbase.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeLanguageModel, type LanguageModelData } from './format.js';
import { languageModelDataOf, shareLanguageModelData, type SharedLanguageModelData } from './share.js';

export interface LanguageModel {
  readonly vocabularySize: number;
  /** The word's id, or undefined when it is not in the vocabulary (input lower-case; other input falls back to it). */
  wordId(word: string): number | undefined;
  /**
   * log10 P(word | previous two words) with Katz/ARPA back-off, as an ARPA reader computes it. Ids
   * from wordId, or the unknown, sentenceStart and sentenceEnd ids below. An unknown (or missing)
   * previous word leaves only the unigram; an unknown word before it leaves the bigram.
   */
  logProb(word: number, previous?: number, beforePrevious?: number): number;
  /** A sentinel id (equal to vocabularySize): logProb gives it the unknown-word floor, in any context. */
  readonly unknown: number;
  readonly sentenceStart: number;
  readonly sentenceEnd: number;
}

/** The file name of the committed model, under models/language-model/. */
export const MODEL_FILE = 'en-us-trigram.bin';

class TrigramModel implements LanguageModel {
  readonly vocabularySize: number;
  readonly unknown: number;
  readonly sentenceStart: number;
  readonly sentenceEnd: number;
  /** log10 probability of a word outside the vocabulary. */
  readonly unknownLogProb: number;

  /** The decoded arrays (shared memory when languageModelMemory made them so). */
  constructor(readonly data: LanguageModelData) {
    const d = data;
    this.vocabularySize = d.vocabulary.size;
    this.unknown = d.vocabulary.size;
    this.unknownLogProb = d.unknownLogProb;
    const start = d.vocabulary.id('<s>');
    const end = d.vocabulary.id('</s>');
    if (start === undefined || end === undefined) throw new Error('language model: <s> or </s> is missing');
    this.sentenceStart = start;
    this.sentenceEnd = end;
  }

  wordId(word: string): number | undefined {
    const id = this.data.vocabulary.id(word);
    if (id !== undefined) return id;
    const lower = word.toLowerCase();
    return lower === word ? undefined : this.data.vocabulary.id(lower);
  }

  private known(id: number | undefined): id is number {
    return id !== undefined && id >= 0 && id < this.vocabularySize && Number.isInteger(id);
  }

  /** The back-off weight of the bigram "u v", 0 when the model lacks it. */
  private bigramBackoff(u: number, v: number): number {
    const d = this.data;
    const j = d.bigramWord.search(d.bigramStart[v] as number, d.bigramStart[v + 1] as number, u);
    if (j < 0) return 0;
    const code = d.backoffHolders.has(j) ? (d.bigramBackoff[d.backoffHolders.rank(j)] as number) : d.defaultBackoffCode;
    return d.bigramBackoffCodebook[code] as number;
  }

  logProb(word: number, previous?: number, beforePrevious?: number): number {
    const d = this.data;
    if (!this.known(word)) return this.unknownLogProb;
    const unigram = d.unigramProb[word] as number;
    if (!this.known(previous)) return unigram;
    const withTrigram = this.known(beforePrevious);
    const j = d.bigramWord.search(d.bigramStart[word] as number, d.bigramStart[word + 1] as number, previous);
    if (j < 0) {
      const backedOff = unigram + (d.unigramBackoff[previous] as number);
      return withTrigram ? backedOff + this.bigramBackoff(beforePrevious, previous) : backedOff;
    }
    const bigram = d.bigramProbCodebook[d.bigramProb[j] as number] as number;
    if (!withTrigram) return bigram;
    if (d.trigramParents.has(j)) {
      const t = d.trigramParents.rank(j);
      const k = d.trigramWord.search(d.trigramStart[t] as number, d.trigramStart[t + 1] as number, beforePrevious);
      if (k >= 0) return d.trigramProbCodebook[d.trigramProb[k] as number] as number;
    }
    return bigram + this.bigramBackoff(beforePrevious, previous);
  }
}

/** A model over decoded model data (see format.ts). */
export function createLanguageModel(data: LanguageModelData): LanguageModel {
  return new TrigramModel(data);
}

/** Where the committed model lies (the same path from src/ and from dist/). */
export function defaultModelPath(): string {
  return fileURLToPath(new URL(`../../models/language-model/${MODEL_FILE}`, import.meta.url));
}

const loaded = new Map<string, LanguageModel>();

function readModelBytes(file: string): Uint8Array {
  if (!existsSync(file)) {
    throw new Error(`language model: ${file} is missing (build it with npx tsx scripts/build-language-model.ts)`);
  }
  return readFileSync(file);
}

/** Loads a model file (default: the committed model), once per path. */
export function loadLanguageModel(path?: string): LanguageModel {
  const file = resolve(path ?? defaultModelPath());
  const cached = loaded.get(file);
  if (cached) return cached;
  const model = createLanguageModel(decodeLanguageModel(readModelBytes(file)));
  loaded.set(file, model);
  return model;
}

let sharedMemory: SharedLanguageModelData | undefined;

/**
 * The committed model in shared memory, for worker threads to adopt (`adoptLanguageModel`) instead of each reading a
 * copy; this thread's model then reads the same memory.
 */
export function languageModelMemory(): SharedLanguageModelData {
  if (!sharedMemory) {
    const file = resolve(defaultModelPath());
    const known = loaded.get(file);
    const data = known instanceof TrigramModel ? known.data : decodeLanguageModel(readModelBytes(file));
    sharedMemory = shareLanguageModelData(data);
    loaded.set(file, createLanguageModel(languageModelDataOf(sharedMemory)));
  }
  return sharedMemory;
}

/** In a worker thread: the committed model over the memory another thread loaded (`languageModelMemory`). */
export function adoptLanguageModel(memory: SharedLanguageModelData): void {
  sharedMemory = memory;
  loaded.set(resolve(defaultModelPath()), createLanguageModel(languageModelDataOf(memory)));
}

export interface SentenceOptions {
  /** Also score </s> after the last word (appended to wordLogProbs, counted by perplexity). */
  readonly sentenceEnd?: boolean;
}

/**
 * Per-word log10 probabilities of a sentence (lower-case words), starting from <s>; unknown words
 * get the unknown-word floor. With sentenceEnd, one more entry: the probability of </s>.
 */
export function wordLogProbs(model: LanguageModel, words: readonly string[], options: SentenceOptions = {}): Float64Array {
  const out = new Float64Array(words.length + (options.sentenceEnd ? 1 : 0));
  let before: number | undefined;
  let previous = model.sentenceStart;
  for (let i = 0; i < words.length; i++) {
    const id = model.wordId(words[i] as string) ?? model.unknown;
    out[i] = model.logProb(id, previous, before);
    before = previous;
    previous = id;
  }
  if (options.sentenceEnd) out[words.length] = model.logProb(model.sentenceEnd, previous, before);
  return out;
}

/** Perplexity of a sentence's words (10^(-mean log10 prob)), </s> excluded unless asked for; 1 for no words. */
export function perplexity(model: LanguageModel, words: readonly string[], options: SentenceOptions = {}): number {
  const probs = wordLogProbs(model, words, options);
  if (probs.length === 0) return 1;
  let sum = 0;
  for (const p of probs) sum += p;
  return 10 ** (-sum / probs.length);
}
