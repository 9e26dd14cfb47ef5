/**
 * Is one text derived from the other, or were both written apart? A model over the evidence of their alignment per
 * kind of pair, fitted by scripts/train-derivation.ts, which chooses each threshold by cross-validation and records
 * its cross-validated figures in the model file:
 * - pages (either text longer or shorter than a passage): a logistic regression fitted on labelled real web pages
 *   (copies of news articles and independent reports of the same events) and on PAN's long documents with a copied
 *   passage;
 * - passages (both of evidence.ts's PASSAGE_WORDS): boosted trees fitted on passages reworded by people (P4P) and on
 *   passages of the labelled web pages (copies', and independent reports' of one event: the same names, written
 *   apart). A short passage is reworded whole, its sentences split and merged, where alignment finds less, so this
 *   expert also reads how the sentence-pair model and the meaning vectors see the two; and trees, because a scrape's
 *   passage shows by its wording and a reworded one by its meaning, which one regression weighs the same everywhere.
 */
import { readModelFile } from '../model/file.js';
import { predict, predictLogistic, type Ensemble, type Logistic } from '../model/trees.js';
import type { Evidence } from './evidence.js';

export const DERIVATION_FORMAT = 'unspin-derivation/2';
export const DERIVATION_MODEL_URL = new URL('../../models/derivation.json.gz', import.meta.url);

/** Figures of grouped cross-validation (folds by story) on one kind of training pair, as the training script measured them. */
export interface DerivationCrossValidation {
  readonly pairs: number;
  readonly derived: number;
  /** Per fold holding pairs of this kind: share of pairs judged right, and precision and recall of "derived". */
  readonly accuracy: readonly number[];
  readonly precision: readonly number[];
  readonly recall: readonly number[];
}

/** The judge of one kind of pair: a logistic regression or boosted trees. */
export type DerivationExpert = {
  /** Names of the features, in the order the model reads them. */
  readonly features: readonly string[];
  /** Probability at or above which a pair is derived. */
  readonly threshold: number;
} & ({ readonly logistic: Logistic } | { readonly trees: Ensemble });

export type PairKind = 'page' | 'passage';

export interface DerivationModel {
  readonly format: typeof DERIVATION_FORMAT;
  readonly experts: Readonly<Record<PairKind, DerivationExpert>>;
  /** By set of training pairs and expert: `dev/page`, `dev/passage` and `extra/…` web pages and their passages, `pan/page` long documents, `p4p/passage` reworded passages. */
  readonly crossValidation: Readonly<Record<string, DerivationCrossValidation>>;
}

/** What the models read of a pair, by name: symmetric measures (min and max over the two sides), counts on a log scale. */
const FEATURES: Readonly<Record<string, (e: Evidence) => number>> = {
  'wording.min': (e) => Math.min(e.wording.a, e.wording.b),
  'wording.max': (e) => Math.max(e.wording.a, e.wording.b),
  'wording.run': (e) => Math.log1p(e.wording.longestRun),
  'shared.min': (e) => Math.min(e.sharedA, e.sharedB),
  'shared.max': (e) => Math.max(e.sharedA, e.sharedB),
  'own.min': (e) => Math.min(e.ownSharedA, e.ownSharedB),
  'own.max': (e) => Math.max(e.ownSharedA, e.ownSharedB),
  'coverage.min': (e) => Math.min(e.coverageA, e.coverageB),
  'coverage.max': (e) => Math.max(e.coverageA, e.coverageB),
  links: (e) => Math.log1p(e.links),
  order: (e) => (e.links >= 2 ? e.order : 0),
  quoted: (e) => e.quotedShare,
  facts: (e) => e.sharedFactShare,
  // Passages only (0 for pages, whose expert does not read them).
  meaning: (e) => e.passage?.meaning ?? 0,
  'same-meaning': (e) => e.passage?.sameMeaning ?? 0,
  length: (e) => Math.log1p(Math.min(e.wordsA, e.wordsB)),
};

const PAGE_FEATURES = ['wording.min', 'wording.max', 'wording.run', 'shared.min', 'shared.max', 'own.min', 'own.max', 'coverage.min', 'coverage.max', 'links', 'order', 'quoted', 'facts'];

/** The names of the features a newly trained expert of each kind reads, in order. */
export const DERIVATION_FEATURES: Readonly<Record<PairKind, readonly string[]>> = {
  page: PAGE_FEATURES,
  passage: [...PAGE_FEATURES, 'meaning', 'same-meaning', 'length'],
};

export const pairKind = (e: Evidence): PairKind => (e.passage ? 'passage' : 'page');

export function featureVector(expert: Pick<DerivationExpert, 'features'>, e: Evidence): number[] {
  return expert.features.map((name) => FEATURES[name]?.(e) ?? 0);
}

let cached: DerivationModel | undefined;

export function loadDerivationModel(): DerivationModel {
  cached ??= readModelFile<DerivationModel>(DERIVATION_MODEL_URL, DERIVATION_FORMAT, 'scripts/train-derivation.ts');
  return cached;
}

/** Probability that one text was made from the other (or both from one source), by the expert for this kind of pair. */
export function derivedProbability(e: Evidence, model: DerivationModel = loadDerivationModel()): number {
  const expert = model.experts[pairKind(e)];
  const x = featureVector(expert, e);
  return 'trees' in expert ? predict(expert.trees, x) : predictLogistic(expert.logistic, x);
}

/** Whether the expert for this kind of pair judges one text derived from the other. */
export function isDerived(e: Evidence, model: DerivationModel = loadDerivationModel()): boolean {
  return derivedProbability(e, model) >= model.experts[pairKind(e)].threshold;
}
