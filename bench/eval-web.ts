/**
 * Real web pages: copies versus independent reports. Each labelled set's excerpts are indexed and scanned; the scan's
 * clusters are scored pairwise ("same cluster" precision and recall over every pair of pages present) beside a TF-IDF
 * cosine single-link baseline whose threshold is tuned on the same pages (its best F1).
 * Sets: the development pages of ../shared/data/web-dev (excerpts in the folder given by `--web-dev DIR` or
 * UNSPIN_WEB_DEV) and the project's own labelled pages, bench/web-pages/extra.md (`--web-extra DIR` or
 * UNSPIN_WEB_EXTRA). A set whose folder is absent is skipped with a message. The fresh pages, bench/web-pages/fresh.md
 * (`--web-fresh DIR` or UNSPIN_WEB_FRESH), were labelled after the shipped model was fitted and no model learns from
 * them: they are scanned with the shipped model, beside TF-IDF at the threshold tuned on the training pages.
 * The shipped derivation model was fitted on these pages, so the figures that count are cross-validated: stories are
 * dealt to 5 folds (as scripts/train-derivation.ts does), and each fold's pages are scanned with a model fitted on
 * the other folds. The shipped model's own figures follow for reference. `--verbose` prints the clusters.
 * Run alone: npx tsx bench/eval-web.ts --web-dev /tmp/unspin-web-dev --web-extra /tmp/unspin-web-extra
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { indexCorpus } from '../src/corpus/index-corpus.js';
import { scan } from '../src/corpus/scan.js';
import type { ReadEvent, ScanResult } from '../src/corpus/types.js';
import { loadDerivationModel, type DerivationModel } from '../src/judge/derivation.js';
import { openStore } from '../src/store/store.js';
import { fitDerivation, readLabelledPages, readTrainingPages, storyFolds, trainingExamples, FOLDS, type TrainingPage } from '../scripts/train-derivation.js';
import { cosine, fitTfidf } from './tfidf.js';
import { freshSet, pairwiseScore } from './web-pages.js';

interface SetResult {
  pages: number;
  clusters: number;
  crossValidated: ClusteringScore;
  shipped: ClusteringScore;
  tfidf: { precision: number; recall: number; threshold: number };
}

interface ClusteringScore {
  precision: number;
  recall: number;
  /** Cross-validated only: precision and recall over each fold's own pages (a story's pages share a fold). */
  folds?: { precision: number[]; recall: number[] };
  independentInClusters: number;
  independents: number;
  originalsNamed: number;
  originalsPresent: number;
  scanSeconds: number;
}

/** The clusters of one scan, by page: the id of its cluster's original, for pages in a cluster. */
interface Run {
  readonly groupOf: ReadonlyMap<string, string>;
  readonly result: ScanResult;
  readonly seconds: number;
}

async function* documents(pages: readonly TrainingPage[]): AsyncGenerator<ReadEvent> {
  // With its address, as a crawl has it (a page may credit the outlet at another's address).
  for (const p of pages) yield { kind: 'document', document: { id: p.id, text: p.text, url: p.address } };
}

async function scanPages(pages: readonly TrainingPage[], derivation: DerivationModel): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'unspin-eval-web-'));
  try {
    const store = openStore(join(dir, 'web.db'));
    await indexCorpus(store, documents(pages));
    const started = performance.now();
    const result = await scan(store, { derivation });
    const seconds = (performance.now() - started) / 1000;
    await store.close();
    const groupOf = new Map<string, string>();
    for (const c of result.clusters) for (const id of [c.original, ...c.members.map((m) => m.id)]) groupOf.set(id, c.original);
    return { groupOf, result, seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Single-link clusters of the pages whose similarity reaches the threshold. */
function singleLink(n: number, similar: (i: number, j: number) => boolean): number[] {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x] as number)));
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (similar(i, j)) parent[find(j)] = find(i);
  return parent.map((_, i) => find(i));
}

/** TF-IDF cosines of every two pages (the weights fitted on these pages). */
function tfidfSimilarities(pages: readonly TrainingPage[]): number[][] {
  const { vectors } = fitTfidf(pages.map((p) => p.text));
  return pages.map((_, i) => pages.map((_, j) => cosine(vectors[i] as Map<string, number>, vectors[j] as Map<string, number>)));
}

/** The baseline's clusters at one threshold, scored. */
function tfidfAt(pages: readonly TrainingPage[], sims: readonly (readonly number[])[], threshold: number): { precision: number; recall: number } {
  const index = new Map(pages.map((p, i) => [p.id, i]));
  const root = singleLink(pages.length, (i, j) => (sims[i]?.[j] ?? 0) >= threshold);
  return pairwiseScore(pages, (x, y) => root[index.get(x.id) as number] === root[index.get(y.id) as number]);
}

/** The baseline at its best threshold on these pages (highest F1), trying every cosine they have or the thresholds given. */
function tfidfBaseline(pages: readonly TrainingPage[], thresholds?: readonly number[]): SetResult['tfidf'] {
  const sims = tfidfSimilarities(pages);
  const tried = thresholds ?? [...new Set(sims.flatMap((row, i) => row.slice(i + 1)))].sort((x, y) => y - x);
  let best = { precision: 1, recall: 0, threshold: 1, f: 0 };
  for (const t of tried) {
    const s = tfidfAt(pages, sims, t);
    const f = s.precision + s.recall > 0 ? (2 * s.precision * s.recall) / (s.precision + s.recall) : 0;
    if (f > best.f + 1e-9) best = { precision: s.precision, recall: s.recall, threshold: t, f };
  }
  return { precision: best.precision, recall: best.recall, threshold: best.threshold };
}

/** Scores a clustering in which each page was scanned in run `runOf(page)` (all pages in one run when not cross-validating). */
function score(pages: readonly TrainingPage[], runOf: (p: TrainingPage) => Run): ClusteringScore {
  const groupIn = (run: Run, p: TrainingPage): string | undefined => run.groupOf.get(p.id);
  const together = (run: Run, x: TrainingPage, y: TrainingPage): boolean => {
    const g = groupIn(run, x);
    return g !== undefined && g === groupIn(run, y);
  };
  // A pair of pages scanned in two runs is joined when either run joins them.
  const s = pairwiseScore(pages, (x, y) => together(runOf(x), x, y) || together(runOf(y), x, y));
  const independents = pages.filter((p) => p.cluster === undefined);
  const originals = pages.filter((p) => p.cluster !== undefined && /^original|reference copy/.test(p.kind));
  const byId = new Map(pages.map((p) => [p.id, p]));
  // An original is named when the cluster holding it names it or one of its verbatim copies.
  const named = originals.filter((o) => {
    const chosen = byId.get(groupIn(runOf(o), o) ?? '');
    return chosen !== undefined && chosen.cluster === o.cluster && (chosen.id === o.id || chosen.kind.startsWith('verbatim'));
  });
  const runs = new Set(pages.map(runOf));
  return {
    precision: s.precision,
    recall: s.recall,
    independentInClusters: independents.filter((p) => groupIn(runOf(p), p) !== undefined).length,
    independents: independents.length,
    originalsNamed: named.length,
    originalsPresent: originals.length,
    scanSeconds: [...runs].reduce((sum, r) => sum + r.seconds, 0),
  };
}

function describeClusters(run: Run, pages: readonly TrainingPage[], shown: (original: TrainingPage) => boolean): void {
  const byId = new Map(pages.map((p) => [p.id, p]));
  const label = (id: string): string => {
    const p = byId.get(id);
    return p ? `${id.replace(/^\w+:/, '')}[${p.cluster ?? `-${p.story.replace(/^\w+:/, '')}`} ${p.kind.split(' ')[0]}]` : id;
  };
  for (const c of run.result.clusters) {
    const original = byId.get(c.original);
    if (!original || !shown(original)) continue;
    console.log(`    ${label(c.original)}: ${c.members.map((m) => `${label(m.id)} ${m.relation} ${m.similarity}${m.path.length > 0 ? ` through ${m.path.join('>')}` : ''}`).join('; ')}`);
  }
}

const f3 = (x: number): string => x.toFixed(3).replace(/^0/, '');

function printScore(what: string, s: ClusteringScore): void {
  const range = (xs: readonly number[]): string => `${f3(Math.min(...xs))}–${f3(Math.max(...xs))}`;
  const spread = s.folds ? ` (folds: P ${range(s.folds.precision)}, R ${range(s.folds.recall)})` : '';
  console.log(`    ${what}: P ${f3(s.precision)} / R ${f3(s.recall)}${spread} (target P ≥ .95, R ≥ .90); independent pages in a cluster ${s.independentInClusters} of ${s.independents} (target 0); originals named ${s.originalsNamed} of ${s.originalsPresent} (target ≥ 80%); scan ${s.scanSeconds.toFixed(1)} s`);
}

interface FreshResult {
  pages: number;
  clusters: number;
  shipped: ClusteringScore;
  /** TF-IDF at the threshold tuned on the training pages (as Unspin's model was), when they are at hand. */
  tfidf?: { precision: number; recall: number; threshold: number };
  /** TF-IDF at its best threshold on these pages themselves: a baseline that has seen the answers. */
  tfidfTuned: { precision: number; recall: number; threshold: number };
}

export async function evalWeb(): Promise<Record<string, SetResult | FreshResult> | undefined> {
  console.log('Real web pages: copies versus independent reports (pairwise same-cluster precision / recall)');
  const all = readTrainingPages();
  const fresh = readLabelledPages([freshSet()]);
  if (all.length === 0 && fresh.length === 0) {
    console.log(
      '  skipped: no folder of excerpts (give --web-dev DIR or UNSPIN_WEB_DEV, --web-extra DIR or UNSPIN_WEB_EXTRA, --web-fresh DIR or UNSPIN_WEB_FRESH; see ../shared/data/README.md on gathering them)',
    );
    return undefined;
  }
  const results: Record<string, SetResult | FreshResult> = all.length > 0 ? await evalTrainingSets(all) : {};
  if (fresh.length > 0) results['fresh'] = evalFresh(fresh, all, await scanPages(fresh, loadDerivationModel()));
  else console.log('  fresh: skipped (give --web-fresh DIR or UNSPIN_WEB_FRESH: the excerpts of bench/web-pages/fresh.md)');
  return results;
}

/** The sets the model learned from: cross-validated, then with the shipped model, beside the baseline. */
async function evalTrainingSets(all: readonly TrainingPage[]): Promise<Record<string, SetResult>> {
  const verbose = process.argv.includes('--verbose');
  // Cross-validation: a model per fold, fitted (threshold included) on the pairs of the other folds' stories.
  const examples = trainingExamples(all);
  const foldOf = storyFolds(examples);
  const shipped = loadDerivationModel();
  const models: DerivationModel[] = [];
  for (let k = 0; k < FOLDS; k++) models.push({ ...shipped, ...(await fitDerivation(examples.filter((e) => e.stories.every((s) => foldOf.get(s) !== k)))) });
  const results: Record<string, SetResult> = {};
  for (const set of [...new Set(all.map((p) => p.set))]) {
    const pages = all.filter((p) => p.set === set);
    const runs: Run[] = [];
    for (const model of models) runs.push(await scanPages(pages, model));
    const whole = await scanPages(pages, shipped);
    const perFold = runs.map((run, k) => {
      const inFold = pages.filter((p) => (foldOf.get(p.story) ?? 0) === k);
      return pairwiseScore(inFold, (x, y) => run.groupOf.get(x.id) !== undefined && run.groupOf.get(x.id) === run.groupOf.get(y.id));
    });
    const result: SetResult = {
      pages: pages.length,
      clusters: new Set(pages.flatMap((p) => (p.cluster ? [p.cluster] : []))).size,
      crossValidated: {
        ...score(pages, (p) => runs[foldOf.get(p.story) ?? 0] as Run),
        folds: { precision: perFold.map((f) => f.precision), recall: perFold.map((f) => f.recall) },
      },
      shipped: score(pages, () => whole),
      tfidf: tfidfBaseline(pages),
    };
    console.log(`  ${set}: ${result.pages} pages, ${result.clusters} labelled clusters`);
    printScore(`Unspin, cross-validated by story (${FOLDS} folds)`, result.crossValidated);
    printScore('Unspin, shipped model (fitted on these pages too)', result.shipped);
    console.log(`    TF-IDF cosine, single link, threshold ${result.tfidf.threshold.toFixed(3)} tuned on these pages: P ${f3(result.tfidf.precision)} / R ${f3(result.tfidf.recall)}`);
    if (verbose) runs.forEach((run, k) => describeClusters(run, pages, (p) => foldOf.get(p.story) === k));
    results[set] = result;
  }
  return results;
}

/**
 * The fresh pages, out of sample: the shipped model as it is, beside TF-IDF at the threshold tuned on the training
 * pages (all of them at once, on a grid of 0.005) and at its best on the fresh pages themselves.
 */
function evalFresh(pages: readonly TrainingPage[], training: readonly TrainingPage[], run: Run): FreshResult {
  const grid = Array.from({ length: 200 }, (_, i) => 1 - i * 0.005);
  const sims = tfidfSimilarities(pages);
  const trainedThreshold = training.length > 0 ? tfidfBaseline(training, grid).threshold : undefined;
  const result: FreshResult = {
    pages: pages.length,
    clusters: new Set(pages.flatMap((p) => (p.cluster ? [p.cluster] : []))).size,
    shipped: score(pages, () => run),
    ...(trainedThreshold !== undefined ? { tfidf: { ...tfidfAt(pages, sims, trainedThreshold), threshold: trainedThreshold } } : {}),
    tfidfTuned: tfidfBaseline(pages),
  };
  console.log(`  fresh: ${result.pages} pages, ${result.clusters} labelled clusters, never trained on`);
  printScore('Unspin, shipped model', result.shipped);
  if (result.tfidf) console.log(`    TF-IDF cosine, single link, threshold ${result.tfidf.threshold.toFixed(3)} tuned on the training pages: P ${f3(result.tfidf.precision)} / R ${f3(result.tfidf.recall)}`);
  console.log(`    TF-IDF cosine, single link, threshold ${result.tfidfTuned.threshold.toFixed(3)} tuned on these pages: P ${f3(result.tfidfTuned.precision)} / R ${f3(result.tfidfTuned.recall)}`);
  if (process.argv.includes('--verbose')) describeClusters(run, pages, () => true);
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(JSON.stringify(await evalWeb()));
