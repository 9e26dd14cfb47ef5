/**
 * What a language model sees of a spinner: words that fit their place far worse than a synonym would ("consider tank"
 * for "think tank", "concur" for "agree"). For each open-class word, its best WordNet synonym in CMU's trigram model;
 * the gain is how much likelier the sentence reads with it.
 * Names, numbers and page chrome are left alone: a rare name is no spinner's work.
 */
import { loadLanguageModel, type LanguageModel } from '../language-model/model.js';
import type { Lexicon } from '../lexicon/types.js';
import { inflectionOf } from '../text/inflect.js';
import type { Analysis, Token } from '../text/types.js';

/** One word whose synonym reads far likelier in its place. */
export interface FluencySwap {
  /** Index of the written word's token in the analysis. */
  readonly token: number;
  readonly written: string;
  readonly alternative: string;
  /** log10 of how many times likelier the sentence reads with the alternative. */
  readonly gain: number;
}

/** WordNet lists a word's common senses first. */
const SYNONYMS = 20;
/** Swaps that make a sentence less than ten times likelier are everyday word choice. */
const MIN_GAIN = 1;
/** A capitalized word this frequent (by rank) is a common word in a title and may be spun; rarer ones are names. */
const COMMON_RANK = 8_000;

/** Sum of log10 probabilities of ids[from, to) in their trigram context, from the sentence start. */
function localLogProb(lm: LanguageModel, ids: readonly number[], from: number, to: number): number {
  let sum = 0;
  for (let k = from; k < Math.min(to, ids.length); k++) {
    const previous = k >= 1 ? ids[k - 1] : lm.sentenceStart;
    const before = k >= 2 ? ids[k - 2] : k === 1 ? lm.sentenceStart : undefined;
    sum += lm.logProb(ids[k] as number, previous, before);
  }
  return sum;
}

function spinnable(t: Token, lexicon: Lexicon): boolean {
  if (t.kind !== 'word' || t.isFunction || t.lower.length < 3 || !/^\p{L}+$/u.test(t.lower)) return false;
  return !t.isName || (lexicon.rank(t.lower) ?? Infinity) <= COMMON_RANK;
}

export class FluencyFinder {
  constructor(
    private readonly lexicon: Lexicon,
    private readonly lm: LanguageModel = loadLanguageModel(),
  ) {}

  /** WordNet's one-word synonyms of a written word, in its form. */
  private alternatives(word: Token): string[] {
    const out = new Set<string>();
    const inflect = inflectionOf(word.lower, word.lemma);
    for (const synonym of this.lexicon.synonyms(word.lemma).slice(0, SYNONYMS)) {
      if (/^[a-z]+$/.test(synonym) && synonym !== word.lemma) out.add(inflect ? inflect(synonym) : synonym);
    }
    return [...out];
  }

  /** The best swap of each word of one sentence, where one gains enough. */
  private sentenceSwaps(words: readonly Token[]): FluencySwap[] {
    const lm = this.lm;
    const ids = words.map((t) => lm.wordId(t.lower) ?? lm.unknown);
    const found: FluencySwap[] = [];
    words.forEach((word, i) => {
      if (!spinnable(word, this.lexicon) || ids[i] === lm.unknown) return;
      // Only the word and the two after it see the swap.
      const written = localLogProb(lm, ids, i, i + 3);
      const swapped = [...ids];
      let best: FluencySwap | undefined;
      for (const alternative of this.alternatives(word)) {
        const id = lm.wordId(alternative);
        if (id === undefined) continue;
        swapped[i] = id;
        const gain = localLogProb(lm, swapped, i, i + 3) - written;
        if (gain >= MIN_GAIN && (!best || gain > best.gain)) best = { token: word.index, written: word.lower, alternative, gain };
      }
      if (best) found.push(best);
    });
    return found;
  }

  /** The text's swaps, in text order. */
  swaps(doc: Analysis): FluencySwap[] {
    const all: FluencySwap[] = [];
    for (const sentence of doc.sentences) {
      if (!sentence.chrome) all.push(...this.sentenceSwaps(doc.tokens.slice(sentence.tokens[0], sentence.tokens[1]).filter((t) => t.kind === 'word')));
    }
    return all;
  }
}

/** Gains count up to this much each (log10): one absurd swap is no more telling than a clear one. */
const GAIN_CAP = 3;
/** Words added to a text's length when weighing its swaps: a short text's few swaps say less. */
const LENGTH_PRIOR = 150;

/** How spun a text reads to the language model: its swaps' gains beyond the noise, per 100 words (shrunk for short texts). */
export function swapDensity(swaps: readonly FluencySwap[], doc: Analysis): number {
  const words = doc.sentences.filter((s) => !s.chrome).reduce((n, s) => n + doc.tokens.slice(s.tokens[0], s.tokens[1]).filter((t) => t.kind === 'word').length, 0);
  const weight = swaps.reduce((sum, s) => sum + Math.min(GAIN_CAP, s.gain - MIN_GAIN), 0);
  return (100 * weight) / (words + LENGTH_PRIOR);
}
