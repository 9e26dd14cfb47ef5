/**
 * Trains the page-level spin verdict (models/spun-page.json.gz): is a whole text a synonym spinner's output? Learns
 * from labelled real web pages whose excerpts a developer gathered (see ../shared/data/README.md): the development
 * pages of ../shared/data/web-dev (`--web-dev DIR` or UNSPIN_WEB_DEV), the project's own bench/web-pages/extra.md
 * (`--web-extra DIR` or UNSPIN_WEB_EXTRA) and bench/web-pages/spin.md (`--web-spin DIR` or UNSPIN_WEB_SPIN), and the
 * abstracts of published papers of bench/web-pages/science.md (`--science DIR` or UNSPIN_SCIENCE: the kind of text a
 * research-integrity reader inspects, whose subject words a general English model finds rare). Spun pages are the
 * positives; every other page (originals, scrapes, extracts, independent reports, paraphrases, translations,
 * abstracts) a negative. The ranking measure and the length prior's choice compare spun pages with ordinary news pages
 * (isOrdinaryNews); the abstracts are counted apart. The seeds are left out: they are measured by `npm run eval`.
 * Cross-validation holds whole stories out (5 folds); each fold's threshold is chosen on the other folds as the
 * probability that at most 1% of their non-spun pages reach (a spin verdict must not accuse ordinary pages). The final
 * model is fitted on every page the same way. Deterministic.
 * Then the swap model: on each spun page whose source (its original, or a verbatim copy of it) is in the set and reads
 * as derived, a swap the language model finds (fluency.ts) is the spinner's when alignment with the source shows a
 * substitution there. A logistic model of the swap's features (fluency.ts) says how likely; a swap becomes a finding from even
 * odds up.
 * Cross-validated by story as above.
 *
 *   npx tsx scripts/train-spun-page.ts --web-dev /tmp/unspin-web-dev --web-extra /tmp/unspin-web-extra --web-spin /tmp/unspin-spun --science /tmp/unspin-sci
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLexicon } from '../src/lexicon/index.js';
import { predictLogistic, trainLogistic, type Logistic } from '../src/model/trees.js';
import { writeModelFile } from '../src/model/file.js';
import { CHOICE_FEATURES, FluencyFinder, SWAP_FEATURES, swapDensity, swapMass, type Choice, type SwapMass } from '../src/spin/fluency.js';
import { likeliestOriginal, SPUN_PAGE_FEATURES, SPUN_PAGE_FORMAT, SPUN_PAGE_MODEL_URL, type PageEvidence, type SpunPageModel } from '../src/spin/page-verdict.js';
import { analyze } from '../src/text/analyze.js';
import type { Span } from '../src/text/types.js';
import { compare } from '../src/compare.js';
import { SHARED_DIR } from '../bench/shared-data.js';
import { excerptFolder, isOrdinaryPage, isSpunPage, readLabels, readPages, readSpinLabels, type WebPage } from '../bench/web-pages.js';

const FOLDS = 5;
const L2 = 1;
/** Share of non-spun pages a threshold may let through. */
const NEGATIVES_ALLOWED = 0.01;

export interface SpinPage extends WebPage {
  readonly set: string;
  /** What its swaps weigh, and over how many words: its evidence at any length prior. */
  readonly mass: SwapMass;
  /** The language model's swaps (fluency.ts): what the swap model reads of each, and where its words are. */
  readonly swaps: readonly { readonly features: readonly number[]; readonly span: Span; readonly choices: readonly Choice[] }[];
  readonly label: 0 | 1;
}

/** The labelled pages of every set whose excerpt folder is given, with what the language model sees of each. */
export function readSpinPages(): SpinPage[] {
  const lexicon = loadLexicon();
  const finder = new FluencyFinder(lexicon);
  const bench = (file: string): string => fileURLToPath(new URL(`../bench/web-pages/${file}`, import.meta.url));
  const sets = [
    { name: 'dev', labels: readLabels(join(SHARED_DIR, 'data/web-dev/list.md')), folder: excerptFolder('--web-dev', 'UNSPIN_WEB_DEV') },
    { name: 'extra', labels: readLabels(bench('extra.md')), folder: excerptFolder('--web-extra', 'UNSPIN_WEB_EXTRA') },
    { name: 'spin', labels: readSpinLabels(bench('spin.md')), folder: excerptFolder('--web-spin', 'UNSPIN_WEB_SPIN') },
    { name: 'science', labels: readSpinLabels(bench('science.md')), folder: excerptFolder('--science', 'UNSPIN_SCIENCE') },
  ];
  return sets.flatMap((set) =>
    set.folder
      ? readPages(set.labels, set.folder).map((p) => {
          const doc = analyze(p.text, lexicon);
          const swaps = finder.swaps(doc);
          return {
            ...p,
            set: set.name,
            id: `${set.name}:${p.id}`,
            story: `${set.name}:${p.story}`,
            mass: swapMass(swaps, doc),
            swaps: swaps.map((s) => ({ features: s.features, choices: s.choices, span: [doc.tokens[s.token]?.span[0] ?? 0, doc.tokens[s.last - 1]?.span[1] ?? 0] })),
            label: isSpunPage(p) ? 1 : 0,
          };
        })
      : [],
  );
}

/** Length priors (words) tried for the swap density; a short spun page has few swaps, a short ordinary page few words. */
const LENGTH_PRIORS = [0, 25, 50, 75, 100, 150, 200, 300];

const evidenceOf = (p: SpinPage, lengthPrior: number): PageEvidence => ({ swapDensity: swapDensity(p.mass, lengthPrior) });
/** An ordinary news page: not spun, not a rewrite of another page, not an abstract. */
export const isOrdinaryNews = (p: SpinPage): boolean => p.set !== 'science' && isOrdinaryPage(p);

const vector = (p: SpinPage, lengthPrior: number): number[] => SPUN_PAGE_FEATURES.map((name) => evidenceOf(p, lengthPrior)[name]);

/** The length prior under which the swap density best ranks the spun pages above the ordinary ones. */
function chooseLengthPrior(pages: readonly SpinPage[]): number {
  const spun = pages.filter((p) => p.label === 1);
  const ordinary = pages.filter(isOrdinaryNews);
  const aucs = LENGTH_PRIORS.map((prior) => rocAuc(spun.map((p) => swapDensity(p.mass, prior)), ordinary.map((p) => swapDensity(p.mass, prior))));
  return LENGTH_PRIORS[aucs.indexOf(Math.max(...aucs))] ?? 0;
}

function fit(pages: readonly SpinPage[]): { logistic: Logistic; lengthPrior: number; threshold: number } {
  const lengthPrior = chooseLengthPrior(pages);
  const logistic = trainLogistic(pages.map((p) => vector(p, lengthPrior)), pages.map((p) => p.label), L2);
  const negatives = pages.filter((p) => p.label === 0).map((p) => predictLogistic(logistic, vector(p, lengthPrior))).sort((x, y) => y - x);
  const allowed = Math.floor(NEGATIVES_ALLOWED * negatives.length);
  // Just above the highest negative beyond those allowed, and never below even odds.
  const threshold = Math.max(0.5, Math.round(((negatives[allowed] ?? 0) + 0.005) * 1000) / 1000);
  return { logistic, lengthPrior, threshold };
}

/** ROC AUC of scores: the chance a positive scores above a negative (ties count half). */
export function rocAuc(positives: readonly number[], negatives: readonly number[]): number {
  let wins = 0;
  for (const p of positives) for (const n of negatives) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return positives.length && negatives.length ? wins / (positives.length * negatives.length) : Number.NaN;
}

/** Stories dealt to folds in order of size, each to the fold with the fewest spun pages so far. */
export function spinFolds(pages: readonly SpinPage[]): Map<string, number> {
  const spun = new Map<string, number>();
  for (const p of pages) spun.set(p.story, (spun.get(p.story) ?? 0) + p.label);
  const load = new Array<number>(FOLDS).fill(0);
  const fold = new Map<string, number>();
  for (const [story, count] of [...spun].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))) {
    const target = load.indexOf(Math.min(...load));
    fold.set(story, target);
    load[target] = (load[target] ?? 0) + count + 0.01;
  }
  return fold;
}

/** Each page's probability from a model fitted without its fold, and each fold's threshold. */
export function crossValidated(pages: readonly SpinPage[]): {
  probability: Map<SpinPage, number>;
  calledSpun: Map<SpinPage, boolean>;
  thresholds: number[];
  lengthPriors: number[];
} {
  const foldOf = spinFolds(pages);
  const probability = new Map<SpinPage, number>();
  const calledSpun = new Map<SpinPage, boolean>();
  const thresholds: number[] = [];
  const lengthPriors: number[] = [];
  for (let f = 0; f < FOLDS; f++) {
    // The length prior too is chosen on the other folds only.
    const model = fit(pages.filter((p) => foldOf.get(p.story) !== f));
    thresholds.push(model.threshold);
    lengthPriors.push(model.lengthPrior);
    for (const p of pages.filter((q) => foldOf.get(q.story) === f)) {
      const pr = predictLogistic(model.logistic, vector(p, model.lengthPrior));
      probability.set(p, pr);
      calledSpun.set(p, pr >= model.threshold);
    }
  }
  return { probability, calledSpun, thresholds, lengthPriors };
}

/** A swap on a spun page whose source is at hand: its features, and whether the spinner changed the word there. */
interface LabelledSwap {
  readonly features: readonly number[];
  readonly choices: readonly Choice[];
  /** Lemmas of the source's wording where the spinner changed it (empty where it did not). */
  readonly replaced: ReadonlySet<string>;
  readonly label: 0 | 1;
  readonly story: string;
  /** The substitutions it lies in, by `page:index`. */
  readonly covers: readonly string[];
}

/** A spun page's source among the pages: its original, or a verbatim copy of it. */
export function sourceOf<P extends SpinPage>(page: P, pages: readonly P[]): P | undefined {
  return pages.find((q) => q !== page && q.cluster !== undefined && q.cluster === page.cluster && /^original|^verbatim/.test(q.kind));
}

/**
 * The swaps of every spun page that alignment with its source shows to be derived, labelled by that alignment, and
 * how many substitutions alignment shows on those pages (what a detector with no source could find at most).
 */
function labelledSwaps(pages: readonly SpinPage[]): { swaps: LabelledSwap[]; substitutions: number } {
  const lexicon = loadLexicon();
  let substitutions = 0;
  const swaps = pages.flatMap((page) => {
    if (page.label !== 1) return [];
    const source = sourceOf(page, pages);
    if (!source) return [];
    const comparison = compare({ name: source.id, text: source.text }, { name: page.id, text: page.text });
    if (!comparison.derived) return [];
    substitutions += comparison.substitutions.length;
    return page.swaps.map(({ features, choices, span }): LabelledSwap => {
      const covered = comparison.substitutions.filter((x) => span[0] < x.bSpan[1] && span[1] > x.bSpan[0]);
      const covers = covered.map((x) => `${page.id}:${comparison.substitutions.indexOf(x)}`);
      const replaced = new Set(covered.flatMap((x) => x.a.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean).map((w) => lexicon.lemma(w))));
      return { features, choices, replaced, label: covers.length > 0 ? 1 : 0, story: page.story, covers };
    });
  });
  return { swaps, substitutions };
}

/** A swap becomes a finding when it is likelier the spinner's than not. */
const SWAP_THRESHOLD = 0.5;
const fitSwaps = (swaps: readonly LabelledSwap[]): Logistic => trainLogistic(swaps.map((s) => s.features), swaps.map((s) => s.label), L2);

/** Whether a choice names the word the spinner replaced. */
const isReplaced = (swap: LabelledSwap, choice: Choice): boolean => swap.replaced.has(choice.word) || swap.replaced.has(loadLexicon().lemma(choice.word));
/** The spinner's swaps whose replaced word is among their choices: what the choice model learns from. */
const choosable = (swaps: readonly LabelledSwap[]): LabelledSwap[] => swaps.filter((s) => s.label === 1 && s.choices.some((c) => isReplaced(s, c)));
const fitChoices = (swaps: readonly LabelledSwap[]): Logistic => {
  const rows = choosable(swaps).flatMap((s) => s.choices.map((c) => ({ x: c.features, y: isReplaced(s, c) ? 1 : 0 })));
  return trainLogistic(rows.map((r) => r.x), rows.map((r) => r.y), L2);
};

/** How often each fold's choice model (fitted on the other folds) picks the replaced word first, against the language model's favourite. */
function crossValidatedChoices(swaps: readonly LabelledSwap[], foldOf: ReadonlyMap<string, number>): Record<string, number | number[]> {
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  let picked = 0;
  let likeliest = 0;
  const folds: number[] = [];
  const held = choosable(swaps);
  for (let f = 0; f < FOLDS; f++) {
    const test = held.filter((s) => foldOf.get(s.story) === f);
    if (test.length === 0) continue;
    const logistic = fitChoices(swaps.filter((s) => foldOf.get(s.story) !== f));
    let right = 0;
    for (const s of test) {
      const best = likeliestOriginal(s, { choice: { logistic } })?.choice;
      if (best && isReplaced(s, best)) right++;
      if (s.choices[0] && isReplaced(s, s.choices[0])) likeliest++;
    }
    picked += right;
    folds.push(round(right / test.length));
  }
  return {
    spinnerSwaps: swaps.filter((s) => s.label === 1).length,
    replacedAmongChoices: held.length,
    pickedFirst: round(picked / Math.max(1, held.length)),
    likeliestInPlaceFirst: round(likeliest / Math.max(1, held.length)),
    foldPickedFirst: folds,
  };
}

/** A guess is restored alone where it is right at least this often (cross-validated): likelier right than wrong. */
const GUESS_PRECISION = 0.5;
const GUESS_THRESHOLDS = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);

/**
 * Which findings `restore` applies alone: a believed swap whose chance of being the spinner's times the choice model's
 * belief in its original reaches a threshold. Each fold's swaps are read by models fitted on the other folds; the
 * threshold is the lowest at which the pooled guesses name the replaced word at least GUESS_PRECISION of the time.
 */
function crossValidatedGuesses(swaps: readonly LabelledSwap[], foldOf: ReadonlyMap<string, number>): { threshold: number; crossValidation: Record<string, number | number[]> } {
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  const read: Array<{ fold: number; sureness: number; right: boolean; untouched: boolean }> = [];
  for (let f = 0; f < FOLDS; f++) {
    const held = swaps.filter((s) => foldOf.get(s.story) === f);
    if (held.length === 0) continue;
    const training = swaps.filter((s) => foldOf.get(s.story) !== f);
    const swapModel = fitSwaps(training);
    const choice = { logistic: fitChoices(training) };
    for (const s of held) {
      const chance = predictLogistic(swapModel, s.features);
      const best = likeliestOriginal(s, { choice });
      if (chance < SWAP_THRESHOLD || !best) continue;
      read.push({ fold: f, sureness: chance * best.probability, right: s.label === 1 && isReplaced(s, best.choice), untouched: s.label === 0 });
    }
  }
  const applied = (t: number, fold?: number) => read.filter((r) => r.sureness >= t && (fold === undefined || r.fold === fold));
  const precision = (rows: readonly { right: boolean }[]): number => (rows.length > 0 ? rows.filter((r) => r.right).length / rows.length : 0);
  const threshold = GUESS_THRESHOLDS.find((t) => applied(t).length > 0 && precision(applied(t)) >= GUESS_PRECISION) ?? 1;
  const spinners = swaps.filter((s) => s.label === 1).length;
  return {
    threshold,
    crossValidation: {
      believedSwaps: read.length,
      believedSwapsNamedRight: round(precision(read)),
      restoredAlone: applied(threshold).length,
      restoredAlonePrecision: round(precision(applied(threshold))),
      restoredAloneOnUntouchedWords: applied(threshold).filter((r) => r.untouched).length,
      spinnerSwapsRestoredAlone: round(applied(threshold).filter((r) => r.right).length / Math.max(1, spinners)),
      foldRestoredAlonePrecision: Array.from({ length: FOLDS }, (_, f) => round(precision(applied(threshold, f)))),
      foldRestoredAlone: Array.from({ length: FOLDS }, (_, f) => applied(threshold, f).length),
    },
  };
}

/** Precision and recall of the swap findings, each fold's swaps judged by a model fitted on the other folds. */
function crossValidatedSwaps(
  { swaps, substitutions }: ReturnType<typeof labelledSwaps>,
  foldOf: ReadonlyMap<string, number>,
): Record<string, number | number[]> {
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  const tally = { found: 0, right: 0, spinners: 0 };
  const flagged = new Set<string>();
  const precision: number[] = [];
  const recall: number[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const held = swaps.filter((s) => foldOf.get(s.story) === f);
    if (held.length === 0) continue;
    const logistic = fitSwaps(swaps.filter((s) => foldOf.get(s.story) !== f));
    const found = held.filter((s) => predictLogistic(logistic, s.features) >= SWAP_THRESHOLD);
    const right = found.filter((s) => s.label === 1).length;
    for (const s of found) for (const c of s.covers) flagged.add(c);
    const spinners = held.filter((s) => s.label === 1).length;
    tally.found += found.length;
    tally.right += right;
    tally.spinners += spinners;
    precision.push(round(found.length > 0 ? right / found.length : 0));
    recall.push(round(spinners > 0 ? right / spinners : 0));
  }
  return {
    swaps: swaps.length,
    spinnerSwaps: tally.spinners,
    precision: round(tally.right / Math.max(1, tally.found)),
    recall: round(tally.right / Math.max(1, tally.spinners)),
    substitutions,
    substitutionsFlagged: round(flagged.size / Math.max(1, substitutions)),
    foldPrecision: precision,
    foldRecall: recall,
  };
}

async function main(): Promise<void> {
  const pages = readSpinPages();
  const spun = pages.filter((p) => p.label === 1);
  if (spun.length < 10) throw new Error('too few spun pages: give the excerpt folders (see the header)');
  const { probability, calledSpun, thresholds, lengthPriors } = crossValidated(pages);
  const ordinary = pages.filter(isOrdinaryNews);
  const abstracts = pages.filter((p) => p.set === 'science');
  const auc = rocAuc(spun.map((p) => probability.get(p) ?? 0), ordinary.map((p) => probability.get(p) ?? 0));
  const crossValidation = {
    pages: pages.length,
    spun: spun.length,
    ordinary: ordinary.length,
    aucSpunVersusOrdinary: Math.round(auc * 1000) / 1000,
    spunCalledSpun: spun.filter((p) => calledSpun.get(p)).length,
    ordinaryCalledSpun: ordinary.filter((p) => calledSpun.get(p)).length,
    othersCalledSpun: pages.filter((p) => p.label === 0 && !isOrdinaryPage(p) && calledSpun.get(p)).length,
    abstracts: abstracts.length,
    abstractsCalledSpun: abstracts.filter((p) => calledSpun.get(p)).length,
    thresholds,
    lengthPriors,
  };
  const labelled = labelledSwaps(pages);
  const foldOf = spinFolds(pages);
  const swap = { features: [...SWAP_FEATURES], logistic: fitSwaps(labelled.swaps), threshold: SWAP_THRESHOLD, crossValidation: crossValidatedSwaps(labelled, foldOf) };
  const guesses = crossValidatedGuesses(labelled.swaps, foldOf);
  const choice = {
    features: [...CHOICE_FEATURES],
    logistic: fitChoices(labelled.swaps),
    restoreFrom: guesses.threshold,
    crossValidation: { ...crossValidatedChoices(labelled.swaps, foldOf), ...guesses.crossValidation },
  };
  const model: SpunPageModel = { format: SPUN_PAGE_FORMAT, features: [...SPUN_PAGE_FEATURES], ...fit(pages), crossValidation, swap, choice };
  writeModelFile(SPUN_PAGE_MODEL_URL, model);
  console.log(JSON.stringify({ threshold: model.threshold, lengthPrior: model.lengthPrior, crossValidation, swap: swap.crossValidation, choice: choice.crossValidation }));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
