import type { Kinship, Lexicon } from '../../src/lexicon/types.js';

/** A hand-made lexicon of a few words, so alignment tests are exact and need no cache. */
export function tinyLexicon(): Lexicon {
  const lemmas: Record<string, string> = { talks: 'talk', said: 'say', claimed: 'claim', was: 'be', meetings: 'meeting', months: 'month' };
  const synsets = [
    ['say', 'claim', 'state'],
    ['state', 'point out'],
    ['talk', 'conversation', 'discussion'],
    ['military', 'army'],
    ['big', 'large'],
    ['meeting', 'conference'],
    ['think', 'consider'],
  ];
  const lemma = (w: string): string => lemmas[w] ?? w;
  const kinship = (a: string, b: string): Kinship => {
    const x = lemma(a);
    const y = lemma(b);
    if (x === y) return 'same';
    return synsets.some((s) => s.includes(x) && s.includes(y)) ? 'synonym' : 'none';
  };
  return {
    lemma,
    kinship,
    similarity: (a, b) => (kinship(a, b) === 'none' ? 0 : 0.8),
    vector: () => undefined,
    // Words it knows count as common; everything else as rare.
    rank: (w) => (synsets.flat().some((e) => e.split(' ').includes(lemma(w))) ? 1000 : undefined),
    wordAt: () => undefined,
    isExpression: (p) => p === 'think tank' || p === 'secretary of state',
    synonyms: (w) => synsets.filter((s) => s.includes(lemma(w))).flat().filter((x) => x !== lemma(w)),
  };
}
