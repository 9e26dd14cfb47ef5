/**
 * PAN text alignment, verbatim cases: runs `unspin align --pan`'s aligner over the development
 * half in ../shared/data/pan-verbatim and scores it with plagdet. Needs that folder; skips without it.
 * Run alone: npx tsx bench/eval-pan.ts
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PanAligner } from '../src/cli/align.js';
import { readTextFile } from '../src/corpus/read-text.js';
import { panDetectionFileName, readPanPairs, readPanXml, type PanAnnotation, type PanPair } from '../src/corpus/pan.js';
import { plagdet, type PlagdetScores } from './plagdet.js';
import { SHARED_DIR, sharedPath } from './shared-data.js';

const DATA = `${SHARED_DIR}data/pan-verbatim`;

/** Two folds by a hash of the suspicious document, to see how much the score moves between halves. */
function foldOf(pair: PanPair): 0 | 1 {
  let h = 0;
  for (const ch of pair.susp) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return (h & 1) as 0 | 1;
}

type ByPair = Map<PanPair, PanAnnotation[]>;

function scoreFold(pairs: readonly PanPair[], cases: ByPair, found: ByPair): PlagdetScores {
  return plagdet(
    pairs.flatMap((p) => cases.get(p) ?? []),
    pairs.flatMap((p) => found.get(p) ?? []),
  );
}

const fmt = (x: number): string => x.toFixed(4);

function wordTrigrams(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.slice(2).map((w, i) => `${words[i]} ${words[i + 1]} ${w}`));
}

/**
 * Whether the annotated stretches of the two documents hold the same words (90% of word
 * trigrams). In this copy of the corpus many do not: characters (curly apostrophes and other
 * non-ASCII) were dropped from the texts after the offsets were computed, so truth offsets
 * drift later and later through a document. Scores on the agreeing pairs show the aligner
 * apart from that drift.
 */
function truthAgrees(pair: PanPair, truth: readonly PanAnnotation[]): boolean {
  const susp = readTextFile(join(DATA, 'susp', pair.susp));
  const src = readTextFile(join(DATA, 'src', pair.src));
  return truth.every((c) => {
    const a = wordTrigrams(susp.slice(c.suspOffset, c.suspOffset + c.suspLength));
    const b = wordTrigrams(src.slice(c.srcOffset, c.srcOffset + c.srcLength));
    let shared = 0;
    for (const g of a) if (b.has(g)) shared++;
    return shared >= 0.9 * Math.max(1, a.size);
  });
}

export async function evalPan(): Promise<Record<string, number> | undefined> {
  console.log('PAN text alignment (verbatim), dev half');
  if (!sharedPath('data/pan-verbatim/pairs')) return undefined;
  const pairs = readPanPairs(join(DATA, 'pairs'));
  const cases = new Map(pairs.map((p) => [p, readPanXml(join(DATA, 'truth', panDetectionFileName(p)), 'plagiarism')]));
  const aligner = new PanAligner(join(DATA, 'susp'), join(DATA, 'src'));
  const started = performance.now();
  const found = new Map(pairs.map((p) => [p, aligner.align(p)]));
  const seconds = (performance.now() - started) / 1000;

  const all = scoreFold(pairs, cases, found);
  const folds = ([0, 1] as const).map((f) => scoreFold(pairs.filter((p) => foldOf(p) === f), cases, found));
  const agreeing = pairs.filter((p) => truthAgrees(p, cases.get(p) ?? []));
  const clean = scoreFold(agreeing, cases, found);
  console.log(
    [
      `  precision   ${fmt(all.precision)}`,
      `  recall      ${fmt(all.recall)}`,
      `  granularity ${fmt(all.granularity)}`,
      `  plagdet     ${fmt(all.plagdet)}   (folds: ${folds.map((s) => fmt(s.plagdet)).join(' / ')})`,
      `  pairs       ${pairs.length}, ${seconds.toFixed(2)} s`,
      `  on the ${agreeing.length} pairs whose truth offsets match the text: plagdet ${fmt(clean.plagdet)}` +
        ` (P ${fmt(clean.precision)}, R ${fmt(clean.recall)})`,
    ].join('\n'),
  );
  return {
    precision: all.precision,
    recall: all.recall,
    granularity: all.granularity,
    plagdet: all.plagdet,
    plagdetFold1: folds[0]?.plagdet ?? 0,
    plagdetFold2: folds[1]?.plagdet ?? 0,
    plagdetTruthAgrees: clean.plagdet,
    pairs: pairs.length,
    seconds,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await evalPan();
}
