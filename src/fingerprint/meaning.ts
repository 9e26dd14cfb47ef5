/**
 * The meaning channel's fingerprint: one vector per text that stays close when the wording changes and the meaning
 * does not, so that a paraphrase sharing no rare term with its source is still found. It is the smooth inverse
 * frequency (SIF) average of the lexicon's word vectors, less their common direction (Arora, Liang and Ma, "A Simple
 * but Tough-to-Beat Baseline for Sentence Embeddings", 2017): frequent words weigh little, and the direction every
 * text shares is taken out, leaving what this text says. The common direction is the one of the SIF average of the
 * lexicon's own frequent words, so that it is the same for every store and every query. Stored as 8-bit integers.
 */
import type { Lexicon } from '../lexicon/types.js';

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

/** The meaning vector of a text, its largest component ±127; undefined when the lexicon knows none of its words. */
export function meaningVector(text: string, lexicon: Lexicon): Int8Array | undefined {
  let sum: Float32Array | undefined;
  for (const [word] of text.toLowerCase().matchAll(/\p{L}+/gu)) {
    const v = lexicon.vector(word);
    if (!v) continue;
    sum ??= new Float32Array(v.length);
    const w = weight(lexicon.rank(word));
    for (let d = 0; d < v.length; d++) sum[d] = (sum[d] as number) + w * (v[d] as number);
  }
  if (!sum) return undefined;
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
