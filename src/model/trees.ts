/**
 * A small gradient-boosted tree ensemble for binary decisions (logistic loss), with no dependency:
 * trained by the scripts on a few thousand rows, stored as compact JSON, evaluated in microseconds.
 */

import { seededRandom } from '../random.js';

/** A leaf's score, or a split: [feature, threshold, subtree for value ≤ threshold, subtree for value > threshold]. */
export type TreeNode = number | [feature: number, threshold: number, left: TreeNode, right: TreeNode];

/** Trees over feature vectors whose order the owner of the ensemble records. */
export interface Ensemble {
  /** Log-odds before any tree. */
  readonly base: number;
  readonly trees: readonly TreeNode[];
}

export interface BoostOptions {
  readonly rounds: number;
  readonly depth: number;
  readonly learningRate: number;
  /** Smallest hessian sum a child may have: stops splits on a handful of rows. */
  readonly minChildWeight: number;
  /** L2 penalty on leaf values. */
  readonly lambda: number;
  /** Share of rows each tree sees. */
  readonly rowSample: number;
  /** Share of features each tree may split on. */
  readonly featureSample: number;
  readonly bins: number;
  readonly seed: number;
}

export const DEFAULT_BOOST: BoostOptions = {
  rounds: 300,
  depth: 4,
  learningRate: 0.05,
  minChildWeight: 3,
  lambda: 1,
  rowSample: 0.8,
  featureSample: 0.8,
  bins: 64,
  seed: 1,
};

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function treeScore(tree: TreeNode, x: ArrayLike<number>): number {
  let node = tree;
  while (typeof node !== 'number') node = (x[node[0]] ?? 0) <= node[1] ? node[2] : node[3];
  return node;
}

/** Probability of the positive class. */
export function predict(model: Ensemble, x: ArrayLike<number>): number {
  let score = model.base;
  for (const tree of model.trees) score += treeScore(tree, x);
  return sigmoid(score);
}

/** Per feature: sorted thresholds, and every row's bin (the first threshold at or above its value). */
interface Binned {
  readonly cuts: Float64Array[];
  readonly bins: Uint8Array[];
}

/** Stored thresholds keep 6 significant digits; they sit midway between data values so rounding cannot move a row. */
function roundThreshold(v: number): number {
  return Number(v.toPrecision(6));
}

/** Quantile thresholds, each midway between two neighbouring distinct values. */
function quantileCuts(values: Float64Array, bins: number): Float64Array {
  const sorted = Float64Array.from(values).sort();
  const distinct = sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
  const cuts: number[] = [];
  let d = 0;
  for (let k = 1; k < bins; k++) {
    const v = sorted[Math.floor((k * sorted.length) / bins)] ?? 0;
    while (d < distinct.length && (distinct[d] ?? 0) < v) d++;
    const next = distinct[d + 1];
    if (next === undefined) break;
    const cut = roundThreshold(((distinct[d] ?? 0) + next) / 2);
    if (cuts.length === 0 || cut > (cuts[cuts.length - 1] ?? 0)) cuts.push(cut);
  }
  return Float64Array.from(cuts);
}

function binOf(cuts: Float64Array, v: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= (cuts[mid] ?? 0)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function binRows(rows: readonly ArrayLike<number>[], featureCount: number, bins: number): Binned {
  const cuts: Float64Array[] = [];
  const binned: Uint8Array[] = [];
  for (let f = 0; f < featureCount; f++) {
    const column = Float64Array.from(rows, (r) => r[f] ?? 0);
    const c = quantileCuts(column, bins);
    cuts.push(c);
    binned.push(Uint8Array.from(column, (v) => binOf(c, v)));
  }
  return { cuts, bins: binned };
}

interface Split {
  readonly feature: number;
  readonly bin: number;
  readonly gain: number;
}

interface Grow {
  readonly data: Binned;
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  readonly features: readonly number[];
  readonly options: BoostOptions;
}

function bestSplit(grow: Grow, rows: Int32Array, gSum: number, hSum: number): Split | undefined {
  const { data, grad, hess, options } = grow;
  const parent = (gSum * gSum) / (hSum + options.lambda);
  let best: Split | undefined;
  for (const f of grow.features) {
    const cuts = data.cuts[f];
    const column = data.bins[f];
    if (!cuts || !column || cuts.length === 0) continue;
    const hg = new Float64Array(cuts.length + 1);
    const hh = new Float64Array(cuts.length + 1);
    for (const r of rows) {
      const b = column[r] ?? 0;
      hg[b] = (hg[b] ?? 0) + (grad[r] ?? 0);
      hh[b] = (hh[b] ?? 0) + (hess[r] ?? 0);
    }
    let gl = 0;
    let hl = 0;
    for (let b = 0; b < cuts.length; b++) {
      gl += hg[b] ?? 0;
      hl += hh[b] ?? 0;
      const hr = hSum - hl;
      if (hl < options.minChildWeight || hr < options.minChildWeight) continue;
      const gr = gSum - gl;
      const gain = (gl * gl) / (hl + options.lambda) + (gr * gr) / (hr + options.lambda) - parent;
      if (gain > (best?.gain ?? 1e-9)) best = { feature: f, bin: b, gain };
    }
  }
  return best;
}

function growNode(grow: Grow, rows: Int32Array, depth: number): TreeNode {
  let gSum = 0;
  let hSum = 0;
  for (const r of rows) {
    gSum += grow.grad[r] ?? 0;
    hSum += grow.hess[r] ?? 0;
  }
  const { data, options } = grow;
  const split = depth < options.depth ? bestSplit(grow, rows, gSum, hSum) : undefined;
  if (!split) return Number(((-gSum / (hSum + options.lambda)) * options.learningRate).toPrecision(5));
  const column = data.bins[split.feature] ?? new Uint8Array(0);
  const threshold = data.cuts[split.feature]?.[split.bin] ?? 0;
  const left = rows.filter((r) => (column[r] ?? 0) <= split.bin);
  const right = rows.filter((r) => (column[r] ?? 0) > split.bin);
  return [split.feature, threshold, growNode(grow, left, depth + 1), growNode(grow, right, depth + 1)];
}

function sample<T>(items: readonly T[], share: number, random: () => number): T[] {
  if (share >= 1) return [...items];
  const picked = items.filter(() => random() < share);
  return picked.length > 0 ? picked : [...items];
}

/** Fits an ensemble to rows (feature vectors of equal length) and 0/1 labels. */
export function train(rows: readonly ArrayLike<number>[], labels: ArrayLike<number>, options: BoostOptions = DEFAULT_BOOST): Ensemble {
  const n = rows.length;
  const featureCount = rows[0]?.length ?? 0;
  const data = binRows(rows, featureCount, options.bins);
  const random = seededRandom(options.seed);
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i] ?? 0;
  const prior = Math.min(Math.max(positives / Math.max(1, n), 1e-6), 1 - 1e-6);
  const base = Math.log(prior / (1 - prior));
  const score = new Float64Array(n).fill(base);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const allRows = Array.from({ length: n }, (_, i) => i);
  const allFeatures = Array.from({ length: featureCount }, (_, f) => f);
  const trees: TreeNode[] = [];
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(score[i] ?? 0);
      grad[i] = p - (labels[i] ?? 0);
      hess[i] = Math.max(p * (1 - p), 1e-6);
    }
    const picked = Int32Array.from(sample(allRows, options.rowSample, random));
    const features = sample(allFeatures, options.featureSample, random);
    const tree = growNode({ data, grad, hess, features, options }, picked, 0);
    trees.push(tree);
    rows.forEach((row, i) => {
      score[i] = (score[i] ?? 0) + treeScore(tree, row);
    });
  }
  return { base, trees };
}

/** Logistic regression over standardized features: a smooth partner for the trees' step functions. */
export interface Logistic {
  readonly mean: number[];
  readonly scale: number[];
  readonly weights: number[];
  readonly bias: number;
}

export function predictLogistic(model: Logistic, x: ArrayLike<number>): number {
  let score = model.bias;
  model.weights.forEach((w, k) => {
    score += (w * ((x[k] ?? 0) - (model.mean[k] ?? 0))) / (model.scale[k] ?? 1);
  });
  return sigmoid(score);
}

/** Solves A·x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
export function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]?.[c] ?? 0) > Math.abs(m[p]?.[c] ?? 0)) p = r;
    const pivotRow = m[p] as number[];
    m[p] = m[c] as number[];
    m[c] = pivotRow;
    const pivot = pivotRow[c] ?? 0;
    if (Math.abs(pivot) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      const row = m[r] as number[];
      const f = r === c ? 0 : (row[c] ?? 0) / pivot;
      if (f !== 0) for (let k = c; k <= n; k++) row[k] = (row[k] ?? 0) - f * (pivotRow[k] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] || 1));
}

/** Fits L2-penalized logistic regression by Newton's method. */
export function trainLogistic(rows: readonly ArrayLike<number>[], labels: ArrayLike<number>, l2 = 10, iterations = 12): Logistic {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const r of rows) for (let k = 0; k < d; k++) mean[k] = (mean[k] ?? 0) + (r[k] ?? 0) / n;
  for (const r of rows) for (let k = 0; k < d; k++) scale[k] = (scale[k] ?? 0) + ((r[k] ?? 0) - (mean[k] ?? 0)) ** 2 / n;
  for (let k = 0; k < d; k++) scale[k] = Math.sqrt(scale[k] ?? 0) || 1;
  // Standardized rows with a constant 1 for the bias.
  const z = rows.map((r) => [...Array.from({ length: d }, (_, k) => ((r[k] ?? 0) - (mean[k] ?? 0)) / (scale[k] ?? 1)), 1]);
  let w = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    z.forEach((zi, i) => {
      const p = sigmoid(zi.reduce((s, v, k) => s + v * (w[k] ?? 0), 0));
      const h = p * (1 - p);
      for (let a = 0; a <= d; a++) {
        const za = zi[a] ?? 0;
        grad[a] = (grad[a] ?? 0) + (p - (labels[i] ?? 0)) * za;
        const row = hess[a] as number[];
        for (let b = a; b <= d; b++) row[b] = (row[b] ?? 0) + h * za * (zi[b] ?? 0);
      }
    });
    for (let a = 0; a <= d; a++) {
      const row = hess[a] as number[];
      for (let b = 0; b < a; b++) row[b] = hess[b]?.[a] ?? 0;
      if (a < d) {
        row[a] = (row[a] ?? 0) + l2;
        grad[a] = (grad[a] ?? 0) + l2 * (w[a] ?? 0);
      }
    }
    const step = solve(hess, grad);
    w = w.map((v, k) => v - (step[k] ?? 0));
  }
  const round = (v: number): number => Number(v.toPrecision(6));
  return { mean: mean.map(round), scale: scale.map(round), weights: w.slice(0, d).map(round), bias: round(w[d] ?? 0) };
}
