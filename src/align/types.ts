import type { Kinship } from '../lexicon/types.js';
import type { Span } from '../text/types.js';

/** Token index range [start, end) in one document's token list. */
export type TokenRange = [start: number, end: number];

/** One step of the word-level edit script that turns a sentence of A into its counterpart in B. */
export interface Edit {
  readonly op: 'equal' | 'substitute' | 'insert' | 'delete';
  /** Tokens of A involved (empty range for an insertion). */
  readonly a: TokenRange;
  /** Tokens of B involved (empty range for a deletion). */
  readonly b: TokenRange;
  /** For substitutions: how the two phrases relate in meaning. */
  readonly kinship?: Kinship;
}

/** Sentences of A aligned with sentences of B (1–1, 1–n or n–1), with their word edit script. */
export interface SentenceLink {
  /** Sentence indices in A and in B. */
  readonly a: readonly number[];
  readonly b: readonly number[];
  /** 0–1: how much meaning the two sides share. */
  readonly similarity: number;
  readonly edits: readonly Edit[];
}

/** How a passage of one text was made from the other. */
export type PassageRelation = 'verbatim' | 'spun' | 'paraphrase';

/** A stretch of A and the stretch of B it corresponds to, with exact character offsets. */
export interface Passage {
  readonly a: Span;
  readonly b: Span;
  readonly relation: PassageRelation;
  readonly similarity: number;
  /** How many sentence links it joins; 0 for a verbatim stretch found inside sentences. */
  readonly sentenceLinks: number;
}

/** A phrase of A replaced by a phrase of B. */
export interface Substitution {
  readonly a: string;
  readonly b: string;
  readonly aSpan: Span;
  readonly bSpan: Span;
  /** The two phrases mean the same (WordNet synonyms, or near-identical vectors). */
  readonly synonym: boolean;
}

/** Everything alignment found between two analyzed documents. */
export interface Alignment {
  readonly links: readonly SentenceLink[];
  readonly passages: readonly Passage[];
  readonly substitutions: readonly Substitution[];
}
