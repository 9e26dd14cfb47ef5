import type { Command } from 'commander';
import pc from 'picocolors';
import { readTextFile } from '../corpus/read-text.js';
import { UnspinError } from '../errors.js';
import { commonStyle, examinePair, judgeEvidence, loadParaphraseModel, type SentencePairJudgement } from '../judge/paraphrase.js';
import { DERIVED_RELATIONS } from '../judge/types.js';
import { loadLexicon } from '../lexicon/index.js';
import { analyze } from '../text/analyze.js';
import { progress } from './progress.js';
import { action } from './run.js';

/** One data row of a sentence-pair table; label is the gold answer when the file has one. */
export interface PairRow {
  readonly a: string;
  readonly b: string;
  readonly label?: number;
}

function columnOf(header: readonly string[], name: string): number {
  return header.findIndex((h) => h.trim().toLowerCase() === name);
}

/** Reads a TSV whose header names columns `a` and `b` (and optionally `label`); other columns are ignored. */
export function readPairTable(path: string): PairRow[] {
  const lines = readTextFile(path).split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t');
  const ca = columnOf(header, 'a');
  const cb = columnOf(header, 'b');
  const cl = columnOf(header, 'label');
  if (ca < 0 || cb < 0) {
    throw new UnspinError('E_BAD_FORMAT', `${path}: the header must name tab-separated columns "a" and "b" (it has: ${header.join(', ')})`);
  }
  const rows: PairRow[] = [];
  lines.slice(1).forEach((line, k) => {
    if (line.trim() === '') return;
    const cells = line.split('\t');
    const a = cells[ca];
    const b = cells[cb];
    if (a === undefined || b === undefined) throw new UnspinError('E_BAD_FORMAT', `${path}:${k + 2}: the row has no "a" or no "b" cell`);
    const label = cl >= 0 ? Number(cells[cl]) : Number.NaN;
    rows.push(Number.isFinite(label) ? { a, b, label } : { a, b });
  });
  return rows;
}

function jsonLine(row: number, j: SentencePairJudgement): string {
  const derived = DERIVED_RELATIONS.has(j.relation);
  const similarity = Math.round(j.similarity * 1000) / 1000;
  return JSON.stringify({ row, paraphrase: j.paraphrase, derived, relation: j.relation, similarity });
}

function clip(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
}

function tableLine(row: number, j: SentencePairJudgement, pair: PairRow): string {
  const verdict = j.paraphrase ? pc.green('same   ') : pc.dim('differs');
  return `${String(row).padStart(5)}  ${verdict}  ${j.relation.padEnd(10)}  ${j.similarity.toFixed(2)}  ${j.probability.toFixed(2)}  ${clip(pair.a, 60)}`;
}

/** Reads every pair first: the file's kind of text (news, literature...) is told from all its pairs together. */
export function registerPairs(program: Command): void {
  program
    .command('pairs')
    .description('decide for each sentence pair of a TSV (columns a and b) whether b says what a says')
    .argument('<file>', 'TSV file with a header naming columns a and b')
    .option('--json', 'one JSON object per line: row, paraphrase, derived, relation, similarity')
    .action(
      action((file: string, options: { json?: boolean }) => {
        const rows = readPairTable(file);
        const lexicon = loadLexicon();
        const model = loadParaphraseModel();
        const write = (line: string): boolean => process.stdout.write(`${line}\n`);
        if (!options.json) write(pc.bold('  row  verdict  relation    sim.  prob.  sentence a'));
        const bar = progress('judging pairs', rows.length);
        const evidence = rows.map((pair) => {
          bar.tick();
          return examinePair(analyze(pair.a, lexicon), analyze(pair.b, lexicon), lexicon, model);
        });
        bar.stop();
        const style = commonStyle(evidence);
        evidence.forEach((e, k) => {
          const judgement = judgeEvidence(e, model, style);
          write(options.json ? jsonLine(k + 1, judgement) : tableLine(k + 1, judgement, rows[k] as PairRow));
        });
      }),
    );
}
