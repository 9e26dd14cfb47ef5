/**
 * TF-KLD term weights after Ji & Eisenstein (2013), "Discriminative Improvements to Distributional
 * Sentence Similarity": a word (or word pair) matters for the paraphrase decision as much as its
 * being shared by both sentences tells paraphrases from other pairs. For each term k, p_k is the
 * probability that it appears in both sentences given that it appears in one, among paraphrases,
 * q_k the same among non-paraphrases; its weight is KL(p_k ‖ q_k). The table is fitted on labelled
 * pairs by scripts/train-paraphrase.ts (on training folds only in cross-validation) and shipped in
 * the model; features then compare the two sentences' weighted term vectors.
 */
import type { Features } from './sentence-features.js';

/** The fitted terms, sorted, with p and q of each (rounded) at the same index: arrays, which a model file parses fast. */
export interface TermTable {
  readonly terms: readonly string[];
  readonly p: readonly number[];
  readonly q: readonly number[];
}

/** A pair's terms: lower-case lemmas (unigrams) and adjacent lemma pairs (bigrams). */
export interface PairTerms {
  readonly a: readonly string[];
  readonly b: readonly string[];
  /** Lower-case lemmas of the words the word alignment left unmatched, per side. */
  readonly looseA?: readonly string[];
  readonly looseB?: readonly string[];
}

/** A pair's terms, with the words its alignment left unmatched. */
export function pairTerms(lemmasA: readonly string[], lemmasB: readonly string[], toB: ArrayLike<number>, toA: ArrayLike<number>): PairTerms {
  const loose = (lemmas: readonly string[], to: ArrayLike<number>): string[] =>
    lemmas.flatMap((l, i) => ((to[i] ?? -1) < 0 ? [l.toLowerCase()] : []));
  return { a: sideTerms(lemmasA), b: sideTerms(lemmasB), looseA: loose(lemmasA, toB), looseB: loose(lemmasB, toA) };
}

/** Unigrams and bigrams of one side's lemmas. */
export function sideTerms(lemmas: readonly string[]): string[] {
  const lower = lemmas.map((l) => l.toLowerCase());
  const out = [...lower];
  for (let i = 0; i + 1 < lower.length; i++) out.push(`${lower[i]} ${lower[i + 1]}`);
  return out;
}

const SMOOTHING = 1;
const MIN_PAIRS = 2;

function kl(p: number, q: number): number {
  return p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q));
}

/** Fits p and q per term seen in at least MIN_PAIRS pairs. */
export function fitTermTable(pairs: readonly PairTerms[], labels: readonly number[]): TermTable {
  // Per term: pairs holding it with label 1, shared among those; the same with label 0.
  const counts = new Map<string, [number, number, number, number]>();
  pairs.forEach((pair, i) => {
    const positive = (labels[i] ?? 0) === 1;
    const inA = new Set(pair.a);
    const inB = new Set(pair.b);
    for (const term of new Set([...inA, ...inB])) {
      let c = counts.get(term);
      if (!c) counts.set(term, (c = [0, 0, 0, 0]));
      const shared = inA.has(term) && inB.has(term) ? 1 : 0;
      if (positive) {
        c[0] += 1;
        c[1] += shared;
      } else {
        c[2] += 1;
        c[3] += shared;
      }
    }
  });
  const table = { terms: [] as string[], p: [] as number[], q: [] as number[] };
  const round = (x: number): number => Math.round(x * 10000) / 10000;
  for (const term of [...counts.keys()].sort()) {
    const c = counts.get(term) as [number, number, number, number];
    if (c[0] + c[2] < MIN_PAIRS) continue;
    table.terms.push(term);
    table.p.push(round((c[1] + SMOOTHING) / (c[0] + 2 * SMOOTHING)));
    table.q.push(round((c[3] + SMOOTHING) / (c[2] + 2 * SMOOTHING)));
  }
  return table;
}

/**
 * A table's term weights: KL(p‖q), and the log-likelihood ratios of a term being shared or not; undefined for a term
 * the table does not know. Computed per term when asked: a pair reads a few dozen of the table's 100,000-odd terms, and
 * compiling them all took 0.3 s on every process's first pair. Only the terms' index is built, once per table.
 */
export interface TermWeights {
  weight(term: string): number | undefined;
  sharedEvidence(term: string): number | undefined;
  unsharedEvidence(term: string): number | undefined;
}

const indexes = new WeakMap<TermTable, Map<string, number>>();

export function termWeights(table: TermTable): TermWeights {
  let index = indexes.get(table);
  if (!index) indexes.set(table, (index = new Map(table.terms.map((term, i) => [term, i]))));
  const at = index;
  // The term's p and q, read into a function of them; undefined for a term the table does not know.
  const read = (term: string, f: (p: number, q: number) => number): number | undefined => {
    const i = at.get(term);
    return i === undefined ? undefined : f(table.p[i] as number, table.q[i] as number);
  };
  return {
    weight: (term) => read(term, kl),
    sharedEvidence: (term) => read(term, (p, q) => Math.log(p / q)),
    unsharedEvidence: (term) => read(term, (p, q) => Math.log((1 - p) / (1 - q))),
  };
}

function termCounts(terms: readonly string[], unigramsOnly: boolean): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of terms) if (!unigramsOnly || !t.includes(' ')) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

interface Comparison {
  readonly cosine: number;
  readonly unmatchedA: number;
  readonly unmatchedB: number;
  readonly massA: number;
  readonly massB: number;
  readonly topUnmatched: number;
}

function compare(w: TermWeights, a: readonly string[], b: readonly string[], unigramsOnly: boolean): Comparison {
  const ca = termCounts(a, unigramsOnly);
  const cb = termCounts(b, unigramsOnly);
  let dot = 0;
  let na = 0;
  let nb = 0;
  let massA = 0;
  let massB = 0;
  let unmatchedA = 0;
  let unmatchedB = 0;
  let topUnmatched = 0;
  for (const [t, n] of ca) {
    const wt = w.weight(t) ?? 0;
    const x = n * wt;
    na += x * x;
    massA += x;
    const m = cb.get(t);
    if (m === undefined) {
      unmatchedA += x;
      topUnmatched = Math.max(topUnmatched, wt);
    } else dot += x * m * wt;
  }
  for (const [t, n] of cb) {
    const wt = w.weight(t) ?? 0;
    const x = n * wt;
    nb += x * x;
    massB += x;
    if (!ca.has(t)) {
      unmatchedB += x;
      topUnmatched = Math.max(topUnmatched, wt);
    }
  }
  const cosine = na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
  return {
    cosine,
    unmatchedA: massA > 0 ? unmatchedA / massA : 0,
    unmatchedB: massB > 0 ? unmatchedB / massB : 0,
    massA: unmatchedA,
    massB: unmatchedB,
    topUnmatched,
  };
}

/** Naive-Bayes log-odds of paraphrase from which known terms are shared and which are not, averaged over the terms. */
function sharingEvidence(w: TermWeights, a: readonly string[], b: readonly string[]): number {
  const inA = new Set(a);
  const inB = new Set(b);
  let sum = 0;
  let n = 0;
  for (const t of new Set([...inA, ...inB])) {
    const shared = inA.has(t) && inB.has(t);
    const e = shared ? w.sharedEvidence(t) : w.unsharedEvidence(t);
    if (e === undefined) continue;
    sum += e;
    n++;
  }
  return n > 0 ? sum / n : 0;
}

const FEATURES = [
  'cos',
  'cos.uni',
  'unmatched.min',
  'unmatched.max',
  'unmatchedMass.min',
  'unmatchedMass.max',
  'topUnmatched',
  'evidence',
  'unaligned.min',
  'unaligned.max',
  'unalignedTop',
] as const;

/** Names of the features one table gives, in order. */
export function tfkldFeatureNames(prefix: string): string[] {
  return FEATURES.map((f) => `${prefix}.${f}`);
}

/** Share of a side's unigram TF-KLD mass on words the alignment left unmatched, and the heaviest such word. */
function looseMass(w: TermWeights, all: readonly string[], loose: readonly string[]): { share: number; top: number } {
  let total = 0;
  for (const t of all) if (!t.includes(' ')) total += w.weight(t) ?? 0;
  let part = 0;
  let top = 0;
  for (const t of loose) {
    const x = w.weight(t) ?? 0;
    part += x;
    top = Math.max(top, x);
  }
  return { share: total > 0 ? part / total : 0, top };
}

export function tfkldFeatures(table: TermTable, pair: PairTerms, prefix = 'tfkld'): Features {
  const w = termWeights(table);
  const all = compare(w, pair.a, pair.b, false);
  const uni = compare(w, pair.a, pair.b, true);
  const la = looseMass(w, pair.a, pair.looseA ?? []);
  const lb = looseMass(w, pair.b, pair.looseB ?? []);
  const r = (x: number): number => Number(x.toPrecision(8));
  return {
    [`${prefix}.cos`]: r(all.cosine),
    [`${prefix}.cos.uni`]: r(uni.cosine),
    [`${prefix}.unmatched.min`]: r(Math.min(all.unmatchedA, all.unmatchedB)),
    [`${prefix}.unmatched.max`]: r(Math.max(all.unmatchedA, all.unmatchedB)),
    [`${prefix}.unmatchedMass.min`]: r(Math.min(all.massA, all.massB)),
    [`${prefix}.unmatchedMass.max`]: r(Math.max(all.massA, all.massB)),
    [`${prefix}.topUnmatched`]: r(uni.topUnmatched),
    [`${prefix}.evidence`]: r(sharingEvidence(w, pair.a, pair.b)),
    [`${prefix}.unaligned.min`]: r(Math.min(la.share, lb.share)),
    [`${prefix}.unaligned.max`]: r(Math.max(la.share, lb.share)),
    [`${prefix}.unalignedTop`]: r(Math.max(la.top, lb.top)),
  };
}
