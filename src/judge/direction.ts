import type { Substitution } from '../align/types.js';
import { vectorReader } from '../lexicon/phrase-vector.js';
import type { Lexicon } from '../lexicon/types.js';
import type { Analysis, Token } from '../text/types.js';
import type { Direction } from './types.js';

// Words either side of a swap that make up its context.
const CONTEXT = 4;
// Mean per-swap evidence beyond which one side is the spun one...
const SPIN_MARGIN = 0.04;
// ...measured on at least this many swaps: one or two odd-looking words are chance, not a spinner.
const MIN_SPIN_SWAPS = 3;
// A spinner adds nothing: a spun-looking text with more than this much of its own was spun from a third text.
const SPUN_OWN_CONTENT = 0.8;
// A text that is mostly not found in the other cannot be its extract's source... and vice versa.
const OWN_CONTENT = 0.6;
// A text this fully found in the other, which is mostly not found in it, is an extract.
const EXTRACT_COVERAGE = 0.8;

/** Index of the first token that ends after `offset` (tokens are in text order). */
function firstTokenEndingAfter(doc: Analysis, offset: number): number {
  let lo = 0;
  let hi = doc.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((doc.tokens[mid]?.span[1] ?? 0) > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Word vectors, each read from the lexicon once per question. */
type Vectors = (word: string) => Float32Array | undefined;

function contextVector(doc: Analysis, span: readonly [number, number], vectorOf: Vectors): Float32Array | undefined {
  const inside = (t: Token): boolean => t.span[0] >= span[0] && t.span[1] <= span[1];
  const first = firstTokenEndingAfter(doc, span[0]);
  if (first >= doc.tokens.length) return undefined;
  let sum: Float32Array | undefined;
  const window = doc.tokens.slice(Math.max(0, first - CONTEXT), first + CONTEXT + 4);
  for (const t of window) {
    if (inside(t) || t.isFunction || t.kind !== 'word') continue;
    const v = vectorOf(t.lower);
    if (!v) continue;
    sum ??= new Float32Array(v.length);
    for (let d = 0; d < v.length; d++) sum[d] = (sum[d] ?? 0) + (v[d] ?? 0);
  }
  return sum;
}

/** How well a phrase fits its context (cosine of its words with the surrounding words); higher is more natural. */
function fit(doc: Analysis, phrase: string, span: readonly [number, number], vectorOf: Vectors): number | undefined {
  const ctx = contextVector(doc, span, vectorOf);
  if (!ctx) return undefined;
  let norm = 0;
  for (const x of ctx) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  const words = phrase.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
  let best: number | undefined;
  for (const w of words) {
    const v = vectorOf(w);
    if (!v) continue;
    let dot = 0;
    for (let d = 0; d < v.length; d++) dot += (v[d] ?? 0) * (ctx[d] ?? 0);
    best = Math.max(best ?? -1, dot / norm);
  }
  return best;
}

/** Which side's swapped words look spun, and on how many swaps that was measured. */
export interface SpinLean {
  /** Positive when B's side of the swaps looks spun (words that fit their context worse than A's), negative when A's does. */
  readonly lean: number;
  readonly swaps: number;
}

/** A spinner picks dictionary synonyms blind to sense: the side whose swapped words fit their context worse. */
export function spinLean(a: Analysis, b: Analysis, swaps: readonly Substitution[], lexicon: Lexicon | undefined): SpinLean {
  if (!lexicon) return { lean: 0, swaps: 0 };
  const vectorOf: Vectors = vectorReader(lexicon);
  let sum = 0;
  let n = 0;
  for (const s of swaps) {
    const fa = fit(a, s.a, s.aSpan, vectorOf);
    const fb = fit(b, s.b, s.bSpan, vectorOf);
    if (fa === undefined || fb === undefined) continue;
    sum += fa - fb;
    n++;
  }
  return { lean: n > 0 ? sum / n : 0, swaps: n };
}

export interface DirectionInput {
  readonly spinLean: SpinLean;
  readonly coverageA: number;
  readonly coverageB: number;
  readonly dateA?: string;
  readonly dateB?: string;
}

/** Which text came from which: dates first, then spinner fingerprints, checked against what each text adds. */
export function judgeDirection(input: DirectionInput): { direction: Direction; reason: string } {
  const { dateA, dateB } = input;
  if (dateA && dateB && dateA !== dateB) {
    return dateA < dateB
      ? { direction: 'b-from-a', reason: 'A was published first' }
      : { direction: 'a-from-b', reason: 'B was published first' };
  }
  const { lean, swaps } = input.spinLean;
  if (Math.abs(lean) < SPIN_MARGIN || swaps < MIN_SPIN_SWAPS) {
    if (input.coverageB >= EXTRACT_COVERAGE && input.coverageA < OWN_CONTENT) return { direction: 'b-from-a', reason: 'B is an extract of A' };
    if (input.coverageA >= EXTRACT_COVERAGE && input.coverageB < OWN_CONTENT) return { direction: 'a-from-b', reason: 'A is an extract of B' };
    return { direction: 'unknown', reason: 'neither text shows clearer signs of rewriting' };
  }
  const spunIsB = lean > 0;
  const spunCoverage = spunIsB ? input.coverageB : input.coverageA;
  if (spunCoverage < SPUN_OWN_CONTENT) {
    return {
      direction: 'common-source',
      reason: `${spunIsB ? 'B' : 'A'} has the odder word choices but also much that the other lacks, so both likely come from a third text`,
    };
  }
  return spunIsB
    ? { direction: 'b-from-a', reason: "B's swapped words fit their context worse, as a spinner's do" }
    : { direction: 'a-from-b', reason: "A's swapped words fit their context worse, as a spinner's do" };
}

