import { align, editCounts } from '../align/index.js';
import type { Alignment, TokenRange } from '../align/types.js';
import { cosine, phraseVector } from '../lexicon/phrase-vector.js';
import type { Lexicon } from '../lexicon/types.js';
import { FUNCTION_WORDS } from '../text/function-words.js';
import type { Analysis, Span, Token } from '../text/types.js';
import { examine, type Examination, type InspectOptions } from './detect.js';

/**
 * Reading other copies of the same source against the text: align each, find where they differ, and gather
 * the wordings they offer for each such place, with how spun each looks.
 */

/** One place of the text where the copies disagree, and each wording they offer. */
export interface Slot {
  readonly span: Span;
  /** The slot's tokens in the text, [start, end). */
  readonly range: TokenRange;
  readonly written: string;
  /** Copies that keep the text's own wording here. */
  keep: number;
  readonly offers: Map<string, Offer>;
}

export interface Offer {
  readonly text: string;
  votes: number;
  /** 0–1: how much the wording itself looks like a spinner's (the detector's belief in the copy it came from). */
  suspicion: number;
}

export const overlaps = (x: Span, y: Span): boolean => x[0] < y[1] && y[0] < x[1];

/** The detector's strongest belief that some word in the span is a spinner's: its candidates' and the language model's swaps'. */
export function suspicionAt(exam: Examination, span: Span): number {
  const tokens = exam.doc.tokens;
  const within = (first: number, last: number): boolean => overlaps([tokens[first]?.span[0] ?? 0, tokens[last - 1]?.span[1] ?? 0], span);
  let most = 0;
  for (const { candidate, probability } of exam.scored) {
    if (probability > most && within(candidate.first, candidate.last)) most = probability;
  }
  for (const { swap, probability } of exam.fluent) {
    if (probability > most && within(swap.token, swap.last)) most = probability;
  }
  return most;
}

/** Cosine of mean word vectors from which two phrases count as saying the same. */
const PHRASE_SIMILARITY = 0.8;
/** Cosine from which two content words count as saying the same (the vectors' unrelated words sit near 0.5). */
const WORD_SIMILARITY = 0.7;

/** Where two aligned texts differ, and whether the difference sits between words both keep in a copy made word for
 * word (a swap in place, as a spinner makes it) or not (rewording, where only a same-meaning replacement counts). */
interface Run {
  readonly a: TokenRange;
  readonly b: TokenRange;
  readonly anchored: boolean;
  /** Found by shared context around it (contextRuns), not by alignment. */
  readonly pinned?: boolean;
}

/** Longest stretch, in tokens on either side, that counts as a swap rather than rewording. */
const LONGEST_SWAP = 5;
/** Longest stretch of words a spinner adds, in tokens. */
const LONGEST_PADDING = 2;
/** Share of words kept in place (verbatim or swapped one for one) from which a copy counts as made word for word. */
const KEPT_IN_PLACE = 0.75;

/** The smallest range holding the given ones; empty ranges (the place of an insertion) hold nothing. */
function cover(ranges: readonly TokenRange[]): TokenRange {
  const filled = ranges.filter((r) => r[1] > r[0]);
  return filled.length === 0 ? [0, 0] : [Math.min(...filled.map((r) => r[0])), Math.max(...filled.map((r) => r[1]))];
}

/** The stretches where two aligned sentences differ: runs of edits between words they share. A run too long to
 * be a swap (rewording) still offers its single substitutions. */
function differingRuns(doc: Analysis, other: Analysis, alignment: Alignment): Run[] {
  const runs: Run[] = [];
  // A spun or copied text keeps its words in place, so a difference between kept words is a swap; in a
  // paraphrase such a difference may be a moved phrase ("right after" against "last year after").
  const counts = editCounts(doc, other, alignment.links.flatMap((l) => l.edits));
  const inPlace = counts.inPlace / counts.total >= KEPT_IN_PLACE;
  const swapLike = (r: { a: TokenRange; b: TokenRange }): boolean =>
    r.a[1] > r.a[0] && r.b[1] > r.b[0] && r.a[1] - r.a[0] <= LONGEST_SWAP && r.b[1] - r.b[0] <= LONGEST_SWAP;
  // A spinner also pads ("within just", "weather conditions"): in a copy made word for word, words only the text has go.
  const padding = (r: { a: TokenRange; b: TokenRange }): boolean => r.b[1] === r.b[0] && r.a[1] > r.a[0] && r.a[1] - r.a[0] <= LONGEST_PADDING;
  for (const link of alignment.links) {
    const edits = link.edits;
    let start = 0;
    while (start < edits.length) {
      if (edits[start]?.op === 'equal') {
        start++;
        continue;
      }
      let end = start;
      while (end < edits.length && edits[end]?.op !== 'equal') end++;
      const run = edits.slice(start, end);
      const whole = { a: cover(run.map((e) => e.a)), b: cover(run.map((e) => e.b)) };
      // Between kept words, or at the edge of the sentence.
      const anchored = inPlace && (start === 0 || edits[start - 1]?.op === 'equal') && (end === edits.length || edits[end]?.op === 'equal');
      if (swapLike(whole) || (anchored && padding(whole))) runs.push({ ...whole, anchored });
      else runs.push(...run.filter((e) => e.op === 'substitute' && swapLike(e)).map((e) => ({ a: e.a, b: e.b, anchored: false })));
      start = end;
    }
  }
  return runs;
}

function spanOf(exam: Examination, range: TokenRange): Span {
  return [exam.doc.tokens[range[0]]?.span[0] ?? 0, exam.doc.tokens[range[1] - 1]?.span[1] ?? 0];
}

/** What one other copy says: the wording it has where it differs from the text, and where it runs alongside. */
interface CopyReading {
  readonly offers: Array<{ span: Span; range: TokenRange; wording: string; suspicion: number; anchored: boolean; pinned: boolean }>;
  /** Where a copy made word for word runs alongside the text (and so keeps its wording unless it offers another). */
  readonly covered: readonly Span[];
}

/** Words of shared context on each side of a gap that a copy fills differently. */
const CONTEXT = 2;
/** Longest gap, in words, that shared context pins down. */
const LONGEST_GAP = 4;

/** The words and numbers of each sentence (page chrome left out): what shared context is made of. */
function sentenceWords(doc: Analysis): Token[][] {
  return doc.sentences
    .filter((s) => !s.chrome)
    .map((s) => doc.tokens.slice(s.tokens[0], s.tokens[1]).filter((t) => t.kind !== 'punct'));
}

const sameWords = (x: readonly Token[], y: readonly Token[]): boolean => x.length === y.length && x.every((t, i) => t.lower === y[i]?.lower);

/** The run between a gap of the text and the copy's gap in the same context, less the words both share at their edges. */
function trimmedRun(gap: readonly Token[], offered: readonly Token[]): Run | undefined {
  const shorter = Math.min(gap.length, offered.length);
  let head = 0;
  while (head < shorter - 1 && gap[head]?.lower === offered[head]?.lower) head++;
  let tail = 0;
  while (tail < shorter - head - 1 && gap[gap.length - 1 - tail]?.lower === offered[offered.length - 1 - tail]?.lower) tail++;
  const a = gap.slice(head, gap.length - tail);
  const b = offered.slice(head, offered.length - tail);
  const [aFirst, aLast, bFirst, bLast] = [a[0], a[a.length - 1], b[0], b[b.length - 1]];
  if (!aFirst || !aLast || !bFirst || !bLast) return undefined;
  return { a: [aFirst.index, aLast.index + 1], b: [bFirst.index, bLast.index + 1], anchored: false, pinned: true };
}

/**
 * Where a copy that reworded its sentences (so that alignment pairs few of them) still keeps a phrase's surroundings:
 * two words before and two after, at least one of them a content word, with one to four words between them in the
 * text and in the copy ("Secretary of Point out Antony Blinken" beside "Secretary of State Antony Blinken"), the
 * words before found in one place only of the copy. The copy's words in the gap are its offer for the text's.
 */
function contextRuns(doc: Analysis, other: Analysis): Run[] {
  const otherSentences = sentenceWords(other);
  const places = new Map<string, Array<{ sentence: number; index: number }>>();
  otherSentences.forEach((words, sentence) => {
    for (let i = 0; i + CONTEXT <= words.length; i++) {
      const key = words.slice(i, i + CONTEXT).map((t) => t.lower).join(' ');
      places.set(key, [...(places.get(key) ?? []), { sentence, index: i }]);
    }
  });
  const runs = new Map<string, Run>();
  for (const words of sentenceWords(doc)) {
    for (let i = CONTEXT; i < words.length; i++) {
      const left = words.slice(i - CONTEXT, i);
      // Context the copy has in more than one place pins nothing down.
      const found = places.get(left.map((t) => t.lower).join(' ')) ?? [];
      const place = found.length === 1 ? found[0] : undefined;
      if (!place) continue;
      const there = (otherSentences[place.sentence] ?? []).slice(place.index + CONTEXT);
      for (let n = 1; n <= LONGEST_GAP && i + n + CONTEXT <= words.length; n++) {
        const gap = words.slice(i, i + n);
        const right = words.slice(i + n, i + n + CONTEXT);
        if (gap.some((t) => t.kind !== 'word') || [...left, ...right].every((t) => t.isFunction)) continue;
        for (let m = 1; m <= LONGEST_GAP; m++) {
          const offered = there.slice(0, m);
          if (!sameWords(there.slice(m, m + CONTEXT), right) || offered.some((t) => t.kind !== 'word') || sameWords(offered, gap)) continue;
          const run = trimmedRun(gap, offered);
          if (run) runs.set(`${run.a[0]}:${run.a[1]}:${run.b[0]}:${run.b[1]}`, run);
        }
      }
    }
  }
  return [...runs.values()];
}

function readCopy(exam: Examination, other: string, options: InspectOptions, lexicon: Lexicon): CopyReading {
  const otherExam = examine(other, options);
  const alignment = align(exam.doc, otherExam.doc, lexicon);
  const aligned = differingRuns(exam.doc, otherExam.doc, alignment);
  // Shared context speaks where alignment did not pair words in place.
  const pinned = contextRuns(exam.doc, otherExam.doc).filter((r) => !aligned.some((x) => x.anchored && r.a[0] < x.a[1] && x.a[0] < r.a[1]));
  const offers = [...aligned, ...pinned].map((run) => {
    const bSpan = spanOf(otherExam, run.b);
    const wording = run.b[1] > run.b[0] ? other.slice(bSpan[0], bSpan[1]).replace(/\s+/g, ' ') : '';
    const suspicion = wording === '' ? 0 : suspicionAt(otherExam, bSpan);
    return { span: spanOf(exam, run.a), range: run.a, wording, suspicion, anchored: run.anchored, pinned: run.pinned === true };
  });
  const inPlace = aligned.some((o) => o.anchored);
  return { offers, covered: inPlace ? alignment.passages.map((p) => p.a) : [] };
}

export function gatherSlots(exam: Examination, others: readonly string[], options: InspectOptions, lexicon: Lexicon): Slot[] {
  const readings = others.map((other) => readCopy(exam, other, options, lexicon));
  const slots = new Map<string, Slot>();
  for (const reading of readings) {
    // A copy votes once for a wording of a place, though alignment and shared context both offer it.
    const voted = new Set<string>();
    for (const { span, range, wording, suspicion, anchored, pinned } of reading.offers) {
      const key = `${span[0]}:${span[1]}`;
      const written = exam.doc.original.slice(span[0], span[1]);
      if (pinned ? !akin(written, wording, lexicon) : !anchored && !sameMeaning(written, wording, lexicon)) continue;
      if (voted.has(`${key} ${wording.toLowerCase()}`)) continue;
      voted.add(`${key} ${wording.toLowerCase()}`);
      const slot = slots.get(key) ?? { span, range, written, keep: 0, offers: new Map<string, Offer>() };
      slots.set(key, slot);
      const offer = slot.offers.get(wording.toLowerCase()) ?? { text: wording, votes: 0, suspicion: 0 };
      offer.votes += 1;
      offer.suspicion = Math.max(offer.suspicion, suspicion);
      slot.offers.set(wording.toLowerCase(), offer);
    }
  }
  // A copy whose aligned passage runs over a slot without offering anything there keeps the text's wording.
  for (const slot of slots.values()) {
    for (const reading of readings) {
      const offered = reading.offers.some((o) => overlaps(o.span, slot.span));
      if (!offered && reading.covered.some((c) => overlaps(c, slot.span))) slot.keep++;
    }
  }
  return [...slots.values()];
}

export const words = (phrase: string): string[] => phrase.toLowerCase().split(/[^\p{L}\p{N}']+/u).filter(Boolean);
const contentWords = (phrase: string): string[] => words(phrase).filter((w) => !FUNCTION_WORDS.has(w));

/**
 * Where shared context pins a gap down, a weaker test: some content word of each side is kin to one of the other's
 * (WordNet-linked or close vectors: "point out" and "state").
 */
function akin(written: string, offered: string, lexicon: Lexicon): boolean {
  // A side of function words alone ("extra" and "more") is compared word for word.
  const meaningful = (phrase: string): string[] => (contentWords(phrase).length > 0 ? contentWords(phrase) : words(phrase));
  const b = meaningful(offered);
  return meaningful(written).some((x) => b.some((y) => lexicon.kinship(x, y) !== 'none'));
}

/**
 * A swap keeps the meaning: one content word for a WordNet synonym or a close word, or a phrase for one whose
 * words mean nearly the same (close mean vectors). Aligned copies also differ where a rewriter changed the
 * sense or where the alignment slipped.
 */
function sameMeaning(written: string, offered: string, lexicon: Lexicon): boolean {
  const a = words(written);
  const b = words(offered);
  if (a.length === 1 && b.length === 1) {
    const [x = '', y = ''] = [a[0], b[0]];
    if (FUNCTION_WORDS.has(x) || FUNCTION_WORDS.has(y)) return false;
    return lexicon.kinship(x, y) === 'synonym' || (lexicon.similarity(x, y) ?? 0) >= WORD_SIMILARITY;
  }
  const va = phraseVector(contentWords(written), lexicon);
  const vb = phraseVector(contentWords(offered), lexicon);
  return va !== undefined && vb !== undefined && cosine(va, vb) >= PHRASE_SIMILARITY;
}

