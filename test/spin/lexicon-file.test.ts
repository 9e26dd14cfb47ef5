import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnspinError } from '../../src/errors.js';
import { parseCsv, readSpinLexicon, writeSpinLexicon } from '../../src/spin/lexicon-file.js';
import { tempFiles } from '../helpers/cli.js';

describe('readSpinLexicon', () => {
  const dir = tempFiles({
    'list.tsv': 'Tortured\t Expected \tpapers\ncounterfeit consciousness\tartificial intelligence\t12\n\nhuge information\tbig data\n\tno tortured side\t3\nlone side\t\t2\r\n',
    'plain.tsv': 'id\ttortured\texpected\n1\tprofound learning\tdeep learning\n',
    'screener.csv':
      '\uFEFF"Fingerprint - Tortured Phrase",Expected Text,Occurrences,Notes\r\n' +
      '"fake neural organization","artificial neural network (ANN)",7,"seen in ""several"", journals"\r\n' +
      'bosom peril,"breast cancer, risk",x,\r\n' +
      '"arbitrary\r\nwoodland",random forest,2,\r\n',
    'bad.tsv': 'phrase\treplacement\nfoo\tbar\n',
  });

  it('reads a TSV by its header names, with a count column when there is one', () => {
    expect(readSpinLexicon(join(dir, 'list.tsv'))).toEqual([
      { tortured: 'counterfeit consciousness', expected: 'artificial intelligence', count: 12 },
      { tortured: 'huge information', expected: 'big data', count: 1 },
    ]);
    expect(readSpinLexicon(join(dir, 'plain.tsv'))).toEqual([{ tortured: 'profound learning', expected: 'deep learning', count: 1 }]);
  });

  it("reads the Problematic Paper Screener's CSV: quotes, commas, doubled quotes, CRLF, notes kept", () => {
    expect(readSpinLexicon(join(dir, 'screener.csv'))).toEqual([
      { tortured: 'fake neural organization', expected: 'artificial neural network (ANN)', count: 7 },
      { tortured: 'bosom peril', expected: 'breast cancer, risk', count: 1 },
      { tortured: 'arbitrary woodland', expected: 'random forest', count: 2 },
    ]);
  });

  it('names the columns it wants when the header lacks them', () => {
    const read = () => readSpinLexicon(join(dir, 'bad.tsv'));
    expect(read).toThrow(UnspinError);
    expect(read).toThrow(/"tortured" and "expected".*"Fingerprint - Tortured Phrase" and "Expected Text" \(found: phrase, replacement\)/);
    try {
      read();
    } catch (error) {
      expect((error as UnspinError).code).toBe('E_BAD_FORMAT');
      expect((error as UnspinError).message).not.toContain('\n');
    }
  });

  it('refuses a missing file', () => {
    expect(() => readSpinLexicon(join(dir, 'nope.tsv'))).toThrow(expect.objectContaining({ code: 'E_FILE_NOT_FOUND' }));
  });
});

describe('parseCsv', () => {
  it('follows RFC 4180', () => {
    expect(parseCsv('a,"b ""c"", d",\r\n"",x\ny')).toEqual([['a', 'b "c", d', ''], ['', 'x'], ['y']]);
  });
});

describe('writeSpinLexicon', () => {
  it('writes the TSV that readSpinLexicon reads back, tabs and line breaks in cells made spaces', () => {
    const pairs = [
      { tortured: 'bosom\tperil', expected: 'breast\ncancer', count: 3 },
      { tortured: 'huge information', expected: 'big data', count: 1 },
    ];
    const tsv = writeSpinLexicon(pairs);
    expect(tsv).toBe('tortured\texpected\tcount\nbosom peril\tbreast cancer\t3\nhuge information\tbig data\t1\n');
    const dir = tempFiles({ 'out.tsv': tsv });
    expect(readSpinLexicon(join(dir, 'out.tsv'))[0]).toEqual({ tortured: 'bosom peril', expected: 'breast cancer', count: 3 });
    expect(writeSpinLexicon([])).toBe('tortured\texpected\tcount\n');
  });
});
