import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/text/analyze.js';
import { tinyLexicon } from '../helpers/tiny-lexicon.js';

const sentences = (text: string): string[] => {
  const a = analyze(text);
  return a.sentences.map((s) => text.slice(s.span[0], s.span[1]));
};

describe('sentence segmentation', () => {
  it('does not split at abbreviations, initials or U.S. inside a sentence', () => {
    expect(sentences('Mr. Smith met J. Doe in the U.S. capital on Jan. 5. They talked.')).toEqual([
      'Mr. Smith met J. Doe in the U.S. capital on Jan. 5.',
      'They talked.',
    ]);
  });

  it('splits after U.S. when a new sentence clearly starts', () => {
    expect(sentences('He flew back to the U.S. The trip was long.')).toEqual(['He flew back to the U.S.', 'The trip was long.']);
  });

  it('keeps closing quotes with their sentence and treats a line as a headline', () => {
    expect(sentences('Rates Rise Again\n"We will act," she said. "Soon."')).toEqual([
      'Rates Rise Again',
      '"We will act," she said.',
      '"Soon."',
    ]);
  });
});

describe('tokens', () => {
  it('carries lemmas, function words, names and numbers with original offsets', () => {
    const text = 'On Monday, Blinken said talks with 2,000 officials were over.';
    const a = analyze(text, tinyLexicon());
    const byText = new Map(a.tokens.map((t) => [t.text, t]));
    expect(byText.get('talks')?.lemma).toBe('talk');
    expect(byText.get('said')?.lemma).toBe('say');
    expect(byText.get('with')?.isFunction).toBe(true);
    expect(byText.get('Blinken')?.isName).toBe(true);
    expect(byText.get('Monday')?.isName).toBe(true);
    expect(byText.get('talks')?.isName).toBe(false);
    expect(byText.get('2,000')?.kind).toBe('number');
    expect(byText.get('2,000')?.lemma).toBe('2000');
    for (const t of a.tokens) expect(text.slice(t.span[0], t.span[1])).toBe(t.text);
  });

  it('never crashes on other scripts and still tokenizes them', () => {
    const a = analyze('北京是中国的首都。Москва — столица России.');
    expect(a.tokens.length).toBeGreaterThan(8);
    expect(a.sentences.length).toBeGreaterThanOrEqual(1);
  });

  it('returns nothing for empty input', () => {
    expect(analyze('   ').tokens).toEqual([]);
  });
});
