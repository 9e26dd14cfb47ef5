import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { swapsPutBack } from '../../src/cli/demo.js';
import { buildDemoSet } from '../../src/demo/demo-set.js';
import type { RestoreChange } from '../../src/spin/types.js';
import { tempFiles, unspin } from '../helpers/cli.js';
import { tinyLexicon } from '../helpers/tiny-lexicon.js';

describe('buildDemoSet', () => {
  it("records the spinner's swaps with offsets into the spun copy", () => {
    const set = buildDemoSet(tinyLexicon(), 3);
    expect(set.spunSwaps.length).toBeGreaterThan(0);
    for (const s of set.spunSwaps) expect(set.spun.document.text.slice(s.start, s.end)).toBe(s.to);
    expect(buildDemoSet(tinyLexicon(), 3).spun.document.text).toBe(set.spun.document.text);
  });
});

describe('swapsPutBack', () => {
  // "The Secretary of Point out met the foe." with two swaps: State → Point out, enemy → foe.
  const swaps = [
    { start: 17, end: 26, from: 'State', to: 'Point out' },
    { start: 35, end: 38, from: 'enemy', to: 'foe' },
  ];
  const change = (start: number, end: number, from: string, to: string): RestoreChange => ({
    start,
    end,
    from,
    to,
    confidence: 0.9,
    evidence: '',
    source: 'copies',
  });

  it('counts a swap whose covering change writes the original word, in any case', () => {
    expect(swapsPutBack(swaps, { text: '', changes: [change(4, 26, 'Secretary of Point out', 'secretary of state')] })).toBe(1);
    expect(swapsPutBack(swaps, { text: '', changes: [change(17, 26, 'Point out', 'State'), change(35, 38, 'foe', 'Enemy')] })).toBe(2);
  });

  it('does not count a change that misses the swap, covers part of it, or writes another word', () => {
    expect(swapsPutBack(swaps, { text: '', changes: [change(17, 22, 'Point', 'State')] })).toBe(0);
    expect(swapsPutBack(swaps, { text: '', changes: [change(35, 38, 'foe', 'enemies')] })).toBe(0);
    expect(swapsPutBack(swaps, { text: '', changes: [change(0, 3, 'The', 'State')] })).toBe(0);
  });
});

describe('unspin demo', () => {
  it('ends the pair table with a short spin forensics section and marks suspect phrases in the report', () => {
    const dir = tempFiles({});
    const r = unspin('demo', '--out', dir);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    const first = lines.findIndex((l) => l.startsWith('Spin forensics:'));
    expect(first).toBeGreaterThan(0);
    const section = lines.slice(first, lines.indexOf('', first));
    expect(section.length).toBeLessThanOrEqual(12);
    // The page verdict: the spun copy reads as a spinner's output, the original does not.
    expect(section[1]).toMatch(/^ {2}spun: yes \(\d+% likely a spinner's output; original\.txt: no, \d+%\)$/);
    const score = /spin score (\d\.\d\d), (\d+) suspect phrases? \(original\.txt scores (\d\.\d\d)\)/.exec(section[2] ?? '');
    expect(score).not.toBeNull();
    const findings = Number(score?.[2]);
    expect(section.filter((l) => /^ {4}".+" → ".+"$/.test(l))).toHaveLength(Math.min(5, findings));
    const restored = /: \d+ changes?, (\d+) of the spinner's (\d+) swaps put back \(\d+%\)$/;
    expect(section.find((l) => l.startsWith('  restore spun.txt alone:'))).toMatch(restored);
    expect(section.find((l) => l.startsWith('  restore spun.txt --with reworded.txt:'))).toMatch(restored);

    // The corpus section: the four derived texts in one cluster around the original, the independent one apart.
    const corpus = lines.slice(lines.findIndex((l) => l.startsWith('Corpus:')));
    expect(corpus[1]).toMatch(/^ {2}cluster, original original\.txt /);
    expect(corpus.slice(2, 5).map((l) => l.trim().split(/\s+/)[0]).sort()).toEqual(['extract.txt', 'reworded.txt', 'spun.txt']);
    expect(corpus[5]).toBe('  not in any cluster: unrelated.txt');

    const html = readFileSync(join(dir, 'unspin-demo.html'), 'utf8');
    expect(html).toMatch(/spin score A <b>\d\.\d\d<\/b> · B <b>\d\.\d\d<\/b>/);
    if (findings > 0) expect(html).toContain('<span class="suspect" title="suspect phrase → &quot;');
  }, 60_000); // the whole program: compare, inspect, restore, index and scan
});
