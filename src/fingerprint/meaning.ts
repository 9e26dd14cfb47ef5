/**
 * The meaning channel's fingerprint: one vector per text that stays close when the wording changes and the meaning
 * does not, so that a paraphrase sharing no rare term with its source is still found. It is the smooth inverse
 * frequency (SIF) average of the lexicon's word vectors, less their common direction (Arora, Liang and Ma, "A Simple
 * but Tough-to-Beat Baseline for Sentence Embeddings", 2017): frequent words weigh little, and the direction every
 * text shares is taken out, leaving what this text says. The common direction is the one of the SIF average of the
 * lexicon's own frequent words, so that it is the same for every store and every query. Stored as 8-bit integers.
 */
import type { Lexicon } from '../lexicon/types.js';
import { textTokens } from './fingerprint.js';
import { IntTable } from './int-table.js';
import { tokenText, WordKind, type FingerprintTokens } from './tokens.js';

/** The SIF weight of a word of probability p is SMOOTHING / (SMOOTHING + p). */
const SMOOTHING = 1e-3;
/** The common direction is measured on this many of the most frequent words. */
const COMMON_WORDS = 30_000;
/** A word's probability is estimated from its frequency rank by Zipf's law over the lexicon's ranked words. */
const ZIPF_NORMALIZER = Math.log(150_000) + 0.5772;
/** Scale of the stored integers: the largest component of a vector is ±QUANTUM. */
const QUANTUM = 127;

const probability = (rank: number | undefined): number => (rank === undefined ? 0 : 1 / (rank * ZIPF_NORMALIZER));
const weight = (rank: number | undefined): number => SMOOTHING / (SMOOTHING + probability(rank));

function unit(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let d = 0; d < v.length; d++) v[d] = (v[d] as number) / norm;
  return v;
}

const commonDirections = new WeakMap<Lexicon, Float32Array | undefined>();

/** The direction the SIF average of every text leans to: the average the lexicon's frequent words make, by frequency. */
function commonDirection(lexicon: Lexicon): Float32Array | undefined {
  if (commonDirections.has(lexicon)) return commonDirections.get(lexicon);
  let sum: Float32Array | undefined;
  for (let rank = 1; rank <= COMMON_WORDS; rank++) {
    const word = lexicon.wordAt(rank);
    if (word === undefined) break;
    const v = lexicon.vector(word);
    if (!v) continue;
    sum ??= new Float32Array(v.length);
    const w = probability(rank) * weight(rank);
    for (let d = 0; d < v.length; d++) sum[d] = (sum[d] as number) + w * (v[d] as number);
  }
  const direction = sum && unit(sum);
  commonDirections.set(lexicon, direction);
  return direction;
}

/**
 * The vectors of the first words met, read once per process: the words of one corpus are mostly the same few tens of
 * thousands. Keyed by the tokens' own hashes, so that a text's words are not made into strings again (two words of one
 * 32-bit hash are rare, and would cost one word's share of one vector). Kept as the lexicon keeps them, 8-bit integers
 * times a factor (here the word's weight too): 5 MB where floats took 20, so that more of it stays in the processor's
 * cache (a corpus's first texts took 30% less time, the vectors being the same).
 */
const KEPT_WORDS = 50_000;
const NO_VECTOR = KEPT_WORDS;

interface KeptWords {
  readonly rows: IntTable;
  readonly vectors: Int8Array;
  /** Each row's weight times the scale of its integers. */
  readonly factors: Float64Array;
  readonly dimensions: number;
  /** Scratch: how often each kept word occurs in the text at hand (all 0 between texts). */
  readonly counts: Uint32Array;
}

const keptWords = new WeakMap<Lexicon, KeptWords>();

/** A word's vector times its weight, added to the sum; false when the lexicon has no vector for it. */
function addWord(sum: Float64Array, word: string, lexicon: Lexicon): boolean {
  const v = lexicon.vector(word);
  if (!v) return false;
  const w = weight(lexicon.rank(word));
  for (let d = 0; d < sum.length; d++) sum[d] = (sum[d] as number) + w * (v[d] as number);
  return true;
}

/** sum += times · vectors[at .. at + sum.length), four components a step: a fifth faster than one at a time. */
function addScaled(sum: Float64Array, vectors: Int8Array, at: number, times: number): void {
  const dimensions = sum.length;
  const whole = dimensions - (dimensions % 4);
  let d = 0;
  for (; d < whole; d += 4) {
    sum[d] = (sum[d] as number) + times * (vectors[at + d] as number);
    sum[d + 1] = (sum[d + 1] as number) + times * (vectors[at + d + 1] as number);
    sum[d + 2] = (sum[d + 2] as number) + times * (vectors[at + d + 2] as number);
    sum[d + 3] = (sum[d + 3] as number) + times * (vectors[at + d + 3] as number);
  }
  for (; d < dimensions; d++) sum[d] = (sum[d] as number) + times * (vectors[at + d] as number);
}

function kept(lexicon: Lexicon): KeptWords | undefined {
  if (keptWords.has(lexicon)) return keptWords.get(lexicon);
  const dimensions = lexicon.vector(lexicon.wordAt(1) ?? '')?.length;
  const words =
    dimensions === undefined
      ? undefined
      : { rows: new IntTable(KEPT_WORDS), vectors: new Int8Array(KEPT_WORDS * dimensions), factors: new Float64Array(KEPT_WORDS), dimensions, counts: new Uint32Array(KEPT_WORDS) };
  if (words) keptWords.set(lexicon, words);
  return words;
}

/** Keeps a word's vector as 8-bit integers and a factor, under the word's hash; its row, or NO_VECTOR when it has none. */
function keep(words: KeptWords, hash: number, word: string, lexicon: Lexicon): number {
  const v = lexicon.vector(word);
  let largest = 0;
  if (v) for (const x of v) largest = Math.max(largest, Math.abs(x));
  if (!v || largest === 0) {
    words.rows.add(hash, NO_VECTOR);
    return NO_VECTOR;
  }
  const row = words.rows.size;
  const scale = largest / QUANTUM;
  for (let d = 0, at = row * words.dimensions; d < words.dimensions; d++, at++) words.vectors[at] = Math.round((v[d] as number) / scale);
  words.factors[row] = weight(lexicon.rank(word)) * scale;
  words.rows.add(hash, row);
  return row;
}

/** The meaning vector of a text, its largest component ±127; undefined when the lexicon knows none of its words. */
export function meaningVector(text: string, lexicon: Lexicon): Int8Array | undefined {
  return meaningOfTokens(textTokens(text), lexicon);
}

/** The same, of a text's fingerprint tokens (page chrome left out): words, not numbers. */
export function meaningOfTokens(tokens: FingerprintTokens, lexicon: Lexicon): Int8Array | undefined {
  const words = kept(lexicon);
  if (!words) return undefined;
  const { rows, vectors, factors, dimensions, counts } = words;
  const sum = new Float64Array(dimensions);
  let found = false;
  // Kept words are counted first and added once each: a text says most of its words more than once.
  const seen: number[] = [];
  for (let i = 0; i < tokens.count; i++) {
    const kind = tokens.kinds[i];
    if (kind !== WordKind.Content && kind !== WordKind.Function) continue;
    const hash = tokens.hashes[i] as number;
    let row = rows.get(hash, -1);
    if (row === NO_VECTOR) continue;
    if (row < 0) {
      const word = tokenText(tokens, i);
      if (rows.size >= KEPT_WORDS) {
        found = addWord(sum, word, lexicon) || found;
        continue;
      }
      row = keep(words, hash, word, lexicon);
      if (row === NO_VECTOR) continue;
    }
    if (counts[row] === 0) seen.push(row);
    counts[row] = (counts[row] as number) + 1;
  }
  for (let k = 0; k < seen.length; k++) {
    const row = seen[k] as number;
    const times = counts[row] as number;
    counts[row] = 0;
    addScaled(sum, vectors, row * dimensions, times * (factors[row] as number));
  }
  if (!found && seen.length === 0) return undefined;
  const common = commonDirection(lexicon);
  if (common) {
    let along = 0;
    for (let d = 0; d < sum.length; d++) along += (sum[d] as number) * (common[d] as number);
    for (let d = 0; d < sum.length; d++) sum[d] = (sum[d] as number) - along * (common[d] as number);
  }
  let largest = 0;
  for (const x of sum) largest = Math.max(largest, Math.abs(x));
  if (largest === 0) return undefined;
  return Int8Array.from(sum, (x) => Math.round((x / largest) * QUANTUM));
}

/** Cosine of two meaning vectors. */
export function meaningCosine(x: Int8Array, y: Int8Array): number {
  let dot = 0;
  let xx = 0;
  let yy = 0;
  for (let d = 0; d < x.length; d++) {
    const u = x[d] as number;
    const v = y[d] as number;
    dot += u * v;
    xx += u * u;
    yy += v * v;
  }
  return xx > 0 && yy > 0 ? dot / Math.sqrt(xx * yy) : 0;
}
