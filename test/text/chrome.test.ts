import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/text/analyze.js';
import { chromeLines, isChromeLine, withoutChrome } from '../../src/text/chrome.js';

// A made-up news page: a section label, share buttons, a byline, the article, a caption with its credit, a teaser and
// the lists that follow an article.
const PAGE = [
  'Local News',
  'Share on Facebook',
  'Council votes to rebuild the old harbour bridge',
  'By Jane Okafor',
  'June 4, 2024',
  'The town council voted on Tuesday to rebuild the harbour bridge, closed since the spring floods.',
  'Work will begin in August and last about a year, the mayor said.',
  'The closed bridge at dawn',
  'The closed bridge at dawnCredit: Town Hall',
  'READ MORE: Ferry timetable changes for the summer',
  'Engineers found cracks in two of its piers in May.',
  'You May Also Like',
  'Bakery wins regional prize for its rye bread',
  'Police appeal for witnesses after a bicycle theft.',
].join('\n');

describe('page chrome', () => {
  it('marks navigation, bylines, datelines, captions, teasers and what follows a list heading', () => {
    const lines = PAGE.split('\n');
    const chrome = lines.filter((_, i) => chromeLines(lines)[i]);
    expect(chrome).toEqual([
      'Local News',
      'Share on Facebook',
      'By Jane Okafor',
      'June 4, 2024',
      'The closed bridge at dawn',
      'The closed bridge at dawnCredit: Town Hall',
      'READ MORE: Ferry timetable changes for the summer',
      'You May Also Like',
      'Bakery wins regional prize for its rye bread',
      'Police appeal for witnesses after a bicycle theft.',
    ]);
  });

  it('keeps the headline and the article', () => {
    const kept = withoutChrome(PAGE).split('\n');
    expect(kept).toEqual([
      'Council votes to rebuild the old harbour bridge',
      'The town council voted on Tuesday to rebuild the harbour bridge, closed since the spring floods.',
      'Work will begin in August and last about a year, the mayor said.',
      'Engineers found cracks in two of its piers in May.',
    ]);
  });

  it('marks market-data notices and lines that are one hyphen-joined slug', () => {
    for (const line of ['All quotes delayed a minimum of 15 minutes.', 'Market data provided by a vendor of ours', '  • medium-wide-browser-and-larger', 'landscape-tablet-and-above']) {
      expect(isChromeLine(line)).toBe(true);
    }
    expect(isChromeLine('Quotes from residents were mixed, the mayor said.')).toBe(false);
    expect(isChromeLine('A well-known, long-standing and hard-won tradition of the town.')).toBe(false);
  });

  it('leaves prose alone, including lines that merely mention a byline word or a short sentence', () => {
    for (const line of ['By the end of the year the bridge will reopen.', 'He was 54.', 'Comments from residents were mixed, the mayor said.', '市政府宣布将维修旧桥。工程将持续到秋天。']) {
      expect(isChromeLine(line)).toBe(false);
    }
  });

  it('treats a text that would be all chrome as a text of its own', () => {
    expect(chromeLines(['Bridge reopens'])).toEqual([false]);
    expect(withoutChrome('Bridge reopens')).toBe('Bridge reopens');
  });

  it('marks the sentences of chrome lines in the analysis', () => {
    const a = analyze(PAGE);
    const marked = a.sentences.filter((s) => s.chrome).map((s) => PAGE.slice(s.span[0], s.span[1]));
    expect(marked).toContain('By Jane Okafor');
    expect(marked).not.toContain('Engineers found cracks in two of its piers in May.');
  });
});
