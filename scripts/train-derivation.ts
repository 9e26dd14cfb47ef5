/**
 * Trains the derivation model (models/derivation.json.gz): is one text derived from the other, or written apart?
 * Learns from these kinds of labelled text:
 * - real web pages — copies of news articles (verbatim, partial, spun, paraphrased) and independent reports of the
 *   same events — whose excerpts a developer gathered (see ../shared/data/README.md): the development pages of
 *   ../shared/data/web-dev (`--web-dev DIR` or UNSPIN_WEB_DEV) and the project's own, bench/web-pages/extra.md
 *   (`--web-extra DIR` or UNSPIN_WEB_EXTRA). Every pair of pages reporting one story is an example, and so is every
 *   pair of different stories that share vocabulary (TF-IDF cosine ≥ 0.1); and so are their passages, paired as
 *   bench/web-passages.ts pairs them (a copy's with its source's, an independent report's with another's);
 * - long documents holding a passage copied from another (the PAN verbatim cases of ../shared/data/pan-verbatim,
 *   each with the two sources nearest it by TF-IDF that it did not copy): news excerpts never show a long text
 *   sharing one long passage with another, and that is a copy too;
 * - short passages reworded by people: P4P's rewrites (../shared/data/p4p), each with its source and with the three
 *   passages nearest it by TF-IDF among the other sources and 10,000 State of the Union passages (what a search
 *   aligns it with).
 * Pairs of two passages (src/judge/evidence.ts, PASSAGE_WORDS) train the passage expert, the others the page expert.
 * The Clough–Stevenson answers stay out: they are the eval's check on texts the model never saw.
 * Cross-validation holds whole stories (and whole suspicious documents, and whole P4P rewrites) out (5 folds), then
 * the final model is fitted on every pair. Deterministic: no clock, no randomness. About 3 minutes.
 *
 *   npx tsx scripts/train-derivation.ts --web-dev /tmp/unspin-web-dev --web-extra /tmp/unspin-web-extra
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { align } from '../src/align/index.js';
import { gatherEvidence, type Evidence } from '../src/judge/evidence.js';
import { DERIVATION_FEATURES, DERIVATION_FORMAT, DERIVATION_MODEL_URL, featureVector, pairKind, type DerivationExpert, type DerivationModel, type PairKind } from '../src/judge/derivation.js';
import { loadLexicon } from '../src/lexicon/index.js';
import { DEFAULT_BOOST, predict, predictLogistic, train, trainLogistic, type Ensemble, type Logistic } from '../src/model/trees.js';
import { writeModelFile } from '../src/model/file.js';
import { analyze } from '../src/text/analyze.js';
import { formClusters, type PairVerdict } from '../src/corpus/cluster.js';
import type { Analysis } from '../src/text/types.js';
import { SHARED_DIR } from '../bench/shared-data.js';
import { cosine, fitTfidf, tfidfRanker } from '../bench/tfidf.js';
import { excerptFolder, readLabels, readPages, type WebPage } from '../bench/web-pages.js';
import { p4pPairs, sotuPassages } from '../bench/reuse-data.js';
import { webPassagePairs } from '../bench/web-passages.js';

export const FOLDS = 5;
const L2 = 3;
// Fewer rounds than the default: a few thousand pairs of 16 measures.
const BOOST = { ...DEFAULT_BOOST, rounds: 200 };
// Thresholds tried: probabilities at or above which a pair is derived.
const THRESHOLDS = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8];
// Pairs of different stories are examples when they share this much vocabulary: the ones a scan would align.
const CROSS_STORY_COSINE = 0.1;
// Each PAN suspicious document is also paired with this many of its nearest sources that it did not copy.
const PAN_NEGATIVES = 2;
// Each P4P rewrite is also paired with this many of its nearest other texts.
const P4P_NEGATIVES = 3;
// The sets of labelled web pages: their pairs are also scored as a scan clusters them.
const WEB_SETS = new Set(['dev', 'extra']);

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
  /** The expert that judges the pair, and what it reads of it. */
  readonly expert: PairKind;
  readonly vector: number[];
  readonly label: 0 | 1;
}

/** An example's expert and the features it reads, from the pair's evidence. */
function judged(evidence: Evidence): Pick<Example, 'evidence' | 'expert' | 'vector'> {
  const expert = pairKind(evidence);
  return { evidence, expert, vector: featureVector({ features: DERIVATION_FEATURES[expert] }, evidence) };
}

/** A set of labelled web pages: its name, its list of labels, and the folder of excerpts gathered for it (if given). */
export interface LabelledSet {
  readonly name: string;
  readonly labels: string;
  readonly folder: string | undefined;
}

/** The labelled sets the model learns from, dev and extra. */
export function readTrainingPages(): TrainingPage[] {
  return readLabelledPages([
    { name: 'dev', labels: join(SHARED_DIR, 'data/web-dev/list.md'), folder: excerptFolder('--web-dev', 'UNSPIN_WEB_DEV') },
    { name: 'extra', labels: fileURLToPath(new URL('../bench/web-pages/extra.md', import.meta.url)), folder: excerptFolder('--web-extra', 'UNSPIN_WEB_EXTRA') },
  ]);
}

/** The pages of the sets whose excerpt folders are given; each page's id and story prefixed with its set. */
export function readLabelledPages(sets: readonly LabelledSet[]): TrainingPage[] {
  const lexicon = loadLexicon();
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
        ...judged(evidence),
        label: x.cluster !== undefined && x.cluster === y.cluster ? 1 : 0,
      });
    }
  }
  return examples;
}

/**
 * Passages of the web pages of one story (bench/web-passages.ts pairs them), judged by the passage expert. Passages
 * of independent reports are its hard cases: the same event, the same names, written apart (P4P's negatives are
 * passages on other subjects).
 */
export function webPassageExamples(pages: readonly TrainingPage[]): Example[] {
  const lexicon = loadLexicon();
  return webPassagePairs(pages).map((p, n) => {
    const [a, b] = p.analyses;
    const evidence = gatherEvidence(a, b, align(a, b, lexicon), lexicon);
    return { a: `${p.story}#${n}a`, b: `${p.story}#${n}b`, story: p.story, stories: [p.story, p.story], ...judged(evidence), label: p.copied ? 1 : 0 };
  });
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
      examples.push({ a: `pan:${susp}`, b: `pan:${f}`, story, stories: [story, story], ...judged(evidence), label });
    }
  }
  return examples;
}

/** P4P: every rewrite with its source (derived) and its nearest other passages (not), grouped by rewrite. */
export function p4pExamples(): Example[] {
  const pairs = p4pPairs();
  if (!pairs) return [];
  const lexicon = loadLexicon();
  const index = [...pairs.map((p) => ({ id: `p4p:${p.row}`, text: p.source })), ...sotuPassages()];
  const textOf = new Map(index.map((d) => [d.id, d.text]));
  const rank = tfidfRanker(index);
  return pairs.flatMap((p) => {
    const group = `p4p:${p.row}`;
    const rewrite = analyze(p.rewrite, lexicon);
    const example = (id: string, label: 0 | 1): Example => {
      const other = analyze(textOf.get(id) ?? '', lexicon);
      const evidence = gatherEvidence(rewrite, other, align(rewrite, other, lexicon), lexicon);
      return { a: `p4p:rewrite:${p.row}`, b: id, story: label ? group : undefined, stories: [group, group], ...judged(evidence), label };
    };
    // A source equal to this rewrite's source (P4P repeats a few) is its source too: left out of the negatives.
    const nearest = rank(p.rewrite, P4P_NEGATIVES + 3)
      .filter((r) => textOf.get(r.id) !== p.source)
      .slice(0, P4P_NEGATIVES);
    return [example(group, 1), ...nearest.map((r) => example(r.id, 0))];
  });
}

/** Every example the model learns from: the labelled web pages given (whole and by passages), and the PAN and P4P cases when ../shared has them. */
export function trainingExamples(pages: readonly TrainingPage[]): Example[] {
  return [...examplesOf(pages), ...webPassageExamples(pages), ...panExamples(), ...p4pExamples()];
}

/** A page expert's regression or a passage expert's trees (src/judge/derivation.ts says why), fitted on its examples. */
export function fit(kind: PairKind, examples: readonly Example[]): { logistic: Logistic } | { trees: Ensemble } {
  const rows = examples.map((e) => e.vector);
  const labels = examples.map((e) => e.label);
  return kind === 'page' ? { logistic: trainLogistic(rows, labels, L2) } : { trees: train(rows, labels, BOOST) };
}

/** The probability a fitted expert gives an example. */
const probability = (model: { logistic: Logistic } | { trees: Ensemble }, e: Example): number =>
  'trees' in model ? predict(model.trees, e.vector) : predictLogistic(model.logistic, e.vector);

/** The kind of a pair: the set its story comes from (dev, extra, pan, p4p). */
const kindOf = (e: Example): string => e.stories[0].split(':')[0] ?? '';

/**
 * Clusters formed from pairs judged at a threshold, as a scan forms them (cluster.ts), with every example pair
 * compared: pairwise precision and recall of "same cluster" against the labels, over the web pairs.
 */
async function clusterScore(examples: readonly Example[], probability: ReadonlyMap<Example, number>, threshold: number): Promise<{ tp: number; fp: number; fn: number }> {
  const counts = { tp: 0, fp: 0, fn: 0 };
  for (const set of new Set(examples.map(kindOf))) {
    if (!WEB_SETS.has(set)) continue;
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
 * The threshold for one expert's examples, chosen by their own cross-validation: the one whose held-out verdicts score
 * the best F0.5 (precision counts twice: a takedown sent for an independent report is worse than a missed copy). For
 * pages, the verdicts are clustered as a scan clusters them and scored over the web pages' pairs; for passages, the
 * pairs are scored as they are.
 */
export async function chooseThreshold(expert: PairKind, examples: readonly Example[]): Promise<number> {
  const foldOf = storyFolds(examples);
  const held = new Map<Example, number>();
  for (let k = 0; k < FOLDS; k++) {
    const model = fit(expert, examples.filter((e) => e.stories.every((s) => foldOf.get(s) !== k)));
    for (const e of examples) if (e.stories.every((s) => foldOf.get(s) === k)) held.set(e, probability(model, e));
  }
  let best = { threshold: 0.5, score: -1 };
  for (const threshold of THRESHOLDS) {
    const { tp, fp, fn } = expert === 'page' ? await clusterScore(examples, held, threshold) : pairScore(held, threshold);
    const score = tp > 0 ? (1.25 * tp) / (1.25 * tp + 0.25 * fn + fp) : 0;
    if (score > best.score + 1e-9) best = { threshold, score };
  }
  return best.threshold;
}

function pairScore(probability: ReadonlyMap<Example, number>, threshold: number): { tp: number; fp: number; fn: number } {
  const counts = { tp: 0, fp: 0, fn: 0 };
  for (const [e, p] of probability) {
    if (p >= threshold) counts[e.label === 1 ? 'tp' : 'fp']++;
    else if (e.label === 1) counts.fn++;
  }
  return counts;
}

/** One expert fitted on the examples it judges, with its threshold chosen on them by cross-validation. */
export async function fitExpert(kind: PairKind, examples: readonly Example[]): Promise<DerivationExpert> {
  const own = examples.filter((e) => e.expert === kind);
  return { features: DERIVATION_FEATURES[kind], ...fit(kind, own), threshold: await chooseThreshold(kind, own) };
}

/** Both experts. */
export async function fitDerivation(examples: readonly Example[]): Promise<Pick<DerivationModel, 'experts'>> {
  return { experts: { page: await fitExpert('page', examples), passage: await fitExpert('passage', examples) } };
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

/** What cross-validation reports figures by: the set a pair comes from, and the expert that judges it. */
const figureKind = (e: Example): string => `${kindOf(e)}/${e.expert}`;

async function crossValidate(examples: readonly Example[]): Promise<{ figures: DerivationModel['crossValidation']; thresholds: string[] }> {
  const foldOf = storyFolds(examples);
  const kinds = [...new Set(examples.map(figureKind))].sort();
  const counts = new Map(kinds.map((k) => [k, Array.from({ length: FOLDS }, () => ({ n: 0, right: 0, tp: 0, fp: 0, fn: 0 }))]));
  const thresholds: string[] = [];
  for (let k = 0; k < FOLDS; k++) {
    // The threshold too is chosen without the held-out fold: by cross-validation inside the other four.
    const { experts } = await fitDerivation(examples.filter((e) => e.stories.every((s) => foldOf.get(s) !== k)));
    thresholds.push(`${experts.page.threshold}/${experts.passage.threshold}`);
    for (const e of examples.filter((x) => x.stories.every((s) => foldOf.get(s) === k))) {
      const c = counts.get(figureKind(e))?.[k];
      if (!c) continue;
      const expert = experts[e.expert];
      const derived = probability(expert, e) >= expert.threshold;
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
      // Folds that hold none of this kind (Clough–Stevenson's 5 subjects need not reach all 5) say nothing of it.
      const folds = (counts.get(kind) ?? []).filter((c) => c.n > 0);
      return [
        kind,
        {
          pairs: examples.filter((e) => figureKind(e) === kind).length,
          derived: examples.filter((e) => figureKind(e) === kind && e.label === 1).length,
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
  console.log(`cross-validated by story (${FOLDS} folds, each with its thresholds, page/passage, chosen inside the others: ${thresholds.join(', ')}; mean, and the range over folds):`);
  for (const [kind, cv] of Object.entries(crossValidation)) {
    console.log(`  ${kind.padEnd(14)} ${cv.pairs} pairs (${cv.derived} derived): accuracy ${mean(cv.accuracy)} (${range(cv.accuracy)}), precision ${mean(cv.precision)} (${range(cv.precision)}), recall ${mean(cv.recall)} (${range(cv.recall)})`);
  }
  const model: DerivationModel = { format: DERIVATION_FORMAT, ...(await fitDerivation(examples)), crossValidation };
  for (const [kind, expert] of Object.entries(model.experts)) {
    console.log(`${kind}: ${examples.filter((e) => e.expert === kind).length} pairs, threshold ${expert.threshold}`);
    if ('logistic' in expert) expert.features.forEach((name, k) => console.log(`  ${name.padEnd(14)} ${(expert.logistic.weights[k] ?? 0).toFixed(3)}`));
  }
  writeModelFile(DERIVATION_MODEL_URL, model);
  console.log(`wrote ${fileURLToPath(DERIVATION_MODEL_URL)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
