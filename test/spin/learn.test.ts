import { describe, expect, it } from 'vitest';
import type { Substitution } from '../../src/align/types.js';
import type { Comparison, Direction, Relation } from '../../src/judge/types.js';
import { spinPairsFromComparison } from '../../src/spin/learn.js';

function swap(a: string, b: string, synonym = true): Substitution {
  return { a, b, aSpan: [0, a.length], bSpan: [0, b.length], synonym };
}

function comparison(relation: Relation, direction: Direction, substitutions: Substitution[]): Comparison {
  const derived = relation !== 'related' && relation !== 'unrelated';
  return { relation, derived, direction, similarity: 0.9, shared: { a: 0.9, b: 0.9 }, explanation: '', passages: [], substitutions };
}

const SWAPS = [
  swap('Artificial intelligence', 'Counterfeit consciousness'),
  swap('cracks', 'fissures'),
  swap('cracks', 'fissures'),
  swap('old', 'aged', false),
  swap('the', 'The'),
  swap("don't", 'dont'),
  swap('two million', '2 million'),
  swap('the big meeting in the capital', 'the large conference in the capital city'),
];

describe('spinPairsFromComparison', () => {
  it("takes the copy's synonym swaps as tortured, the source's wording as expected", () => {
    expect(spinPairsFromComparison(comparison('spun', 'b-from-a', SWAPS))).toEqual([
      { tortured: 'counterfeit consciousness', expected: 'artificial intelligence' },
      { tortured: 'fissures', expected: 'cracks' },
    ]);
    expect(spinPairsFromComparison(comparison('duplicate', 'a-from-b', [swap('stated', 'said')]))).toEqual([
      { tortured: 'stated', expected: 'said' },
    ]);
  });

  it('learns nothing when the direction is unknown or the texts are not derived', () => {
    expect(spinPairsFromComparison(comparison('spun', 'unknown', SWAPS))).toEqual([]);
    expect(spinPairsFromComparison(comparison('spun', 'common-source', SWAPS))).toEqual([]);
    expect(spinPairsFromComparison(comparison('related', 'b-from-a', SWAPS))).toEqual([]);
  });
});
