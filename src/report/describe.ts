import type { Substitution } from '../align/types.js';
import type { Direction } from '../judge/types.js';

/** The direction as a sentence naming the two documents. */
export function describeDirection(direction: Direction, a: { readonly name: string }, b: { readonly name: string }): string {
  switch (direction) {
    case 'b-from-a':
      return `${b.name} was derived from ${a.name}`;
    case 'a-from-b':
      return `${a.name} was derived from ${b.name}`;
    case 'common-source':
      return 'both were derived from a common source';
    case 'unknown':
      return 'cannot tell which came first';
  }
}

/** One distinct swap and how often it occurs. */
export interface SwapTally {
  readonly a: string;
  readonly b: string;
  readonly synonym: boolean;
  readonly count: number;
}

/** Distinct swaps (case-insensitive): synonyms first (the evidence of spinning), then by frequency, ties in text order. */
export function tallySubstitutions(substitutions: readonly Pick<Substitution, 'a' | 'b' | 'synonym'>[]): SwapTally[] {
  const byKey = new Map<string, { a: string; b: string; synonym: boolean; count: number }>();
  for (const s of substitutions) {
    const key = `${s.a.toLowerCase()}\u0000${s.b.toLowerCase()}`;
    const seen = byKey.get(key);
    if (seen) seen.count++;
    else byKey.set(key, { a: s.a, b: s.b, synonym: s.synonym, count: 1 });
  }
  // Map keeps insertion order and sort is stable, so ties stay in text order.
  return [...byKey.values()].sort((x, y) => Number(y.synonym) - Number(x.synonym) || y.count - x.count);
}

/** Share of a text's characters covered by at least one of the spans. */
export function coverage(spans: readonly (readonly [number, number])[], textLength: number): number {
  if (textLength === 0) return 0;
  const sorted = [...spans].sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let reach = 0;
  for (const [start, end] of sorted) {
    const from = Math.max(start, reach);
    const to = Math.min(end, textLength);
    if (to > from) covered += to - from;
    reach = Math.max(reach, to);
  }
  return covered / textLength;
}
