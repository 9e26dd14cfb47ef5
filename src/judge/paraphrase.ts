/**
 * Do two sentences say the same thing? A boosted-tree model over sentence-pair features
 * (trained by scripts/train-paraphrase.ts), plus rules that name the kind of relation.
 */
import { readFileSync } from 'node:fs';
import { UnspinError } from '../errors.js';
import type { Lexicon } from '../lexicon/types.js';
import type { Analysis } from '../text/types.js';
import { predict, type Ensemble } from './model.js';
import { pairFeatures, pairView, type Features } from './sentence-features.js';
import type { Relation } from './types.js';

/** Cross-validated accuracy on one training corpus, as recorded by the training script. */
export interface CrossValidation {
  readonly pairs: number;
  readonly folds: readonly number[];
  readonly mean: number;
  readonly spread: number;
}

export interface ParaphraseModel {
  readonly format: 'unspin-paraphrase/1';
  /** Probability at or above which a pair is a paraphrase. */
  readonly threshold: number;
  readonly crossValidation: Readonly<Record<string, CrossValidation>>;
  readonly ensemble: Ensemble;
}

export interface SentencePairJudgement {
  readonly paraphrase: boolean;
  /** Model probability that the two sentences mean the same. */
  readonly probability: number;
  readonly relation: Relation;
  /** 0–1: the information-weighted share of content words aligned across the pair. */
  readonly similarity: number;
}

export const MODEL_URL = new URL('../../models/paraphrase.json', import.meta.url);

// Relation rules, on features that read as plain proportions.
const DUPLICATE_EDIT = 0.9; // at most one word in ten changed
const SPUN_EDIT = 0.75; // same order: most words sit where an aligned word sits
const SPUN_DISCORDANT = 0.05;
const PARTIAL_CONTAINED = 0.85; // the shorter side is almost all found in the longer
const PARTIAL_CONTENT_RATIO = 0.7; // ...which says much more
const RELATED_SIMILARITY = 0.2;

let cached: ParaphraseModel | undefined;

export function loadParaphraseModel(url: URL = MODEL_URL): ParaphraseModel {
  if (cached && url === MODEL_URL) return cached;
  let model: ParaphraseModel;
  try {
    model = JSON.parse(readFileSync(url, 'utf8')) as ParaphraseModel;
  } catch (error) {
    throw new UnspinError('E_INTERNAL', `cannot read the paraphrase model ${url.pathname}; run scripts/train-paraphrase.ts`, { cause: error });
  }
  if (model.format !== 'unspin-paraphrase/1') throw new UnspinError('E_INTERNAL', `unknown paraphrase model format in ${url.pathname}`);
  if (url === MODEL_URL) cached = model;
  return model;
}

function featureVector(model: ParaphraseModel, features: Features): number[] {
  return model.ensemble.features.map((name) => {
    const v = features[name];
    if (v === undefined) throw new UnspinError('E_INTERNAL', `the paraphrase model needs feature ${name}, which is no longer computed; retrain it`);
    return v;
  });
}

function relationOf(paraphrase: boolean, f: Features, similarity: number): Relation {
  const at = (name: string): number => f[name] ?? 0;
  if (paraphrase) {
    if (at('edit.lemma') >= DUPLICATE_EDIT) return 'duplicate';
    if (at('edit.aligned') >= SPUN_EDIT && at('order.discordant') <= SPUN_DISCORDANT) return 'spun';
    return 'paraphrase';
  }
  const contained = at('align.content.max') >= PARTIAL_CONTAINED && at('content.ratio') <= PARTIAL_CONTENT_RATIO;
  if (contained && at('left.numbers.min') === 0 && at('left.names.min') === 0) return 'partial';
  return similarity >= RELATED_SIMILARITY ? 'related' : 'unrelated';
}

/** Judges whether sentence (or short passage) b says what a says, and how it was made from it. */
export function judgeSentencePair(a: Analysis, b: Analysis, lexicon: Lexicon, model = loadParaphraseModel()): SentencePairJudgement {
  const features = pairFeatures(pairView(a, b, lexicon));
  const probability = predict(model.ensemble, featureVector(model, features));
  const paraphrase = probability >= model.threshold;
  const similarity = features['align.weighted.f'] ?? 0;
  return { paraphrase, probability, relation: relationOf(paraphrase, features, similarity), similarity };
}
