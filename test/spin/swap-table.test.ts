import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../src/lexicon/index.js';
import { CandidateFinder, FEATURE_NAMES } from '../../src/spin/candidates.js';
import { expectedWording, SwapTable } from '../../src/spin/swap-table.js';
import { analyze } from '../../src/text/analyze.js';

const lexicon = loadLexicon();
const pairs = [
  { tortured: 'counterfeit consciousness', expected: 'artificial intelligence', count: 40 },
  { tortured: 'counterfeit neural organization', expected: 'artificial neural network (ANN)', count: 12 },
  { tortured: 'irregular woodland', expected: 'random forest', count: 30 },
  { tortured: 'area unit', expected: 'are', count: 5 },
  { tortured: 'shrouded layers', expected: 'hidden layers', count: 3 },
];

describe('expectedWording', () => {
  it('drops a list\'s notes in brackets', () => {
    expect(expectedWording('artificial neural network (ANN)')).toBe('artificial neural network');
    expect(expectedWording('unknow tuple (?)')).toBe('unknow tuple');
    expect(expectedWording('random forest')).toBe('random forest');
  });
});

describe('SwapTable', () => {
  const table = new SwapTable(pairs, lexicon);

  it('finds listed phrases by their lower-case words', () => {
    expect(table.phrase('irregular woodland')?.expected).toBe('random forest');
    expect(table.phrase('irregular forest')).toBeUndefined();
  });

  it('learns word swaps that generalize beyond the listed phrases', () => {
    const counterfeit = table.wordProfile('counterfeit');
    expect(counterfeit?.originals.get('artificial')).toBeGreaterThan(0);
    expect(counterfeit?.spun).toBeGreaterThan(0);
    // The spinner kept "neural": a word of the phrase in its own right, not a swap.
    expect(table.wordProfile('neural')?.spun ?? 0).toBe(0);
    expect(table.wordProfile('neural')?.clean).toBeGreaterThan(0);
  });

  it('learns multi-word units swapped for one word', () => {
    expect(table.wordProfile('area unit')?.originals.get('are')).toBeGreaterThan(0);
    expect(table.longestPhrase).toBe(3);
  });

  it('finds swaps by lemma when the form differs', () => {
    expect(table.wordProfile('organizations')?.originals.get('network')).toBeGreaterThan(0);
  });

  it('knows the expected phrases as expressions, by lemmas', () => {
    expect(table.expression('neural network')?.weight).toBeGreaterThan(0);
    expect(table.expression('artificial intelligence')?.words).toEqual(['artificial', 'intelligence']);
    expect(table.expression('neural organization')).toBeUndefined();
  });

  it('spells an original in the form of the written word when the list knows that form', () => {
    expect(table.spellLike('concealed', 'hidden')).toBe('hidden');
    expect(table.spellLike('woodland', 'forest')).toBe('forest');
  });
});

describe('a list\'s field', () => {
  it('reads a text of the list\'s field as nearer to it than a news report', () => {
    const table = new SwapTable(pairs, lexicon);
    const finder = new CandidateFinder(lexicon, table);
    const domainOf = (text: string): number => {
      const candidates = finder.candidates(analyze(text, lexicon));
      return candidates[0]?.features[FEATURE_NAMES.indexOf('listDomain')] ?? Number.NaN;
    };
    const science = domainOf('We train a deep neural network and a random forest on the images, then compare the hidden layers of each model.');
    const news = domainOf('The mayor told reporters on Tuesday that the council would vote on the new bridge after the summer holidays.');
    expect(science).toBeGreaterThan(news);
    expect(new CandidateFinder(lexicon, undefined).candidates(analyze('The council would vote on the bridge.', lexicon))[0]?.features[FEATURE_NAMES.indexOf('listDomain')]).toBe(0);
  });
});
