import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../src/lexicon/index.js';
import { restore } from '../../src/spin/restore.js';

const lexicon = loadLexicon();

const ORIGINAL =
  'The Secretary of State met the press on Monday after long talks in the capital. ' +
  'He said the two countries would keep working toward better communication between their armed forces. ' +
  'Officials from both sides will meet again next month to discuss trade and security.';
// Our own spin of it, in the manner of a sense-blind synonym spinner.
const SPUN =
  'The Secretary of Point out met the press on Monday after long talks in the capital. ' +
  'He said the two countries would hold doing the job toward better conversation between their armed forces. ' +
  'Officials from both sides will meet again next thirty day period to examine trade and security.';

describe('restore', () => {
  it('changes nothing in a text that shows no spin', () => {
    const r = restore(ORIGINAL, { lexicon });
    expect(r.text).toBe(ORIGINAL);
    expect(r.changes).toEqual([]);
  });

  it('with the original as another copy, puts the spinner\'s wording back', () => {
    const r = restore(SPUN, { lexicon, others: [ORIGINAL] });
    expect(r.text).toContain('Secretary of State');
    expect(r.text).toContain('next month');
    for (const c of r.changes) {
      expect(SPUN.slice(c.start, c.end)).toBe(c.from);
      expect(['copies', 'inspection']).toContain(c.source);
    }
    expect(r.changes.some((c) => c.source === 'copies')).toBe(true);
  });

  it('keeps agreed wording when the other copies repeat the spin', () => {
    const r = restore(SPUN, { lexicon, others: [SPUN] });
    expect(r.changes.filter((c) => c.source === 'copies')).toEqual([]);
  });

  it('returns changes in order, not overlapping, and applying them gives the text', () => {
    const r = restore(SPUN, { lexicon, others: [ORIGINAL] });
    let rebuilt = '';
    let at = 0;
    for (const c of r.changes) {
      expect(c.start).toBeGreaterThanOrEqual(at);
      rebuilt += SPUN.slice(at, c.start) + c.to;
      at = c.end;
    }
    expect(rebuilt + SPUN.slice(at)).toBe(r.text);
  });

  it('drops the words a spinner padded in, when the other copy was made word for word', () => {
    const original = 'Talks stalled after a weather balloon drifted over the border last year, officials said on Monday.';
    const padded = 'Talks stalled right after a weather conditions balloon drifted over the border last year, officials said on Monday.';
    const r = restore(padded, { lexicon, others: [original] });
    expect(r.text).toBe(original);
  });

  it('gives an article the form of the word it now stands before', () => {
    const original = 'The lab trained a random forest on the survey answers and published the model last spring.';
    const spun = 'The lab trained an irregular woodland on the survey answers and published the model last spring.';
    const r = restore(spun, { lexicon, others: [original] });
    expect(r.text).toBe(original);
  });

  it('lets a paraphrase vote only where its wording means the same', () => {
    const paraphrase = 'Officials from both sides plan to meet next month to talk about security and trade.';
    const r = restore(SPUN, { lexicon, others: [paraphrase] });
    for (const c of r.changes.filter((x) => x.source === 'copies')) {
      // No moved or unrelated wording is pasted in: every change replaces a short phrase by a short phrase.
      expect(c.to.split(' ').length).toBeLessThanOrEqual(5);
      expect(SPUN.slice(c.start, c.end)).toBe(c.from);
    }
  });

  it('takes a reworded copy\'s wording where the words around a phrase pin it down', () => {
    // The copy tells the story in its own sentences, but keeps "Secretary of State Antony Blinken" whole.
    const reworded =
      'Trade and security are on the agenda when officials of both countries meet again. ' +
      'Speaking on Monday, Secretary of State Antony Blinken described the talks in the capital as long but useful.';
    const spun = 'After long talks in the capital, the Secretary of Point out Antony Blinken met the press on Monday.';
    const r = restore(spun, { lexicon, others: [reworded] });
    expect(r.text).toContain('Secretary of State Antony Blinken');
    expect(r.changes.every((c) => c.to.split(' ').length <= 4)).toBe(true);
  });
});
