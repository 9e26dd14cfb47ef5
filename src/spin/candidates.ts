import { EDGE, loadBigrams, type Bigrams } from '../lexicon/bigrams.js';
import { cosine, phraseVector } from '../lexicon/phrase-vector.js';
import { meaningCosine, meaningVector } from '../fingerprint/meaning.js';
import type { Lexicon } from '../lexicon/types.js';
import { FUNCTION_WORDS } from '../text/function-words.js';
import { inflectionOf } from '../text/inflect.js';
import { partsOfSpeech } from '../text/parts-of-speech.js';
import type { Analysis, Token } from '../text/types.js';
import type { SwapTable } from './swap-table.js';

/** WordNet lists a word's common senses first; a spinner's pick is nearly always among the first few. */
const SYNONYM_LIMIT = 20;
/** Words either side that an expression may take in ("secretary of state", "in spite of"). */
const REACH = 2;
const CONTEXT = 6;
/** A capitalized word this frequent (by rank) is a common word in a title or a name made of words, and may be spun. */
const COMMON_RANK = 8_000;
/** Longest multi-word unit a spinner writes for one word ("thirty day period"). */
const LONGEST_UNIT = 3;
const LONGEST_EXPRESSION = 4;

/** One word (or multi-word unit) of the text that a spinner may have written, and its best guess at the original. */
export interface Candidate {
  /** Token indices [start, end) into the analysis. */
  readonly first: number;
  readonly last: number;
  /** The unit as written, lower-case. */
  readonly unit: string;
  /** The likeliest original wording of the unit. */
  readonly original: string;
  /** Tokens [start, end) of the expression the swap back creates, when it creates one. */
  readonly expression?: readonly [number, number];
  /** The expression, as it would read after the swap back. */
  readonly expressionText?: string;
  readonly expressionSource?: 'list' | 'wordnet';
  /** Where the original came from: the spin lexicon's word swaps, WordNet's synonyms. */
  readonly fromList: boolean;
  readonly fromWordNet: boolean;
  /** How much better the original fits between its neighbours, in nats of the bigram model. */
  readonly fitGain: number;
  /** How much better the original fits the topic of the sentence (mean cosine with the words around). */
  readonly coherenceGain: number;
  /** The spin lexicon's share of the unit's uses that were a spinner's; 0 without a list. */
  readonly spunShare: number;
  readonly features: number[];
}

export const FEATURE_NAMES = [
  'spun',
  'clean',
  'spunShare',
  'originalShare',
  'listExpression',
  'wordnetExpression',
  'listExpressionAsWritten',
  'wordnetExpressionAsWritten',
  'rank',
  'originalRank',
  'coherence',
  'coherenceGain',
  'synonyms',
  'capitalized',
  'unitWords',
  'source',
  'sentenceSpun',
  'partOfSpeech',
  'fitWritten',
  'fitGain',
  'fromContext',
  'originalClean',
  'neighbourSpun',
  'neighbourClean',
  'corpusCount',
  'torturedPair',
  'listDomain',
] as const;

type FeatureName = (typeof FEATURE_NAMES)[number];
/** Where each feature sits in a candidate's vector. */
const AT = Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, i])) as Record<FeatureName, number>;

/** Parts of speech as a feature: the ones spinners swap, in a fixed order; 0 for the rest. */
const PART_CODES: Readonly<Record<string, number>> = { NOUN: 1, ADJ: 2, VERB: 3, ADV: 4, PROPN: 5 };

interface ExpressionMatch {
  readonly weight: number;
  readonly wordnet: boolean;
  /** Neighbours taken in: how many to the left (≤ 0) and to the right (≥ 0). */
  readonly start: number;
  readonly end: number;
  /** How the list spells the swapped-back part ("hidden" where the lemma is "hide"). */
  readonly spelling?: string;
}

const NO_EXPRESSION: ExpressionMatch = { weight: 0, wordnet: false, start: 0, end: 0 };

interface Replacement {
  readonly text: string;
  readonly lemmas: string[];
  readonly listWeight: number;
  readonly wordnet: boolean;
  readonly context: boolean;
}

/** Language-model evidence: followers of the word before considered, best fitting of them kept, similar ones of those offered. */
const FOLLOWERS = 120;
const CONTEXT_SHORTLIST = 15;
const CONTEXT_CHOICES = 3;
const CONTEXT_SIMILARITY = 0.65;
/** Weight of the fit gain (in nats) when choosing among replacements. */
const FIT_WEIGHT = 0.3;

/** The word beside a unit as the bigram model sees it: lower-case, or a sentence edge. */
function neighbour(token: Token | undefined, inside: boolean): string {
  return inside && token?.kind === 'word' ? token.lower : EDGE;
}

const isContent = (t: Token | undefined): t is Token => t !== undefined && t.kind === 'word' && !t.isFunction;
const log1p = Math.log1p;
/** Token range of the created expression: `start` words of the left context to `end` words of the right. */
function expressionRange(
  first: number,
  last: number,
  leftTokens: readonly Token[],
  rightTokens: readonly Token[],
  expr: { start: number; end: number },
): [number, number] {
  const startToken = expr.start < 0 ? leftTokens[leftTokens.length + expr.start] : undefined;
  const endToken = expr.end > 0 ? rightTokens[expr.end - 1] : undefined;
  return [startToken?.index ?? first, (endToken?.index ?? last - 1) + 1];
}

const logRank = (rank: number | undefined): number => Math.log10(rank ?? 1e6);

/** Finds, for every content word of a text, what swapping it back would give, and describes it as features. */
export class CandidateFinder {
  private readonly vectorMemo = new Map<string, Float32Array | undefined>();

  constructor(
    private readonly lexicon: Lexicon,
    private readonly table: SwapTable | undefined,
    private readonly bigrams: Bigrams = loadBigrams(),
  ) {}

  /**
   * Words that fit between the neighbours far better than the written one and mean nearly the same: what a
   * language model would put back ("experienced dropped" → "had dropped").
   */
  private contextReplacements(written: string, before: string, after: string): string[] {
    const scored: Array<[string, number]> = [];
    for (const word of this.bigrams.followers(before, FOLLOWERS)) {
      if (word === written || word === EDGE || FUNCTION_WORDS.has(word)) continue;
      scored.push([word, this.bigrams.fit(before, [word], after)]);
    }
    scored.sort((x, y) => y[1] - x[1]);
    return scored
      .slice(0, CONTEXT_SHORTLIST)
      .map(([word]) => word)
      .filter((word) => (this.lexicon.similarity(word, written) ?? 0) >= CONTEXT_SIMILARITY || this.lexicon.kinship(word, written) === 'synonym')
      .slice(0, CONTEXT_CHOICES);
  }

  /** Every candidate of the text, page chrome left out; `onSentence` hears of each sentence done (for progress on long texts). */
  candidates(doc: Analysis, onSentence?: (done: number, total: number) => void): Candidate[] {
    const out: Candidate[] = [];
    const parts = partsOfSpeech(doc.original, doc.tokens);
    const domain = this.listDomain(doc);
    for (const sentence of doc.sentences) {
      onSentence?.(sentence.index, doc.sentences.length);
      if (sentence.chrome) continue;
      const [from, to] = sentence.tokens;
      const found: Candidate[] = [];
      for (let i = from; i < to; i++) {
        for (let n = LONGEST_UNIT; n >= 1; n--) {
          if (i + n > to) continue;
          const candidate = this.candidate(doc.tokens, i, i + n, from, to);
          if (candidate) {
            candidate.features[AT.partOfSpeech] = PART_CODES[parts[i] ?? ''] ?? 0;
            candidate.features[AT.listDomain] = domain;
            found.push(candidate);
          }
        }
      }
      this.addSentenceFeatures(doc.tokens, found, to - from);
      out.push(...found);
    }
    return out;
  }

  /**
   * How near the text is in meaning to the list's expected phrases (cosine of meaning vectors; 0 without a list): a
   * list's word swaps were learned from texts of its own field ("opinion mining" → "sentiment analysis"), and in a news
   * report "opinions" are no spinner's "sentiment".
   */
  private listDomain(doc: Analysis): number {
    const domain = this.table?.domain;
    const text = domain ? meaningVector(doc.original, this.lexicon) : undefined;
    return domain && text ? Math.round(meaningCosine(domain, text) * 1000) / 1000 : 0;
  }

  /** Features of a candidate's surroundings: how spun the sentence and the words beside it look to the list. */
  private addSentenceFeatures(tokens: readonly Token[], found: Candidate[], length: number): void {
    const spunShare = (c: Candidate): number => c.features[AT.spunShare] ?? 0;
    const spunWords = found.filter((c) => spunShare(c) > 0.5).length;
    const byFirst = new Map(found.filter((c) => c.last - c.first === 1).map((c) => [c.first, c]));
    for (const c of found) {
      c.features[AT.sentenceSpun] = spunWords / Math.max(1, length);
      const beside = [byFirst.get(c.first - 1), byFirst.get(c.last)].filter((b): b is Candidate => b !== undefined);
      c.features[AT.neighbourSpun] = Math.max(0, ...beside.map(spunShare));
      const cleanBeside = [tokens[c.first - 1], tokens[c.last]].map((t) => (t ? (this.table?.wordProfile(t.lower)?.clean ?? 0) : 0));
      c.features[AT.neighbourClean] = log1p(Math.max(0, ...cleanBeside));
    }
  }

  private vector(phrase: string): Float32Array | undefined {
    if (this.vectorMemo.has(phrase)) return this.vectorMemo.get(phrase);
    const v = phraseVector(phrase.split(' '), this.lexicon);
    this.vectorMemo.set(phrase, v);
    return v;
  }

  /** Mean cosine between a phrase and the content words around it. */
  private coherence(phrase: string, context: readonly string[]): number {
    const v = this.vector(phrase);
    if (!v || context.length === 0) return 0;
    let total = 0;
    let counted = 0;
    for (const word of context) {
      const c = this.vector(word);
      if (!c) continue;
      total += cosine(v, c);
      counted++;
    }
    return counted === 0 ? 0 : total / counted;
  }

  private replacements(unit: string, lemma: string, single: boolean, before: string, after: string): Replacement[] {
    const byText = new Map<string, Replacement>();
    const add = (text: string, source: Partial<Replacement>): void => {
      const known = byText.get(text);
      byText.set(text, {
        text,
        lemmas: known?.lemmas ?? this.lemmas(text),
        listWeight: (known?.listWeight ?? 0) + (source.listWeight ?? 0),
        wordnet: (known?.wordnet ?? false) || (source.wordnet ?? false),
        context: (known?.context ?? false) || (source.context ?? false),
      });
    };
    const profile = this.table?.wordProfile(unit);
    for (const [text, weight] of profile?.originals ?? []) {
      if (this.lemmas(text).join(' ') !== lemma) add(text, { listWeight: weight });
    }
    if (single || this.lexicon.isExpression(lemma)) {
      // In the written word's form where it is a regular one ("talks" → "discussions").
      const inflect = single ? inflectionOf(unit, lemma) : undefined;
      for (const synonym of this.lexicon.synonyms(lemma).slice(0, SYNONYM_LIMIT)) {
        if (!/^[a-z][a-z' -]*$/.test(synonym) || synonym === lemma) continue;
        add(inflect ? inflect(synonym) : synonym, { wordnet: true });
      }
    }
    // A word seen between both its neighbours fits as written; only the others are worth a search.
    const fits = this.bigrams.count(before, unit) > 0 && this.bigrams.count(unit, after) > 0;
    if (single && !fits) for (const word of this.contextReplacements(unit, before, after)) add(word, { context: true });
    return [...byText.values()];
  }

  private isCommonWord(token: Token): boolean {
    const acronym = token.text.length > 1 && token.text === token.text.toUpperCase();
    return !acronym && (this.lexicon.rank(token.lower) ?? Infinity) <= COMMON_RANK && this.lexicon.synonyms(token.lemma).length > 0;
  }

  private lemmas(phrase: string): string[] {
    return phrase.split(/[ -]/).map((w) => this.lexicon.lemma(w));
  }

  /**
   * The strongest expression among the n-grams that take in the unit and at least one neighbour, not
   * starting or ending with a function word; with the list's spelling of the unit's part when it has one.
   */
  private bestExpression(left: readonly Token[], middle: readonly string[], right: readonly Token[]): ExpressionMatch {
    let best: ExpressionMatch = NO_EXPRESSION;
    const lemmas = [...left.map((t) => t.lemma), ...middle, ...right.map((t) => t.lemma)];
    const edge = [...left.map((t) => t.isFunction), ...middle.map(() => false), ...right.map((t) => t.isFunction)];
    const midStart = left.length;
    const midEnd = left.length + middle.length;
    for (let s = 0; s <= midStart; s++) {
      if (edge[s]) continue;
      for (let e = Math.max(midEnd, s + 2); e <= lemmas.length && e - s <= LONGEST_EXPRESSION; e++) {
        if ((s === midStart && e === midEnd) || edge[e - 1]) continue;
        const gram = lemmas.slice(s, e).join(' ');
        const listed = this.table?.expression(gram);
        const wordnet = this.lexicon.isExpression(gram);
        const weight = listed?.weight ?? 0;
        if (weight + (wordnet ? 1 : 0) <= best.weight + (best.wordnet ? 1 : 0)) continue;
        const spelling = listed ? listed.words.slice(midStart - s, midEnd - s).join(' ') : undefined;
        best = { weight, wordnet, start: s - midStart, end: e - midEnd, ...(spelling ? { spelling } : {}) };
      }
    }
    return best;
  }

  private candidate(tokens: readonly Token[], first: number, last: number, sentenceStart: number, sentenceEnd: number): Candidate | undefined {
    const unitTokens = tokens.slice(first, last);
    const head = unitTokens[0];
    if (!isContent(head) || head.isFunction || unitTokens.some((t) => t.kind !== 'word')) return undefined;
    const single = unitTokens.length === 1;
    const unit = unitTokens.map((t) => t.lower).join(' ');
    const lemma = unitTokens.map((t) => t.lemma).join(' ');
    const profile = this.table?.wordProfile(unit);
    if (!single && !profile && !this.lexicon.isExpression(lemma)) return undefined;
    if (head.lower.length < 3 && single) return undefined;
    // "don" of "don't", "isn" of "isn't": the first half of a contraction is no word of its own.
    if (/^['’]/.test(tokens[last]?.text ?? '')) return undefined;
    // Names are not a spinner's to swap ("Antony" is not "Anthony"); a capitalized common word may be ("Point out").
    if (head.isName && !profile && !this.isCommonWord(head)) return undefined;

    const leftTokens = tokens.slice(Math.max(sentenceStart, first - REACH), first).filter((t) => t.kind === 'word');
    const rightTokens = tokens.slice(last, Math.min(sentenceEnd, last + REACH)).filter((t) => t.kind === 'word');
    const context: string[] = [];
    for (let k = Math.max(sentenceStart, first - CONTEXT); k < Math.min(sentenceEnd, last + CONTEXT); k++) {
      const t = tokens[k];
      if ((k < first || k >= last) && isContent(t)) context.push(t.lower);
    }

    const before = neighbour(tokens[first - 1], first > sentenceStart);
    const after = neighbour(tokens[last], last < sentenceEnd);
    const unitWords = unit.split(/[ -]+/);
    const ownFit = this.bigrams.fit(before, unitWords, after);
    const asWritten = this.bestExpression(leftTokens, lemma.split(' '), rightTokens);
    const ownCoherence = this.coherence(unit, context);
    let best: { r: Replacement; score: number; expr: ExpressionMatch; coherence: number; fit: number } | undefined;
    for (const r of this.replacements(unit, lemma, single, before, after)) {
      const expr = this.bestExpression(leftTokens, r.lemmas, rightTokens);
      const coherence = this.coherence(r.text, context);
      const fit = this.bigrams.fit(before, r.text.split(/[ -]+/), after);
      const score =
        3 * log1p(expr.weight) + (expr.wordnet ? 2 : 0) + log1p(r.listWeight) + 2 * (coherence - ownCoherence) + FIT_WEIGHT * (fit - ownFit);
      if (!best || score > best.score) best = { r, score, expr, coherence, fit };
    }
    if (!best) return undefined;

    // WordNet gives lemmas ("hide"); the list spells the expression as it is used ("hidden layer").
    const chosen = best.r.listWeight > 0 ? best.r.text : (best.expr.spelling ?? best.r.text);
    const original = this.table && single ? this.table.spellLike(head.lower, chosen) : chosen;
    const spun = profile?.spun ?? 0;
    const clean = profile?.clean ?? 0;
    const originals = [...(profile?.originals.values() ?? [])];
    const created = best.expr.weight > 0 || best.expr.wordnet;
    const named: Record<FeatureName, number> = {
      spun: log1p(spun),
      clean: log1p(clean),
      spunShare: spun / (spun + clean + 1e-9 || 1),
      originalShare: spun > 0 ? Math.max(...originals) / spun : 0,
      listExpression: log1p(best.expr.weight),
      wordnetExpression: best.expr.wordnet ? 1 : 0,
      listExpressionAsWritten: log1p(asWritten.weight),
      wordnetExpressionAsWritten: asWritten.wordnet ? 1 : 0,
      rank: logRank(this.lexicon.rank(head.lower)),
      originalRank: logRank(this.lexicon.rank(best.r.text.split(' ')[0] ?? '')),
      coherence: ownCoherence,
      coherenceGain: best.coherence - ownCoherence,
      synonyms: this.lexicon.synonyms(lemma).length,
      capitalized: head.isName ? 1 : 0,
      unitWords: unitTokens.length,
      source: (best.r.listWeight > 0 ? 1 : 0) + (best.r.wordnet ? 2 : 0),
      sentenceSpun: 0, // once the sentence is done
      partOfSpeech: 0, // from the tagger
      fitWritten: ownFit / (unitWords.length + 1),
      fitGain: best.fit - ownFit,
      fromContext: best.r.context ? 1 : 0,
      originalClean: log1p(this.table?.wordProfile(original)?.clean ?? 0),
      neighbourSpun: 0, // once the sentence is done
      neighbourClean: 0, // once the sentence is done
      corpusCount: log1p(Math.min(...unitWords.map((w) => this.bigrams.unigram(w)))),
      torturedPair: log1p(
        Math.max(
          this.table?.torturedPair(tokens[first - 1]?.lower ?? '', unitWords[0] ?? '') ?? 0,
          this.table?.torturedPair(unitWords[unitWords.length - 1] ?? '', tokens[last]?.lower ?? '') ?? 0,
        ),
      ),
      listDomain: 0, // once for the whole text
    };
    const features = FEATURE_NAMES.map((name) => named[name]);
    const expression = created ? expressionRange(first, last, leftTokens, rightTokens, best.expr) : undefined;
    return {
      first,
      last,
      unit,
      original,
      ...(expression ? { expression, expressionText: this.expressionText(tokens, expression, first, last, original) } : {}),
      ...(created ? { expressionSource: best.expr.weight > 0 ? ('list' as const) : ('wordnet' as const) } : {}),
      fromList: best.r.listWeight > 0,
      fromWordNet: best.r.wordnet,
      fitGain: best.fit - ownFit,
      coherenceGain: best.coherence - ownCoherence,
      spunShare: named.spunShare,
      features,
    };
  }

  private expressionText(tokens: readonly Token[], range: readonly [number, number], first: number, last: number, original: string): string {
    const before = tokens.slice(range[0], first).map((t) => t.text);
    const after = tokens.slice(last, range[1]).map((t) => t.text);
    return [...before, original, ...after].join(' ');
  }
}
