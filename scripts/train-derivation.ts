/**
 * Trains the derivation model (models/derivation.json.gz): is one text derived from the other, or written apart?
 * Learns from labelled real web pages — copies of news articles (verbatim, partial, spun, paraphrased) and
 * independent reports of the same events — whose excerpts a developer gathered (see ../shared/data/README.md):
 * the development pages of ../shared/data/web-dev (`--web-dev DIR` or UNSPIN_WEB_DEV) and the project's own,
 * bench/web-pages/extra.md (`--web-extra DIR` or UNSPIN_WEB_EXTRA). Every pair of pages reporting one story is an
 * example, and so is every pair of different stories that share vocabulary (TF-IDF cosine ≥ 0.1).
 * Cross-validation holds whole stories out (5 folds), then the final model is fitted on every pair.
 * Deterministic: no clock, no randomness.
 *
 *   npx tsx scripts/train-derivation.ts --web-dev /tmp/unspin-web-dev --web-extra /tmp/unspin-web-extra
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { align } from '../src/align/index.js';
import { gatherEvidence, type Evidence } from '../src/judge/evidence.js';
import { DERIVATION_FORMAT, DERIVATION_MODEL_URL, featureVector, derivationFeatures, type DerivationModel } from '../src/judge/derivation.js';
import { loadLexicon } from '../src/lexicon/index.js';
import { predictLogistic, trainLogistic, type Logistic } from '../src/model/trees.js';
import { writeModelFile } from '../src/model/file.js';
import { analyze } from '../src/text/analyze.js';
import type { Analysis } from '../src/text/types.js';
import { SHARED_DIR } from '../bench/shared-data.js';
import { cosine, fitTfidf } from '../bench/tfidf.js';
import { excerptFolder, readLabels, readPages, type WebPage } from '../bench/web-pages.js';

export const FOLDS = 5;
const L2 = 3;
const THRESHOLD = 0.5;
// Pairs of different stories are examples when they share this much vocabulary: the ones a scan would align.
const CROSS_STORY_COSINE = 0.1;
const FEATURES = Object.keys(derivationFeatures(emptyEvidence()));

/** A labelled page of one set, its id and story made unique across sets. */
export interface TrainingPage extends WebPage {
  readonly set: string;
  readonly analysis: Analysis;
}

export interface Example {
  readonly a: string;
  readonly b: string;
  /** The story both pages report, or undefined for a pair of two stories. */
  readonly story: string | undefined;
  readonly stories: readonly [string, string];
  readonly evidence: Evidence;
  readonly vector: number[];
  readonly label: 0 | 1;
}

function emptyEvidence(): Parameters<typeof derivationFeatures>[0] {
  return {
    coverageA: 0,
    coverageB: 0,
    sharedA: 0,
    sharedB: 0,
    ownSharedA: 0,
    ownSharedB: 0,
    order: 0,
    rewrite: 'paraphrase',
    verbatimShare: 0,
    oneToOneShare: 0,
    quotedShare: 0,
    sharedFacts: 0,
    sharedFactShare: 0,
    links: 0,
    wording: { a: 0, b: 0, longestRun: 0 },
  };
}

/** The labelled sets whose excerpt folders are given; each page's id and story prefixed with its set. */
export function readTrainingPages(): TrainingPage[] {
  const lexicon = loadLexicon();
  const sets = [
    { name: 'dev', labels: join(SHARED_DIR, 'data/web-dev/list.md'), folder: excerptFolder('--web-dev', 'UNSPIN_WEB_DEV') },
    { name: 'extra', labels: fileURLToPath(new URL('../bench/web-pages/extra.md', import.meta.url)), folder: excerptFolder('--web-extra', 'UNSPIN_WEB_EXTRA') },
  ];
  return sets.flatMap((set) =>
    set.folder
      ? readPages(readLabels(set.labels), set.folder).map((p) => ({ ...p, set: set.name, id: `${set.name}:${p.id}`, story: `${set.name}:${p.story}`, analysis: analyze(p.text, lexicon) }))
      : [],
  );
}

/** The example pairs of a set of pages: every pair within a story, and pairs of two stories that share vocabulary. */
export function examplesOf(pages: readonly TrainingPage[]): Example[] {
  const lexicon = loadLexicon();
  const { vectors } = fitTfidf(pages.map((p) => p.text));
  const examples: Example[] = [];
  for (let i = 0; i < pages.length; i++) {
    for (let j = i + 1; j < pages.length; j++) {
      const x = pages[i] as TrainingPage;
      const y = pages[j] as TrainingPage;
      if (x.set !== y.set) continue;
      const sameStory = x.story === y.story;
      if (!sameStory && cosine(vectors[i] as Map<string, number>, vectors[j] as Map<string, number>) < CROSS_STORY_COSINE) continue;
      const evidence = gatherEvidence(x.analysis, y.analysis, align(x.analysis, y.analysis, lexicon), lexicon);
      examples.push({
        a: x.id,
        b: y.id,
        story: sameStory ? x.story : undefined,
        stories: [x.story, y.story],
        evidence,
        vector: featureVector({ features: FEATURES }, evidence),
        label: x.cluster !== undefined && x.cluster === y.cluster ? 1 : 0,
      });
    }
  }
  return examples;
}

export function fit(examples: readonly Example[]): Logistic {
  return trainLogistic(
    examples.map((e) => e.vector),
    examples.map((e) => e.label),
    L2,
  );
}

/** Stories dealt to folds in order of size, each to the fold with the fewest derived pairs so far. */
export function storyFolds(examples: readonly Example[], folds = FOLDS): Map<string, number> {
  const positives = new Map<string, number>();
  for (const e of examples) for (const s of e.stories) positives.set(s, (positives.get(s) ?? 0) + (e.story === s ? e.label : 0));
  const stories = [...positives.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  const load = new Array<number>(folds).fill(0);
  const fold = new Map<string, number>();
  for (const [story, count] of stories) {
    const target = load.indexOf(Math.min(...load));
    fold.set(story, target);
    load[target] = (load[target] ?? 0) + count + 0.01;
  }
  return fold;
}

function crossValidate(examples: readonly Example[]): DerivationModel['crossValidation'] {
  const foldOf = storyFolds(examples);
  const accuracy: number[] = [];
  const precision: number[] = [];
  const recall: number[] = [];
  for (let k = 0; k < FOLDS; k++) {
    const held = (e: Example): boolean => e.stories.some((s) => foldOf.get(s) === k);
    const model = fit(examples.filter((e) => !held(e)));
    const test = examples.filter((e) => e.stories.every((s) => foldOf.get(s) === k));
    let right = 0;
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const e of test) {
      const derived = predictLogistic(model, e.vector) >= THRESHOLD;
      if (derived === (e.label === 1)) right++;
      if (derived && e.label === 1) tp++;
      if (derived && e.label === 0) fp++;
      if (!derived && e.label === 1) fn++;
    }
    const r3 = (x: number): number => Math.round(x * 1000) / 1000;
    accuracy.push(r3(right / Math.max(1, test.length)));
    precision.push(r3(tp + fp > 0 ? tp / (tp + fp) : 1));
    recall.push(r3(tp + fn > 0 ? tp / (tp + fn) : 1));
  }
  return { pairs: examples.length, stories: foldOf.size, accuracy, precision, recall };
}

async function main(): Promise<void> {
  const pages = readTrainingPages();
  if (pages.length === 0) {
    console.error('no labelled pages: give --web-dev DIR and/or --web-extra DIR (folders of gathered excerpts)');
    process.exitCode = 2;
    return;
  }
  const examples = examplesOf(pages);
  const derived = examples.filter((e) => e.label === 1).length;
  console.log(`${pages.length} pages, ${examples.length} pairs (${derived} derived)`);
  const crossValidation = crossValidate(examples);
  const mean = (xs: readonly number[]): string => (xs.reduce((s, x) => s + x, 0) / xs.length).toFixed(3);
  const range = (xs: readonly number[]): string => `${Math.min(...xs).toFixed(3)}–${Math.max(...xs).toFixed(3)}`;
  console.log(`cross-validated by story (${FOLDS} folds): accuracy ${mean(crossValidation.accuracy)} (${range(crossValidation.accuracy)}), precision ${mean(crossValidation.precision)} (${range(crossValidation.precision)}), recall ${mean(crossValidation.recall)} (${range(crossValidation.recall)})`);
  const model: DerivationModel = { format: DERIVATION_FORMAT, features: FEATURES, logistic: fit(examples), threshold: THRESHOLD, crossValidation };
  FEATURES.forEach((name, k) => console.log(`  ${name.padEnd(14)} ${(model.logistic.weights[k] ?? 0).toFixed(3)}`));
  writeModelFile(DERIVATION_MODEL_URL, model);
  console.log(`wrote ${fileURLToPath(DERIVATION_MODEL_URL)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
