import { describe, expect, it } from 'vitest';
import { align, editCounts } from '../../src/align/index.js';
import { WordMatcher } from '../../src/align/word-match.js';
import { editScript } from '../../src/align/words.js';
import { analyze } from '../../src/text/analyze.js';
import { tinyLexicon } from '../helpers/tiny-lexicon.js';

const lexicon = tinyLexicon();

describe('word edit script', () => {
  it('finds a one-for-two phrase swap between equal words', () => {
    const a = analyze('The Secretary of State said the talks failed.', lexicon);
    const b = analyze('The Secretary of Point out claimed the talks failed.', lexicon);
    const edits = editScript(a.tokens, b.tokens, new WordMatcher(lexicon));
    const subs = edits.filter((e) => e.op === 'substitute');
    const text = (doc: typeof a, r: readonly [number, number]): string =>
      doc.original.slice(doc.tokens[r[0]]?.span[0], doc.tokens[r[1] - 1]?.span[1]);
    expect(subs.map((e) => [text(a, e.a), text(b, e.b), e.kinship])).toEqual([
      ['State', 'Point out', 'synonym'],
      ['said', 'claimed', 'synonym'],
    ]);
    expect(edits.filter((e) => e.op === 'equal').length).toBeGreaterThanOrEqual(2);
  });

  it('reports insertions and deletions', () => {
    const a = analyze('Officials met in the city today.', lexicon);
    const b = analyze('Officials met today.', lexicon);
    const ops = editScript(a.tokens, b.tokens, new WordMatcher(lexicon)).map((e) => e.op);
    expect(ops).toEqual(['equal', 'delete', 'equal']);
  });

  it('counts the words of both sides alike, so that the counts do not depend on which text comes first', () => {
    const a = analyze('Officials met in the city today.', lexicon);
    const b = analyze('Officials, aides and guards met, as planned, today.', lexicon);
    const forward = editCounts(a, b, editScript(a.tokens, b.tokens, new WordMatcher(lexicon)));
    const backward = editCounts(b, a, editScript(b.tokens, a.tokens, new WordMatcher(lexicon)));
    expect(forward).toEqual(backward);
    // B has 8 words; its commas are not words.
    expect(forward.total).toBe(8);
  });
});

describe('sentence alignment', () => {
  const source = [
    'The minister arrived in the capital on Sunday.',
    'She held long talks with the president about trade.',
    'Farmers protested outside the building all afternoon.',
    'The visit ends on Friday with a press event.',
  ].join(' ');

  it('links reordered sentences and groups consecutive links into passages with exact offsets', () => {
    const copy = [
      'Farmers protested outside the building all afternoon.',
      'The minister arrived in the capital on Sunday.',
      'She held long talks with the president about trade.',
    ].join(' ');
    const a = analyze(source, lexicon);
    const b = analyze(copy, lexicon);
    const { links, passages } = align(a, b, lexicon);
    expect(links.map((l) => [l.a, l.b])).toEqual([
      [[0], [1]],
      [[1], [2]],
      [[2], [0]],
    ]);
    expect(passages).toHaveLength(2);
    const first = passages[0]!;
    expect(source.slice(...first.a)).toBe('The minister arrived in the capital on Sunday. She held long talks with the president about trade.');
    expect(copy.slice(...first.b)).toBe(source.slice(...first.a));
    expect(first.relation).toBe('verbatim');
  });

  it('links one sentence to the two it was split into', () => {
    const a = analyze('She held long talks with the president about trade, and farmers protested outside the building.', lexicon);
    const b = analyze('She held long talks with the president about trade. Farmers protested outside the building.', lexicon);
    const { links } = align(a, b, lexicon);
    expect(links.map((l) => [l.a, l.b])).toEqual([[[0], [0, 1]]]);
  });

  it('finds nothing between unrelated texts', () => {
    const a = analyze('Bananas ripen faster in a paper bag.', lexicon);
    const b = analyze('The committee postponed its vote until March.', lexicon);
    expect(align(a, b, lexicon).links).toEqual([]);
  });
});
