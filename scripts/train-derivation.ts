/**
 * Trains the derivation model (models/derivation.json.gz): is one text derived from the other, or written apart?
 * Learns from two kinds of labelled text:
 * - real web pages — copies of news articles (verbatim, partial, spun, paraphrased) and independent reports of the
 *   same events — whose excerpts a developer gathered (see ../shared/data/README.md): the development pages of
 *   ../shared/data/web-dev (`--web-dev DIR` or UNSPIN_WEB_DEV) and the project's own, bench/web-pages/extra.md
 *   (`--web-extra DIR` or UNSPIN_WEB_EXTRA). Every pair of pages reporting one story is an example, and so is every
 *   pair of different stories that share vocabulary (TF-IDF cosine ≥ 0.1);
 * - long documents holding a passage copied from another (the PAN verbatim cases of ../shared/data/pan-verbatim,
 *   each with the two sources nearest it by TF-IDF that it did not copy): news excerpts never show a long text
 *   sharing one long passage with another, and that is a copy too.
 * Cross-validation holds whole stories (and whole suspicious documents) out (5 folds), then the final model is
 * fitted on every pair. Deterministic: no clock, no randomness.
 *
 *   npx tsx scripts/train-derivation.ts --web-dev /tmp/unspin-web-dev --web-extra /tmp/unspin-web-extra
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { align } from '../src/align/index.js';
import { gatherEvidence, type Evidence } from '../src/judge/evidence.js';
import { DERIVATION_FEATURES, DERIVATION_FORMAT, DERIVATION_MODEL_URL, featureVector, type DerivationModel } from '../src/judge/derivation.js';
import { loadLexicon } from '../src/lexicon/index.js';
import { predictLogistic, trainLogistic, type Logistic } from '../src/model/trees.js';
import { writeModelFile } from '../src/model/file.js';
import { analyze } from '../src/text/analyze.js';
import { formClusters, type PairVerdict } from '../src/corpus/cluster.js';
import type { Analysis } from '../src/text/types.js';
import { SHARED_DIR } from '../bench/shared-data.js';
import { cosine, fitTfidf } from '../bench/tfidf.js';
import { excerptFolder, readLabels, readPages, type WebPage } from '../bench/web-pages.js';

export const FOLDS = 5;
const L2 = 3;
// Thresholds tried: probabilities at or above which a pair is derived.
const THRESHOLDS = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8];
// Pairs of different stories are examples when they share this much vocabulary: the ones a scan would align.
const CROSS_STORY_COSINE = 0.1;
// Each PAN suspicious document is also paired with this many of its nearest sources that it did not copy.
const PAN_NEGATIVES = 2;
const FEATURES = DERIVATION_FEATURES;

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

/** PAN verbatim cases: each suspicious document with its sources (derived) and with its nearest other sources (not). */
export function panExamples(): Example[] {
  const dir = join(SHARED_DIR, 'data/pan-verbatim');
  if (!existsSync(join(dir, 'pairs'))) return [];
  const lexicon = loadLexicon();
  const sources = readdirSync(join(dir, 'src')).sort();
  const sourceText = sources.map((f) => readFileSync(join(dir, 'src', f), 'utf8'));
  const tfidf = fitTfidf(sourceText);
  const copied = new Map<string, Set<string>>();
  for (const line of readFileSync(join(dir, 'pairs'), 'utf8').split('\n')) {
    const [susp, src] = line.trim().split(/\s+/);
    if (susp && src) copied.set(susp, new Set([...(copied.get(susp) ?? []), src]));
  }
  const analyses = new Map<string, Analysis>();
  const analysisOf = (file: string, text: string): Analysis => {
    let a = analyses.get(file);
    if (!a) analyses.set(file, (a = analyze(text, lexicon)));
    return a;
  };
  const examples: Example[] = [];
  for (const [susp, own] of copied) {
    const text = readFileSync(join(dir, 'susp', susp), 'utf8');
    const query = tfidf.vector(text);
    const nearest = sources
      .map((f, i) => ({ f, i, score: cosine(query, tfidf.vectors[i] as Map<string, number>) }))
      .filter((s) => !own.has(s.f))
      .sort((x, y) => y.score - x.score || (x.f < y.f ? -1 : 1))
      .slice(0, PAN_NEGATIVES);
    const partners = [...[...own].map((f) => ({ f, label: 1 as const })), ...nearest.map((s) => ({ f: s.f, label: 0 as const }))];
    for (const { f, label } of partners) {
      const a = analysisOf(`susp/${susp}`, text);
      const b = analysisOf(`src/${f}`, sourceText[sources.indexOf(f)] ?? '');
      const evidence = gatherEvidence(a, b, align(a, b, lexicon), lexicon);
      const story = `pan:${susp}`;
      examples.push({ a: `pan:${susp}`, b: `pan:${f}`, story, stories: [story, story], evidence, vector: featureVector({ features: FEATURES }, evidence), label });
    }
  }
  return examples;
}

/** Every example the model learns from: the labelled web pages given, and the PAN cases when ../shared has them. */
export function trainingExamples(pages: readonly TrainingPage[]): Example[] {
  return [...examplesOf(pages), ...panExamples()];
}

export function fit(examples: readonly Example[]): Logistic {
  return trainLogistic(
    examples.map((e) => e.vector),
    examples.map((e) => e.label),
    L2,
  );
}

/** The kind of a pair: the set its story comes from (dev, extra, pan). */
const kindOf = (e: Example): string => e.stories[0].split(':')[0] ?? '';

/**
 * Clusters formed from pairs judged at a threshold, as a scan forms them (cluster.ts), with every example pair
 * compared: pairwise precision and recall of "same cluster" against the labels, over the web pairs.
 */
async function clusterScore(examples: readonly Example[], probability: ReadonlyMap<Example, number>, threshold: number): Promise<{ tp: number; fp: number; fn: number }> {
  const counts = { tp: 0, fp: 0, fn: 0 };
  for (const set of new Set(examples.map(kindOf))) {
    if (set === 'pan') continue;
    const pairs = examples.filter((e) => kindOf(e) === set && probability.has(e));
    const ids = [...new Set(pairs.flatMap((e) => [e.a, e.b]))].sort();
    const number = new Map(ids.map((id, i) => [id, i]));
    const derived = new Map<string, PairVerdict>();
    for (const e of pairs) {
      const [x, y] = [number.get(e.a) as number, number.get(e.b) as number];
      const isDerived = (probability.get(e) ?? 0) >= threshold;
      const shared: [number, number] = x < y ? [e.evidence.sharedA, e.evidence.sharedB] : [e.evidence.sharedB, e.evidence.sharedA];
      if (isDerived) derived.set(x < y ? `${x}:${y}` : `${y}:${x}`, { derived: true, relation: 'paraphrase', similarity: (shared[0] + shared[1]) / 2, shared, lean: 0 });
    }
    const documents = new Map(ids.map((id, n) => [n, { number: n, id, text: '', words: 0 }]));
    const clusters = await formClusters(derived, { documents, verdict: async (x, y) => derived.get(`${x}:${y}`) });
    const joined = new Set<string>();
    for (const c of clusters) {
      const members = [c.original, ...c.members.map((m) => m.id)].sort();
      for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) joined.add(`${members[i]}|${members[j]}`);
    }
    const truth = new Set(pairs.filter((e) => e.label === 1).map((e) => (e.a < e.b ? `${e.a}|${e.b}` : `${e.b}|${e.a}`)));
    for (const p of joined) counts[truth.has(p) ? 'tp' : 'fp']++;
    for (const p of truth) if (!joined.has(p)) counts.fn++;
  }
  return counts;
}

/**
 * The threshold for these examples, chosen by their own cross-validation: the one whose held-out verdicts, clustered
 * as a scan clusters, score the best pairwise F0.5 on the web pages (precision counts twice: a takedown sent for an
 * independent report is worse than a missed copy).
 */
export async function chooseThreshold(examples: readonly Example[]): Promise<number> {
  const foldOf = storyFolds(examples);
  const held = new Map<Example, number>();
  for (let k = 0; k < FOLDS; k++) {
    const model = fit(examples.filter((e) => e.stories.every((s) => foldOf.get(s) !== k)));
    for (const e of examples) if (e.stories.every((s) => foldOf.get(s) === k)) held.set(e, predictLogistic(model, e.vector));
  }
  let best = { threshold: 0.5, score: -1 };
  for (const threshold of THRESHOLDS) {
    const { tp, fp, fn } = await clusterScore(examples, held, threshold);
    const score = tp > 0 ? (1.25 * tp) / (1.25 * tp + 0.25 * fn + fp) : 0;
    if (score > best.score + 1e-9) best = { threshold, score };
  }
  return best.threshold;
}

/** A model fitted on the examples, with its threshold chosen on them by cross-validation. */
export async function fitDerivation(examples: readonly Example[]): Promise<Pick<DerivationModel, 'logistic' | 'threshold'>> {
  return { logistic: fit(examples), threshold: await chooseThreshold(examples) };
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

async function crossValidate(examples: readonly Example[]): Promise<{ figures: DerivationModel['crossValidation']; thresholds: number[] }> {
  const foldOf = storyFolds(examples);
  const kinds = [...new Set(examples.map(kindOf))].sort();
  const counts = new Map(kinds.map((k) => [k, Array.from({ length: FOLDS }, () => ({ n: 0, right: 0, tp: 0, fp: 0, fn: 0 }))]));
  const thresholds: number[] = [];
  for (let k = 0; k < FOLDS; k++) {
    // The threshold too is chosen without the held-out fold: by cross-validation inside the other four.
    const model = await fitDerivation(examples.filter((e) => e.stories.every((s) => foldOf.get(s) !== k)));
    thresholds.push(model.threshold);
    for (const e of examples.filter((x) => x.stories.every((s) => foldOf.get(s) === k))) {
      const c = counts.get(kindOf(e))?.[k];
      if (!c) continue;
      const derived = predictLogistic(model.logistic, e.vector) >= model.threshold;
      c.n++;
      if (derived === (e.label === 1)) c.right++;
      if (derived && e.label === 1) c.tp++;
      if (derived && e.label === 0) c.fp++;
      if (!derived && e.label === 1) c.fn++;
    }
  }
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  const figures = Object.fromEntries(
    kinds.map((kind) => {
      const folds = counts.get(kind) ?? [];
      return [
        kind,
        {
          pairs: examples.filter((e) => kindOf(e) === kind).length,
          derived: examples.filter((e) => kindOf(e) === kind && e.label === 1).length,
          accuracy: folds.map((c) => r3(c.right / Math.max(1, c.n))),
          precision: folds.map((c) => r3(c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 1)),
          recall: folds.map((c) => r3(c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 1)),
        },
      ];
    }),
  );
  return { figures, thresholds };
}

async function main(): Promise<void> {
  const pages = readTrainingPages();
  if (pages.length === 0) {
    console.error('no labelled pages: give --web-dev DIR and/or --web-extra DIR (folders of gathered excerpts)');
    process.exitCode = 2;
    return;
  }
  const examples = trainingExamples(pages);
  console.log(`${pages.length} labelled web pages; ${examples.length} pairs`);
  const { figures: crossValidation, thresholds } = await crossValidate(examples);
  const mean = (xs: readonly number[]): string => (xs.reduce((s, x) => s + x, 0) / xs.length).toFixed(3);
  const range = (xs: readonly number[]): string => `${Math.min(...xs).toFixed(3)}–${Math.max(...xs).toFixed(3)}`;
  console.log(`cross-validated by story (${FOLDS} folds, each with its threshold chosen inside the others: ${thresholds.join(', ')}; mean, and the range over folds):`);
  for (const [kind, cv] of Object.entries(crossValidation)) {
    console.log(`  ${kind.padEnd(6)} ${cv.pairs} pairs (${cv.derived} derived): accuracy ${mean(cv.accuracy)} (${range(cv.accuracy)}), precision ${mean(cv.precision)} (${range(cv.precision)}), recall ${mean(cv.recall)} (${range(cv.recall)})`);
  }
  const model: DerivationModel = { format: DERIVATION_FORMAT, features: FEATURES, ...(await fitDerivation(examples)), crossValidation };
  console.log(`threshold ${model.threshold}`);
  FEATURES.forEach((name, k) => console.log(`  ${name.padEnd(14)} ${(model.logistic.weights[k] ?? 0).toFixed(3)}`));
  writeModelFile(DERIVATION_MODEL_URL, model);
  console.log(`wrote ${fileURLToPath(DERIVATION_MODEL_URL)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
