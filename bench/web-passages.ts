/**
 * Passages of real web pages, compared in pairs (part of bench/eval-reuse.ts, issue 14): the short-text case that
 * P4P and Clough–Stevenson do not test. Their negatives are texts on other subjects, while the passages of two
 * independent reports of one event share the event, its names and its numbers, and were written apart: a judge lenient
 * enough for P4P's rewrites can call them derived. Pairs: for every two labelled pages of one story, each of the first
 * page's first few passages (runs of whole sentences of a passage's length, page chrome left out) with the second page's
 * passage most like it by TF-IDF cosine. A copy's pair counts as derived only when that cosine is at least 0.3 (a copy
 * need not keep every passage); an independent report's pair is never derived. Unspin's `compare` judges each pair; the
 * TF-IDF cosine of the pair, thresholded where it finds as many of the copies' pairs, stands beside it.
 * Two independent reports now and then both take one sentence from a third text (a wire story, a press release, the
 * outlet that broke the news): their passages then share a run of OVERLAP_WORDS words of the writers' own (outside
 * quotation marks), and are derived from one source though the pages are not copies of each other. Such a pair is
 * reported apart, as P4P's negatives whose source overlaps an indexed one are: the `clean` figure leaves them out.
 * Needs the labelled pages' excerpts (UNSPIN_WEB_DEV, UNSPIN_WEB_EXTRA or --web-dev/--web-extra); skips without them.
 */
import { compare } from '../src/compare.js';
import { PASSAGE_WORDS } from '../src/judge/evidence.js';
import { sharedWording } from '../src/judge/wording.js';
import { loadLexicon } from '../src/lexicon/index.js';
import { analyze } from '../src/text/analyze.js';
import type { Lexicon } from '../src/lexicon/types.js';
import type { Analysis } from '../src/text/types.js';
import type { DerivationModel } from '../src/judge/derivation.js';
import type { TrainingPage } from '../scripts/train-derivation.js';
import { OVERLAP_WORDS } from './reuse-data.js';
import { cosine, fitTfidf } from './tfidf.js';

const PASSAGES_PER_PAGE = 3;
const COPIED_PASSAGE_COSINE = 0.3;

export interface PassagePair {
  readonly a: string;
  readonly b: string;
  /** The two passages analyzed (each distinct passage once). */
  readonly analyses: readonly [Analysis, Analysis];
  /** Passages of a copy and its source (derived), or of two independent reports of one event (not). */
  readonly copied: boolean;
  readonly cosine: number;
  /** The story the two pages report (their set's, as scripts/train-derivation.ts names it). */
  readonly story: string;
  /** Independent reports' passages that share a run of OVERLAP_WORDS of their own words: both took from a third text. */
  readonly commonSource: boolean;
}

/** Runs of whole sentences (page chrome left out) of a passage's length (PASSAGE_WORDS), one after another from the top. */
export function passagesOf(doc: Analysis, most = PASSAGES_PER_PAGE): string[] {
  const out: string[] = [];
  let run: { start: number; end: number; words: number } | undefined;
  const close = (): void => {
    if (run && run.words >= PASSAGE_WORDS.least && out.length < most) out.push(doc.original.slice(run.start, run.end));
    run = undefined;
  };
  for (const s of doc.sentences) {
    if (out.length >= most) break;
    if (s.chrome) continue;
    const words = doc.tokens.slice(s.tokens[0], s.tokens[1]).filter((t) => t.kind !== 'punct').length;
    if (run && run.words + words > PASSAGE_WORDS.most) close();
    if (words > PASSAGE_WORDS.most) continue;
    run = run ? { ...run, end: s.span[1], words: run.words + words } : { start: s.span[0], end: s.span[1], words };
  }
  close();
  return out;
}

/** The passage pairs of labelled pages. */
export function webPassagePairs(pages: readonly TrainingPage[]): PassagePair[] {
  const lexicon = loadLexicon();
  const texts = pages.map((p) => passagesOf(p.analysis));
  const tfidf = fitTfidf(texts.flat());
  // Each passage weighed once: a page meets every other page of its story.
  const passages = texts.map((list) => list.map((text) => ({ text, vector: tfidf.vector(text) })));
  // A passage meets every other page of its story, and is analyzed once.
  const analyses = new Map<string, Analysis>();
  const analysisOf = (text: string): Analysis => {
    let analysis = analyses.get(text);
    if (!analysis) analyses.set(text, (analysis = analyze(text, lexicon)));
    return analysis;
  };
  const pairs: PassagePair[] = [];
  pages.forEach((x, i) => {
    pages.forEach((y, j) => {
      if (i === j || x.set !== y.set || x.story !== y.story) return;
      const copied = x.cluster !== undefined && x.cluster === y.cluster;
      for (const mine of passages[i] ?? []) {
        const best = (passages[j] ?? []).map((t) => ({ text: t.text, cosine: cosine(mine.vector, t.vector) })).sort((u, v) => v.cosine - u.cosine)[0];
        if (!best || (copied && best.cosine < COPIED_PASSAGE_COSINE)) continue;
        const pair: readonly [Analysis, Analysis] = [analysisOf(mine.text), analysisOf(best.text)];
        const commonSource = !copied && sharedWording(...pair).longestRun >= OVERLAP_WORDS;
        pairs.push({ a: mine.text, b: best.text, analyses: pair, copied, cosine: best.cosine, story: x.story, commonSource });
      }
    });
  });
  return pairs;
}

export interface WebPassageResult {
  readonly copiedPairs: number;
  readonly independentPairs: number;
  /** Of the independent reports' pairs, those that share a run of words from a third text (PassagePair.commonSource). */
  readonly commonSourcePairs: number;
  /** Unspin: share of copies' pairs judged derived, and of independent reports' pairs. */
  readonly recall: number;
  readonly falsePositives: number;
  /** The same, of the independent reports' pairs that share no such run. */
  readonly cleanFalsePositives: number;
  /** TF-IDF cosine at the threshold that finds Unspin's share of the copies' pairs. */
  readonly tfidfFalsePositives: number;
  readonly seconds: number;
}

/** `modelFor` gives the derivation model that judges a story's pairs (one that did not learn from it); the shipped one by default. */
export function evalWebPassages(
  lexicon: Lexicon,
  pages: readonly TrainingPage[],
  modelFor?: (story: string) => DerivationModel,
  what = 'Passages of real web pages',
): WebPassageResult | undefined {
  const started = performance.now();
  const pairs = webPassagePairs(pages);
  if (pairs.length === 0) {
    console.log(`  ${what}: skipped (no labelled pages: give UNSPIN_WEB_DEV / UNSPIN_WEB_EXTRA / UNSPIN_WEB_FRESH, see ../shared/data/README.md)`);
    return undefined;
  }
  const judged = pairs.map((p) => {
    const derivation = modelFor?.(p.story);
    return { ...p, derived: compare({ name: 'a', text: p.a }, { name: 'b', text: p.b }, { lexicon, ...(derivation ? { derivation } : {}) }).derived };
  });
  const copied = judged.filter((p) => p.copied);
  const independent = judged.filter((p) => !p.copied);
  const clean = independent.filter((p) => !p.commonSource);
  const recall = copied.filter((p) => p.derived).length / Math.max(1, copied.length);
  const found = Math.round(recall * copied.length);
  const threshold = copied.map((p) => p.cosine).sort((u, v) => v - u)[Math.max(0, found - 1)] ?? Infinity;
  const result: WebPassageResult = {
    copiedPairs: copied.length,
    independentPairs: independent.length,
    commonSourcePairs: independent.length - clean.length,
    recall,
    falsePositives: independent.filter((p) => p.derived).length / Math.max(1, independent.length),
    cleanFalsePositives: clean.filter((p) => p.derived).length / Math.max(1, clean.length),
    tfidfFalsePositives: found === 0 ? 0 : independent.filter((p) => p.cosine >= threshold).length / Math.max(1, independent.length),
    seconds: (performance.now() - started) / 1000,
  };
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  console.log(`  ${what} (${PASSAGE_WORDS.least}–${PASSAGE_WORDS.most} words; ${result.copiedPairs} pairs from copies and their sources, ${result.independentPairs} from independent reports of one event):`);
  console.log(
    `    Unspin: copies' passages judged derived ${pct(result.recall)}, independent reports' passages judged derived ${pct(result.falsePositives)} ` +
      `(${pct(result.cleanFalsePositives)} of the ${result.independentPairs - result.commonSourcePairs} that share no ${OVERLAP_WORDS}-word run from a third text); ` +
      `TF-IDF cosine at the same share of copies' passages: ${pct(result.tfidfFalsePositives)} of independent reports' (${result.seconds.toFixed(1)} s)`,
  );
  return result;
}
