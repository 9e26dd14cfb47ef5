import { UnspinError } from '../errors.js';
import { readModelFile } from '../model/file.js';
import { predict, type Ensemble } from '../model/trees.js';
import { loadLexicon } from '../lexicon/index.js';
import type { Lexicon } from '../lexicon/types.js';
import { analyze } from '../text/analyze.js';
import type { Analysis } from '../text/types.js';
import { CandidateFinder, FEATURE_NAMES, type Candidate } from './candidates.js';
import { assembleFindings, listedPhrases, type FluentSuspect, type Suspect } from './findings.js';
import { CHOICE_FEATURES, fluencyFinder, swapDensity, swapMass, type FluencySwap } from './fluency.js';
import { likeliestOriginal, loadSpunPageModel, spinnerSwapProbability, spunProbability } from './page-verdict.js';
import { fieldProbability, ListField, type FieldGate } from './list-field.js';
import { adaptToText } from './prior.js';
import { SwapTable } from './swap-table.js';
import type { Inspection, SpinPair } from './types.js';

export const SPIN_MODEL_FORMAT = 'unspin-spin/4';
export const SPIN_MODEL_URL = new URL('../../models/spin.json.gz', import.meta.url);

/** The trained spin detector: tree ensembles over candidate features, with and without a spin lexicon. */
export interface SpinModel {
  readonly format: string;
  readonly features: readonly string[];
  /** For texts inspected with a spin lexicon, and without one. */
  readonly withList: Ensemble;
  readonly withoutList: Ensemble;
  /** Share of the with-list model's training candidates that were a spinner's (what its probabilities assume). */
  readonly listShare: number;
  /** Whether a text is of the field an imported list came from (list-field.ts): the list's odds hold only there. */
  readonly field: FieldGate;
  /** Probability from which a candidate becomes a finding, with a spin lexicon and without one. */
  readonly thresholds: { readonly withList: number; readonly withoutList: number };
  /** Cross-validated figures measured when the model was trained. */
  readonly estimates: Record<string, number>;
}

export interface InspectOptions {
  /** Known tortured → expected pairs (imported lists), used on any text. */
  readonly lists?: readonly SpinPair[];
  /**
   * Pairs learned from a corpus's spun copies (the store's lexicon), used only on a text that reads spun: on ordinary
   * prose a spinner's everyday swaps ("explained" for "said") are the author's own words.
   */
  readonly learned?: readonly SpinPair[];
  readonly lexicon?: Lexicon;
  /** Overrides the model's thresholds (0–1): lower finds more, at more false alarms. */
  readonly threshold?: number;
  /** Hears how many sentences of how many are done, for a progress bar on long texts. */
  readonly onProgress?: (done: number, total: number) => void;
}

let cached: SpinModel | undefined;

export function loadSpinModel(): SpinModel {
  if (cached) return cached;
  const model = readModelFile<SpinModel>(SPIN_MODEL_URL, SPIN_MODEL_FORMAT, 'scripts/train-spin.ts');
  if (model.features.join() !== FEATURE_NAMES.join()) {
    throw new UnspinError('E_INTERNAL', `${SPIN_MODEL_URL.pathname} does not match this version's features; run scripts/train-spin.ts`);
  }
  cached = model;
  return model;
}

/** The probability that each candidate is a spinner's swap. */
export function scoreCandidates(candidates: readonly Candidate[], ensemble: Ensemble): Suspect[] {
  return candidates.map((candidate) => ({ candidate, probability: predict(ensemble, candidate.features) }));
}

/**
 * With a spin lexicon, the same, re-weighed to the share of the text's candidates that look spun (prior.ts): a list's
 * near matches are many, and in a long clean text the training's odds would make findings of a few of them. The share
 * the text starts from is the training's, times the chance that the text is of the list's field (list-field.ts).
 */
export function scoreWithList(candidates: readonly Candidate[], model: Pick<SpinModel, 'withList' | 'listShare'>, fieldChance = 1): Suspect[] {
  const scored = scoreCandidates(candidates, model.withList);
  const adapted = adaptToText(scored.map((s) => s.probability), model.listShare, model.listShare * fieldChance);
  return scored.map((s, i) => ({ ...s, probability: adapted[i] ?? 0 }));
}

// A document's spin score saturates at this many findings (weighted by confidence) per 100 words.
const SCORE_HALF_DENSITY = 1.5;

/** 0–1 from the density of findings, so that a long clean text does not add up to a high score. */
export function spinScore(confidences: readonly number[], words: number): number {
  if (words === 0) return 0;
  const density = (100 * confidences.reduce((s, c) => s + c, 0)) / words;
  return Math.round((density / (density + SCORE_HALF_DENSITY)) * 1000) / 1000;
}

/** The parts `inspect` and `restore` share: the analysis, every scored candidate, and the findings. */
export interface Examination {
  readonly doc: Analysis;
  /** Every candidate with its probability, believed or not. */
  readonly scored: readonly Suspect[];
  /** Every swap the language model reads (fluency.ts), with the chance that it is a spinner's: believed or not. */
  readonly fluent: readonly FluentSuspect[];
  readonly inspection: Inspection;
}

/** What is learned from a list once, for one lexicon: `restore` examines every copy with the same lists. */
type Learned<T> = WeakMap<readonly SpinPair[], { readonly lexicon: Lexicon; readonly value: T }>;

function learnedOnce<T>(cache: Learned<T>, lists: readonly SpinPair[], lexicon: Lexicon, learn: () => T): T {
  const known = cache.get(lists);
  if (known?.lexicon === lexicon) return known.value;
  const value = learn();
  cache.set(lists, { lexicon, value });
  return value;
}

const tables: Learned<SwapTable> = new WeakMap();
const fields: Learned<ListField> = new WeakMap();

function swapTable(lists: readonly SpinPair[], lexicon: Lexicon): SwapTable | undefined {
  return lists.length === 0 ? undefined : learnedOnce(tables, lists, lexicon, () => new SwapTable(lists, lexicon));
}

/**
 * The chance that a text is of the field its imported lists came from; undefined with none (a learned lexicon is used
 * only on a text that reads spun, which is gate enough).
 */
function fieldChance(doc: Analysis, lists: readonly SpinPair[], lexicon: Lexicon, gate: FieldGate): number | undefined {
  if (lists.length === 0) return undefined;
  const field = learnedOnce(fields, lists, lexicon, () => new ListField(lists, lexicon));
  return fieldProbability(field.evidence(doc), gate);
}

/** Lists joined with a learned lexicon, kept so that the joined list's table is learned once. */
const joinedLists = new WeakMap<readonly SpinPair[], WeakMap<readonly SpinPair[], readonly SpinPair[]>>();

/** The lists that apply to a text: the given ones, and the learned lexicon where the text reads spun. */
function listsFor(options: InspectOptions, spun: boolean): readonly SpinPair[] {
  const lists = options.lists ?? [];
  const learned = spun ? (options.learned ?? []) : [];
  if (learned.length === 0) return lists;
  if (lists.length === 0) return learned;
  const byLearned = joinedLists.get(lists) ?? new WeakMap<readonly SpinPair[], readonly SpinPair[]>();
  joinedLists.set(lists, byLearned);
  const joined = byLearned.get(learned) ?? [...lists, ...learned];
  byLearned.set(learned, joined);
  return joined;
}

export function examine(text: string, options: InspectOptions = {}): Examination {
  const lexicon = options.lexicon ?? loadLexicon();
  const model = loadSpinModel();
  const doc = analyze(text, lexicon);
  const swaps = fluencyFinder(lexicon).swaps(doc);
  const verdict = verdictOf(swaps, doc);
  const table = swapTable(listsFor(options, verdict.spun), lexicon);
  const finder = new CandidateFinder(lexicon, table);
  const threshold = options.threshold ?? (table ? model.thresholds.withList : model.thresholds.withoutList);
  const candidates = finder.candidates(doc, options.onProgress);
  const listField = fieldChance(doc, options.lists ?? [], lexicon, model.field);
  const scored = table ? scoreWithList(candidates, model, listField) : scoreCandidates(candidates, model.withoutList);
  const fluent = fluentSuspects(swaps, verdict);
  const findings = assembleFindings(text, doc, scored, threshold, table ? listedPhrases(doc, table) : [], table, fluent.filter((f) => f.believed));
  const words = doc.tokens.filter((t) => t.kind === 'word').length;
  const field = listField === undefined ? {} : { listField: Math.round(listField * 1000) / 1000 };
  return { doc, scored, fluent, inspection: { ...verdict, spinScore: spinScore(findings.map((f) => f.confidence), words), ...field, findings } };
}

/** The page verdict (page-verdict.ts) from the language model's swaps in the text. */
function verdictOf(swaps: readonly FluencySwap[], doc: Analysis): Pick<Inspection, 'spun' | 'spunProbability'> {
  const model = loadSpunPageModel();
  const probability = spunProbability({ swapDensity: swapDensity(swapMass(swaps, doc), model.lengthPrior) }, model);
  return { spun: probability >= model.threshold, spunProbability: Math.round(probability * 1000) / 1000 };
}

/**
 * Each swap the language model reads, with the chance that it is a spinner's: the swap model's (page-verdict.ts) times
 * the page's. Believed (a finding) on a text that reads spun where the swap model's own chance reaches its threshold; on
 * any other text a word that a synonym would fit better is everyday word choice. Restorable where that chance times the
 * choice model's belief in the original is high enough for `restore` to apply it alone. The original is chosen for
 * the findings only; the other swaps keep the language model's favourite (their chance is all that is read of them).
 */
function fluentSuspects(swaps: readonly FluencySwap[], verdict: Pick<Inspection, 'spun' | 'spunProbability'>): FluentSuspect[] {
  const model = loadSpunPageModel();
  return swaps.map((swap) => {
    const probability = spinnerSwapProbability(swap, model);
    const believed = verdict.spun && probability >= model.swap.threshold;
    // A finding's suggestion: the alternative the choice model believes the spinner replaced, with how much it gains in place.
    const likeliest = believed ? likeliestOriginal(swap, model) : undefined;
    const original = likeliest?.choice;
    const suggested = original ? { ...swap, alternative: original.word, source: original.source, gain: original.features[CHOICE_FEATURES.indexOf('gain')] ?? swap.gain } : swap;
    return {
      swap: suggested,
      probability: probability * verdict.spunProbability,
      believed,
      restorable: probability * (likeliest?.probability ?? 0) >= model.choice.restoreFrom,
    };
  });
}

/** Whether a whole analyzed text reads as a spinner's output, by the page model (see page-verdict.ts). */
export function pageVerdict(doc: Analysis, lexicon: Lexicon): Pick<Inspection, 'spun' | 'spunProbability'> {
  return verdictOf(fluencyFinder(lexicon).swaps(doc), doc);
}

/** Looks for a spinner's fingerprints in a text with no source at hand. */
export function inspect(text: string, options: InspectOptions = {}): Inspection {
  return examine(text, options).inspection;
}
