import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { findVerbatimPassages, type VerbatimOptions } from '../align/verbatim.js';
import { panDetectionFileName, panDetectionXml, readPanPairs, type PanAnnotation, type PanPair } from '../corpus/pan.js';
import { readTextFile } from '../corpus/read-text.js';
import { UnspinError } from '../errors.js';
import { analyze } from '../text/analyze.js';
import type { Analysis } from '../text/types.js';
import { progress } from './progress.js';
import { action } from './run.js';

/** Analyzes files by path, keeping the last one: PAN pair lists repeat a document on consecutive lines. */
class LastAnalysis {
  private path = '';
  private analysis: Analysis | undefined;

  get(path: string): Analysis {
    if (this.analysis === undefined || this.path !== path) {
      // No lexicon: verbatim matching compares lower-case words only.
      this.analysis = analyze(readTextFile(path));
      this.path = path;
    }
    return this.analysis;
  }
}

/**
 * PAN builds each case from whole sentences, at least about 50 words long; shared stretches under
 * 40 exactly matching words are boilerplate (titles, addresses, menus) that PAN does not annotate.
 * 40 leaves room for a fifth of a shortest case's words to differ (typos, dropped characters).
 */
export const PAN_OPTIONS: VerbatimOptions = { minMatchedWords: 40 };

/** Aligns PAN pairs one by one: suspicious document = A, source document = B. */
export class PanAligner {
  private readonly susp = new LastAnalysis();
  private readonly src = new LastAnalysis();

  constructor(
    private readonly suspDir: string,
    private readonly srcDir: string,
    private readonly options: VerbatimOptions = PAN_OPTIONS,
  ) {}

  align(pair: PanPair): PanAnnotation[] {
    const a = this.susp.get(join(this.suspDir, pair.susp));
    const b = this.src.get(join(this.srcDir, pair.src));
    return findVerbatimPassages(a, b, this.options).map((m) => ({
      susp: pair.susp,
      suspOffset: m.aSpan[0],
      suspLength: m.aSpan[1] - m.aSpan[0],
      src: pair.src,
      srcOffset: m.bSpan[0],
      srcLength: m.bSpan[1] - m.bSpan[0],
    }));
  }
}

function requireFolder(path: string, what: string): void {
  let isFolder = false;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    throw new UnspinError('E_FILE_NOT_FOUND', `${what} folder not found: ${path}`);
  }
  if (!isFolder) throw new UnspinError('E_BAD_ARGUMENT', `${what} is not a folder: ${path}`);
}

function makeOutputFolder(path: string): void {
  try {
    mkdirSync(path, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UnspinError('E_FILE_UNREADABLE', `cannot create output folder ${path}: ${code ?? String(error)}`);
  }
}

function alignPan(pairsFile: string, suspDir: string, srcDir: string, outDir: string): void {
  const started = performance.now();
  const pairs = readPanPairs(pairsFile);
  requireFolder(suspDir, 'suspicious-documents');
  requireFolder(srcDir, 'source-documents');
  makeOutputFolder(outDir);
  const aligner = new PanAligner(suspDir, srcDir);
  const bar = progress('aligning pairs', pairs.length);
  let detections = 0;
  pairs.forEach((pair, i) => {
    const found = aligner.align(pair);
    writeFileSync(join(outDir, panDetectionFileName(pair)), panDetectionXml(pair, found));
    detections += found.length;
    bar.tick();
  });
  bar.stop();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`aligned ${pairs.length} pairs: ${detections} passages detected, written to ${outDir} (${seconds} s)\n`);
}

export function registerAlign(program: Command): void {
  program
    .command('align')
    .summary('align document pairs in batch for benchmarks (PAN text alignment)')
    .description(
      'Aligns every suspicious/source pair listed in PAIRS and writes one PAN detection XML per pair ' +
        '(<susp>-<src>.xml) with the verbatim passages found, as character offsets. --pan selects the PAN format.',
    )
    .option('--pan', 'PAN text-alignment format: PAIRS lists "suspicious-file source-file" per line')
    .argument('<pairs>', 'pairs file')
    .argument('<susp-dir>', 'folder of suspicious documents')
    .argument('<src-dir>', 'folder of source documents')
    .argument('<out-dir>', 'folder for the detection XML files (created if needed)')
    .action(
      action((pairs: string, suspDir: string, srcDir: string, outDir: string, opts: { pan?: boolean }) => {
        if (!opts.pan) throw new UnspinError('E_BAD_ARGUMENT', 'align needs a format: add --pan (PAN text alignment)');
        alignPan(pairs, suspDir, srcDir, outDir);
      }),
    );
}
