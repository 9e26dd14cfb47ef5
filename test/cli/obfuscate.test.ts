import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, tempFiles, unspin } from '../helpers/cli.js';

const ARTICLE = [
  'When the storm reached the coast, the harbour authority closed the old pier.',
  'Engineers found deep cracks in the tower, and they said the repairs would take several months.',
  'Visitors cannot walk along the pier. The mayor said the town would pay for the work.',
].join(' ');

interface Swap {
  start: number;
  end: number;
  from: string;
  to: string;
}

describe('unspin obfuscate', () => {
  const dir = tempFiles({ 'article.txt': ARTICLE });
  const article = join(dir, 'article.txt');

  it('prints the same spun copy for the same seed, and another for another seed', () => {
    const first = unspin('obfuscate', article, '--spin', '0.5', '--seed', '4');
    expect(first.status).toBe(0);
    expect(first.stdout).not.toBe(ARTICLE);
    expect(unspin('obfuscate', article, '--spin', '0.5', '--seed', '4').stdout).toBe(first.stdout);
    expect(unspin('obfuscate', article, '--spin', '0.5', '--seed', '5').stdout).not.toBe(first.stdout);
  });

  it('prints the copy and every swap, with offsets into the copy, as JSON', () => {
    const r = unspin('obfuscate', article, '--spin', '0.6', '--paraphrase', '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { text: string; swaps: Swap[] };
    expect(Object.keys(out)).toEqual(['text', 'swaps']);
    expect(out.swaps.length).toBeGreaterThan(0);
    for (const swap of out.swaps) expect(out.text.slice(swap.start, swap.end)).toBe(swap.to);
  });

  it('reads standard input for -', () => {
    const r = spawnSync(process.execPath, [CLI, 'obfuscate', '-', '--spin', '0'], { input: ARTICLE, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(ARTICLE);
  });

  it('says in its help that it exists to test detection', () => {
    const r = unspin('obfuscate', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/artificial obfuscator that exists to test detection/);
    expect(r.stdout).toMatch(/not a writing tool/);
  });

  it.each([
    ['a rate above 1', ['--spin', '1.5'], /spin rate must be from 0 to 1/],
    ['a rate that is not a number', ['--spin', 'lots'], /--spin wants a number/],
    ['a fractional seed', ['--seed', '2.5'], /seed must be a whole number/],
  ])('exits 1 with one clear line for %s', (_, flags, message) => {
    const r = unspin('obfuscate', article, ...flags);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 1 for a missing file', () => {
    const r = unspin('obfuscate', join(dir, 'nope.txt'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no such file/);
  });
});
