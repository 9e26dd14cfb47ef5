/**
 * Trains the sentence-paraphrase model (models/paraphrase.json.gz) on the development halves of
 * PAN-para, MRPC and PAWS in ../shared/data/paraphrase: computes pair features, estimates accuracy
 * per corpus by stratified k-fold cross-validation of the whole decision (router, one expert per
 * corpus style, fact guards), then fits the final model on everything and records the estimates in it.
 * Deterministic: fixed seeds, no clock or environment in the result.
 *
 *   npx tsx scripts/train-paraphrase.ts
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readPairTable } from '../src/cli/pairs.js';
import { seededRandom } from '../src/random.js';
import { DEFAULT_BOOST, predict, train, trainLogistic, type BoostOptions, type Ensemble, type TreeNode } from '../src/model/trees.js';
import { writeModelFile } from '../src/model/file.js';
import { expertProbability, factGuard, MODEL_FORMAT, MODEL_URL, type CrossValidation, type Expert, type ParaphraseModel, type TermFeatures } from '../src/judge/paraphrase.js';
import { pairView } from '../src/judge/pair-view.js';
import { pairFeatures, type Features } from '../src/judge/sentence-features.js';
import { loadLexicon } from '../src/lexicon/index.js';
import { fitTermTable, pairTerms, tfkldFeatureNames, tfkldFeatures, type PairTerms, type TermTable } from '../src/judge/tfkld.js';
import { analyze } from '../src/text/analyze.js';

const DATA_DIR = new URL('../../shared/data/paraphrase/', import.meta.url);
// The small, noisy news corpus wants shallower, slower, more randomized trees than the others,
// and gains from averaging them with a logistic regression (in cross-validation; the others lose).
const SMALL_DATA: BoostOptions = { ...DEFAULT_BOOST, rounds: 500, depth: 3, learningRate: 0.02, featureSample: 0.5 };
const CORPORA = [
  { style: 'pan-para', file: 'pan-para-train.tsv', trees: DEFAULT_BOOST, logistic: false },
  { style: 'mrpc', file: 'mrpc-train.tsv', trees: SMALL_DATA, logistic: true },
  { style: 'paws', file: 'paws-dev.tsv', trees: DEFAULT_BOOST, logistic: false },
] as const;
const LOGISTIC_L2 = 10;

const FOLDS = 10;
const FOLD_SEED = 20240611;
const THRESHOLD = 0.5;
// Telling the kinds of text apart is easy: a few shallow trees do.
const ROUTER: BoostOptions = { ...DEFAULT_BOOST, rounds: 60, depth: 3, learningRate: 0.2 };

interface Example {
  readonly style: number;
  readonly features: Features;
  /** The term-free features, then (once a term table is chosen) the TF-KLD ones. */
  readonly vector: number[];
  readonly terms: PairTerms;
  readonly label: number;
}

interface Mixture {
  readonly router: Ensemble[];
  readonly experts: Expert[];
}

function readCorpus(file: string, style: number, names: string[]): Example[] {
  const lexicon = loadLexicon();
  return readPairTable(fileURLToPath(new URL(file, DATA_DIR))).map((row) => {
    const view = pairView(analyze(row.a, lexicon), analyze(row.b, lexicon), lexicon);
    const features = pairFeatures(view);
    if (names.length === 0) names.push(...Object.keys(features));
    const terms = pairTerms(view.a.lemma, view.b.lemma, view.alignment.toB, view.alignment.toA);
    return { style, features, vector: names.map((n) => features[n] ?? 0), terms, label: row.label ?? 0 };
  });
}

/** TF-KLD term tables: each fitted on the pairs of some corpora; their features reach the router and every expert. */
// The news corpus's own table, and one of all three (which helps PAWS and PAN-para most).
const TERM_TABLES: readonly { readonly prefix: string; readonly styles: readonly string[] }[] = [
  { prefix: 'tfkld', styles: ['mrpc'] },
  { prefix: 'tfkld.all', styles: ['pan-para', 'mrpc', 'paws'] },
];
const TERM_NAMES = TERM_TABLES.flatMap((t) => tfkldFeatureNames(t.prefix));

function fitTable(examples: readonly Example[], idx: readonly number[]): TermTable {
  return fitTermTable(
    idx.map((i) => (examples[i] as Example).terms),
    idx.map((i) => (examples[i] as Example).label),
  );
}

/**
 * TF-KLD features for a mixture trained on the examples `inTraining` selects: each term table is
 * fitted on its corpora's pairs among them. Those pairs themselves get features from tables fitted
 * without their own fold (cross-fitting), so that the experts learn how far a table can be trusted
 * on pairs it has not seen; all other pairs get the table fitted on all of them.
 */
function termFeatures(
  examples: readonly Example[],
  inTraining: (i: number) => boolean,
  fold: Int32Array,
): { tables: TermFeatures[]; examples: Example[] } {
  const tables: TermFeatures[] = [];
  const parts = TERM_TABLES.map((spec) => {
    const styles = new Set(spec.styles.map((name) => CORPORA.findIndex((c) => c.style === name)));
    const fitters = examples.flatMap((e, i) => (inTraining(i) && styles.has(e.style) ? [i] : []));
    const table = fitTable(examples, fitters);
    tables.push({ prefix: spec.prefix, table });
    const names = tfkldFeatureNames(spec.prefix);
    const values = (e: Example, t: TermTable): number[] => {
      const f = tfkldFeatures(t, e.terms, spec.prefix);
      return names.map((n) => f[n] ?? 0);
    };
    const out = examples.map((e) => values(e, table));
    for (const g of new Set(fitters.map((i) => fold[i] ?? 0))) {
      const partial = fitTable(
        examples,
        fitters.filter((i) => fold[i] !== g),
      );
      for (const i of fitters) if (fold[i] === g) out[i] = values(examples[i] as Example, partial);
    }
    return out;
  });
  return { tables, examples: examples.map((e, i) => ({ ...e, vector: [...e.vector, ...parts.flatMap((p) => p[i] ?? [])] })) };
}

/** Fold of every example: each corpus and class spread evenly over the folds. */
function stratifiedFolds(examples: readonly Example[], k: number, seed: number): Int32Array {
  const random = seededRandom(seed);
  const fold = new Int32Array(examples.length);
  const groups = new Map<string, number[]>();
  examples.forEach((e, i) => {
    const key = `${e.style}:${e.label}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  for (const members of groups.values()) {
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j] as number, members[i] as number];
    }
    members.forEach((m, pos) => {
      fold[m] = pos % k;
    });
  }
  return fold;
}

// Ensembles of different seeds averaged (their trees scaled), for the small corpus whose trees vary most.
const SEEDS = 3;

function scaled(node: TreeNode, by: number): TreeNode {
  return typeof node === 'number' ? Number((node * by).toPrecision(5)) : [node[0], node[1], scaled(node[2], by), scaled(node[3], by)];
}

function averaged(rows: readonly number[][], labels: readonly number[], options: BoostOptions, seeds: number): Ensemble {
  if (seeds <= 1) return train(rows, labels, options);
  const all = Array.from({ length: seeds }, (_, k) => train(rows, labels, { ...options, seed: options.seed + k }));
  return { base: all[0]?.base ?? 0, trees: all.flatMap((e) => e.trees.map((t) => scaled(t, 1 / seeds))) };
}

function fitMixture(examples: readonly Example[]): Mixture {
  const vectors = examples.map((e) => e.vector);
  return {
    router: CORPORA.map((_, s) => train(vectors, examples.map((e) => (e.style === s ? 1 : 0)), ROUTER)),
    experts: CORPORA.map((corpus, s) => {
      const own = examples.filter((e) => e.style === s);
      const vectors = own.map((e) => e.vector);
      const labels = own.map((e) => e.label);
      const trees = averaged(vectors, labels, corpus.trees, corpus.style === 'mrpc' ? SEEDS : 1);
      return corpus.logistic ? { trees, logistic: trainLogistic(vectors, labels, LOGISTIC_L2) } : { trees };
    }),
  };
}

function styleOf(m: Mixture, vector: readonly number[]): number[] {
  const w = m.router.map((r) => predict(r, vector));
  const sum = w.reduce((x, y) => x + y, 0);
  return w.map((x) => x / sum);
}

function mixedProbability(m: Mixture, vector: readonly number[], style: readonly number[]): number {
  return m.experts.reduce((p, expert, s) => p + (style[s] ?? 0) * expertProbability(expert, vector), 0);
}

/** Accuracy on a held-out set of one corpus, its style read from all its pairs (as `unspin pairs` reads a file) or from each pair alone. */
function accuracy(m: Mixture, test: readonly Example[]): { file: number; pair: number } {
  const styles = test.map((e) => styleOf(m, e.vector));
  const fileStyle = CORPORA.map((_, s) => styles.reduce((sum, w) => sum + (w[s] ?? 0), 0) / styles.length);
  let file = 0;
  let pair = 0;
  test.forEach((e, i) => {
    const guarded = factGuard(e.features) !== undefined;
    const says = (p: number): number => (p >= THRESHOLD && !guarded ? 1 : 0);
    if (says(mixedProbability(m, e.vector, fileStyle)) === e.label) file++;
    if (says(mixedProbability(m, e.vector, styles[i] ?? fileStyle)) === e.label) pair++;
  });
  return { file: file / test.length, pair: pair / test.length };
}

function summary(pairs: number, folds: readonly number[]): CrossValidation {
  const mean = folds.reduce((s, x) => s + x, 0) / folds.length;
  const spread = Math.sqrt(folds.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, folds.length - 1));
  const r = (x: number): number => Math.round(x * 10000) / 10000;
  return { pairs, folds: folds.map(r), mean: r(mean), spread: r(spread) };
}

/** Per corpus, accuracy on each held-out fold of the mixture trained on the other folds. */
function crossValidate(
  raw: readonly Example[],
  fold: Int32Array,
): { byFile: Record<string, CrossValidation>; byPair: Record<string, CrossValidation> } {
  const byFile = CORPORA.map(() => [] as number[]);
  const byPair = CORPORA.map(() => [] as number[]);
  for (let k = 0; k < FOLDS; k++) {
    const examples = termFeatures(raw, (i) => fold[i] !== k, fold).examples;
    const m = fitMixture(examples.filter((_, i) => fold[i] !== k));
    const line = CORPORA.map((c, s) => {
      const acc = accuracy(
        m,
        examples.filter((e, i) => fold[i] === k && e.style === s),
      );
      byFile[s]?.push(acc.file);
      byPair[s]?.push(acc.pair);
      return `${c.style} ${(acc.file * 100).toFixed(1)}%`;
    });
    process.stderr.write(`fold ${k + 1}/${FOLDS}: ${line.join('  ')}\n`);
  }
  const count = (s: number): number => raw.filter((e) => e.style === s).length;
  return {
    byFile: Object.fromEntries(CORPORA.map((c, s) => [c.style, summary(count(s), byFile[s] ?? [])])),
    byPair: Object.fromEntries(CORPORA.map((c, s) => [c.style, summary(count(s), byPair[s] ?? [])])),
  };
}

const percent = (cv: CrossValidation): string => `${(cv.mean * 100).toFixed(2)}% ± ${(cv.spread * 100).toFixed(2)}`;

function main(): void {
  if (!existsSync(DATA_DIR)) {
    process.stderr.write(`skipped: ${fileURLToPath(DATA_DIR)} not found\n`);
    return;
  }
  const names: string[] = [];
  const examples = CORPORA.flatMap((c, s) => readCorpus(c.file, s, names));
  process.stderr.write(`${examples.length} pairs, ${names.length} features\n`);
  const fold = stratifiedFolds(examples, FOLDS, FOLD_SEED);
  const cv = crossValidate(examples, fold);
  const terms = termFeatures(examples, () => true, fold);
  const final = fitMixture(terms.examples);
  const model: ParaphraseModel = {
    format: MODEL_FORMAT,
    features: [...names, ...TERM_NAMES],
    styles: CORPORA.map((c) => c.style),
    router: final.router,
    experts: final.experts,
    threshold: THRESHOLD,
    terms: terms.tables,
    crossValidation: cv.byFile,
  };
  mkdirSync(new URL('.', MODEL_URL), { recursive: true });
  writeModelFile(MODEL_URL, model);
  process.stdout.write(`${FOLDS}-fold cross-validated accuracy (style read from the whole held-out fold; from each pair alone)\n`);
  for (const c of CORPORA) {
    const file = cv.byFile[c.style];
    const pair = cv.byPair[c.style];
    if (file && pair) process.stdout.write(`${c.style.padEnd(10)} ${String(file.pairs).padStart(6)} pairs  ${percent(file)}   ${percent(pair)}\n`);
  }
  process.stdout.write(`wrote ${fileURLToPath(MODEL_URL)}\n`);
}

main();
