import { beforeAll, describe, expect, it } from 'vitest';
import { loadLexicon, type Lexicon } from '../../src/lexicon/index.js';

let lexicon: Lexicon;

// The first run on a fresh checkout builds the cache (about ten seconds).
beforeAll(() => {
  lexicon = loadLexicon();
}, 120_000);

describe('lemma', () => {
  it('strips inflection and knows irregular forms', () => {
    expect(lexicon.lemma('talks')).toBe('talk');
    expect(lexicon.lemma('was')).toBe('be');
    expect(lexicon.lemma('better')).toBe('good');
    expect(lexicon.lemma('children')).toBe('child');
  });

  it('returns unknown words unchanged', () => {
    expect(lexicon.lemma('qwxzv')).toBe('qwxzv');
  });

  it('is idempotent', () => {
    expect(lexicon.lemma('meetings')).toBe(lexicon.lemma(lexicon.lemma('meetings')));
  });
});

describe('kinship', () => {
  it('grades pairs from same to none', () => {
    expect(lexicon.kinship('talks', 'talk')).toBe('same');
    expect(lexicon.kinship('car', 'automobile')).toBe('synonym');
    expect(lexicon.kinship('state', 'province')).toBe('synonym');
    expect(lexicon.kinship('said', 'told')).toBe('synonym');
    expect(lexicon.kinship('meeting', 'conference')).toBe('related');
    expect(lexicon.kinship('car', 'banana')).toBe('none');
  });

  it('is symmetric', () => {
    expect(lexicon.kinship('automobile', 'car')).toBe('synonym');
    expect(lexicon.kinship('conference', 'meeting')).toBe('related');
  });

  it('says none for unknown words', () => {
    expect(lexicon.kinship('qwxzv', 'car')).toBe('none');
  });
});

describe('vectors', () => {
  it('orders similarity by meaning', () => {
    const royal = lexicon.similarity('king', 'queen') ?? Number.NaN;
    const odd = lexicon.similarity('king', 'carrot') ?? Number.NaN;
    expect(royal).toBeGreaterThan(odd);
    expect(lexicon.similarity('king', 'qwxzv')).toBeUndefined();
  });

  it('gives unit vectors whose dot product is the similarity', () => {
    const king = lexicon.vector('king');
    const queen = lexicon.vector('queen');
    expect(king).toHaveLength(100);
    const dot = (a: Float32Array, b: Float32Array): number => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);
    expect(dot(king!, king!)).toBeCloseTo(1, 5);
    expect(dot(king!, queen!)).toBeCloseTo(lexicon.similarity('king', 'queen')!, 5);
  });

  it('ranks by corpus frequency', () => {
    expect(lexicon.rank('the')).toBe(1);
    expect(lexicon.rank('government')).toBeLessThan(lexicon.rank('automobile')!);
    expect(lexicon.rank('qwxzv')).toBeUndefined();
  });
});

describe('WordNet', () => {
  it('knows multi-word expressions, also spelled with lemmas', () => {
    expect(lexicon.isExpression('think tank')).toBe(true);
    expect(lexicon.isExpression('secretary of state')).toBe(true);
    expect(lexicon.isExpression('unite state')).toBe(true);
    expect(lexicon.isExpression('think')).toBe(false);
    expect(lexicon.isExpression('tank think')).toBe(false);
  });

  it('lists synonyms without the word itself', () => {
    expect(lexicon.synonyms('big')).toContain('large');
    expect(lexicon.synonyms('big')).not.toContain('big');
    expect(lexicon.synonyms('talks')).not.toContain('talk');
    expect(lexicon.synonyms('qwxzv')).toEqual([]);
  });
});
