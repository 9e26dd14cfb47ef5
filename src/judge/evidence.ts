import { editCounts, rewriteKind } from '../align/index.js';
import type { Alignment, PassageRelation, SentenceLink } from '../align/types.js';
import { tokenWeight } from '../align/word-match.js';
import { meaningCosine, meaningVector } from '../fingerprint/meaning.js';
import type { Lexicon } from '../lexicon/types.js';
import { sentenceTokens } from '../text/analyze.js';
import type { Analysis, Token } from '../text/types.js';
import { judgeSentencePair } from './paraphrase.js';
import { quotedTokens, sharedWording, type SharedWording } from './wording.js';

/**
 * Two texts of this many words each (about two to four sentences) are passages, with measures of their own: the
 * sentence-pair model reads each whole, and the meaning channel compares them. The derivation model judges them with
 * an expert that learned from passages of these lengths (P4P's rewrites, 28 to 57 words, and passages of web pages).
 * Longer texts are pages; shorter ones are sentences, which the sentence-pair model judges (compare.ts).
 */
export const PASSAGE_WORDS = { least: 25, most: 60 } as const;

/** Measurements of an alignment that the verdict is built from. */
export interface Evidence {
  /** Weighted share of each text's words inside linked sentences: how much of it has a counterpart. */
  readonly coverageA: number;
  readonly coverageB: number;
  /** The same, each link counted by its similarity: how much of it the other text says too. */
  readonly sharedA: number;
  readonly sharedB: number;
  /** The same, of the writer's own words only (outside quotations), which independent reports do not share. */
  readonly ownSharedA: number;
  readonly ownSharedB: number;
  /** Share of links that keep the order of the other text (longest increasing run of B positions). */
  readonly order: number;
  /** How the aligned text as a whole was rewritten. */
  readonly rewrite: PassageRelation;
  /** Of the aligned words: share kept verbatim. */
  readonly verbatimShare: number;
  /** Share of links joining exactly one sentence to one sentence: spinners keep sentences whole. */
  readonly oneToOneShare: number;
  /** Share of linked words that sit inside quotation marks: quotes are shared by independent reports. */
  readonly quotedShare: number;
  /** Names and numbers both texts mention, and the share of the smaller set. */
  readonly sharedFacts: number;
  readonly sharedFactShare: number;
  readonly links: number;
  /** The writer's own wording (outside quotes and chrome) that the other text repeats. */
  readonly wording: SharedWording;
  /** Words (not punctuation, not page chrome) of each text. */
  readonly wordsA: number;
  readonly wordsB: number;
  /** What else is measured of two passages (both of PASSAGE_WORDS); undefined for other texts. */
  readonly passage: PassageEvidence | undefined;
}

export interface PassageEvidence {
  /** Cosine of the two texts' meaning vectors (the fingerprints' meaning channel): close when they say the same. */
  readonly meaning: number;
  /** The sentence-pair model's probability that the two say the same, each read as one sentence. */
  readonly sameMeaning: number;
}

function weightOf(tokens: readonly Token[], lexicon: Lexicon): number {
  return tokens.reduce((s, t) => s + tokenWeight(t, lexicon), 0);
}

/** The text's words that a copy could have taken: outside page chrome, and (for the writer's own words) outside quotes. */
function countedTokens(doc: Analysis, skip: ReadonlySet<number> | undefined): Token[] {
  return doc.sentences.filter((s) => !s.chrome).flatMap((s) => doc.tokens.slice(s.tokens[0], s.tokens[1]).filter((t) => !skip?.has(t.index)));
}

/** Share of a text's weight inside linked sentences, each link counted by its similarity (or whole). */
function coverage(
  doc: Analysis,
  links: readonly SentenceLink[],
  side: 'a' | 'b',
  lexicon: Lexicon,
  bySimilarity: boolean,
  skip?: ReadonlySet<number>,
): number {
  const total = weightOf(countedTokens(doc, skip), lexicon);
  if (total === 0) return 0;
  let covered = 0;
  for (const l of links) covered += (bySimilarity ? l.similarity : 1) * weightOf(sentenceTokens(doc, l[side]).filter((t) => !skip?.has(t.index)), lexicon);
  return Math.min(1, covered / total);
}

/** Length of the longest strictly increasing subsequence (patience sorting). */
function longestIncreasing(values: readonly number[]): number {
  const tails: number[] = [];
  for (const v of values) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((tails[mid] ?? 0) < v) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = v;
  }
  return tails.length;
}

function facts(doc: Analysis): Set<string> {
  return new Set(doc.tokens.filter((t) => t.isName || t.kind === 'number').map((t) => t.lemma));
}

/** The passage measures, when the lexicon knows words of both texts (it has no vectors for some languages). */
function passageEvidence(a: Analysis, b: Analysis, lexicon: Lexicon): PassageEvidence | undefined {
  const meaningA = meaningVector(a.original, lexicon);
  const meaningB = meaningVector(b.original, lexicon);
  if (!meaningA || !meaningB) return undefined;
  return { meaning: meaningCosine(meaningA, meaningB), sameMeaning: judgeSentencePair(a, b, lexicon).probability };
}

const isPassageLength = (words: number): boolean => words >= PASSAGE_WORDS.least && words <= PASSAGE_WORDS.most;

const wordCount = (doc: Analysis): number => countedTokens(doc, undefined).filter((t) => t.kind !== 'punct').length;

export function gatherEvidence(a: Analysis, b: Analysis, alignment: Alignment, lexicon: Lexicon): Evidence {
  const { links } = alignment;
  const counts = editCounts(a, b, links.flatMap((l) => l.edits));
  const quotedA = quotedTokens(a);
  const quotedB = quotedTokens(b);
  const linkedA = links.flatMap((l) => sentenceTokens(a, l.a)).filter((t) => t.kind !== 'punct');
  const factsA = facts(a);
  const factsB = facts(b);
  const shared = [...factsA].filter((f) => factsB.has(f)).length;
  const wordsA = wordCount(a);
  const wordsB = wordCount(b);
  return {
    coverageA: coverage(a, links, 'a', lexicon, false),
    coverageB: coverage(b, links, 'b', lexicon, false),
    sharedA: coverage(a, links, 'a', lexicon, true),
    sharedB: coverage(b, links, 'b', lexicon, true),
    ownSharedA: coverage(a, links, 'a', lexicon, true, quotedA),
    ownSharedB: coverage(b, links, 'b', lexicon, true, quotedB),
    order: links.length > 0 ? longestIncreasing(links.map((l) => Math.min(...l.b))) / links.length : 0,
    rewrite: rewriteKind(counts),
    verbatimShare: counts.equal / counts.total,
    oneToOneShare: links.length > 0 ? links.filter((l) => l.a.length === 1 && l.b.length === 1).length / links.length : 0,
    quotedShare: linkedA.length > 0 ? linkedA.filter((t) => quotedA.has(t.index)).length / linkedA.length : 0,
    sharedFacts: shared,
    sharedFactShare: shared / Math.max(1, Math.min(factsA.size, factsB.size)),
    links: links.length,
    wording: sharedWording(a, b),
    wordsA,
    wordsB,
    passage: isPassageLength(wordsA) && isPassageLength(wordsB) ? passageEvidence(a, b, lexicon) : undefined,
  };
}
