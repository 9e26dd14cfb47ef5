import { align, editCounts } from '../align/index.js';
import type { Alignment, TokenRange } from '../align/types.js';
import { cosine, phraseVector } from '../lexicon/phrase-vector.js';
import type { Lexicon } from '../lexicon/types.js';
import { FUNCTION_WORDS } from '../text/function-words.js';
import type { Analysis, Span } from '../text/types.js';
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

/** The detector's strongest belief that some word in the span is a spinner's. */
export function suspicionAt(exam: Examination, span: Span): number {
  let most = 0;
  for (const { candidate, probability } of exam.scored) {
    const start = exam.doc.tokens[candidate.first]?.span[0] ?? 0;
    const end = exam.doc.tokens[candidate.last - 1]?.span[1] ?? 0;
    if (probability > most && overlaps([start, end], span)) most = probability;
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
  readonly offers: Array<{ span: Span; range: TokenRange; wording: string; suspicion: number; anchored: boolean }>;
  /** Where a copy made word for word runs alongside the text (and so keeps its wording unless it offers another). */
  readonly covered: readonly Span[];
}

function readCopy(exam: Examination, other: string, options: InspectOptions, lexicon: Lexicon): CopyReading {
  const otherExam = examine(other, options);
  const alignment = align(exam.doc, otherExam.doc, lexicon);
  const offers = differingRuns(exam.doc, otherExam.doc, alignment).map((run) => {
    const bSpan = spanOf(otherExam, run.b);
    const wording = run.b[1] > run.b[0] ? other.slice(bSpan[0], bSpan[1]).replace(/\s+/g, ' ') : '';
    const suspicion = wording === '' ? 0 : suspicionAt(otherExam, bSpan);
    return { span: spanOf(exam, run.a), range: run.a, wording, suspicion, anchored: run.anchored };
  });
  const inPlace = offers.some((o) => o.anchored);
  return { offers, covered: inPlace ? alignment.passages.map((p) => p.a) : [] };
}

export function gatherSlots(exam: Examination, others: readonly string[], options: InspectOptions, lexicon: Lexicon): Slot[] {
  const readings = others.map((other) => readCopy(exam, other, options, lexicon));
  const slots = new Map<string, Slot>();
  for (const reading of readings) {
    for (const { span, range, wording, suspicion, anchored } of reading.offers) {
      const key = `${span[0]}:${span[1]}`;
      const written = exam.doc.original.slice(span[0], span[1]);
      if (!anchored && !sameMeaning(written, wording, lexicon)) continue;
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

