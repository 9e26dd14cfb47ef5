import { describe, it, expect } from 'vitest';
import { findVerbatimPassages } from '../../src/align/verbatim.js';
import { analyze } from '../../src/text/analyze.js';

const LIGHTHOUSE =
  'The old lighthouse keeper climbed the spiral stairs every evening at dusk, trimmed the wick, ' +
  'and polished the great lens until it gleamed like a second moon above the rocks.';
const ORCHARD =
  'Behind the farmhouse an orchard of crooked apple trees leaned toward the river, and each autumn ' +
  'the children gathered the windfalls into wicker baskets for the cider press.';

function spanOf(text: string, passage: string): [number, number] {
  const start = text.indexOf(passage);
  expect(start).toBeGreaterThanOrEqual(0);
  return [start, start + passage.length];
}

describe('findVerbatimPassages', () => {
  it('finds one copied passage with exact character offsets in both texts', () => {
    const a = `Morning fog rolled over the harbour while fishermen mended their nets. ${LIGHTHOUSE} Nobody in the village remembers the light ever failing.`;
    const b = `Few tourists visit the northern cape in winter.\n\n${LIGHTHOUSE}\nToday an automatic lamp does the same work alone.`;
    const matches = findVerbatimPassages(analyze(a), analyze(b));
    expect(matches).toHaveLength(1);
    const [m] = matches;
    expect(m?.aSpan).toEqual(spanOf(a, LIGHTHOUSE));
    expect(m?.bSpan).toEqual(spanOf(b, LIGHTHOUSE));
    expect(m?.exactShare).toBe(1);
  });

  it('gives token ranges that cover the character spans', () => {
    const a = `A short note first. ${LIGHTHOUSE}`;
    const b = `${LIGHTHOUSE} A short note after.`;
    const aa = analyze(a);
    const [m] = findVerbatimPassages(aa, analyze(b));
    expect(m).toBeDefined();
    if (!m) return;
    expect(aa.tokens[m.a[0]]?.span[0]).toBe(m.aSpan[0]);
    expect(aa.tokens[m.a[1] - 1]?.span[1]).toBe(m.aSpan[1]);
    expect(aa.tokens[m.a[1] - 1]?.text).toBe('.');
  });

  it('finds two passages copied in swapped order as two passages', () => {
    const a = `Our story opens in spring. ${LIGHTHOUSE} Years went by without much news. ${ORCHARD} That is all we know.`;
    const b = `A collection of country memories. ${ORCHARD} Some pages are missing here, torn out long ago by a careless reader. ${LIGHTHOUSE} The end.`;
    const matches = findVerbatimPassages(analyze(a), analyze(b));
    expect(matches).toHaveLength(2);
    expect(matches[0]?.aSpan).toEqual(spanOf(a, LIGHTHOUSE));
    expect(matches[0]?.bSpan).toEqual(spanOf(b, LIGHTHOUSE));
    expect(matches[1]?.aSpan).toEqual(spanOf(a, ORCHARD));
    expect(matches[1]?.bSpan).toEqual(spanOf(b, ORCHARD));
  });

  it('finds nothing between unrelated texts that share only common phrases', () => {
    const a = 'The committee met on Tuesday to discuss the budget for the new library, and most of the members agreed to wait.';
    const b = 'On Tuesday the team played one of the best matches of the season, and most of the fans stayed until the end.';
    expect(findVerbatimPassages(analyze(a), analyze(b))).toEqual([]);
  });

  it('keeps a passage with a few changed words as one passage', () => {
    const edited = LIGHTHOUSE.replace('spiral', 'winding').replace('polished', 'cleaned');
    const a = `Some words before. ${LIGHTHOUSE} Some words after.`;
    const b = `Other words before it. ${edited} Other words after it.`;
    const matches = findVerbatimPassages(analyze(a), analyze(b));
    expect(matches).toHaveLength(1);
    expect(matches[0]?.aSpan).toEqual(spanOf(a, LIGHTHOUSE));
    expect(matches[0]?.bSpan).toEqual(spanOf(b, edited));
    expect(matches[0]?.exactShare).toBeGreaterThan(0.9);
    expect(matches[0]?.exactShare).toBeLessThan(1);
  });

  it('ignores case, punctuation and line breaks when matching', () => {
    const shouted = LIGHTHOUSE.toUpperCase().replace(/,/g, '').replace('every evening', 'every\nevening');
    const matches = findVerbatimPassages(analyze(`Intro. ${LIGHTHOUSE}`), analyze(`Intro text. ${shouted}`));
    expect(matches).toHaveLength(1);
    expect(matches[0]?.exactShare).toBe(1);
  });

  it('handles texts shorter than a seed', () => {
    expect(findVerbatimPassages(analyze('Hello there.'), analyze('Hello there.'))).toEqual([]);
  });

  it('drops passages shorter than the minimum', () => {
    const a = `Start. ${LIGHTHOUSE}`;
    const b = `Begin. ${LIGHTHOUSE}`;
    expect(findVerbatimPassages(analyze(a), analyze(b), { minMatchedWords: 100 })).toEqual([]);
  });
});
