import { describe, expect, it } from 'vitest';
import { extractParagraphs, reword, spin } from '../../src/demo/copies.js';
import { seededRandom } from '../../src/random.js';
import type { Lexicon } from '../../src/lexicon/types.js';
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

/** Just enough of a lexicon for the copy makers: a hand-written thesaurus and a plural rule. */
const lexicon: Lexicon = {
  lemma: (w) => (THESAURUS[w] ? w : w.endsWith('s') && THESAURUS[w.slice(0, -1)] ? w.slice(0, -1) : w),
  kinship: () => 'none',
  similarity: () => undefined,
  vector: () => undefined,
  rank: () => undefined,
  isExpression: () => false,
  synonyms: (w) => THESAURUS[w] ?? [],
};

const paragraphs = [
  'The State of our Nation is strong. We have done the work, and we will keep building it.',
  'When the talks failed, the people did not give up. It is time to build; we are ready.',
  'Our nation was made by people who work hard. They are proud of it, and they will say so.',
  'This is not a time to rest. The talks will go on, the Secretary of State said.',
];
const original = paragraphs.join('\n\n');

function sentenceCount(text: string): number {
  return analyze(text).sentences.length;
}

describe('extractParagraphs', () => {
  it('is a verbatim substring of the original', () => {
    const extract = extractParagraphs(paragraphs, seededRandom(7), 2);
    expect(original).toContain(extract);
    expect(extract.split('\n\n')).toHaveLength(2);
  });
});

describe('spin', () => {
  it('is the same for the same seed, and differs for another', () => {
    expect(spin(original, lexicon, seededRandom(42))).toBe(spin(original, lexicon, seededRandom(42)));
    expect(spin(original, lexicon, seededRandom(42))).not.toBe(spin(original, lexicon, seededRandom(43)));
  });

  it('swaps some words for synonyms, keeping capitals and the sentence count', () => {
    const spun = spin(original, lexicon, seededRandom(1), 1);
    expect(spun).not.toBe(original);
    expect(sentenceCount(spun)).toBe(sentenceCount(original));
    expect(spun).toMatch(/The (Say|Point out|Province) of our (Country|Land)/);
    expect(spun).toMatch(/(discussions|conversations) (failed|will go on)/);
    expect(spun).not.toContain('give thanks');
  });

  it('leaves function words and acronyms alone', () => {
    const text = 'The STATE and the of.';
    expect(spin(text, lexicon, seededRandom(3), 1)).toBe(text);
  });
});

describe('reword', () => {
  it('is the same for the same seed', () => {
    expect(reword(paragraphs, lexicon, seededRandom(5))).toBe(reword(paragraphs, lexicon, seededRandom(5)));
  });

  it('moves clauses and keeps the paragraphs', () => {
    const reworded = reword(paragraphs, lexicon, seededRandom(5));
    expect(reworded).not.toBe(original);
    expect(reworded.split('\n\n')).toHaveLength(paragraphs.length);
    expect(reworded).toMatch(/The Secretary of (State|Say|Point out|Province) said the (talks|discussions|conversations) will go on\./);
    expect(reworded).toMatch(/when the (talks|discussions|conversations) failed/);
  });
});
