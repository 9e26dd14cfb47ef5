import { readTextFile } from '../corpus/read-text.js';
import { UnspinError } from '../errors.js';
import type { SpinPair } from './types.js';

// Header names, lower-cased: our TSV's and the Problematic Paper Screener's CSV export.
const TORTURED_COLUMNS = ['tortured', 'fingerprint - tortured phrase'];
const EXPECTED_COLUMNS = ['expected', 'expected text'];
const COUNT_COLUMN = /^(count|papers|documents|occurrences|frequency)$|number of (papers|documents|occurrences)/;

const WANTED =
  'a TSV header with columns "tortured" and "expected", or a CSV header with columns "Fingerprint - Tortured Phrase" and "Expected Text"';

/** Splits CSV text into rows of cells (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function parseTsv(text: string): string[][] {
  return text.split(/\r?\n|\r/).map((line) => line.split('\t'));
}

function normalizeHeader(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

function oneLine(cell: string | undefined): string {
  return (cell ?? '').replace(/\s+/g, ' ').trim();
}

function countOf(cell: string | undefined): number {
  const n = Number(cell?.trim());
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/**
 * Reads a list of known tortured phrases: a TSV with columns `tortured` and `expected`, or the Problematic Paper
 * Screener's CSV export. A count column (`count`, `papers`...) gives each pair's count; without one it is 1.
 * Other columns are ignored; rows missing either phrase are skipped. Cells are kept as written, notes included, on one line.
 */
export function readSpinLexicon(path: string): SpinPair[] {
  const text = readTextFile(path);
  const firstLine = text.slice(0, text.search(/[\r\n]|$/));
  const rows = firstLine.includes('\t') ? parseTsv(text) : parseCsv(text);
  const header = (rows[0] ?? []).map(normalizeHeader);
  const tortured = header.findIndex((h) => TORTURED_COLUMNS.includes(h));
  const expected = header.findIndex((h) => EXPECTED_COLUMNS.includes(h));
  if (tortured < 0 || expected < 0) {
    throw new UnspinError('E_BAD_FORMAT', `${path}: expected ${WANTED} (found: ${header.join(', ') || 'nothing'})`);
  }
  const count = header.findIndex((h) => COUNT_COLUMN.test(h));
  const pairs: SpinPair[] = [];
  for (const cells of rows.slice(1)) {
    const t = oneLine(cells[tortured]);
    const e = oneLine(cells[expected]);
    if (t === '' || e === '') continue;
    pairs.push({ tortured: t, expected: e, count: count < 0 ? 1 : countOf(cells[count]) });
  }
  return pairs;
}

function tsvCell(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ');
}

/** A spin lexicon as TSV with the header `tortured expected count`, the format readSpinLexicon reads back. */
export function writeSpinLexicon(pairs: readonly SpinPair[]): string {
  const lines = ['tortured\texpected\tcount'];
  for (const p of pairs) lines.push(`${tsvCell(p.tortured)}\t${tsvCell(p.expected)}\t${p.count}`);
  return `${lines.join('\n')}\n`;
}
