import { describe, expect, it } from 'vitest';
import { compare } from '../../src/compare.js';
import { tinyLexicon } from '../helpers/tiny-lexicon.js';

const lexicon = tinyLexicon();
const doc = (name: string, text: string) => ({ name, text });

const SOURCE = [
  'The Secretary of State said on Monday that military talks with the neighbouring country had failed.',
  'He had hoped the big meeting in the capital would reopen the channel.',
  'Officials from both sides spent two days in closed conference rooms.',
  'The next round of talks is planned for the autumn, a spokesman said.',
  'Analysts at a think tank said the failure was expected.',
].join(' ');

describe('compare', () => {
  it('calls a word-for-word synonym swap "spun" and lists the swaps', () => {
    const spun = SOURCE.replace('State said', 'Point out claimed')
      .replace('military talks', 'army conversation')
      .replace('big meeting', 'large conference')
      .replace('round of talks', 'round of discussion');
    const c = compare(doc('a', SOURCE), doc('b', spun), { lexicon });
    expect(c.relation).toBe('spun');
    expect(c.derived).toBe(true);
    expect(c.substitutions.map((s) => `${s.a}>${s.b}`)).toEqual(
      expect.arrayContaining(['State>Point out', 'said>claimed', 'big>large', 'talks>discussion']),
    );
    expect(c.passages).toHaveLength(1);
    expect(c.passages[0]?.a).toEqual([0, SOURCE.length]);
  });

  it('calls an exact copy a duplicate', () => {
    const c = compare(doc('a', SOURCE), doc('b', SOURCE), { lexicon });
    expect(c.relation).toBe('duplicate');
    expect(c.similarity).toBeGreaterThan(0.9);
  });

  it('calls a copy of two sentences inside other text partial', () => {
    const host = [
      'Rain is expected across the north this weekend.',
      'Officials from both sides spent two days in closed conference rooms.',
      'The next round of talks is planned for the autumn, a spokesman said.',
      'Road works will close the bridge until June.',
      'The library opens a new reading room for children.',
      'Ticket prices for the museum rise next year.',
    ].join(' ');
    const c = compare(doc('a', SOURCE), doc('b', host), { lexicon });
    expect(c.relation).toBe('partial');
    expect(c.derived).toBe(true);
  });

  it('calls texts about the same people but written apart "related", not derived', () => {
    const other = [
      'Monday brought no breakthrough for the Secretary of State.',
      'Protesters gathered near the embassy while the delegation ate lunch.',
      'A think tank report on regional trade came out a week earlier.',
    ].join(' ');
    const c = compare(doc('a', SOURCE), doc('b', other), { lexicon });
    expect(c.derived).toBe(false);
    expect(['related', 'unrelated']).toContain(c.relation);
  });

  it('calls texts with nothing in common unrelated', () => {
    const c = compare(doc('a', SOURCE), doc('b', 'Bananas ripen faster in a paper bag. Keep them away from the fridge.'), { lexicon });
    expect(c.relation).toBe('unrelated');
    expect(c.derived).toBe(false);
    expect(c.passages).toEqual([]);
  });

  it('finds verbatim copies in languages without a lexicon, including scripts without spaces', () => {
    const russian = 'Мэрия объявила о ремонте старого моста. Работы продлятся до осени. Движение транспорта будет ограничено.';
    const chinese = '市政府宣布将维修旧桥。工程将持续到秋天。交通将受到限制。';
    for (const text of [russian, chinese]) {
      const c = compare(doc('a', text), doc('b', `${text} ${text.slice(0, 10)}`), { lexicon });
      expect(c.derived).toBe(true);
      expect(c.passages.length).toBeGreaterThan(0);
    }
  });
});
