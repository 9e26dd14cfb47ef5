import { vectorReader } from '../lexicon/phrase-vector.js';
import type { Lexicon } from '../lexicon/types.js';
import type { Analysis, Token } from '../text/types.js';
import { tokenWeight, type WordMatcher } from './word-match.js';

/** A sentence reduced to what alignment compares: its weighted content tokens and a meaning vector. */
export interface SentenceProfile {
  readonly index: number;
  readonly tokens: readonly Token[];
  readonly weights: readonly number[];
  readonly totalWeight: number;
  readonly vector: Float32Array | undefined;
  readonly lemmas: ReadonlySet<string>;
  /** Every token's lower-case form and lemma: a word found here has its exact counterpart in the sentence. */
  readonly lowers: ReadonlySet<string>;
  readonly allLemmas: ReadonlySet<string>;
  /** Per token: whether it can have synonyms at all (WordMatcher.canSwap). */
  readonly swappable: readonly boolean[];
  /** Per token: the matcher's id of its lemma. */
  readonly ids: Int32Array;
}

export function profileSentences(doc: Analysis, lexicon: Lexicon | undefined, matcher: WordMatcher): SentenceProfile[] {
  // A word's vector is read once per text, however often the word comes.
  const vectorOf = vectorReader(lexicon);
  return doc.sentences.map((s) => {
    // Page chrome is given no words: it is never linked.
    const tokens = s.chrome ? [] : doc.tokens.slice(s.tokens[0], s.tokens[1]).filter((t) => t.kind !== 'punct');
    const weights = tokens.map((t) => tokenWeight(t, lexicon));
    let vector: Float32Array | undefined;
    tokens.forEach((t, i) => {
      const v = t.isFunction ? undefined : vectorOf(t.lower);
      if (!v) return;
      vector ??= new Float32Array(v.length);
      const w = weights[i] ?? 0;
      for (let d = 0; d < v.length; d++) vector[d] = (vector[d] ?? 0) + w * (v[d] ?? 0);
    });
    return {
      index: s.index,
      tokens,
      weights,
      totalWeight: weights.reduce((x, y) => x + y, 0),
      vector: vector && unit(vector),
      lemmas: new Set(tokens.filter((t) => !t.isFunction).map((t) => t.lemma)),
      lowers: new Set(tokens.map((t) => t.lower)),
      allLemmas: new Set(tokens.map((t) => t.lemma)),
      swappable: tokens.map((t) => matcher.canSwap(t)),
      ids: Int32Array.from(tokens, (t) => matcher.id(t.lemma)),
    };
  });
}

function unit(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return v.map((x) => x / norm);
}

export function cosine(a: Float32Array | undefined, b: Float32Array | undefined): number {
  if (!a || !b) return 0;
  let dot = 0;
  for (let d = 0; d < a.length; d++) dot += (a[d] ?? 0) * (b[d] ?? 0);
  return dot;
}

/**
 * Share of `from`'s weighted words that find a counterpart in `to` (each word's best match score).
 * Asymmetric on purpose: it measures how much of one sentence is contained in the other.
 */
export function containment(from: readonly SentenceProfile[], to: readonly SentenceProfile[], matcher: WordMatcher): number {
  let found = 0;
  let total = 0;
  for (const f of from) {
    f.tokens.forEach((tf, i) => {
      const w = f.weights[i] ?? 0;
      total += w;
      found += w * bestMatch(tf, f.swappable[i] ? (f.ids[i] as number) : -1, to, matcher);
    });
  }
  return total > 0 ? found / total : 0;
}

/**
 * The best score of `token` against any word of `to`. The same word is looked up in the sentences' sets; only a
 * word that can have synonyms (it has a lemma id, else -1) is compared word by word, and only with words that can too.
 */
function bestMatch(token: Token, id: number, to: readonly SentenceProfile[], matcher: WordMatcher): number {
  for (const t of to) if (t.lowers.has(token.lower) || t.allLemmas.has(token.lemma)) return 1;
  if (id < 0) return 0;
  let best = 0;
  for (const t of to) {
    for (let j = 0; j < t.tokens.length; j++) {
      if (!t.swappable[j]) continue;
      const s = matcher.swapScore(token, id, t.tokens[j] as Token, t.ids[j] as number);
      if (s > best) {
        best = s;
        if (best === 1) return 1;
      }
    }
  }
  return best;
}

/** Symmetric 0–1 similarity of two groups of sentences: the harmonic mean of the two containments. */
export function groupSimilarity(a: readonly SentenceProfile[], b: readonly SentenceProfile[], matcher: WordMatcher): number {
  const ab = containment(a, b, matcher);
  const ba = containment(b, a, matcher);
  return ab + ba > 0 ? (2 * ab * ba) / (ab + ba) : 0;
}
