import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFiles, unspin } from '../helpers/cli.js';

const SOURCE = [
  'The city council voted on Monday to rebuild the old stone bridge over the river.',
  "Inspectors found serious damage in the arches after last year's floods.",
  'The project should take about a year and will be paid for by the regional government.',
  'Cyclists will use a temporary ferry while the bridge is closed.',
].join(' ');
const SPUN = SOURCE.replace('voted', 'balloted').replace('rebuild', 'reconstruct').replace('damage', 'harm');

describe('unspin lexicon', () => {
  it('imports a list into a new store and exports it as TSV', () => {
    const dir = tempFiles({ 'list.tsv': 'tortured\texpected\tpapers\ncounterfeit consciousness\tartificial intelligence\t12\nhuge information\tbig data\t3\n' });
    const db = join(dir, 'store.db');
    const imported = unspin('lexicon', 'import', join(dir, 'list.tsv'), '--db', db);
    expect(imported.status).toBe(0);
    expect(imported.stderr).toMatch(/2 rows, 2 new pairs/);
    expect(unspin('lexicon', 'import', join(dir, 'list.tsv'), '--db', db).stderr).toMatch(/0 new pairs/);
    const exported = unspin('lexicon', 'export', '--db', db);
    expect(exported.status).toBe(0);
    expect(exported.stdout).toBe('tortured\texpected\tcount\ncounterfeit consciousness\tartificial intelligence\t1\nhuge information\tbig data\t1\n');
    expect(exported.stderr).toMatch(/exported 2 spin pairs/);
  });

  it('learns the swaps of a spun copy from `compare --db`, once per pair of files', () => {
    const dir = tempFiles({ 'source.txt': SOURCE, 'copy.txt': SPUN });
    const db = join(dir, 'store.db');
    const first = unspin('compare', join(dir, 'source.txt'), join(dir, 'copy.txt'), '--db', db, '--json');
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout).direction).toBe('b-from-a');
    expect(first.stderr).toMatch(/learned 3 spun pairs \(3 new\)/);
    expect(unspin('compare', join(dir, 'copy.txt'), join(dir, 'source.txt'), '--db', db).stderr).toMatch(/\(0 new\)/);
    const lines = unspin('lexicon', 'export', '--db', db).stdout.trim().split('\n');
    expect(lines.slice(1).sort()).toEqual(['balloted\tvoted\t1', 'harm\tdamage\t1', 'reconstruct\trebuild\t1']);
  });

  it('exports only a header from an empty store', () => {
    const dir = tempFiles({ 'a.txt': SOURCE, 'b.txt': 'Bread rises when yeast turns sugar into gas. Bakers let the dough rest overnight.' });
    const db = join(dir, 'store.db');
    expect(unspin('compare', join(dir, 'a.txt'), join(dir, 'b.txt'), '--db', db).stderr).toMatch(/nothing learned/);
    const r = unspin('lexicon', 'export', '--db', db);
    expect(r.stdout).toBe('tortured\texpected\tcount\n');
    expect(r.stderr).toMatch(/exported 0 spin pairs/);
  });

  it.each([
    ['a missing store', ['lexicon', 'export', '--db', 'none.db'], /no store at .*none\.db/],
    ['a store that is not SQLite', ['lexicon', 'export', '--db', 'a.txt'], /a\.txt is not an Unspin store/],
    ['a list without the columns', ['lexicon', 'import', 'a.txt', '--db', 'new.db'], /"tortured" and "expected"/],
    ['compare with a bad store', ['compare', 'a.txt', 'a.txt', '--db', 'a.txt'], /a\.txt is not an Unspin store/],
  ])('exits 1 with one clear line for %s', (_, args, message) => {
    const dir = tempFiles({ 'a.txt': SOURCE });
    const r = unspin(...args.map((x) => (x.includes('.') ? join(dir, x) : x)));
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(existsSync(join(dir, 'none.db'))).toBe(false);
    expect(existsSync(join(dir, 'new.db'))).toBe(false);
  });
});
