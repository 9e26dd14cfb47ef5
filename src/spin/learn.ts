import type { Substitution } from '../align/types.js';
import { DERIVED_RELATIONS, type Comparison } from '../judge/types.js';
import type { TaughtPair } from '../store/corpus-store.js';

// Spinners swap words and short phrases; longer substitutions are rewording, not a dictionary swap.
const MAX_WORDS = 4;

function words(phrase: string): number {
  return phrase.split(/\s+/).filter((w) => w !== '').length;
}

/** Letters only, lower-cased: two phrases that agree here differ only in case, spacing or punctuation. */
function bareWording(phrase: string): string {
  return phrase.toLowerCase().replace(/[^\p{L}\p{M}]+/gu, '');
}

function looksLikeSpinnerSwap(s: Substitution): boolean {
  if (!s.synonym) return false;
  for (const side of [s.a, s.b]) {
    const n = words(side);
    if (n < 1 || n > MAX_WORDS || /\p{N}/u.test(side) || !/\p{L}/u.test(side)) return false;
  }
  return bareWording(s.a) !== bareWording(s.b);
}

/**
 * The spun pairs a comparison verified: the synonym swaps of two texts judged derived, the copy's wording as
 * `tortured` and the source's as `expected`. Nothing when the direction is not known, since then neither side's
 * wording can be called the spinner's. Lower-cased: a capital at the start of a sentence is position, not wording.
 */
export function spinPairsFromComparison(comparison: Comparison): TaughtPair[] {
  if (!DERIVED_RELATIONS.has(comparison.relation)) return [];
  const copyIsB = comparison.direction === 'b-from-a';
  if (!copyIsB && comparison.direction !== 'a-from-b') return [];
  const pairs = new Map<string, TaughtPair>();
  for (const s of comparison.substitutions) {
    if (!looksLikeSpinnerSwap(s)) continue;
    const tortured = (copyIsB ? s.b : s.a).toLowerCase().replace(/\s+/g, ' ').trim();
    const expected = (copyIsB ? s.a : s.b).toLowerCase().replace(/\s+/g, ' ').trim();
    pairs.set(`${tortured}\t${expected}`, { tortured, expected });
  }
  return [...pairs.values()];
}
