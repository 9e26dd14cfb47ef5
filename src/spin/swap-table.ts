import { meaningVector } from '../fingerprint/meaning.js';
import type { Lexicon } from '../lexicon/types.js';
import type { SpinPair } from './types.js';

/** What a list of spinner phrases says about one word. */
export interface WordProfile {
  /** How often the spinner wrote this word in place of another (weighted by the rows' counts, log-damped). */
  spun: number;
  /** How often the word stood in a list phrase in its own right: in an expected phrase, or kept by the spinner. */
  clean: number;
  /** The words it replaced, with weights. */
  originals: Map<string, number>;
}

/** An n-gram of the list's expected phrases: how much weight the list gives it, and how it spells it. */
export interface Expression {
  weight: number;
  readonly words: readonly string[];
}

/** A list's notes ("artificial neural network (ANN)", "expert system [AI]") are not part of the wording. */
export function expectedWording(expected: string): string {
  return expected
    .replace(/\s*[([][^)\]]*[)\]]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The inflection a word shows: enough to pick "embedded" over "embedding" for "installed". */
function ending(word: string): string {
  if (/[^e]ed$/.test(word) || /ied$/.test(word)) return 'ed';
  if (/ing$/.test(word)) return 'ing';
  if (/[^s]s$/.test(word)) return 's';
  return '';
}

const words = (phrase: string): string[] => phrase.toLowerCase().split(/[\s/]+/).filter(Boolean);

/** Pairs of word runs that differ between the tortured and the expected wording, after the shared head and tail. */
function swappedRuns(tortured: string[], expected: string[]): Array<[from: string[], to: string[]]> {
  let head = 0;
  while (head < tortured.length && head < expected.length && tortured[head] === expected[head]) head++;
  let tail = 0;
  while (
    tail < tortured.length - head &&
    tail < expected.length - head &&
    tortured[tortured.length - 1 - tail] === expected[expected.length - 1 - tail]
  ) {
    tail++;
  }
  const from = tortured.slice(head, tortured.length - tail);
  const to = expected.slice(head, expected.length - tail);
  if (from.length === 0 || to.length === 0) return [];
  if (from.length === to.length) {
    // Word for word, as spinners work: keep the positions that changed.
    return from.flatMap((word, i) => (word === to[i] ? [] : [[[word], [to[i] ?? '']] as [string[], string[]]]));
  }
  // "area unit" → "are", "thirty day period" → "month": one unit for another.
  return from.length <= 3 && to.length <= 3 ? [[from, to]] : [];
}

/**
 * Everything a spin lexicon teaches: its exact phrases, the word swaps inside them ("counterfeit" →
 * "artificial" generalizes to "counterfeit neural network"), and the expected phrases as a vocabulary of
 * common expressions.
 */
export class SwapTable {
  /** Lower-case tortured phrase → its most common expected wording. */
  private readonly phrases = new Map<string, { expected: string; count: number }>();
  /** Keys are lower-case words or multi-word units, and their lemmas. */
  private readonly profiles = new Map<string, WordProfile>();
  /** Lemma n-grams (2–4 words) of expected phrases → weight and the commonest spelling. */
  private readonly expressions = new Map<string, Expression>();
  /** Adjacent word pairs of the tortured phrases ("neural organization") → weight: the spinner's stock pieces. */
  private readonly torturedPairs = new Map<string, number>();
  /** Lemma → the spellings the list's expected phrases use for it. */
  private readonly spellings = new Map<string, Set<string>>();
  /** Longest tortured phrase, in words. */
  longestPhrase = 0;
  /** The meaning vector of the expected phrases: what the texts the list came from are about. */
  readonly domain: Int8Array | undefined;

  constructor(pairs: readonly SpinPair[], private readonly lexicon: Lexicon) {
    for (const pair of pairs) this.learn(pair);
    this.domain = meaningVector(pairs.map((p) => expectedWording(p.expected)).join('.\n'), lexicon);
  }

  private profile(key: string): WordProfile {
    let profile = this.profiles.get(key);
    if (!profile) {
      profile = { spun: 0, clean: 0, originals: new Map() };
      this.profiles.set(key, profile);
    }
    return profile;
  }

  private lemmas(phrase: readonly string[]): string {
    return phrase.map((w) => this.lexicon.lemma(w)).join(' ');
  }

  private learn(pair: SpinPair): void {
    const expected = expectedWording(pair.expected);
    const tortured = words(pair.tortured);
    const wanted = words(expected);
    if (tortured.length === 0 || wanted.length === 0) return;
    const weight = 1 + Math.log10(Math.max(1, pair.count));

    for (const word of wanted) {
      const lemma = this.lexicon.lemma(word);
      const known = this.spellings.get(lemma) ?? new Set<string>();
      this.spellings.set(lemma, known.add(word));
    }
    for (let i = 1; i < tortured.length; i++) {
      const pair = `${tortured[i - 1]} ${tortured[i]}`;
      this.torturedPairs.set(pair, (this.torturedPairs.get(pair) ?? 0) + weight);
    }
    const key = tortured.join(' ');
    const known = this.phrases.get(key);
    if (!known || known.count < pair.count) this.phrases.set(key, { expected, count: pair.count });
    this.longestPhrase = Math.max(this.longestPhrase, tortured.length);

    // A change of form only ("networks" for "network") is not a spinner's swap.
    const runs = swappedRuns(tortured, wanted).filter(([from, to]) => this.lemmas(from) !== this.lemmas(to));
    const swapped = new Set(runs.flatMap(([from]) => from));
    for (const [from, to] of runs) {
      const original = to.join(' ');
      for (const unit of new Set([from.join(' '), this.lemmas(from)])) {
        const profile = this.profile(unit);
        profile.spun += weight;
        profile.originals.set(original, (profile.originals.get(original) ?? 0) + weight);
      }
    }
    const kept = tortured.filter((w) => !swapped.has(w));
    for (const word of [...kept, ...wanted]) {
      for (const unit of new Set([word, this.lexicon.lemma(word)])) this.profile(unit).clean += weight;
    }
    const lemmas = wanted.map((w) => this.lexicon.lemma(w));
    for (let n = 2; n <= Math.min(4, lemmas.length); n++) {
      for (let i = 0; i + n <= lemmas.length; i++) {
        const gram = lemmas.slice(i, i + n).join(' ');
        const known = this.expressions.get(gram);
        if (known) known.weight += weight;
        else this.expressions.set(gram, { weight, words: wanted.slice(i, i + n) });
      }
    }
  }

  /** The listed expected wording of a whole tortured phrase (lower-case words, space-joined). */
  phrase(lowerWords: string): { expected: string; count: number } | undefined {
    return this.phrases.get(lowerWords);
  }

  /**
   * The original word in the form of the written one ("installed" → "embedded", not "embedding"), when the
   * list's expected phrases use that form; the original unchanged otherwise.
   */
  spellLike(written: string, original: string): string {
    const wanted = ending(written);
    if (ending(original) === wanted || original.includes(' ')) return original;
    for (const spelling of this.spellings.get(this.lexicon.lemma(original)) ?? []) {
      if (ending(spelling) === wanted) return spelling;
    }
    return original;
  }

  /** Weight of two adjacent lower-case words as a piece of the listed tortured phrases; 0 when never seen. */
  torturedPair(first: string, second: string): number {
    return this.torturedPairs.get(`${first} ${second}`) ?? 0;
  }

  /** The profile of a lower-case word or unit, by its surface form first, then by its lemmas. */
  wordProfile(lower: string): WordProfile | undefined {
    return this.profiles.get(lower) ?? this.profiles.get(lower.split(' ').map((w) => this.lexicon.lemma(w)).join(' '));
  }

  /** An expected-phrase n-gram, by lemmas ("neural network"), or undefined when the list never uses it. */
  expression(lemmaPhrase: string): Expression | undefined {
    return this.expressions.get(lemmaPhrase);
  }
}
