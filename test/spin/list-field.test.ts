import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../src/lexicon/index.js';
import { fieldProbability, fitFieldGate, ListField } from '../../src/spin/list-field.js';
import { analyze } from '../../src/text/analyze.js';

const lexicon = loadLexicon();
const field = new ListField(
  [
    { tortured: 'counterfeit consciousness', expected: 'artificial intelligence', count: 40 },
    { tortured: 'irregular woodland', expected: 'random forest', count: 30 },
    { tortured: 'profound neural organization', expected: 'deep neural network', count: 25 },
    { tortured: 'bolster vector machine', expected: 'support vector machine', count: 12 },
  ],
  lexicon,
);
const gate = { ratio: 0.5, word: 0, report: -1 };
const evidenceOf = (text: string): ReturnType<ListField['evidence']> => field.evidence(analyze(text, lexicon));

describe('ListField', () => {
  it("reads the list's terms as likelier in its field than in English at large, and everyday words as less likely", () => {
    expect(field.ratio('neural')).toBeGreaterThan(0);
    expect(field.ratio('mayor')).toBeLessThan(0);
  });

  it('counts content words only, and the marks of news: reported speech, days of the week, quoted speech', () => {
    expect(evidenceOf('The and of it was.').words).toBe(0);
    expect(evidenceOf('The neural network was trained.').words).toBe(3);
    expect(evidenceOf('She said so, and according to him they told us.').newsMarks).toBe(3);
    expect(evidenceOf('The trial ended on Friday.').newsMarks).toBe(1);
    expect(evidenceOf('"We expect the results to hold up," the chief executive added.').newsMarks).toBe(1);
  });

  it('reads a term in quotation marks as a term, not as speech, and leaves page chrome out', () => {
    expect(evidenceOf('Documents are read as a "bag of words" here.').newsMarks).toBe(0);
    const page = 'Photo credit: said to be taken on Monday\nThe neural network was trained on the vector data for the study.';
    expect(evidenceOf(page).newsMarks).toBe(0);
    expect(evidenceOf(page).words).toBe(evidenceOf('The neural network was trained on the vector data for the study.').words);
  });

  it("tells a text of the list's field from a news report", () => {
    const science = fieldProbability(evidenceOf('We trained a deep neural network and a random forest on the vector data.'), gate);
    const news = fieldProbability(evidenceOf('The mayor told the city council on Tuesday that the bridge repairs would cost more.'), gate);
    expect(science).toBeGreaterThan(0.5);
    expect(news).toBeLessThan(0.5);
  });

  it('stays even where a text has no words to go by', () => {
    expect(fieldProbability({ sum: 0, words: 0, newsMarks: 0 }, gate)).toBe(0.5);
  });
});

describe('fitFieldGate', () => {
  it('learns that likelier words speak for the field and reported speech against it, whatever the sides number', () => {
    const field = Array.from({ length: 5 }, (_, i) => ({ sum: 20 + i, words: 30, newsMarks: 0 }));
    const other = Array.from({ length: 50 }, (_, i) => ({ sum: -20 + (i % 7), words: 30, newsMarks: i % 3 }));
    const fitted = fitFieldGate(field, other);
    expect(fitted.ratio).toBeGreaterThan(0);
    expect(fitted.report).toBeLessThan(0);
    for (const e of field) expect(fieldProbability(e, fitted)).toBeGreaterThan(0.5);
    for (const e of other) expect(fieldProbability(e, fitted)).toBeLessThan(0.5);
  });
});
