import { describe, expect, it } from 'vitest';
import { bigramTokens, EDGE, loadBigrams } from '../../src/lexicon/bigrams.js';

describe('bigramTokens', () => {
  it('lower-cases words and marks sentence and clause edges', () => {
    expect(bigramTokens('The Senate met. It voted; nothing passed!')).toEqual([
      EDGE, 'the', 'senate', 'met', EDGE, 'it', 'voted', EDGE, 'nothing', 'passed', EDGE,
    ]);
  });

  it('keeps apostrophes inside words and never doubles an edge', () => {
    expect(bigramTokens('“Don’t,” he said.')).toEqual([EDGE, "don't", 'he', 'said', EDGE]);
  });
});

describe('the bigram model', () => {
  const bigrams = loadBigrams();

  it('counts word pairs of the npm text', () => {
    expect(bigrams.count('secretary', 'of')).toBeGreaterThan(100);
    expect(bigrams.count('of', 'secretary')).toBeLessThan(bigrams.count('secretary', 'of'));
    expect(bigrams.count('zzqx', 'of')).toBe(0);
  });

  it('prefers the usual word between two neighbours', () => {
    expect(bigrams.fit('the', ['united'], 'states')).toBeGreaterThan(bigrams.fit('the', ['joined'], 'states'));
    expect(bigrams.logProb('unknownword', 'the')).toBeLessThan(0);
  });

  it('lists followers most frequent first', () => {
    const after = bigrams.followers('united', 5);
    expect(after[0]).toBe('states');
    expect(after.length).toBeLessThanOrEqual(5);
  });
});
