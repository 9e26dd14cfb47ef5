import type { Analysis, Span, Token } from '../text/types.js';
import type { TokenRange } from './types.js';

/**
 * Verbatim passage alignment: seed → extend → filter.
 * Seeds are word n-grams shared by both texts; seeds on one diagonal form exact runs; runs close
 * to each other in both texts merge into passages; short passages are dropped.
 */

export interface VerbatimOptions {
  /** Words per seed n-gram. */
  readonly seedWords?: number;
  /** Largest gap, in words on each side, bridged when merging runs into one passage. */
  readonly maxGapWords?: number;
  /** Fewest words of a passage, on each side, that must lie in exact shared runs. */
  readonly minMatchedWords?: number;
  /** A seed n-gram occurring more often than this in either text starts no run (it may still continue one). */
  readonly maxSeedOccurrences?: number;
}

export const VERBATIM_DEFAULTS: Required<VerbatimOptions> = {
  // 3 words: a single changed word still leaves seeds on both sides; 2-grams match by chance too often.
  seedWords: 3,
  // 10 words: bridges a few typos or swapped words, yet stays far below the distance between separate copied passages.
  maxGapWords: 10,
  // 12 words: about half a sentence copied exactly; chance overlaps of unrelated texts stay below it.
  minMatchedWords: 12,
  // 32 repeats: phrases that common ("one of the") carry no evidence of copying and would cost quadratic time.
  maxSeedOccurrences: 32,
};

export interface VerbatimMatch {
  /** Token ranges (into Analysis.tokens) of the passage in each text. */
  readonly a: TokenRange;
  readonly b: TokenRange;
  /** Character ranges in each original text. */
  readonly aSpan: Span;
  readonly bSpan: Span;
  /** Words of the passage in each text. */
  readonly aWords: number;
  readonly bWords: number;
  /** 0–1: share of the passage's words (both sides) that lie in exact shared runs. */
  readonly exactShare: number;
}

/** Word and number tokens of one text, as ids shared between the two texts. */
interface WordSeq {
  readonly ids: Int32Array;
  /** tokenAt[w] = index in Analysis.tokens of word w. */
  readonly tokenAt: Int32Array;
}

/** An exact shared stretch: words [a, a + length) of A equal words [b, b + length) of B. */
interface Run {
  readonly a: number;
  readonly b: number;
  length: number;
}

/** Runs merged into one passage, in word indices; matched counts the words inside runs. */
interface Chain {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
  aMatched: number;
  bMatched: number;
}

function wordSeq(analysis: Analysis, vocabulary: Map<string, number>): WordSeq {
  const ids: number[] = [];
  const tokenAt: number[] = [];
  analysis.tokens.forEach((token, i) => {
    if (token.kind === 'punct') return;
    let id = vocabulary.get(token.lower);
    if (id === undefined) {
      id = vocabulary.size;
      vocabulary.set(token.lower, id);
    }
    ids.push(id);
    tokenAt.push(i);
  });
  return { ids: Int32Array.from(ids), tokenAt: Int32Array.from(tokenAt) };
}

/** 32-bit hash of the n word ids starting at `at` (FNV-1a over ids). */
function gramHash(ids: Int32Array, at: number, n: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < n; k++) h = Math.imul(h ^ (ids[at + k] ?? 0), 0x01000193);
  return h >>> 0;
}

function sameGram(x: Int32Array, i: number, y: Int32Array, j: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (x[i + k] !== y[j + k]) return false;
  return true;
}

/** Start positions of every n-gram of the sequence, by hash. */
function gramIndex(ids: Int32Array, n: number): Map<number, number[]> {
  const index = new Map<number, number[]>();
  for (let i = 0; i + n <= ids.length; i++) {
    const h = gramHash(ids, i, n);
    const list = index.get(h);
    if (list) list.push(i);
    else index.set(h, [i]);
  }
  return index;
}

/** Runs still growing at the previous n-gram of A continue if the next word matches too. */
function extendAlive(alive: readonly Run[], a: WordSeq, b: WordSeq, last: number): Run[] {
  const next: Run[] = [];
  for (const run of alive) {
    const j = run.b + (last - run.a);
    if (j < b.ids.length && a.ids[last] === b.ids[j]) {
      run.length++;
      next.push(run);
    }
  }
  return next;
}

/**
 * Maximal exact runs of shared words, ordered by their start in A. A run starts on an n-gram
 * that is rare in both texts; frequent n-grams ("one of the") may continue a run but not start one.
 */
function findRuns(a: WordSeq, b: WordSeq, n: number, maxOccurrences: number): Run[] {
  const inA = gramIndex(a.ids, n);
  const inB = gramIndex(b.ids, n);
  const runs: Run[] = [];
  let alive: Run[] = [];
  for (let i = 0; i + n <= a.ids.length; i++) {
    alive = extendAlive(alive, a, b, i + n - 1);
    const h = gramHash(a.ids, i, n);
    const positions = inB.get(h);
    if (!positions || positions.length > maxOccurrences || (inA.get(h)?.length ?? 0) > maxOccurrences) continue;
    for (const j of positions) {
      if (!sameGram(a.ids, i, b.ids, j, n) || alive.some((r) => r.b - r.a === j - i)) continue;
      const run: Run = { a: i, b: j, length: n };
      runs.push(run);
      alive.push(run);
    }
  }
  return runs;
}

/** Words separating a range from a run that starts at `start` (0 when they touch or overlap). */
function gap(end: number, start: number): number {
  return Math.max(0, start - end);
}

/** The open chain that the run continues, moving forward in both texts within the gap; the nearest one wins. */
function chainFor(open: readonly Chain[], run: Run, maxGap: number): Chain | undefined {
  const aEnd = run.a + run.length;
  const bEnd = run.b + run.length;
  let best: Chain | undefined;
  let bestGap = Infinity;
  for (const chain of open) {
    // Already inside the chain in both texts (a repeated phrase): nothing to add.
    if (aEnd <= chain.aEnd && run.b >= chain.bStart && bEnd <= chain.bEnd) return chain;
    if (aEnd <= chain.aEnd || run.b < chain.bStart || bEnd <= chain.bEnd) continue;
    const distance = Math.max(gap(chain.aEnd, run.a), gap(chain.bEnd, run.b));
    if (distance <= maxGap && distance < bestGap) {
      best = chain;
      bestGap = distance;
    }
  }
  return best;
}

function extendChain(chain: Chain, run: Run): void {
  const aEnd = run.a + run.length;
  const bEnd = run.b + run.length;
  chain.aMatched += Math.max(0, aEnd - Math.max(run.a, chain.aEnd));
  chain.bMatched += Math.max(0, bEnd - Math.max(run.b, chain.bEnd));
  chain.aEnd = Math.max(chain.aEnd, aEnd);
  chain.bEnd = Math.max(chain.bEnd, bEnd);
}

/** Greedily merges runs (ordered by start in A) into chains; order between chains is free. */
function chainRuns(runs: readonly Run[], maxGap: number): Chain[] {
  const done: Chain[] = [];
  let open: Chain[] = [];
  for (const run of runs) {
    // Chains that ended too far before this run in A can take no more runs.
    if (open.some((c) => c.aEnd + maxGap < run.a)) {
      done.push(...open.filter((c) => c.aEnd + maxGap < run.a));
      open = open.filter((c) => c.aEnd + maxGap >= run.a);
    }
    const chain = chainFor(open, run, maxGap);
    if (chain) {
      extendChain(chain, run);
    } else {
      open.push({
        aStart: run.a,
        aEnd: run.a + run.length,
        bStart: run.b,
        bEnd: run.b + run.length,
        aMatched: run.length,
        bMatched: run.length,
      });
    }
  }
  return done.concat(open);
}

// A passage may open with a quote or bracket, but not with the end of the sentence before it;
// it may end on any punctuation but an opening bracket.
const OPENS_PASSAGE = new Set(['"', "'", '(', '[', '{']);
const NEVER_ENDS_PASSAGE = new Set(['(', '[', '{']);

function samePunct(p: Token | undefined, q: Token | undefined): p is Token {
  return p !== undefined && q !== undefined && p.kind === 'punct' && q.kind === 'punct' && p.text === q.text;
}

/** Widens a token range over punctuation both texts share at its edges: an opening quote, the final period. */
function widenOverPunct(x: readonly Token[], xr: TokenRange, y: readonly Token[], yr: TokenRange): [TokenRange, TokenRange] {
  let [xs, xe] = xr;
  let [ys, ye] = yr;
  for (let p = x[xs - 1]; samePunct(p, y[ys - 1]) && OPENS_PASSAGE.has(p.text); p = x[xs - 1]) {
    xs--;
    ys--;
  }
  for (let p = x[xe]; samePunct(p, y[ye]) && !NEVER_ENDS_PASSAGE.has(p.text); p = x[xe]) {
    xe++;
    ye++;
  }
  return [
    [xs, xe],
    [ys, ye],
  ];
}

function spanOf(tokens: readonly Token[], range: TokenRange): Span {
  return [tokens[range[0]]?.span[0] ?? 0, tokens[range[1] - 1]?.span[1] ?? 0];
}

function toMatch(chain: Chain, a: Analysis, aw: WordSeq, b: Analysis, bw: WordSeq): VerbatimMatch {
  const aWords: TokenRange = [aw.tokenAt[chain.aStart] ?? 0, (aw.tokenAt[chain.aEnd - 1] ?? 0) + 1];
  const bWords: TokenRange = [bw.tokenAt[chain.bStart] ?? 0, (bw.tokenAt[chain.bEnd - 1] ?? 0) + 1];
  const [ar, br] = widenOverPunct(a.tokens, aWords, b.tokens, bWords);
  const aLength = chain.aEnd - chain.aStart;
  const bLength = chain.bEnd - chain.bStart;
  return {
    a: ar,
    b: br,
    aSpan: spanOf(a.tokens, ar),
    bSpan: spanOf(b.tokens, br),
    aWords: aLength,
    bWords: bLength,
    exactShare: (chain.aMatched + chain.bMatched) / (aLength + bLength),
  };
}

/**
 * Passages of A copied word for word (up to small gaps) in B, ordered by position in A.
 * Words are compared lower-cased; punctuation is ignored for matching but kept at the passage edges.
 * Several passages per pair are found, in any order relative to each other.
 */
export function findVerbatimPassages(a: Analysis, b: Analysis, options: VerbatimOptions = {}): VerbatimMatch[] {
  const o = { ...VERBATIM_DEFAULTS, ...options };
  const vocabulary = new Map<string, number>();
  const aw = wordSeq(a, vocabulary);
  const bw = wordSeq(b, vocabulary);
  const runs = findRuns(aw, bw, o.seedWords, o.maxSeedOccurrences);
  return chainRuns(runs, o.maxGapWords)
    .filter((c) => Math.min(c.aMatched, c.bMatched) >= o.minMatchedWords)
    .sort((x, y) => x.aStart - y.aStart || x.bStart - y.bStart)
    .map((c) => toMatch(c, a, aw, b, bw));
}
