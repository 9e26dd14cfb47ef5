import { cosine, containment, groupSimilarity, type SentenceProfile } from './sentences.js';
import type { WordMatcher } from './word-match.js';

/** Sentences of A linked to sentences of B, before the word-level edit script is computed. */
export interface Link {
  a: number[];
  b: number[];
  similarity: number;
}

// A pair of sentences must share this much meaning to be linked at all.
const LINK_MIN = 0.5;
// Cheap pre-filter before the word-by-word comparison: each sentence's best few partners by shared lemmas and vectors.
const CANDIDATES_PER_SENTENCE = 2;
// A neighbouring sentence joins a link (1–n, n–1) when this much of it is found in the link's other side...
const JOIN_CONTAINMENT = 0.5;
// ...and the link as a whole does not get worse by more than this.
const JOIN_TOLERANCE = 0.05;

function sharedLemmas(a: SentenceProfile, b: SentenceProfile): number {
  let n = 0;
  for (const l of a.lemmas) if (b.lemmas.has(l)) n++;
  return n / Math.max(1, Math.min(a.lemmas.size, b.lemmas.size));
}

/** Pairs worth comparing word by word: the top few of every row and every column of a cheap score matrix. */
function candidatePairs(pa: readonly SentenceProfile[], pb: readonly SentenceProfile[]): Array<[number, number]> {
  const m = pb.length;
  const cheap = new Float32Array(pa.length * m);
  for (const a of pa) for (const b of pb) cheap[a.index * m + b.index] = sharedLemmas(a, b) + cosine(a.vector, b.vector);
  const pairs = new Set<number>();
  const keepTop = (cells: number[]): void => {
    cells.sort((x, y) => (cheap[y] ?? 0) - (cheap[x] ?? 0));
    for (const c of cells.slice(0, CANDIDATES_PER_SENTENCE)) if ((cheap[c] ?? 0) > 0) pairs.add(c);
  };
  for (let i = 0; i < pa.length; i++) keepTop(pb.map((_, j) => i * m + j));
  for (let j = 0; j < m; j++) keepTop(pa.map((_, i) => i * m + j));
  return [...pairs].map((p) => [Math.floor(p / m), p % m]);
}

/** Links sentences 1–1 greedily by similarity (any order, so reordered paragraphs are found), then grows 1–n and n–1 links. */
export function linkSentences(pa: readonly SentenceProfile[], pb: readonly SentenceProfile[], matcher: WordMatcher): Link[] {
  if (pa.length === 0 || pb.length === 0) return [];
  const scored = candidatePairs(pa, pb)
    .map(([i, j]) => ({ i, j, s: groupSimilarity([pa[i] as SentenceProfile], [pb[j] as SentenceProfile], matcher) }))
    .filter((x) => x.s >= LINK_MIN)
    .sort((x, y) => y.s - x.s || x.i - y.i || x.j - y.j);
  const linkOfA = new Map<number, Link>();
  const linkOfB = new Map<number, Link>();
  const links: Link[] = [];
  for (const { i, j, s } of scored) {
    if (linkOfA.has(i) || linkOfB.has(j)) continue;
    const link = { a: [i], b: [j], similarity: s };
    links.push(link);
    linkOfA.set(i, link);
    linkOfB.set(j, link);
  }
  growLinks(pb, pa, linkOfB, matcher, 'b');
  growLinks(pa, pb, linkOfA, matcher, 'a');
  return links.sort((x, y) => (x.a[0] ?? 0) - (y.a[0] ?? 0));
}

/** Joins unlinked sentences of one side to the link of a neighbouring sentence when they are part of its counterpart. */
function growLinks(
  own: readonly SentenceProfile[],
  other: readonly SentenceProfile[],
  linkOfOwn: Map<number, Link>,
  matcher: WordMatcher,
  ownSide: 'a' | 'b',
): void {
  const otherSide = ownSide === 'a' ? 'b' : 'a';
  for (const s of own) {
    if (linkOfOwn.has(s.index)) continue;
    for (const neighbour of [s.index - 1, s.index + 1]) {
      const link = linkOfOwn.get(neighbour);
      if (!link) continue;
      const counterpart = link[otherSide].map((k) => other[k] as SentenceProfile);
      if (containment([s], counterpart, matcher) < JOIN_CONTAINMENT) continue;
      const grown = [...link[ownSide], s.index].sort((x, y) => x - y);
      const ownGroup = grown.map((k) => own[k] as SentenceProfile);
      const sim = groupSimilarity(ownGroup, counterpart, matcher);
      if (sim < link.similarity - JOIN_TOLERANCE) continue;
      link[ownSide] = grown;
      link.similarity = sim;
      linkOfOwn.set(s.index, link);
      break;
    }
  }
}
