/**
 * Is one text derived from the other, or were both written apart? A logistic model over the evidence of their
 * alignment, fitted on labelled real web pages (copies of news articles and independent reports of the same events)
 * and on PAN's long documents with a copied passage by scripts/train-derivation.ts, which chooses the threshold by
 * cross-validation and records its cross-validated figures in the model file.
 */
import { readModelFile } from '../model/file.js';
import { predictLogistic, type Logistic } from '../model/trees.js';
import type { Evidence } from './evidence.js';

export const DERIVATION_FORMAT = 'unspin-derivation/1';
export const DERIVATION_MODEL_URL = new URL('../../models/derivation.json.gz', import.meta.url);

/** Figures of grouped cross-validation (folds by story) on one kind of training pair, as the training script measured them. */
export interface DerivationCrossValidation {
  readonly pairs: number;
  readonly derived: number;
  /** Per fold: share of pairs judged right, and precision and recall of "derived". */
  readonly accuracy: readonly number[];
  readonly precision: readonly number[];
  readonly recall: readonly number[];
}

export interface DerivationModel {
  readonly format: typeof DERIVATION_FORMAT;
  /** Names of the features, in the order the regression reads them. */
  readonly features: readonly string[];
  readonly logistic: Logistic;
  /** Probability at or above which a pair is derived. */
  readonly threshold: number;
  /** By kind of pair: `dev` and `extra` web pages, `pan` long documents. */
  readonly crossValidation: Readonly<Record<string, DerivationCrossValidation>>;
}

/** What the model reads of a pair, by name: symmetric measures (min and max over the two sides), counts on a log scale. */
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
};

/** The names of the features a newly trained model reads, in order. */
export const DERIVATION_FEATURES: readonly string[] = Object.keys(FEATURES);

export function featureVector(model: Pick<DerivationModel, 'features'>, e: Evidence): number[] {
  return model.features.map((name) => FEATURES[name]?.(e) ?? 0);
}

let cached: DerivationModel | undefined;

export function loadDerivationModel(): DerivationModel {
  cached ??= readModelFile<DerivationModel>(DERIVATION_MODEL_URL, DERIVATION_FORMAT, 'scripts/train-derivation.ts');
  return cached;
}

/** Probability that one text was made from the other (or both from one source). */
export function derivedProbability(e: Evidence, model: DerivationModel = loadDerivationModel()): number {
  return predictLogistic(model.logistic, featureVector(model, e));
}
