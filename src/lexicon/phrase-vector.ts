import type { Lexicon } from './types.js';

/** The mean of the words' vectors, unit length; undefined when none of them has one. */
export function phraseVector(words: readonly string[], lexicon: Lexicon): Float32Array | undefined {
  // One word: its vector is unit length already.
  if (words.length === 1) return lexicon.vector(words[0] ?? '');
  let sum: Float32Array | undefined;
  for (const word of words) {
    const v = lexicon.vector(word);
    if (!v) continue;
    sum ??= new Float32Array(v.length);
    for (let d = 0; d < v.length; d++) sum[d] = (sum[d] ?? 0) + (v[d] ?? 0);
  }
  if (!sum) return undefined;
  const norm = Math.hypot(...sum) || 1;
  return sum.map((x) => x / norm);
}

/** Cosine of two unit vectors. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let d = 0; d < a.length; d++) dot += (a[d] ?? 0) * (b[d] ?? 0);
  return dot;
}
