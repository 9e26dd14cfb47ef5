/**
 * What a language model sees of a spinner: words that fit their place far worse than a synonym would ("consider tank"
 * for "think tank", "concur" for "agree", "Secretary of Point out" for "Secretary of State"). For each open-class word,
 * and each phrase of two or three words that a thesaurus lists, the synonym that CMU's trigram model likes best in its
 * place, from WordNet and from the Moby thesaurus read backwards (the words it would have had a spinner write this);
 * the gain is how much likelier the sentence reads with it.
 * Names, numbers and page chrome are left alone: a rare name is no spinner's work.
 */
import { loadLanguageModel, type LanguageModel } from '../language-model/model.js';
import { loadThesaurus, type Thesaurus } from '../lexicon/thesaurus.js';
import type { Lexicon } from '../lexicon/types.js';
import { inflectionOf } from '../text/inflect.js';
import type { Analysis, Token } from '../text/types.js';

/** Where an alternative came from. */
export type SynonymSource = 'wordnet' | 'thesaurus';

/** One word (or phrase) whose synonym reads far likelier in its place. */
export interface FluencySwap {
  /** Token indices [token, last) of the written word or phrase in the analysis. */
  readonly token: number;
  readonly last: number;
  /** As written, lower-case. */
  readonly written: string;
  readonly alternative: string;
  readonly source: SynonymSource;
  /** log10 of how many times likelier the sentence reads with the alternative. */
  readonly gain: number;
  /** The same of each source's best alternative (0 where it offers none). */
  readonly gains: Readonly<Record<SynonymSource, number>>;
  /** What a model of whether the swap is a spinner's reads of it, named by SWAP_FEATURES. */
  readonly features: readonly number[];
  /** The alternatives that read likeliest in its place, for the choice of the original (page-verdict.ts). */
  readonly choices: readonly Choice[];
}

/** One alternative of a swap, and what the choice model reads of it, named by CHOICE_FEATURES. */
export interface Choice {
  readonly word: string;
  readonly source: SynonymSource;
  readonly features: readonly number[];
}

/**
 * An alternative as the choice model reads it: how much likelier the sentence reads with it, how close its word vector
 * is to the written words' and to the sentence's other content words', how rare it is (log10 rank), and whether
 * WordNet offers it. The language model alone prefers common words ("do" for "managing").
 */
export const CHOICE_FEATURES = ['gain', 'similarity', 'coherence', 'rank', 'wordnet'] as const;
/** Alternatives of a swap, the likeliest in place first, that the choice model weighs. */
const CHOICES = 10;
/** Words either side whose meaning an alternative should share. */
const COHERENCE_REACH = 6;

/**
 * A swap as the spinner-swap model (page-verdict.ts) reads it: its gain; whether WordNet backs it (a spinner's pick
 * is more often a close synonym than a thesaurus's loose one); how many words the written unit has; how rare the
 * written words and the alternative are (log10 rank; a spinner's words are rarer than the ones they replace); how
 * close in meaning the two are (word vectors); how likely the written words are in place (log10 a word); how many
 * alternatives would read ten times likelier (log2: a word with many is ordinary); how much better the likeliest
 * alternatives fit the sentence's other words than the written ones do; and the page's swap density (on a heavily spun
 * page more of the swaps are the spinner's). The first six come from `features`, the next three from the sentence, the
 * last from the whole text.
 */
export const SWAP_FEATURES = ['gain', 'wordnet', 'phraseWords', 'writtenRank', 'alternativeRank', 'similarity', 'writtenFit', 'rivals', 'coherenceGain', 'pageDensity'] as const;

/** WordNet lists a word's common senses first. */
const SYNONYMS = 20;
/** The thesaurus's words for a unit, most frequent first, that are tried. */
const THESAURUS_WORDS = 200;
/** Longest phrase a spinner writes for one word that is looked up ("point out" for "state"). */
const LONGEST_PHRASE = 3;
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

/** A word, not a rare name (a spinner keeps the capitals of the words it swaps: "Secretary of Point out"). */
function wordLike(t: Token, lexicon: Lexicon): boolean {
  return t.kind === 'word' && /^\p{L}+$/u.test(t.lower) && (!t.isName || (lexicon.rank(t.lower) ?? Infinity) <= COMMON_RANK);
}

function spinnable(t: Token, lexicon: Lexicon): boolean {
  return wordLike(t, lexicon) && !t.isFunction && t.lower.length >= 3;
}

/** A phrase a spinner may write for one word: common words, not all of them closed-class. */
function phraseLike(words: readonly Token[], lexicon: Lexicon): boolean {
  return words.every((t) => wordLike(t, lexicon)) && words.some((t) => !t.isFunction);
}

/** A unit's alternatives as the language model reads them. */
interface Alternatives {
  readonly words: readonly string[];
  readonly ids: readonly number[];
  readonly sources: readonly SynonymSource[];
}

/** Units whose alternatives a finder remembers: a text repeats its words, and a corpus its vocabulary. */
const REMEMBERED_UNITS = 100_000;

export class FluencyFinder {
  private readonly remembered = new Map<string, Alternatives>();

  constructor(
    private readonly lexicon: Lexicon,
    private readonly lm: LanguageModel = loadLanguageModel(),
    private readonly thesaurus: Thesaurus = loadThesaurus(),
  ) {}

  /** Single-word synonyms a spinner may have replaced with the unit (of one to three words), in the unit's form. */
  private alternatives(unit: readonly Token[]): Alternatives {
    const lower = unit.map((t) => t.lower).join(' ');
    const lemma = unit.map((t) => t.lemma).join(' ');
    const key = `${lower}|${lemma}`;
    const known = this.remembered.get(key);
    if (known) return known;
    const found = new Map<string, SynonymSource>();
    const first = unit[0] as Token;
    // A word of the phrase itself is no original of it ("mean" for "by means of").
    const own = new Set(unit.flatMap((t) => [t.lower, t.lemma]));
    const add = (words: readonly string[], source: SynonymSource, inflect: ((w: string) => string) | undefined): void => {
      for (const word of words) {
        const form = inflect ? inflect(word) : word;
        if (/^[a-z]+$/.test(word) && word !== lemma && !own.has(word) && !own.has(form) && !found.has(form)) found.set(form, source);
      }
    };
    const inflect = inflectionOf(first.lower, first.lemma);
    if (unit.length === 1) add(this.lexicon.synonyms(first.lemma).slice(0, SYNONYMS), 'wordnet', inflect);
    add(this.thesaurus.originals(lemma).slice(0, THESAURUS_WORDS), 'thesaurus', inflect);
    // A phrase the thesaurus lists as written ("armed forces"), when its lemmas are not an entry.
    if (lower !== lemma) add(this.thesaurus.originals(lower).slice(0, THESAURUS_WORDS), 'thesaurus', undefined);
    const words: string[] = [];
    const ids: number[] = [];
    const sources: SynonymSource[] = [];
    for (const [word, source] of found) {
      const id = this.lm.wordId(word);
      if (id === undefined) continue;
      words.push(word);
      ids.push(id);
      sources.push(source);
    }
    if (this.remembered.size >= REMEMBERED_UNITS) this.remembered.clear();
    const alternatives = { words, ids, sources };
    this.remembered.set(key, alternatives);
    return alternatives;
  }

  private logRank(word: string): number {
    return Math.log10(this.lexicon.rank(word) ?? 1e6);
  }

  /** How close a word is in meaning to the closest content word of the unit (word vectors; 0 when none has one). */
  private closeness(unit: readonly Token[], word: string): number {
    return Math.max(0, ...unit.filter((t) => !t.isFunction).map((t) => this.lexicon.similarity(t.lower, word) ?? 0));
  }

  /** How well a word fits the topic of the words around: its mean cosine with them. */
  private coherence(word: string, context: readonly Token[]): number {
    const near = context.map((t) => this.lexicon.similarity(t.lower, word)).filter((x): x is number => x !== undefined);
    return near.length > 0 ? near.reduce((sum, x) => sum + x, 0) / near.length : 0;
  }

  private features(swap: FluencySwap, unit: readonly Token[]): number[] {
    const writtenRank = Math.max(...unit.filter((t) => !t.isFunction).map((t) => this.logRank(t.lower)));
    return [swap.gain, swap.source === 'wordnet' ? 1 : 0, unit.length, writtenRank, this.logRank(swap.alternative), this.closeness(unit, swap.alternative)];
  }

  private choiceFeatures(choice: { word: string; source: SynonymSource; gain: number }, unit: readonly Token[], context: readonly Token[]): number[] {
    return [choice.gain, this.closeness(unit, choice.word), this.coherence(choice.word, context), this.logRank(choice.word), choice.source === 'wordnet' ? 1 : 0];
  }

  /** The best swaps of one sentence's words and phrases, where one gains enough, never two on one word. */
  private sentenceSwaps(words: readonly Token[]): FluencySwap[] {
    const lm = this.lm;
    const ids = words.map((t) => lm.wordId(t.lower) ?? lm.unknown);
    const found: FluencySwap[] = [];
    // One word swapped at a time, in a copy of the sentence put back after each.
    const single = [...ids];
    words.forEach((word, i) => {
      for (let n = 1; n <= LONGEST_PHRASE && i + n <= words.length; n++) {
        const unit = words.slice(i, i + n);
        if (n === 1 ? !spinnable(word, this.lexicon) : !phraseLike(unit, this.lexicon)) continue;
        if (ids.slice(i, i + n).includes(lm.unknown)) continue;
        const { words: options, ids: optionIds, sources } = this.alternatives(unit);
        if (options.length === 0) continue;
        // Only the unit and the two words after it see the swap.
        const written = localLogProb(lm, ids, i, i + n + 2);
        const swapped = n === 1 ? single : [...ids.slice(0, i), 0, ...ids.slice(i + n)];
        let best: FluencySwap | undefined;
        let rivals = 0;
        const top: Array<{ word: string; source: SynonymSource; gain: number }> = [];
        const gains = { wordnet: 0, thesaurus: 0 };
        for (let k = 0; k < options.length; k++) {
          const alternative = options[k] as string;
          const source = sources[k] as SynonymSource;
          swapped[i] = optionIds[k] as number;
          // The alternative's own word bounds the gain (the words after it only lower it): most are skipped there.
          const bound = localLogProb(lm, swapped, i, i + 1) - written;
          const full = top.length === CHOICES;
          if (bound < MIN_GAIN && bound <= gains[source] && full && bound <= (top[CHOICES - 1]?.gain ?? -Infinity)) continue;
          const gain = bound + localLogProb(lm, swapped, i + 1, i + 3);
          if (gain >= MIN_GAIN) rivals++;
          gains[source] = Math.max(gains[source], gain);
          if (top.length < CHOICES || gain > (top[top.length - 1]?.gain ?? -Infinity)) {
            top.push({ word: alternative, source, gain });
            top.sort((x, y) => y.gain - x.gain);
            if (top.length > CHOICES) top.pop();
          }
          if (gain >= MIN_GAIN && (!best || gain > best.gain)) {
            best = { token: word.index, last: (unit[n - 1] as Token).index + 1, written: unit.map((t) => t.lower).join(' '), alternative, source, gain, gains, features: [], choices: [] };
          }
        }
        single[i] = ids[i] as number;
        if (best) {
          const context = words.filter((t, k) => Math.abs(k - i) <= COHERENCE_REACH && (k < i || k >= i + n) && !t.isFunction);
          const choices = top.map((c) => ({ word: c.word, source: c.source, features: this.choiceFeatures(c, unit, context) }));
          const writtenCoherence = Math.max(...unit.filter((t) => !t.isFunction).map((t) => this.coherence(t.lower, context)));
          const bestCoherence = Math.max(...choices.map((c) => c.features[CHOICE_FEATURES.indexOf('coherence')] ?? 0));
          found.push({ ...best, features: [...this.features(best, unit), written / (n + 2), Math.log2(rivals), bestCoherence - writtenCoherence], choices });
        }
      }
    });
    // The likeliest first; a weaker swap that overlaps one kept is dropped.
    const kept: FluencySwap[] = [];
    for (const swap of found.sort((x, y) => y.gain - x.gain)) {
      if (!kept.some((k) => swap.token < k.last && swap.last > k.token)) kept.push(swap);
    }
    return kept.sort((x, y) => x.token - y.token);
  }

  /** The text's swaps, in text order. */
  swaps(doc: Analysis): FluencySwap[] {
    const all: FluencySwap[] = [];
    for (const sentence of doc.sentences) {
      if (!sentence.chrome) all.push(...this.sentenceSwaps(doc.tokens.slice(sentence.tokens[0], sentence.tokens[1]).filter((t) => t.kind === 'word')));
    }
    // On a heavily spun page, more of the swaps are the spinner's.
    const density = swapDensity(swapMass(all, doc));
    return all.map((swap) => ({ ...swap, features: [...swap.features, density] }));
  }
}

const finders = new WeakMap<Lexicon, FluencyFinder>();

/** The finder of a lexicon, made once, so that what it learns of units lasts across texts. */
export function fluencyFinder(lexicon: Lexicon): FluencyFinder {
  let finder = finders.get(lexicon);
  if (!finder) finders.set(lexicon, (finder = new FluencyFinder(lexicon)));
  return finder;
}

/** Gains count up to this much each (log10): one absurd swap is no more telling than a clear one. */
const GAIN_CAP = 3;
/**
 * Words added to a text's length when weighing its swaps, so that a short text's few swaps say less: for the swap
 * model's pageDensity feature. The page verdict fits its own (page-verdict.ts).
 */
const LENGTH_PRIOR = 150;
/**
 * Where a source's swaps start to count: the thesaurus offers a hundred loose synonyms where WordNet offers a few, so
 * the best of them fits better by chance, in any text.
 */
const NOISE: Readonly<Record<SynonymSource, number>> = { wordnet: MIN_GAIN, thesaurus: 2 };

/** What a text's swaps weigh, and over how many words (page chrome left out): see swapDensity. */
export interface SwapMass {
  readonly weight: number;
  readonly words: number;
}

/**
 * Each swap's gain beyond its source's noise (the larger of WordNet's and the thesaurus's), summed. A word written more
 * than once counts once, at its best swap: the words a text repeats are its subject ("classification", "cluster",
 * "booklet" in a paper), which a general English model finds rarer than their everyday synonyms, while a spinner's
 * swaps fall on words here and there.
 */
export function swapMass(swaps: readonly FluencySwap[], doc: Analysis): SwapMass {
  const words = doc.sentences.filter((s) => !s.chrome).reduce((n, s) => n + doc.tokens.slice(s.tokens[0], s.tokens[1]).filter((t) => t.kind === 'word').length, 0);
  const beyond = (s: FluencySwap): number => Math.min(GAIN_CAP, Math.max(0, s.gains.wordnet - NOISE.wordnet, s.gains.thesaurus - NOISE.thesaurus));
  const byWritten = new Map<string, number>();
  for (const s of swaps) byWritten.set(s.written, Math.max(byWritten.get(s.written) ?? 0, beyond(s)));
  let weight = 0;
  for (const w of byWritten.values()) weight += w;
  return { weight, words };
}

/** How spun a text reads to the language model: its swaps' weight per 100 words, shrunk for short texts by lengthPrior words. */
export function swapDensity(mass: SwapMass, lengthPrior = LENGTH_PRIOR): number {
  return (100 * mass.weight) / (mass.words + lengthPrior);
}
