import { describe, expect, it } from 'vitest';
import { fitTermTable, pairTerms, sideTerms, termWeights, tfkldFeatureNames, tfkldFeatures } from '../../src/judge/tfkld.js';

const pair = (a: string, b: string) => ({ a: sideTerms(a.split(' ')), b: sideTerms(b.split(' ')) });

// Shared "said" tells nothing (both classes share it); a shared number marks the paraphrases.
const pairs = [
  pair('he said 5 things', 'he said 5 words'),
  pair('she said 7 jokes', 'she said 7 stories'),
  pair('they said 9 times', 'they said 9 times over'),
  pair('he said 5 things', 'he said 6 things'),
  pair('she said 7 jokes', 'she said 8 jokes'),
  pair('they said 9 times', 'they said 4 times'),
];
const labels = [1, 1, 1, 0, 0, 0];

describe('TF-KLD', () => {
  it('makes unigrams and bigrams of lower-case lemmas', () => {
    expect(sideTerms(['The', 'cat', 'sat'])).toEqual(['the', 'cat', 'sat', 'the cat', 'cat sat']);
  });

  it('weighs terms by how well their sharing tells paraphrases apart', () => {
    const table = fitTermTable(pairs, labels);
    const w = termWeights(table);
    expect(w.weight('said') ?? 0).toBeCloseTo(0, 6);
    expect(w.weight('5') ?? 0).toBeGreaterThan(0.1);
    // Words that name an object's inherited methods are terms like any other.
    expect(w.weight('constructor')).toBeUndefined();
    // Terms seen in a single pair are pruned.
    expect(table.terms).not.toContain('words');
  });

  it('compares weighted term vectors', () => {
    const table = fitTermTable(pairs, labels);
    const same = tfkldFeatures(table, pair('he said 5 things', 'he said 5 things'));
    expect(same['tfkld.cos']).toBeCloseTo(1, 6);
    expect(same['tfkld.unmatched.max']).toBe(0);
    const changed = tfkldFeatures(table, pair('he said 5 things', 'he said 7 things'));
    expect(changed['tfkld.cos'] ?? 1).toBeLessThan(1);
    expect(changed['tfkld.unmatched.max'] ?? 0).toBeGreaterThan(0);
    expect(changed['tfkld.evidence'] ?? 0).toBeLessThan(same['tfkld.evidence'] ?? 0);
  });

  it('weighs the words the alignment left unmatched', () => {
    const table = fitTermTable(pairs, labels);
    // Word 2 of each side ("5" and "7") is unaligned.
    const terms = pairTerms(['he', 'said', '5', 'things'], ['he', 'said', '7', 'things'], [0, 1, -1, 3], [0, 1, -1, 3]);
    const f = tfkldFeatures(table, terms, 'x');
    expect(Object.keys(f)).toEqual(tfkldFeatureNames('x'));
    expect(f['x.unaligned.max'] ?? 0).toBeGreaterThan(0);
    expect(f['x.unalignedTop']).toBeCloseTo(termWeights(table).weight('5') ?? 0, 6);
  });
});
