import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles, unspin } from '../helpers/cli.js';

const dir = tempFiles({});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TABLE = [
  'id\tlabel\ta\tb',
  'x1\t1\tThe minister resigned on Friday after a week of protests.\tAfter a week of protests, the minister stepped down on Friday.',
  'x2\t0\tThe cat slept on the warm windowsill all afternoon.\tInterest rates rose sharply after the central bank meeting.',
  'x3\t1\tThe bridge will be closed for repairs until next spring.\tThe bridge will be closed for repairs until next spring.',
].join('\n');

describe('unspin pairs', () => {
  it('prints one JSON line per row, in order', () => {
    const file = join(dir, 'pairs.tsv');
    writeFileSync(file, `${TABLE}\n`);
    const run = unspin('pairs', file, '--json');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['row'])).toEqual([1, 2, 3]);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(['row', 'paraphrase', 'derived', 'relation', 'similarity']);
      expect(l['similarity']).toBeGreaterThanOrEqual(0);
      expect(l['similarity']).toBeLessThanOrEqual(1);
    }
    expect(lines[0]?.['paraphrase']).toBe(true);
    expect(lines[1]).toMatchObject({ paraphrase: false, derived: false, relation: 'unrelated' });
    expect(lines[2]).toMatchObject({ paraphrase: true, derived: true, relation: 'duplicate' });
  });

  it('prints a table without --json', () => {
    const file = join(dir, 'table.tsv');
    writeFileSync(file, `${TABLE}\n`);
    const run = unspin('pairs', file);
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(4);
  });

  it('refuses a table without an "a" column in one line, exit 1', () => {
    const file = join(dir, 'no-a.tsv');
    writeFileSync(file, 'label\tfirst\tb\n1\tOne sentence.\tAnother sentence.\n');
    const run = unspin('pairs', file, '--json');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/"a" and "b"/);
  });

  it('refuses a missing file in one line, exit 1', () => {
    const run = unspin('pairs', join(dir, 'absent.tsv'));
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
