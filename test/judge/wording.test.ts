import { describe, expect, it } from 'vitest';
import { sharedWording } from '../../src/judge/wording.js';
import { analyze } from '../../src/text/analyze.js';

const SOURCE =
  'The town council voted on Tuesday to rebuild the harbour bridge, which has been closed since the spring floods. "We cannot wait another winter," the mayor told reporters after the vote.';

describe('shared wording', () => {
  it('counts the runs of words a copy repeats, and its longest shared stretch', () => {
    const copy = 'On Tuesday the town council voted to rebuild the harbour bridge, which has been closed since the spring floods.';
    const w = sharedWording(analyze(SOURCE), analyze(copy));
    expect(w.longestRun).toBe(13); // "to rebuild the harbour bridge, which has been closed since the spring floods"
    expect(w.b).toBeGreaterThan(0.5);
    expect(w.a).toBeGreaterThan(0.3);
  });

  it('leaves out quotations: a quote both texts carry is not the writer’s own wording', () => {
    const report = 'Residents cheered. "We cannot wait another winter," the mayor told reporters after the vote.';
    const w = sharedWording(analyze(SOURCE), analyze(report));
    expect(w.longestRun).toBe(7); // "the mayor told reporters after the vote", outside the quote
    const quoteOnly = sharedWording(analyze('"We cannot wait another winter."'), analyze(SOURCE));
    expect(quoteOnly).toEqual({ a: 0, b: 0, longestRun: 0 });
  });

  it('lets a quotation run over several sentences of its paragraph', () => {
    const long = 'She said: "We cannot wait. The bridge is the town. It must reopen by spring." Then she left.';
    const other = 'Officials said: "We cannot wait. The bridge is the town. It must reopen by spring."';
    expect(sharedWording(analyze(long), analyze(other)).longestRun).toBe(0);
  });
});
