import { describe, expect, it } from 'vitest';
import { judgeSentencePair } from '../../src/judge/paraphrase.js';
import { sentenceFeatures } from '../../src/judge/sentence-features.js';
import { loadLexicon } from '../../src/lexicon/index.js';
import { analyze } from '../../src/text/analyze.js';

const lexicon = loadLexicon();
const judge = (a: string, b: string) => judgeSentencePair(analyze(a, lexicon), analyze(b, lexicon), lexicon);

describe('judgeSentencePair', () => {
  it('takes a reworded sentence for a paraphrase', () => {
    const j = judge(
      'The company reported a large increase in its profits last year.',
      'Last year the firm reported a big rise in its profits.',
    );
    expect(j.paraphrase).toBe(true);
    expect(['paraphrase', 'spun', 'duplicate']).toContain(j.relation);
    expect(j.similarity).toBeGreaterThan(0.5);
  });

  it('calls a copy with one word changed a duplicate', () => {
    const j = judge(
      'The council approved the new budget for the city schools on Monday evening after a long debate.',
      'The council approved the new budget for the city schools on Monday night after a long debate.',
    );
    expect(j.paraphrase).toBe(true);
    expect(j.relation).toBe('duplicate');
  });

  it('refuses the same words with a changed number', () => {
    const j = judge(
      'Shares of the company fell 12 percent to $31.50 in early trading on Tuesday.',
      'Shares of the company fell 4 percent to $18.20 in early trading on Tuesday.',
    );
    expect(j.paraphrase).toBe(false);
    expect(j.relation).toBe('related');
  });

  it('refuses the same words with a changed name', () => {
    const j = judge(
      'On Thursday the board of Microsoft said that it would buy the software maker for $2 billion.',
      'On Thursday the board of Oracle said that it would buy the software maker for $2 billion.',
    );
    expect(j.paraphrase).toBe(false);
  });

  it('finds unrelated sentences unrelated', () => {
    const j = judge('The cat slept on the warm windowsill all afternoon.', 'Interest rates rose sharply after the central bank meeting.');
    expect(j.paraphrase).toBe(false);
    expect(j.relation).toBe('unrelated');
    expect(j.probability).toBeLessThan(0.5);
  });
});

describe('sentenceFeatures', () => {
  it('names finite features and is symmetric in the pair', () => {
    const a = analyze('He dropped to his knees and clasped his hands.', lexicon);
    const b = analyze('The Wallachian fell on his knees, and clasped his hands.', lexicon);
    const ab = sentenceFeatures(a, b, lexicon);
    const ba = sentenceFeatures(b, a, lexicon);
    expect(Object.keys(ab).length).toBeGreaterThan(50);
    for (const [name, value] of Object.entries(ab)) expect(Number.isFinite(value), name).toBe(true);
    expect(ba['align.content.min']).toBeCloseTo(ab['align.content.min'] ?? -1, 6);
    expect(ba['lower.2.max']).toBeCloseTo(ab['lower.2.max'] ?? -1, 6);
  });
});
