import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MeaningIndex, savedMeaningBytes } from '../../src/store/meaning-index.js';
import { tempFiles } from '../helpers/cli.js';

/** A vector pointing mostly along one axis of 8. */
const along = (axis: number, sign = 1): Int8Array => Int8Array.from({ length: 8 }, (_, d) => (d === axis ? 127 * sign : 5));

describe('meaning index', () => {
  it('finds the nearest vectors, and follows a replaced one', () => {
    const index = MeaningIndex.inMemory();
    index.apply([
      { seq: 1, number: 10, vector: along(0) },
      { seq: 2, number: 11, vector: along(1) },
      { seq: 3, number: 12, vector: along(2) },
    ]);
    expect(index.seq).toBe(3);
    expect(index.nearest(along(1), 1)).toEqual([{ number: 11, similarity: expect.closeTo(1, 2) }]);
    index.apply([{ seq: 4, number: 11, vector: along(2, -1) }]);
    expect(index.nearest(along(1), 1)[0]?.number).not.toBe(11);
    expect(index.nearest(along(2, -1), 1)[0]?.number).toBe(11);
    expect(index.nearest(along(0), 10)).toHaveLength(3);
  });

  it('saves beside a store, named by its last change, and the next process goes on from there', () => {
    const dir = tempFiles({});
    const storeFile = join(dir, 'corpus.db');
    const first = MeaningIndex.beside(storeFile);
    expect(first.seq).toBe(0);
    first.apply([{ seq: 7, number: 1, vector: along(3) }]);
    first.save();
    first.apply([{ seq: 9, number: 2, vector: along(4) }]);
    first.save();
    expect(readdirSync(dir).filter((f) => f.includes('.meaning'))).toEqual([expect.stringMatching(/^corpus\.db\.meaning-9-8-\d+\.usearch$/)]);
    expect(savedMeaningBytes(storeFile)).toBeGreaterThan(0);
    const next = MeaningIndex.beside(storeFile);
    expect(next.seq).toBe(9);
    expect(next.nearest(along(4), 1)[0]?.number).toBe(2);
  });

  it('starts empty when the saved file is damaged, so the store rebuilds it', () => {
    const dir = tempFiles({});
    const storeFile = join(dir, 'corpus.db');
    writeFileSync(`${storeFile}.meaning-5-8-4096.usearch`, 'not an index');
    const index = MeaningIndex.beside(storeFile);
    expect(index.seq).toBe(0);
    expect(index.nearest(along(0), 3)).toEqual([]);
  });
});
