/**
 * Trains the sentence-paraphrase model (models/paraphrase.json) on the development halves of
 * PAN-para, MRPC and PAWS in ../shared/data/paraphrase: computes pair features, estimates accuracy
 * per corpus by stratified k-fold cross-validation of the whole decision (router, one expert per
 * corpus style, fact guards), then fits the final model on everything and records the estimates in it.
 * Deterministic: fixed seeds, no clock or environment in the result.
 *
 *   npx tsx scripts/train-paraphrase.ts
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readPairTable } from '../src/cli/pairs.js';
import { DEFAULT_BOOST, predict, seededRandom, train, trainLogistic, type BoostOptions, type Ensemble } from '../src/judge/model.js';
import { expertProbability, factGuard, MODEL_FORMAT, MODEL_URL, type CrossValidation, type Expert, type ParaphraseModel } from '../src/judge/paraphrase.js';
import { pairFeatures, pairView, type Features } from '../src/judge/sentence-features.js';
import { loadLexicon } from '../src/lexicon/index.js';
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
  readonly vector: number[];
  readonly label: number;
}

interface Mixture {
  readonly router: Ensemble[];
  readonly experts: Expert[];
}

function readCorpus(file: string, style: number, names: string[]): Example[] {
  const lexicon = loadLexicon();
  return readPairTable(fileURLToPath(new URL(file, DATA_DIR))).map((row) => {
    const features = pairFeatures(pairView(analyze(row.a, lexicon), analyze(row.b, lexicon), lexicon));
    if (names.length === 0) names.push(...Object.keys(features));
    return { style, features, vector: names.map((n) => features[n] ?? 0), label: row.label ?? 0 };
  });
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

function fitMixture(examples: readonly Example[]): Mixture {
  const vectors = examples.map((e) => e.vector);
  return {
    router: CORPORA.map((_, s) => train(vectors, examples.map((e) => (e.style === s ? 1 : 0)), ROUTER)),
    experts: CORPORA.map((corpus, s) => {
      const own = examples.filter((e) => e.style === s);
      const vectors = own.map((e) => e.vector);
      const labels = own.map((e) => e.label);
      const trees = train(vectors, labels, corpus.trees);
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
function crossValidate(examples: readonly Example[]): { byFile: Record<string, CrossValidation>; byPair: Record<string, CrossValidation> } {
  const fold = stratifiedFolds(examples, FOLDS, FOLD_SEED);
  const byFile = CORPORA.map(() => [] as number[]);
  const byPair = CORPORA.map(() => [] as number[]);
  for (let k = 0; k < FOLDS; k++) {
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
  const count = (s: number): number => examples.filter((e) => e.style === s).length;
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
  const cv = crossValidate(examples);
  const final = fitMixture(examples);
  const model: ParaphraseModel = {
    format: MODEL_FORMAT,
    features: names,
    styles: CORPORA.map((c) => c.style),
    router: final.router,
    experts: final.experts,
    threshold: THRESHOLD,
    crossValidation: cv.byFile,
  };
  mkdirSync(new URL('.', MODEL_URL), { recursive: true });
  writeFileSync(MODEL_URL, `${JSON.stringify(model)}\n`);
  process.stdout.write(`${FOLDS}-fold cross-validated accuracy (style read from the whole held-out fold; from each pair alone)\n`);
  for (const c of CORPORA) {
    const file = cv.byFile[c.style];
    const pair = cv.byPair[c.style];
    if (file && pair) process.stdout.write(`${c.style.padEnd(10)} ${String(file.pairs).padStart(6)} pairs  ${percent(file)}   ${percent(pair)}\n`);
  }
  process.stdout.write(`wrote ${fileURLToPath(MODEL_URL)}\n`);
}

main();
