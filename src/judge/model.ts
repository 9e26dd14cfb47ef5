/**
 * A small gradient-boosted tree ensemble for binary decisions (logistic loss), with no dependency:
 * trained by the scripts on a few thousand rows, stored as JSON, evaluated in microseconds.
 */

/** One regression tree in flat arrays; node 0 is the root, a node with feature -1 is a leaf. */
export interface Tree {
  readonly feature: number[];
  readonly threshold: number[];
  readonly left: number[];
  readonly right: number[];
  readonly value: number[];
}

export interface Ensemble {
  readonly features: readonly string[];
  /** Log-odds before any tree. */
  readonly base: number;
  readonly trees: readonly Tree[];
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
  rounds: 400,
  depth: 5,
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

export function treeScore(tree: Tree, x: ArrayLike<number>): number {
  let node = 0;
  for (;;) {
    const f = tree.feature[node] ?? -1;
    if (f < 0) return tree.value[node] ?? 0;
    node = (x[f] ?? 0) <= (tree.threshold[node] ?? 0) ? (tree.left[node] ?? 0) : (tree.right[node] ?? 0);
  }
}

/** Probability of the positive class. */
export function predict(model: Ensemble, x: ArrayLike<number>): number {
  let score = model.base;
  for (const tree of model.trees) score += treeScore(tree, x);
  return sigmoid(score);
}

/** Mulberry32: a tiny seeded generator so that training is reproducible. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Per feature: sorted cut points, and every row's bin (value ≤ cuts[bin], or past the last cut). */
interface Binned {
  readonly cuts: Float64Array[];
  readonly bins: Uint8Array[];
}

function quantileCuts(values: Float64Array, bins: number): Float64Array {
  const sorted = Float64Array.from(values).sort();
  const cuts: number[] = [];
  for (let k = 1; k < bins; k++) {
    const v = sorted[Math.floor((k * sorted.length) / bins)] ?? 0;
    if (cuts.length === 0 || v > (cuts[cuts.length - 1] ?? 0)) cuts.push(v);
  }
  // The top cut would send nothing right; drop it so every cut can split.
  if (cuts.length > 0 && cuts[cuts.length - 1] === sorted[sorted.length - 1]) cuts.pop();
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
  feature: number;
  bin: number;
  gain: number;
}

interface Grow {
  readonly data: Binned;
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  readonly features: readonly number[];
  readonly options: BoostOptions;
  readonly tree: Tree;
}

function leafWeight(g: number, h: number, o: BoostOptions): number {
  return (-g / (h + o.lambda)) * o.learningRate;
}

function bestSplit(grow: Grow, rows: Int32Array, gSum: number, hSum: number): Split | undefined {
  const { data, grad, hess, options } = grow;
  const parent = (gSum * gSum) / (hSum + options.lambda);
  let best: Split | undefined;
  for (const f of grow.features) {
    const cuts = data.cuts[f];
    const column = data.bins[f];
    if (!cuts || !column || cuts.length === 0) continue;
    const nb = cuts.length + 1;
    const hg = new Float64Array(nb);
    const hh = new Float64Array(nb);
    for (const r of rows) {
      const b = column[r] ?? 0;
      hg[b] = (hg[b] ?? 0) + (grad[r] ?? 0);
      hh[b] = (hh[b] ?? 0) + (hess[r] ?? 0);
    }
    let gl = 0;
    let hl = 0;
    for (let b = 0; b < nb - 1; b++) {
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

function addNode(tree: Tree): number {
  tree.feature.push(-1);
  tree.threshold.push(0);
  tree.left.push(-1);
  tree.right.push(-1);
  tree.value.push(0);
  return tree.feature.length - 1;
}

function growNode(grow: Grow, node: number, rows: Int32Array, depth: number): void {
  let gSum = 0;
  let hSum = 0;
  for (const r of rows) {
    gSum += grow.grad[r] ?? 0;
    hSum += grow.hess[r] ?? 0;
  }
  const { tree, data, options } = grow;
  const split = depth < options.depth ? bestSplit(grow, rows, gSum, hSum) : undefined;
  if (!split) {
    tree.value[node] = leafWeight(gSum, hSum, options);
    return;
  }
  const column = data.bins[split.feature] ?? new Uint8Array(0);
  const goLeft = rows.filter((r) => (column[r] ?? 0) <= split.bin);
  const goRight = rows.filter((r) => (column[r] ?? 0) > split.bin);
  tree.feature[node] = split.feature;
  tree.threshold[node] = data.cuts[split.feature]?.[split.bin] ?? 0;
  const l = addNode(tree);
  const r = addNode(tree);
  tree.left[node] = l;
  tree.right[node] = r;
  growNode(grow, l, goLeft, depth + 1);
  growNode(grow, r, goRight, depth + 1);
}

function sample<T>(items: readonly T[], share: number, random: () => number): T[] {
  if (share >= 1) return [...items];
  const picked = items.filter(() => random() < share);
  return picked.length > 0 ? picked : [...items];
}

/** Fits an ensemble to rows (feature vectors) and labels (0/1), optionally weighting rows. */
export function train(
  names: readonly string[],
  rows: readonly ArrayLike<number>[],
  labels: ArrayLike<number>,
  options: BoostOptions = DEFAULT_BOOST,
  weights?: ArrayLike<number>,
): Ensemble {
  const n = rows.length;
  const data = binRows(rows, names.length, options.bins);
  const random = seededRandom(options.seed);
  const w = (i: number): number => weights?.[i] ?? 1;
  let pos = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    pos += (labels[i] ?? 0) * w(i);
    total += w(i);
  }
  const prior = Math.min(Math.max(pos / total, 1e-6), 1 - 1e-6);
  const base = Math.log(prior / (1 - prior));
  const score = new Float64Array(n).fill(base);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const allRows = Array.from({ length: n }, (_, i) => i);
  const allFeatures = names.map((_, f) => f);
  const trees: Tree[] = [];
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(score[i] ?? 0);
      grad[i] = (p - (labels[i] ?? 0)) * w(i);
      hess[i] = Math.max(p * (1 - p), 1e-6) * w(i);
    }
    const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [] };
    const picked = Int32Array.from(sample(allRows, options.rowSample, random));
    const features = sample(allFeatures, options.featureSample, random);
    growNode({ data, grad, hess, features, options, tree }, addNode(tree), picked, 0);
    trees.push(tree);
    rows.forEach((row, i) => {
      score[i] = (score[i] ?? 0) + treeScore(tree, row);
    });
  }
  return { features: [...names], base, trees: trees.map(compact) };
}

/** Rounds leaf values so that the JSON stays small; thresholds stay exact, features often sit on them. */
function compact(tree: Tree): Tree {
  return { ...tree, value: tree.value.map((v) => Number(v.toPrecision(5))) };
}
