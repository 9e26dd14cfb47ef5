/**
 * Is a whole text a spinner's output? A logistic model over what the language model sees of it (see fluency.ts),
 * fitted on labelled real web pages (spun copies beside originals, scrapes, independent reports, paraphrases) by
 * scripts/train-spun-page.ts, which chooses the threshold by cross-validation and records its figures in the file.
 * And on a page that reads spun, which of its words are the spinner's: a logistic model of a swap's features, fitted on
 * the swaps of real spun pages whose source is at hand (alignment with the source shows which words the spinner changed).
 */
import { readModelFile } from '../model/file.js';
import { predictLogistic, type Logistic } from '../model/trees.js';
import { UnspinError } from '../errors.js';
import { CHOICE_FEATURES, SWAP_FEATURES, type Choice, type FluencySwap } from './fluency.js';

export const SPUN_PAGE_FORMAT = 'unspin-spun-page/5';
export const SPUN_PAGE_MODEL_URL = new URL('../../models/spun-page.json.gz', import.meta.url);

/** What the model reads of a text, by name. */
export interface PageEvidence {
  /** Swap gains beyond the noise per 100 words, shrunk for short texts by the model's lengthPrior (fluency.ts). */
  readonly swapDensity: number;
}

export const SPUN_PAGE_FEATURES: readonly (keyof PageEvidence)[] = ['swapDensity'];

export interface SpunPageModel {
  readonly format: typeof SPUN_PAGE_FORMAT;
  readonly features: readonly string[];
  readonly logistic: Logistic;
  /** Words added to a text's length when its swap density is read (fluency.ts), chosen in training. */
  readonly lengthPrior: number;
  /** Probability at or above which a text is called spun. */
  readonly threshold: number;
  /** Cross-validated figures (folds by story) measured when the model was trained. */
  readonly crossValidation: Readonly<Record<string, number | readonly number[]>>;
  /** Whether a swap on a spun page is the spinner's, from its features (fluency.ts); a finding from `threshold` up. */
  readonly swap: {
    readonly features: readonly string[];
    readonly logistic: Logistic;
    readonly threshold: number;
    readonly crossValidation: Readonly<Record<string, number | readonly number[]>>;
  };
  /**
   * Which of a spinner's swap's alternatives is the word it replaced: a logistic model of each alternative's features
   * (fluency.ts), fitted on the alternatives of the spinner's swaps whose replaced word is among them.
   */
  readonly choice: {
    readonly features: readonly string[];
    readonly logistic: Logistic;
    /**
     * A finding from the language model alone is restored with no other copy at hand where the swap model's chance
     * times the choice model's belief in its original reaches this (chosen in training so that such restorations
     * name the replaced word at least half the time, cross-validated); below it the suggestion is a guess.
     */
    readonly restoreFrom: number;
    readonly crossValidation: Readonly<Record<string, number | readonly number[]>>;
  };
}

let cached: SpunPageModel | undefined;

export function loadSpunPageModel(): SpunPageModel {
  if (cached) return cached;
  const model = readModelFile<SpunPageModel>(SPUN_PAGE_MODEL_URL, SPUN_PAGE_FORMAT, 'scripts/train-spun-page.ts');
  if (model.swap.features.join() !== SWAP_FEATURES.join() || model.choice.features.join() !== CHOICE_FEATURES.join()) {
    throw new UnspinError('E_INTERNAL', `${SPUN_PAGE_MODEL_URL.pathname} does not match this version's features; run scripts/train-spun-page.ts`);
  }
  cached = model;
  return model;
}

export function spunProbability(evidence: PageEvidence, model: SpunPageModel = loadSpunPageModel()): number {
  return predictLogistic(
    model.logistic,
    model.features.map((name) => evidence[name as keyof PageEvidence] ?? 0),
  );
}

/** The chance that a swap (fluency.ts) on a page known to be spun is the spinner's own. */
export function spinnerSwapProbability(swap: Pick<FluencySwap, 'features'>, model: SpunPageModel = loadSpunPageModel()): number {
  return predictLogistic(model.swap.logistic, swap.features);
}

/** The alternative of a swap likeliest to be the word the spinner replaced, and the choice model's belief in it. */
export function likeliestOriginal(
  swap: Pick<FluencySwap, 'choices'>,
  model: { readonly choice: { readonly logistic: Logistic } } = loadSpunPageModel(),
): { choice: Choice; probability: number } | undefined {
  let best: { choice: Choice; probability: number } | undefined;
  for (const choice of swap.choices) {
    const probability = predictLogistic(model.choice.logistic, choice.features);
    if (!best || probability > best.probability) best = { choice, probability };
  }
  return best;
}
