import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { compare, type Document } from '../compare.js';
import { readTextFile } from '../corpus/read-text.js';
import { UnspinError } from '../errors.js';
import type { Comparison } from '../judge/types.js';
import { renderHtml } from '../report/html.js';
import { toJson } from '../report/json.js';
import { renderTerminal } from '../report/terminal.js';
import { inspect } from '../spin/detect.js';
import { spinPairsFromComparison } from '../spin/learn.js';
import { openStore, type Store } from '../store/store.js';
import { action } from './run.js';

interface CompareFlags {
  readonly json?: boolean;
  readonly html?: string;
  readonly color: boolean;
  readonly dateA?: string;
  readonly dateB?: string;
  readonly db?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A publication date as ISO 8601, so that dates compare as strings. */
function isoDate(value: string, flag: string): string {
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UnspinError('E_BAD_ARGUMENT', `${flag} wants a date like 2023-06-19 (ISO 8601), not "${value}"`);
  }
  return new Date(value).toISOString();
}

const DEFAULT_WIDTH = 100;

/** Colour only for a terminal, and never when the user set NO_COLOR (https://no-color.org). */
export function useColor(flag: boolean): boolean {
  return flag && process.stdout.isTTY === true && !process.env['NO_COLOR'];
}

/** Writes a report file, turning file-system failures into a user error. */
export function writeReport(path: string, content: string): string {
  const target = resolve(path);
  try {
    writeFileSync(target, content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UnspinError('E_BAD_ARGUMENT', `cannot write ${target}: ${code}`);
  }
  return target;
}

/** Teaches the store the spun pairs the comparison verified; the document is the pair of files, in either order. */
async function learnFrom(comparison: Comparison, paths: readonly string[], store: Store): Promise<void> {
  const pairs = spinPairsFromComparison(comparison);
  const taught = await store.learnSpinPairs(pairs, paths.map((p) => resolve(p)).sort().join(' ~ '));
  const note = !comparison.derived
    ? 'nothing learned, neither text is derived from the other'
    : comparison.direction !== 'a-from-b' && comparison.direction !== 'b-from-a'
      ? 'nothing learned, which text is the copy is unknown'
      : `learned ${pairs.length} spun pair${pairs.length === 1 ? '' : 's'} (${taught} new)`;
  process.stderr.write(`unspin: ${store.path}: ${note}\n`);
}

async function runCompare(pathA: string, pathB: string, flags: CompareFlags): Promise<void> {
  const a: Document = { name: pathA, text: readTextFile(pathA), ...(flags.dateA ? { date: isoDate(flags.dateA, '--date-a') } : {}) };
  const b: Document = { name: pathB, text: readTextFile(pathB), ...(flags.dateB ? { date: isoDate(flags.dateB, '--date-b') } : {}) };
  // Opened first: a bad --db fails before the slow comparison.
  const store = flags.db === undefined ? undefined : openStore(flags.db);
  let comparison: Comparison;
  try {
    comparison = compare(a, b);
    if (store) await learnFrom(comparison, [pathA, pathB], store);
  } finally {
    await store?.close();
  }
  if (flags.html !== undefined) {
    const inspections = { a: inspect(a.text), b: inspect(b.text) };
    const target = writeReport(flags.html, renderHtml(a, b, comparison, { inspections }));
    process.stderr.write(`unspin: HTML report written to ${target}\n`);
  }
  if (flags.json) {
    process.stdout.write(`${toJson(comparison)}\n`);
    return;
  }
  process.stdout.write(renderTerminal(a, b, comparison, { color: useColor(flags.color), width: process.stdout.columns ?? DEFAULT_WIDTH }));
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .summary('is one text derived from the other, and how?')
    .description(
      'Compare two texts and judge whether one was derived from the other (duplicate, spun, paraphrase, partial) ' +
        'or not (related, unrelated). Prints the verdict (relation, direction, similarity, explanation), the aligned ' +
        'passages side by side with the word swaps marked, and a list of the swaps.',
    )
    .argument('<a>', 'first text file (UTF-8 plain text)')
    .argument('<b>', 'second text file (UTF-8 plain text)')
    .option('--json', 'print the verdict, passages (character offsets) and substitutions as JSON instead of the report')
    .option('--html <file>', 'also write a self-contained side-by-side HTML report to FILE')
    .option('--date-a <date>', 'publication date of A (ISO 8601): with --date-b, the earlier text counts as the source')
    .option('--date-b <date>', 'publication date of B (ISO 8601)')
    .option('--db <file>', 'teach the store in FILE (SQLite, created if missing) the word swaps verified when one text is a derived copy of the other and the direction is known (see `unspin lexicon`)')
    .option('--no-color', 'plain text without colours (also off when NO_COLOR is set or output is not a terminal)')
    .addHelpText(
      'after',
      '\nExamples:\n  unspin compare original.txt copy.txt\n  unspin compare original.txt copy.txt --html report.html\n  unspin compare original.txt copy.txt --json > verdict.json\n',
    )
    .action(action((pathA: string, pathB: string, flags: CompareFlags) => runCompare(pathA, pathB, flags)));
}
