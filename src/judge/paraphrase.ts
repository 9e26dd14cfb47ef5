/**
 * Do two sentences say the same thing? Boosted-tree experts over sentence-pair features, one per
 * kind of text (news, literature, encyclopedia: what counts as "the same" differs between them),
 * weighed by a router that recognizes the kind of text; rules then name the relation.
 * The model is trained by scripts/train-paraphrase.ts.
 */
import { UnspinError } from '../errors.js';
import type { Lexicon } from '../lexicon/types.js';
import type { Analysis } from '../text/types.js';
import { readModelFile } from '../model/file.js';
import { predict, predictLogistic, type Ensemble, type Logistic } from '../model/trees.js';
import { pairView } from './pair-view.js';
import { pairFeatures, type Features } from './sentence-features.js';
import { pairTerms, tfkldFeatures, type TermTable } from './tfkld.js';
import type { Relation } from './types.js';

/** Cross-validated accuracy on one training corpus, as recorded by the training script. */
export interface CrossValidation {
  readonly pairs: number;
  readonly folds: readonly number[];
  readonly mean: number;
  readonly spread: number;
}

export const MODEL_FORMAT = 'unspin-paraphrase/4';

/** One kind of text's judge: boosted trees, averaged with a logistic regression where that helped (they err differently). */
export interface Expert {
  readonly trees: Ensemble;
  readonly logistic?: Logistic;
}

export function expertProbability(expert: Expert, vector: readonly number[]): number {
  const trees = predict(expert.trees, vector);
  return expert.logistic ? (trees + predictLogistic(expert.logistic, vector)) / 2 : trees;
}

export interface ParaphraseModel {
  readonly format: typeof MODEL_FORMAT;
  /** Names of the features, in the order every ensemble reads them. */
  readonly features: readonly string[];
  /** The kinds of text, named after the corpus that taught each. */
  readonly styles: readonly string[];
  /** Per style: probability that a pair is of that kind of text. */
  readonly router: readonly Ensemble[];
  /** Per style: probability that a pair of that kind is a paraphrase. */
  readonly experts: readonly Expert[];
  /** Probability at or above which a pair is a paraphrase. */
  readonly threshold: number;
  /** TF-KLD statistics of words and word pairs (p, q per term), each table fitted on some corpora, its features named by its prefix. */
  readonly terms: readonly TermFeatures[];
  readonly crossValidation: Readonly<Record<string, CrossValidation>>;
}

export interface TermFeatures {
  readonly prefix: string;
  readonly table: TermTable;
}

/** What the model reads of one pair, before the decision. */
export interface PairEvidence {
  readonly features: Features;
  readonly vector: readonly number[];
  /** Weights of the styles for this pair alone (they sum to 1). */
  readonly style: readonly number[];
}

export interface SentencePairJudgement {
  readonly paraphrase: boolean;
  /** Model probability that the two sentences mean the same. */
  readonly probability: number;
  readonly relation: Relation;
  /** 0–1: the information-weighted share of content words aligned across the pair. */
  readonly similarity: number;
}

// Gzipped: the TF-KLD term tables make the JSON ~4 MB, a quarter of that compressed.
export const MODEL_URL = new URL('../../models/paraphrase.json.gz', import.meta.url);

// Relation rules, on features that read as plain proportions.
const DUPLICATE_EDIT = 0.9; // at most one word in ten changed
const SPUN_EDIT = 0.75; // same order: most words sit where an aligned word sits
const SPUN_DISCORDANT = 0.05;
const PARTIAL_CONTAINED = 0.85; // the shorter side is almost all found in the longer...
const PARTIAL_CONTENT_RATIO = 0.7; // ...which says much more
const RELATED_SIMILARITY = 0.2;
const NEAR_COPY_EDIT = 0.85; // a near-copy: at most about one word in seven changed
// A guarded pair's probability is capped below any sensible threshold.
const GUARDED_PROBABILITY = 0.1;

/** Why a pair cannot be a paraphrase whatever the model says. */
export type Guard = 'changed-fact' | 'nothing-shared';

/**
 * Unspin's definition overrules the corpora's on two points: a near-copy whose numbers or names were
 * changed states a different fact (MRPC's annotators often let that pass), and two sentences that
 * share no word and no dictionary synonym are not one statement (PAN's short pairs nearly always are).
 */
export function factGuard(f: Features): Guard | undefined {
  const at = (name: string): number => f[name] ?? 0;
  const changedNumber = at('left.numbers.min') >= 1;
  const changedName = at('left.names.min') >= 1;
  if (at('edit.lemma') >= NEAR_COPY_EDIT && (changedNumber || changedName)) return 'changed-fact';
  if (at('contentLemma.1.max') === 0 && at('align.synonym') === 0) return 'nothing-shared';
  return undefined;
}

let cached: ParaphraseModel | undefined;

export function loadParaphraseModel(): ParaphraseModel {
  cached ??= readModelFile<ParaphraseModel>(MODEL_URL, MODEL_FORMAT, 'scripts/train-paraphrase.ts');
  return cached;
}

function featureVector(model: ParaphraseModel, features: Features): number[] {
  return model.features.map((name) => {
    const v = features[name];
    if (v === undefined) throw new UnspinError('E_INTERNAL', `the paraphrase model reads feature ${name}, which is no longer computed; retrain it`);
    return v;
  });
}

function normalized(weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => (sum > 0 ? w / sum : 1 / weights.length));
}

export function examinePair(a: Analysis, b: Analysis, lexicon: Lexicon, model: ParaphraseModel = loadParaphraseModel()): PairEvidence {
  const view = pairView(a, b, lexicon);
  const features = pairFeatures(view);
  const terms = pairTerms(view.a.lemma, view.b.lemma, view.alignment.toB, view.alignment.toA);
  for (const t of model.terms) Object.assign(features, tfkldFeatures(t.table, terms, t.prefix));
  const vector = featureVector(model, features);
  return { features, vector, style: normalized(model.router.map((r) => predict(r, vector))) };
}

/** The style of a whole file of pairs: one source's pairs are one kind of text, and many pairs tell it better than one. */
export function commonStyle(evidence: readonly PairEvidence[]): number[] {
  const sum = (evidence[0]?.style ?? []).map(() => 0);
  for (const e of evidence) e.style.forEach((w, s) => (sum[s] = (sum[s] ?? 0) + w));
  return normalized(sum);
}

function relationOf(paraphrase: boolean, f: Features, similarity: number, guard: Guard | undefined): Relation {
  const at = (name: string): number => f[name] ?? 0;
  if (paraphrase) {
    if (at('edit.lemma') >= DUPLICATE_EDIT) return 'duplicate';
    if (at('edit.aligned') >= SPUN_EDIT && at('order.discordant') <= SPUN_DISCORDANT) return 'spun';
    return 'paraphrase';
  }
  const contained = at('align.content.max') >= PARTIAL_CONTAINED && at('content.ratio') <= PARTIAL_CONTENT_RATIO;
  if (contained && at('left.numbers.min') === 0 && at('left.names.min') === 0) return 'partial';
  return similarity >= RELATED_SIMILARITY && guard !== 'nothing-shared' ? 'related' : 'unrelated';
}

/** The decision on examined evidence; `style` overrides the pair's own style weights. */
export function judgeEvidence(
  evidence: PairEvidence,
  model: ParaphraseModel = loadParaphraseModel(),
  style: readonly number[] = evidence.style,
): SentencePairJudgement {
  let probability = 0;
  model.experts.forEach((expert, s) => {
    const w = style[s] ?? 0;
    if (w > 0) probability += w * expertProbability(expert, evidence.vector);
  });
  const guard = factGuard(evidence.features);
  if (guard) probability = Math.min(probability, GUARDED_PROBABILITY);
  const paraphrase = probability >= model.threshold;
  const similarity = evidence.features['align.weighted.f'] ?? 0;
  return { paraphrase, probability, relation: relationOf(paraphrase, evidence.features, similarity, guard), similarity };
}

/** Judges whether sentence (or short passage) b says what a says, and how it was made from it. */
export function judgeSentencePair(
  a: Analysis,
  b: Analysis,
  lexicon: Lexicon,
  options: { model?: ParaphraseModel; style?: readonly number[] } = {},
): SentencePairJudgement {
  const model = options.model ?? loadParaphraseModel();
  return judgeEvidence(examinePair(a, b, lexicon, model), model, options.style);
}
