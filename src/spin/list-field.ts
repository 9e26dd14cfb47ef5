import type { Lexicon } from '../lexicon/types.js';
import { solve } from '../model/trees.js';
import { FUNCTION_WORDS } from '../text/function-words.js';
import type { Analysis, Token } from '../text/types.js';
import { expectedWording } from './swap-table.js';
import type { SpinPair } from './types.js';

/**
 * Whether a text is of the field a spin list came from. A list of tortured phrases is gathered from papers of some
 * field; its word swaps ("impacted" for "effect", "systems" for "networks") are a spinner's in that field and
 * everyday words in a news report. Read with the odds the detector learned where a tortured phrase sits in every other
 * sentence, a news page collects a dozen findings per thousand words. So each content word of the text weighs in by
 * how much likelier it is in the list's phrases than in English at large (a log-likelihood ratio), and each mark of
 * news counts against: a reporting verb ("said", "told", "according to"), a day of the week, quoted speech. Papers
 * rarely report speech or date their findings to a Tuesday; news reports do, health news among them. The
 * weights are fitted on texts of a field and texts of others (scripts/train-spin.ts), with no constant: a text with
 * no words is even, a sentence says little and keeps the list's odds about even, and a page of news says plainly that
 * it is not of the field, so the list stays quiet.
 */

/** The fitted weights of the gate's evidence: per nat of likelihood ratio, per word, per mark of news (`report`, as model files name it). */
export interface FieldGate {
  readonly ratio: number;
  readonly word: number;
  readonly report: number;
}

/** What a text says of its field: its content words' summed log-likelihood ratios, their number, its marks of news. */
export interface FieldEvidence {
  readonly sum: number;
  readonly words: number;
  readonly newsMarks: number;
}

/** The verbs of reported speech ("according" before "to" too) and the days of the week: marks of news. */
const NEWS_WORDS = new Set(['said', 'says', 'told', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
/**
 * A quotation of a few words or more (reported speech, a mark of news); a paper's quotation marks hold a term
 * ("bag of words").
 */
const QUOTATION = /["“]([^"“”\n]{1,1000})["”]/g;
const QUOTED_SPEECH_WORDS = 5;

/** A word's likelihood ratio is clipped to this range (nats), so that one rare term does not decide a page. */
const LOWEST_RATIO = -3;
const HIGHEST_RATIO = 5;
/**
 * English at large, from the word's frequency rank (Zipf's law, p ≈ 1 / (rank · H) with H the harmonic number of
 * the vocabulary, about 12 for the 400,000 ranked words); an unranked word counts as the rarest.
 */
const ZIPF_NORM = 12;
const UNRANKED = 400_000;
/**
 * Every word is this much likelier in the list's field than its count there says: as likely as an English word of
 * this rank. A word the list never uses then counts against the field where it is commoner in English ("said",
 * "mayor") and for it where it is rarer (the field's own terms that the list happens not to hold).
 */
const UNSEEN_RANK = 12_000;
const SHORTEST_WORD = 3;

const isContentWord = (lower: string): boolean => lower.length >= SHORTEST_WORD && /^[a-z]+$/.test(lower) && !FUNCTION_WORDS.has(lower);
const contentWords = (text: string): string[] => (text.toLowerCase().match(/[a-z]+/g) ?? []).filter(isContentWord);

export class ListField {
  private readonly counts = new Map<string, number>();
  private readonly total: number;

  /** The field of a list's pairs: the words of both their sides, each counted once a pair. */
  constructor(pairs: readonly SpinPair[], private readonly lexicon: Lexicon) {
    let total = 0;
    for (const pair of pairs) {
      for (const word of new Set([...contentWords(expectedWording(pair.expected)), ...contentWords(pair.tortured)])) {
        this.counts.set(word, (this.counts.get(word) ?? 0) + 1);
        total++;
      }
    }
    this.total = Math.max(1, total);
  }

  /** How much likelier a lower-case word is in the list's phrases than in English at large, in nats (clipped). */
  ratio(word: string): number {
    const inList = (this.counts.get(word) ?? 0) / this.total + 1 / (UNSEEN_RANK * ZIPF_NORM);
    const inEnglish = 1 / ((this.lexicon.rank(word) ?? UNRANKED) * ZIPF_NORM);
    return Math.min(HIGHEST_RATIO, Math.max(LOWEST_RATIO, Math.log(inList / inEnglish)));
  }

  /** The evidence of the text's content words (function words, numbers and words under three letters aside), page chrome left out. */
  evidence(doc: Analysis): FieldEvidence {
    let sum = 0;
    let words = 0;
    let newsMarks = 0;
    const chrome = doc.sentences.filter((s) => s.chrome).map((s) => s.span);
    for (const quotation of doc.original.matchAll(QUOTATION)) {
      const at = quotation.index;
      const speech = (quotation[1]?.trim().split(/\s+/).length ?? 0) >= QUOTED_SPEECH_WORDS;
      if (speech && !chrome.some(([from, to]) => at >= from && at < to)) newsMarks++;
    }
    for (const sentence of doc.sentences) {
      if (sentence.chrome) continue;
      for (let i = sentence.tokens[0]; i < sentence.tokens[1]; i++) {
        const token = doc.tokens[i] as Token;
        if (NEWS_WORDS.has(token.lower) || (token.lower === 'according' && doc.tokens[i + 1]?.lower === 'to')) newsMarks++;
        if (token.kind !== 'word' || token.isFunction || !isContentWord(token.lower)) continue;
        sum += this.ratio(token.lower);
        words++;
      }
    }
    return { sum, words, newsMarks };
  }
}

const scoreOf = (e: FieldEvidence, gate: FieldGate): number => gate.ratio * e.sum + gate.word * e.words + gate.report * e.newsMarks;

/** The chance that a text is of the list's field: even with no words, and more certain with each. */
export function fieldProbability(evidence: FieldEvidence, gate: FieldGate): number {
  return 1 / (1 + Math.exp(-scoreOf(evidence, gate)));
}

const FIT_ROUNDS = 25;
/** A whisper of ridge penalty, so that a side with no reporting verb at all leaves its weight finite. */
const RIDGE = 1e-3;

/**
 * The gate that best tells texts of the field from others: logistic regression with no constant, each side weighed
 * as much as the other whatever their numbers (Newton's method).
 */
export function fitFieldGate(field: readonly FieldEvidence[], other: readonly FieldEvidence[]): FieldGate {
  const rows = [...field.map((e) => ({ e, label: 1, weight: 1 / field.length })), ...other.map((e) => ({ e, label: 0, weight: 1 / other.length }))];
  const x = (e: FieldEvidence): number[] => [e.sum, e.words, e.newsMarks];
  let w = [0, 0, 0];
  for (let round = 0; round < FIT_ROUNDS; round++) {
    const gradient = w.map((v) => RIDGE * v);
    const hessian = w.map((_, a) => w.map((__, b) => (a === b ? RIDGE : 0)));
    for (const { e, label, weight } of rows) {
      const xi = x(e);
      const p = fieldProbability(e, { ratio: w[0] ?? 0, word: w[1] ?? 0, report: w[2] ?? 0 });
      xi.forEach((xa, a) => {
        gradient[a] = (gradient[a] ?? 0) + weight * (p - label) * xa;
        xi.forEach((xb, b) => {
          const row = hessian[a] as number[];
          row[b] = (row[b] ?? 0) + weight * p * (1 - p) * xa * xb;
        });
      });
    }
    const step = solve(hessian, gradient);
    w = w.map((v, k) => v - (step[k] ?? 0));
  }
  const round = (v: number): number => Number(v.toPrecision(4));
  return { ratio: round(w[0] ?? 0), word: round(w[1] ?? 0), report: round(w[2] ?? 0) };
}
