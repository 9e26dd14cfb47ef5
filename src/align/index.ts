import type { Lexicon } from '../lexicon/types.js';
import { sentenceTokens } from '../text/analyze.js';
import type { Analysis, Span } from '../text/types.js';
import { linkSentences, type Link } from './links.js';
import { profileSentences } from './sentences.js';
import type { Alignment, Edit, Passage, PassageRelation, SentenceLink, Substitution } from './types.js';
import { findVerbatimPassages } from './verbatim.js';
import { WordMatcher } from './word-match.js';
import { editScript } from './words.js';

// A passage goes on across at most this many unlinked sentences on either side (PAN-style extension).
const PASSAGE_GAP = 1;
// Word swaps longer than this (in tokens, either side) are rewording, not substitutions.
const MAX_SWAP_TOKENS = 4;
// Share of a passage's words kept verbatim above which it is a verbatim copy...
const VERBATIM_SHARE = 0.9;
// ...share kept in place (equal or swapped one for one) above which it is a spun copy...
const IN_PLACE_SHARE = 0.85;
// ...provided few words were added or dropped: a spinner swaps words, it does not restructure.
const SPUN_MAX_GAPS = 0.06;

function spanOf(doc: Analysis, indices: readonly number[]): Span {
  const first = doc.sentences[Math.min(...indices)];
  const last = doc.sentences[Math.max(...indices)];
  return [first?.span[0] ?? 0, last?.span[1] ?? 0];
}

function tokenSpan(doc: Analysis, range: readonly [number, number]): Span {
  return [doc.tokens[range[0]]?.span[0] ?? 0, doc.tokens[range[1] - 1]?.span[1] ?? 0];
}

/** Word counts of an edit script. */
export interface EditCounts {
  /** Words kept verbatim. */
  readonly equal: number;
  /** Words kept in place: verbatim, or swapped one for one (give or take a word). */
  readonly inPlace: number;
  /** Words inserted or deleted. */
  readonly gaps: number;
  /** Words of the longer side. */
  readonly total: number;
}

/** Word counts of the edits turning A's sentences into B's: both sides' words counted alike (punctuation left out). */
export function editCounts(a: Analysis, b: Analysis, edits: readonly Edit[]): EditCounts {
  const words = (doc: Analysis, r: readonly [number, number]): number =>
    doc.tokens.slice(r[0], r[1]).filter((t) => t.kind !== 'punct').length;
  let equal = 0;
  let inPlace = 0;
  let gaps = 0;
  let inA = 0;
  let inB = 0;
  for (const e of edits) {
    const na = words(a, e.a);
    const nb = words(b, e.b);
    inA += na;
    inB += nb;
    if (e.op === 'equal') (equal += na), (inPlace += na);
    if (e.op === 'substitute' && Math.abs(na - nb) <= 1) inPlace += Math.min(na, nb);
    if (e.op === 'insert' || e.op === 'delete') gaps += na + nb;
  }
  return { equal, inPlace, gaps, total: Math.max(inA, inB, 1) };
}

/** How aligned text was rewritten, from its edit counts: kept verbatim, spun word for word, or paraphrased. */
export function rewriteKind(counts: EditCounts): PassageRelation {
  if (counts.equal / counts.total >= VERBATIM_SHARE) return 'verbatim';
  if (counts.inPlace / counts.total >= IN_PLACE_SHARE && counts.gaps / counts.total <= SPUN_MAX_GAPS) return 'spun';
  return 'paraphrase';
}

/** Consecutive links (in both texts) become one passage. */
function groupIntoPassages(links: readonly SentenceLink[]): SentenceLink[][] {
  const groups: SentenceLink[][] = [];
  for (const link of links) {
    const group = groups[groups.length - 1];
    const prev = group?.[group.length - 1];
    const follows =
      prev !== undefined &&
      Math.min(...link.a) - Math.max(...prev.a) - 1 <= PASSAGE_GAP &&
      Math.min(...link.a) > Math.max(...prev.a) &&
      Math.min(...link.b) > Math.max(...prev.b) &&
      Math.min(...link.b) - Math.max(...prev.b) - 1 <= PASSAGE_GAP;
    if (group && follows) group.push(link);
    else groups.push([link]);
  }
  return groups;
}

function toPassage(a: Analysis, b: Analysis, group: readonly SentenceLink[]): Passage {
  const edits = group.flatMap((l) => l.edits);
  const counts = editCounts(a, b, edits);
  const weight = (l: SentenceLink): number => l.a.length + l.b.length;
  const similarity = group.reduce((s, l) => s + l.similarity * weight(l), 0) / group.reduce((s, l) => s + weight(l), 0);
  return {
    a: spanOf(a, group.flatMap((l) => l.a)),
    b: spanOf(b, group.flatMap((l) => l.b)),
    relation: rewriteKind(counts),
    similarity,
    sentenceLinks: group.length,
  };
}

/**
 * Word swaps of one link. In spun or verbatim text every short replacement is a swap; in paraphrased
 * text only replacements by a synonym or related word are, the rest is rewording.
 */
function substitutionsOf(a: Analysis, b: Analysis, link: SentenceLink): Substitution[] {
  const wordForWord = rewriteKind(editCounts(a, b, link.edits)) !== 'paraphrase';
  return link.edits
    .filter((e) => e.op === 'substitute' && e.a[1] - e.a[0] <= MAX_SWAP_TOKENS && e.b[1] - e.b[0] <= MAX_SWAP_TOKENS)
    .filter((e) => wordForWord || e.kinship !== 'none')
    .map((e) => {
      const aSpan = tokenSpan(a, e.a);
      const bSpan = tokenSpan(b, e.b);
      return {
        a: a.original.slice(aSpan[0], aSpan[1]),
        b: b.original.slice(bSpan[0], bSpan[1]),
        aSpan,
        bSpan,
        synonym: e.kinship === 'synonym' || e.kinship === 'same',
      };
    });
}

function overlaps(x: Span, y: Span): boolean {
  return x[0] < y[1] && y[0] < x[1];
}

/** Verbatim stretches that no sentence passage covers yet (copied parts of sentences, or sentences linked elsewhere). */
function verbatimPassages(a: Analysis, b: Analysis, covered: readonly Passage[]): Passage[] {
  return findVerbatimPassages(a, b)
    .filter((m) => !covered.some((p) => overlaps(p.a, m.aSpan) && overlaps(p.b, m.bSpan)))
    .map((m) => ({ a: m.aSpan, b: m.bSpan, relation: 'verbatim', similarity: m.exactShare, sentenceLinks: 0 }));
}

/** Aligns two analyzed texts: sentence links with word edit scripts, passages and word swaps. */
export function align(a: Analysis, b: Analysis, lexicon: Lexicon | undefined): Alignment {
  const matcher = new WordMatcher(lexicon);
  const links: SentenceLink[] = linkSentences(profileSentences(a, lexicon, matcher), profileSentences(b, lexicon, matcher), matcher).map(
    (l: Link) => ({ ...l, edits: editScript(sentenceTokens(a, l.a), sentenceTokens(b, l.b), matcher) }),
  );
  const linked = groupIntoPassages(links).map((group) => toPassage(a, b, group));
  const passages = [...linked, ...verbatimPassages(a, b, linked)].sort((x, y) => x.a[0] - y.a[0]);
  const substitutions = links.flatMap((l) => substitutionsOf(a, b, l));
  return { links, passages, substitutions };
}
