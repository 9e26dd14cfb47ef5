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

/** Word vectors for one piece of work, each read from the lexicon (which builds a new array per call) once. */
export function vectorReader(lexicon: Lexicon | undefined): (word: string) => Float32Array | undefined {
  const vectors = new Map<string, Float32Array | undefined>();
  return (word) => {
    if (!vectors.has(word)) vectors.set(word, lexicon?.vector(word));
    return vectors.get(word);
  };
}

/** Cosine of two unit vectors. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let d = 0; d < a.length; d++) dot += (a[d] ?? 0) * (b[d] ?? 0);
  return dot;
}
