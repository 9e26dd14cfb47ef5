/**
 * A sentence pair as the paraphrase features read it: each side's tokens with their information
 * weights and vectors, and a monolingual word alignment between the two (same lemma, then WordNet
 * synonym, then close vectors; Sultan et al. 2014).
 */
import type { Lexicon } from '../lexicon/types.js';
import type { Analysis, Token } from '../text/types.js';

/** One side of a pair, reduced to what the features read. */
export interface Side {
  readonly analysis: Analysis;
  /** Words and numbers, punctuation dropped. */
  readonly words: readonly Token[];
  readonly lower: readonly string[];
  readonly lemma: readonly string[];
  /** Indices (into words) of content words and numbers. */
  readonly content: readonly number[];
  /** Information weight of each word: rare words say more about the meaning than common ones. */
  readonly weight: Float64Array;
  readonly vectors: readonly (Float32Array | undefined)[];
}

/** How a word was aligned: by the same lemma, as a dictionary synonym, or by close vectors. */
export const Link = { None: 0, Same: 1, Synonym: 2, Similar: 3 } as const;
export type Link = (typeof Link)[keyof typeof Link];

/** A one-to-one word alignment; toB[i] is the word of B aligned with word i of A, or -1. */
export interface WordAlignment {
  readonly toB: Int32Array;
  readonly toA: Int32Array;
  /** Link kind per word of A. */
  readonly link: Uint8Array;
  /** Vector similarity per word of A (1 for the same lemma). */
  readonly strength: Float64Array;
}

export interface PairView {
  readonly a: Side;
  readonly b: Side;
  readonly alignment: WordAlignment;
  readonly lexicon: Lexicon;
}


// A word the vectors' corpus never saw is rarer than its rarest rank.
const UNKNOWN_RANK = 200_000;
// Cosine above which two content words count as saying the same thing (Sultan et al. use ~0.5 on their vectors).
const SIMILAR_WORDS = 0.55;

// ---------------------------------------------------------------- sides and alignment

function information(lexicon: Lexicon, token: Token): number {
  if (token.kind === 'number') return Math.log(UNKNOWN_RANK);
  return Math.log(2 + (lexicon.rank(token.lower) ?? lexicon.rank(token.lemma) ?? UNKNOWN_RANK));
}

function wordVector(lexicon: Lexicon, token: Token): Float32Array | undefined {
  if (token.kind !== 'word') return undefined;
  return lexicon.vector(token.lower) ?? lexicon.vector(token.lemma);
}

/** The form two words are matched by: the lemma, without the dots of acronyms ("U.S." = "US") or a percent sign. */
function matchKey(token: Token): string {
  return token.kind === 'number' ? token.lemma.replace(/%$/, '') : token.lemma.replace(/\./g, '');
}

/** An auxiliary split from its clitic ("didn" + "'t") is a function word like "didn't". */
function isFunctionWord(words: readonly Token[], i: number): boolean {
  return (words[i]?.isFunction ?? true) || words[i + 1]?.lower === "'t";
}

export function toSide(analysis: Analysis, lexicon: Lexicon): Side {
  const words = analysis.tokens.filter((t) => t.kind !== 'punct');
  return {
    analysis,
    words,
    lower: words.map((t) => t.lower),
    lemma: words.map(matchKey),
    content: words.flatMap((_, i) => (isFunctionWord(words, i) ? [] : [i])),
    weight: Float64Array.from(words, (t) => information(lexicon, t)),
    vectors: words.map((t) => wordVector(lexicon, t)),
  };
}

export function cosine(x: Float32Array | undefined, y: Float32Array | undefined): number {
  if (!x || !y) return 0;
  let dot = 0;
  for (let k = 0; k < x.length; k++) dot += (x[k] ?? 0) * (y[k] ?? 0);
  return dot;
}

interface Candidate {
  readonly i: number;
  readonly j: number;
  readonly score: number;
}

/** Neighbours that also match make a link between repeated words unambiguous. */
function contextScore(a: Side, b: Side, i: number, j: number): number {
  let s = 0;
  if (i > 0 && j > 0 && a.lower[i - 1] === b.lower[j - 1]) s += 1;
  if (a.lower[i + 1] !== undefined && a.lower[i + 1] === b.lower[j + 1]) s += 1;
  return s;
}

export function relativeDistance(a: Side, b: Side, i: number, j: number): number {
  return Math.abs(i / Math.max(1, a.words.length) - j / Math.max(1, b.words.length));
}

function linkGreedily(al: WordAlignment, candidates: Candidate[], link: Link, strength: (c: Candidate) => number): void {
  candidates.sort((x, y) => y.score - x.score);
  for (const c of candidates) {
    if ((al.toB[c.i] ?? 0) >= 0 || (al.toA[c.j] ?? 0) >= 0) continue;
    al.toB[c.i] = c.j;
    al.toA[c.j] = c.i;
    al.link[c.i] = link;
    al.strength[c.i] = strength(c);
  }
}

function unaligned(indices: readonly number[], to: Int32Array): number[] {
  return indices.filter((i) => (to[i] ?? 0) < 0);
}

/**
 * Greedy monolingual alignment after Sultan et al. (2014): identical lemmas first (content words,
 * then function words, each preferring matching neighbours), then dictionary synonyms, then
 * content words whose vectors are close.
 */
export function alignWords(a: Side, b: Side, lexicon: Lexicon): WordAlignment {
  const al: WordAlignment = {
    toB: new Int32Array(a.words.length).fill(-1),
    toA: new Int32Array(b.words.length).fill(-1),
    link: new Uint8Array(a.words.length),
    strength: new Float64Array(a.words.length),
  };
  const contentA = new Set(a.content);
  const contentB = new Set(b.content);
  const identicalContent: Candidate[] = [];
  a.content.forEach((i) => {
    b.content.forEach((j) => {
      if (a.lemma[i] === b.lemma[j]) identicalContent.push({ i, j, score: contextScore(a, b, i, j) - relativeDistance(a, b, i, j) });
    });
  });
  linkGreedily(al, identicalContent, Link.Same, () => 1);
  // A function word is aligned only with evidence from its neighbours: "the" matches any "the" otherwise.
  const identicalFunction: Candidate[] = [];
  a.lemma.forEach((la, i) => {
    if (contentA.has(i)) return;
    b.lemma.forEach((lb, j) => {
      if (la !== lb || contentB.has(j)) return;
      const evidence = contextScore(a, b, i, j) + (al.toB[i - 1] === j - 1 ? 1 : 0) + (i + 1 < al.toB.length && al.toB[i + 1] === j + 1 ? 1 : 0);
      if (evidence > 0) identicalFunction.push({ i, j, score: evidence - relativeDistance(a, b, i, j) });
    });
  });
  linkGreedily(al, identicalFunction, Link.Same, () => 1);

  const restA = unaligned(a.content, al.toB).filter((i) => a.words[i]?.kind === 'word');
  const restB = unaligned(b.content, al.toA).filter((j) => b.words[j]?.kind === 'word');
  const synonyms: Candidate[] = [];
  const similar: Candidate[] = [];
  for (const i of restA) {
    for (const j of restB) {
      const sim = cosine(a.vectors[i], b.vectors[j]);
      const kin = lexicon.kinship(a.lemma[i] ?? '', b.lemma[j] ?? '');
      if (kin === 'same' || kin === 'synonym') synonyms.push({ i, j, score: sim - relativeDistance(a, b, i, j) });
      // Names stand for themselves: "Microsoft" is near "Oracle" in vector space, yet another company.
      else if ((sim >= SIMILAR_WORDS || kin === 'related') && !a.words[i]?.isName && !b.words[j]?.isName) similar.push({ i, j, score: sim });
    }
  }
  const vectorStrength = (c: Candidate): number => cosine(a.vectors[c.i], b.vectors[c.j]);
  linkGreedily(al, synonyms, Link.Synonym, vectorStrength);
  linkGreedily(al, similar, Link.Similar, vectorStrength);
  return al;
}

export function pairView(a: Analysis, b: Analysis, lexicon: Lexicon): PairView {
  const sa = toSide(a, lexicon);
  const sb = toSide(b, lexicon);
  return { a: sa, b: sb, alignment: alignWords(sa, sb, lexicon), lexicon };
}

