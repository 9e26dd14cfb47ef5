import { describe, expect, it } from 'vitest';
import { UnspinError } from '../../src/errors.js';
import type { Lexicon } from '../../src/lexicon/types.js';
import { type Obfuscation, obfuscate } from '../../src/spin/obfuscate.js';
import { analyze } from '../../src/text/analyze.js';

const THESAURUS: Record<string, string[]> = {
  state: ['say', 'point out', 'province'],
  talk: ['discussion', 'conversation'],
  nation: ['country', 'land'],
  strong: ['potent', 'hard'],
  work: ['labor', 'operate'],
  people: ['citizenry', 'multitude'],
  time: ['clip', 'meter'],
  build: ['construct', 'make'],
  thanks: ['give thanks'],
};

/** Just enough of a lexicon for the spinner: a hand-written thesaurus and a plural rule. */
const lexicon: Lexicon = {
  lemma: (w) => (THESAURUS[w] ? w : w.endsWith('s') && THESAURUS[w.slice(0, -1)] ? w.slice(0, -1) : w),
  kinship: () => 'none',
  similarity: () => undefined,
  vector: () => undefined,
  rank: () => undefined,
  wordAt: () => undefined,
  isExpression: () => false,
  synonyms: (w) => THESAURUS[w] ?? [],
};

const paragraphs = [
  'The State of our Nation is strong. We have done the work, and we will keep building it.',
  'When the talks failed, the people did not give up. It is time to build; we are ready.',
  'Our nation was made by people who work hard. They are proud of it, and they will say so.',
  'This is not a time to rest. The talks will go on, the Secretary of State said.',
];
const original = `${paragraphs.join('\n\n')}\n`;

const spun = (seed: number, spin = 0.3, text = original): Obfuscation => obfuscate(text, { spin, paraphrase: false, seed }, lexicon);
const reworded = (seed: number, spin = 0): Obfuscation => obfuscate(original, { spin, paraphrase: true, seed }, lexicon);

function sentences(text: string): string[] {
  return analyze(text).sentences.map((s) => text.slice(s.span[0], s.span[1]));
}

/** Every swap names its synonym at its offsets in the copy, and they come in order without overlapping. */
function expectSwapsInPlace(result: Obfuscation): void {
  let previousEnd = 0;
  for (const swap of result.swaps) {
    expect(result.text.slice(swap.start, swap.end)).toBe(swap.to);
    expect(swap.to.toLowerCase()).not.toBe(swap.from.toLowerCase());
    expect(swap.start).toBeGreaterThanOrEqual(previousEnd);
    previousEnd = swap.end;
  }
}

describe('obfuscate: spinning', () => {
  it('is byte-identical for the same seed and differs for another', () => {
    expect(spun(42)).toEqual(spun(42));
    expect(spun(42).text).not.toBe(spun(43).text);
  });

  it('leaves the text exactly as it was at rate 0', () => {
    expect(spun(7, 0)).toEqual({ text: original, swaps: [] });
  });

  it('records every swap at its offsets in the copy, so undoing the swaps gives the original back', () => {
    const result = spun(3, 0.6);
    expect(result.swaps.length).toBeGreaterThan(3);
    expectSwapsInPlace(result);
    let undone = result.text;
    for (const swap of [...result.swaps].reverse()) undone = undone.slice(0, swap.start) + swap.from + undone.slice(swap.end);
    expect(undone).toBe(original);
  });

  it('swaps about the given share of the words that have synonyms', () => {
    const text = 'The nation is strong and the people work. '.repeat(200);
    const eligible = spun(1, 1, text).swaps.length;
    expect(eligible).toBe(800);
    const swapped = spun(1, 0.3, text).swaps.length / eligible;
    expect(swapped).toBeGreaterThan(0.25);
    expect(swapped).toBeLessThan(0.35);
  });

  it('keeps capitals, word forms and the sentence count', () => {
    const result = spun(1, 1);
    expect(sentences(result.text)).toHaveLength(sentences(original).length);
    expect(result.text).toMatch(/The (Say|Point out|Province) of our (Country|Land)/);
    expect(result.text).toMatch(/(discussions|conversations) (failed|will go on)/);
    expect(result.text).not.toContain('give thanks');
  });

  it('leaves function words and acronyms alone', () => {
    const text = 'The STATE and the of.';
    expect(spun(3, 1, text).text).toBe(text);
  });
});

describe('obfuscate: paraphrase', () => {
  it('is byte-identical for the same seed and differs for another', () => {
    expect(reworded(5, 0.3)).toEqual(reworded(5, 0.3));
    const texts = new Set([1, 2, 3, 4, 5].map((seed) => reworded(seed).text));
    expect(texts.size).toBeGreaterThan(1);
  });

  it('restructures sentences but keeps the paragraphs', () => {
    const result = reworded(5);
    expect(result.swaps).toEqual([]);
    expect(result.text.split('\n\n')).toHaveLength(paragraphs.length);
    expect(result.text.endsWith('.\n')).toBe(true);
    expect(result.text).toMatch(/the Secretary of State said the talks will go on\./i);
    expect(result.text).toMatch(/did(n't| not) give up when the talks failed/);
    const before = new Set(sentences(original));
    expect(sentences(result.text).filter((s) => !before.has(s)).length).toBeGreaterThan(2);
  });

  it('spins after rewording, so the swap offsets point into the final text', () => {
    const result = reworded(9, 0.8);
    expect(result.swaps.length).toBeGreaterThan(3);
    expectSwapsInPlace(result);
  });
});

describe('obfuscate: options', () => {
  it.each([
    ['a rate above 1', { spin: 1.5, paraphrase: false, seed: 1 }],
    ['a negative rate', { spin: -0.1, paraphrase: false, seed: 1 }],
    ['a rate that is not a number', { spin: Number.NaN, paraphrase: false, seed: 1 }],
    ['a fractional seed', { spin: 0.3, paraphrase: false, seed: 1.5 }],
  ])('refuses %s', (_, options) => {
    expect(() => obfuscate(original, options, lexicon)).toThrow(UnspinError);
  });
});
