import { describe, expect, it } from 'vitest';
import { mix } from '../../src/fingerprint/hash.js';
import { bandHashes, lshParams, minhash } from '../../src/fingerprint/minhash.js';

/** Pseudo-random 32-bit shingles for the integers [from, to). */
function shingles(from: number, to: number): Uint32Array {
  const out = new Uint32Array(to - from);
  for (let i = from; i < to; i++) out[i - from] = mix(i + 0x1234567);
  return out;
}

function agreement(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

function shuffled(values: Uint32Array, seed: number): Uint32Array {
  const out = Uint32Array.from(values);
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = mix(s + i);
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as number, out[i] as number];
  }
  return out;
}

describe('minhash', () => {
  it('has no signature for an empty set', () => {
    expect(minhash(new Uint32Array(0), 64, 1)).toBeUndefined();
  });

  it('gives equal signatures for equal sets, whatever the order or repeats', () => {
    const set = shingles(0, 300);
    const a = minhash(set, 64, 7);
    const b = minhash(shuffled(set, 3), 64, 7);
    const c = minhash(Uint32Array.from([...set, ...set.subarray(0, 50)]), 64, 7);
    expect(a).toHaveLength(64);
    expect(Array.from(b as Uint32Array)).toEqual(Array.from(a as Uint32Array));
    expect(Array.from(c as Uint32Array)).toEqual(Array.from(a as Uint32Array));
    // A different seed is a different hash family.
    expect(agreement(a as Uint32Array, minhash(set, 64, 8) as Uint32Array)).toBeLessThan(0.2);
  });

  it('fills every bin, also for a set smaller than the signature', () => {
    const sig = minhash(shingles(0, 5), 64, 1) as Uint32Array;
    expect(new Set(sig).size).toBeGreaterThan(5);
    // Two equal small sets still agree everywhere, borrowed bins included.
    expect(agreement(sig, minhash(shingles(0, 5), 64, 1) as Uint32Array)).toBe(1);
  });

  it.each([
    ['disjoint', 0, 1000, 1000, 2000, 0],
    ['one third', 0, 1000, 500, 1500, 1 / 3],
    ['nine tenths', 0, 1000, 50, 1050, 950 / 1050],
    ['a subset', 0, 1000, 0, 500, 0.5],
  ])('agrees in about the Jaccard share of bins: %s', (_, a0, a1, b0, b1, jaccard) => {
    const a = shingles(a0, a1);
    const b = shingles(b0, b1);
    let total = 0;
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    for (const seed of seeds) total += agreement(minhash(a, 256, seed) as Uint32Array, minhash(b, 256, seed) as Uint32Array);
    expect(Math.abs(total / seeds.length - jaccard)).toBeLessThan(0.08);
  });
});

describe('lshParams', () => {
  it.each([
    [0.5, 64, 12],
    [0.3, 64, 12],
    [0.8, 64, 12],
    [0.5, 16, 4],
    [0.5, 128, undefined],
    [0.7, 32, 100],
  ])('threshold %f, %i bins, at most %s bands: a banding that fits and centres near the threshold', (threshold, bins, maxBands) => {
    const { bands, rows } = lshParams(threshold, bins, maxBands);
    expect(Number.isInteger(bands) && Number.isInteger(rows)).toBe(true);
    expect(bands).toBeGreaterThanOrEqual(1);
    expect(rows).toBeGreaterThanOrEqual(1);
    expect(bands).toBeLessThanOrEqual(Math.min(bins, maxBands ?? bins));
    expect(rows * bands).toBeLessThanOrEqual(bins);
    // The S-curve's steepest point, (1/b)^(1/r), lies near the threshold asked for.
    expect(Math.abs((1 / bands) ** (1 / rows) - threshold)).toBeLessThan(0.2);
  });

  it('needs more rows per band for a higher threshold', () => {
    const low = lshParams(0.3, 64, 12);
    const high = lshParams(0.8, 64, 12);
    expect(high.rows / high.bands).toBeGreaterThan(low.rows / low.bands);
  });
});

describe('bandHashes', () => {
  it('gives one hash per band, and changing one value changes only its band', () => {
    const params = { bands: 8, rows: 4 };
    const sig = minhash(shingles(0, 200), 32, 1) as Uint32Array;
    const hashes = bandHashes(sig, params);
    expect(hashes).toHaveLength(8);
    const changed = Uint32Array.from(sig);
    changed[13] = (changed[13] as number) ^ 1; // band 3, row 1
    const after = bandHashes(changed, params);
    const differing = Array.from(hashes).flatMap((h, i) => (h !== after[i] ? [i] : []));
    expect(differing).toEqual([3]);
    // Equal rows in different bands still hash apart.
    expect(new Set(bandHashes(new Uint32Array(32), params)).size).toBe(8);
  });
});
