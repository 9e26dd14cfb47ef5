import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFiles, unspin } from '../helpers/cli.js';

const SOURCE = [
  'The harbour authority said on Tuesday that the old lighthouse would close for repairs.',
  'Engineers found cracks in the tower after the winter storms.',
  'Work is expected to take eight months and cost about two million euros.',
  'Visitors can still walk along the pier during the repairs.',
].join(' ');
const SPUN = SOURCE.replace('said', 'stated')
  .replace('old lighthouse', 'aged lighthouse')
  .replace('cracks', 'fissures')
  .replace('expected', 'anticipated');

describe('unspin compare', () => {
  const dir = tempFiles({ 'a.txt': SOURCE, 'b.txt': SPUN, 'bin.dat': new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 1, 2]), 'empty.txt': '  \n' });

  it('prints the JSON verdict with passages and substitutions', () => {
    const r = unspin('compare', join(dir, 'a.txt'), join(dir, 'b.txt'), '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['relation', 'derived', 'direction', 'similarity', 'shared', 'explanation', 'passages', 'substitutions']);
    expect(out.derived).toBe(true);
    expect(['spun', 'duplicate']).toContain(out.relation);
    expect(out.passages[0].a).toEqual([0, SOURCE.length]);
    const swaps = out.substitutions.map((s: { a: string; b: string }) => `${s.a}>${s.b}`);
    expect(swaps).toContain('cracks>fissures');
    const swap = out.substitutions.find((s: { a: string }) => s.a === 'cracks');
    expect(SPUN.slice(swap.bSpan[0], swap.bSpan[1])).toBe('fissures');
  });

  it('prints a readable report and writes a self-contained HTML file', () => {
    const html = join(dir, 'report.html');
    const r = unspin('compare', join(dir, 'a.txt'), join(dir, 'b.txt'), '--html', html);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/spun|duplicate/);
    expect(existsSync(html)).toBe(true);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('fissures');
    expect(page).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
  });

  it('takes the earlier publication date as the source', () => {
    const r = unspin('compare', join(dir, 'b.txt'), join(dir, 'a.txt'), '--json', '--date-a', '2024-03-02', '--date-b', '2023-11-30');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).direction).toBe('a-from-b');
  });

  it.each([
    ['a malformed date', ['compare', 'a.txt', 'b.txt', '--date-a', 'yesterday'], /--date-a wants a date/],
    ['a missing file', ['compare', 'nope.txt', 'b.txt'], /no such file: .*nope\.txt/],
    ['a binary file', ['compare', 'bin.dat', 'a.txt'], /binary/],
    ['an empty file', ['compare', 'empty.txt', 'a.txt'], /empty/],
    ['a missing argument', ['compare', 'a.txt'], /missing required argument/],
    ['an unknown flag', ['compare', 'a.txt', 'b.txt', '--bogus'], /unknown option/],
  ])('exits 1 with one clear line for %s', (_, args, message) => {
    const r = unspin(...args.map((x) => (x.includes('.') ? join(dir, x) : x)));
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
