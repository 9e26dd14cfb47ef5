import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFiles, unspin } from '../helpers/cli.js';

const ORIGINAL = 'The Secretary of State met the press on Monday. Officials will meet again next month to discuss trade.\n';
const SPUN = 'The Secretary of Point out met the press on Monday. Officials will meet again next thirty day period to examine trade.\n';
const LIST = 'tortured\texpected\tpapers\nirregular woodland\trandom forest\t30\n';

describe('unspin inspect', () => {
  const dir = tempFiles({ 'spun.txt': SPUN, 'paper.txt': 'We fit an irregular woodland to the data.\n', 'list.tsv': LIST, 'bad.tsv': 'a\tb\n1\t2\n' });

  it('prints findings as JSON with offsets into the file', () => {
    const r = unspin('inspect', join(dir, 'paper.txt'), '--lexicon', join(dir, 'list.tsv'), '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { spinScore: number; findings: Array<{ start: number; end: number; text: string; suggestion: string }> };
    expect(out.spinScore).toBeGreaterThan(0);
    const finding = out.findings.find((f) => f.suggestion.toLowerCase() === 'random forest');
    expect(finding?.text).toBe('irregular woodland');
    expect(finding?.start).toBe('We fit an '.length);
  });

  it('marks findings in the text and sums up', () => {
    const r = unspin('inspect', join(dir, 'paper.txt'), '--lexicon', join(dir, 'list.tsv'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('[[irregular woodland → random forest]]');
    expect(r.stdout).toMatch(/Spin score \d\.\d\d: 1 suspect phrase/);
  });

  it('gives one-line errors for bad lists and bad thresholds', () => {
    const bad = unspin('inspect', join(dir, 'spun.txt'), '--lexicon', join(dir, 'bad.tsv'));
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const threshold = unspin('inspect', join(dir, 'spun.txt'), '--threshold', '2');
    expect(threshold.status).toBe(1);
    expect(threshold.stderr).toMatch(/--threshold wants a probability/);
    const missing = unspin('inspect', join(dir, 'spun.txt'), '--db', join(dir, 'none.db'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no store at/);
  });
});

describe('unspin restore', () => {
  const dir = tempFiles({ 'spun.txt': SPUN, 'original.txt': ORIGINAL });

  it('prints the restored text on stdout and the changes on stderr', () => {
    const r = unspin('restore', join(dir, 'spun.txt'), '--with', join(dir, 'original.txt'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Secretary of State');
    expect(r.stderr).toMatch(/change/);
  });

  it('teaches the store what the other copies confirmed, and lexicon export shows it', () => {
    const db = join(dir, 'learned.db');
    const r = unspin('restore', join(dir, 'spun.txt'), '--with', join(dir, 'original.txt'), '--db', db, '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { text: string; changes: Array<{ source: string }> };
    expect(out.changes.some((c) => c.source === 'copies')).toBe(true);
    const exported = unspin('lexicon', 'export', '--db', db);
    expect(exported.status).toBe(0);
    expect(exported.stdout.split('\n')[0]).toBe('tortured\texpected\tcount');
    expect(exported.stdout.split('\n').length).toBeGreaterThan(2);
  });
});
