import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../src/lexicon/index.js';
import { inspect, spinScore } from '../../src/spin/detect.js';

const lexicon = loadLexicon();
const lists = [
  { tortured: 'counterfeit consciousness', expected: 'artificial intelligence', count: 40 },
  { tortured: 'irregular woodland', expected: 'random forest', count: 30 },
  { tortured: 'profound learning', expected: 'deep learning', count: 25 },
];

const CLEAN =
  'The city council met on Tuesday to discuss the new budget. Members agreed to spend more on schools and roads, ' +
  'and the mayor said the plan would be published next week. Several residents asked about the cost of repairs to the old bridge.';

describe('inspect', () => {
  it('finds a listed tortured phrase and suggests the expected wording, with offsets into the input', () => {
    const text = 'We trained an irregular woodland on the survey data.';
    const { findings } = inspect(text, { lists, lexicon });
    const finding = findings.find((f) => f.text.toLowerCase().includes('irregular woodland'));
    expect(finding?.suggestion.toLowerCase()).toBe('random forest');
    expect(text.slice(finding?.start, finding?.end)).toBe(finding?.text);
    expect(finding?.evidence).toMatch(/listed/);
  });

  it('keeps clean prose quiet', () => {
    expect(inspect(CLEAN, { lexicon }).findings).toEqual([]);
    expect(inspect(CLEAN, { lists, lexicon }).findings).toEqual([]);
  });

  it("says, with a list, whether the text is of the list's field: a news report is not", () => {
    expect(inspect(CLEAN, { lists, lexicon }).listField).toBeLessThan(0.5);
    expect(inspect('We trained a profound learning model and an irregular woodland on the survey data.', { lists, lexicon }).listField).toBeGreaterThan(0.5);
    expect(inspect(CLEAN, { lexicon }).listField).toBeUndefined();
  });

  it('uses a learned lexicon only on a text that reads spun', () => {
    const text = 'We trained an irregular woodland on the survey data.';
    expect(inspect(text, { lexicon }).spun).toBe(false);
    expect(inspect(text, { learned: lists, lexicon }).findings).toEqual([]);
    expect(inspect(text, { lists, lexicon }).findings).not.toEqual([]);
  });

  it('gives every finding a suggestion that differs from the text, a confidence and evidence', () => {
    const text = 'The Secretary of Point out will meet the consider tank on Monday.';
    for (const f of inspect(text, { lexicon }).findings) {
      expect(f.suggestion.toLowerCase()).not.toBe(f.text.toLowerCase());
      expect(f.confidence).toBeGreaterThan(0);
      expect(f.confidence).toBeLessThanOrEqual(1);
      expect(f.evidence.length).toBeGreaterThan(10);
    }
  });

  it('leaves page chrome alone', () => {
    const body = 'The Secretary of Point out will meet the consider tank on Monday.';
    const text = `Tags: Secretary of Point out, consider tank\n${body}`;
    const findings = inspect(text, { lexicon, threshold: 0.05 }).findings;
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f.start).toBeGreaterThan(text.indexOf('\n'));
  });

  it('lets a lower threshold report more', () => {
    const text = 'The Secretary of Point out will meet the consider tank on Monday.';
    const strict = inspect(text, { lexicon, threshold: 0.95 }).findings.length;
    const loose = inspect(text, { lexicon, threshold: 0.05 }).findings.length;
    expect(loose).toBeGreaterThanOrEqual(strict);
    expect(loose).toBeGreaterThan(0);
  });
});

describe('spinScore', () => {
  it('is 0 without findings and grows with their density, not with the length', () => {
    expect(spinScore([], 500)).toBe(0);
    expect(spinScore([0.9], 100)).toBeGreaterThan(spinScore([0.9], 1000));
    expect(spinScore([0.9, 0.9], 200)).toBeCloseTo(spinScore([0.9], 100), 5);
    expect(spinScore(Array(50).fill(1), 100)).toBeLessThanOrEqual(1);
  });
});
