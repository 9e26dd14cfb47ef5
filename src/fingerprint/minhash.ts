import { combine, mix } from './hash.js';

/**
 * One-permutation MinHash (Li, Owen, Zhang 2012) with rotation densification (Shrivastava 2017): each shingle
 * is hashed once, its hash picks one of `bins` bins and the bin keeps its least value. Two sets agree in a bin
 * with probability equal to their Jaccard similarity, as with `bins` separate permutations, at 1/bins the cost.
 */
export function minhash(shingles: Uint32Array, bins: number, seed: number): Uint32Array | undefined {
  if (shingles.length === 0) return undefined;
  const shift = 32 - Math.log2(bins);
  const signature = new Uint32Array(bins).fill(0xffffffff);
  const filled = new Uint8Array(bins);
  for (let i = 0; i < shingles.length; i++) {
    const x = mix((shingles[i] as number) ^ seed);
    const bin = x >>> shift;
    const value = mix(x ^ 0x5bd1e995);
    if (value < (signature[bin] as number) || filled[bin] === 0) {
      signature[bin] = value;
      filled[bin] = 1;
    }
  }
  // An empty bin borrows from the next filled one, marked by the distance, so that two sets borrow alike.
  for (let i = 0; i < bins; i++) {
    if (filled[i] === 1) continue;
    let j = (i + 1) % bins;
    let distance = 1;
    while (filled[j] === 0) {
      j = (j + 1) % bins;
      distance++;
    }
    signature[i] = combine(signature[j] as number, distance);
  }
  return signature;
}

/** How an LSH index cuts a signature: `bands` bands of `rows` values each. */
export interface LshParams {
  readonly bands: number;
  readonly rows: number;
}

/** ∫ f over [from, to] by Simpson's rule. */
function integrate(f: (s: number) => number, from: number, to: number): number {
  const steps = 200;
  const h = (to - from) / steps;
  let sum = f(from) + f(to);
  for (let i = 1; i < steps; i++) sum += f(from + i * h) * (i % 2 === 1 ? 4 : 2);
  return (sum * h) / 3;
}

/**
 * The banding that best separates pairs above a Jaccard threshold from pairs below it, weighing the area of
 * false positives below the threshold and of false negatives above it equally: datasketch's `_optimal_param`.
 * At most `maxBands` bands, since each band is one posting per document in the store.
 */
export function lshParams(threshold: number, bins: number, maxBands = bins): LshParams {
  let best: LshParams = { bands: 1, rows: bins };
  let bestError = Infinity;
  for (let bands = 1; bands <= Math.min(bins, maxBands); bands++) {
    for (let rows = 1; rows * bands <= bins; rows++) {
      const hit = (s: number): number => 1 - (1 - s ** rows) ** bands;
      const falsePositive = integrate(hit, 0, threshold);
      const falseNegative = integrate((s) => 1 - hit(s), threshold, 1);
      const error = falsePositive + falseNegative;
      if (error < bestError) {
        bestError = error;
        best = { bands, rows };
      }
    }
  }
  return best;
}

/** The hash of each band of a signature. */
export function bandHashes(signature: Uint32Array, params: LshParams): Uint32Array {
  const out = new Uint32Array(params.bands);
  for (let band = 0; band < params.bands; band++) {
    let h = band;
    for (let row = 0; row < params.rows; row++) h = combine(h, signature[band * params.rows + row] as number);
    out[band] = h;
  }
  return out;
}
