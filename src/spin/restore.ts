import { align, editCounts } from '../align/index.js';
import type { Alignment, Edit, TokenRange } from '../align/types.js';
import { EDGE, loadBigrams, type Bigrams } from '../lexicon/bigrams.js';
import { loadLexicon } from '../lexicon/index.js';
import type { Lexicon } from '../lexicon/types.js';
import { matchCase } from '../text/case.js';
import { FUNCTION_WORDS } from '../text/function-words.js';
import type { Analysis, Span } from '../text/types.js';
import { examine, type Examination, type InspectOptions } from './detect.js';
import type { Finding, RestoreChange, Restoration } from './types.js';

export interface RestoreOptions extends InspectOptions {
  /** Other copies of the same source (other spins, paraphrases, scrapes), as text. */
  readonly others?: readonly string[];
}

/** One place of the text where the copies disagree, and each wording they offer. */
interface Slot {
  readonly span: Span;
  /** The slot's tokens in the text, [start, end). */
  readonly range: TokenRange;
  readonly written: string;
  /** Copies that keep the text's own wording here. */
  keep: number;
  readonly offers: Map<string, Offer>;
}

interface Offer {
  readonly text: string;
  votes: number;
  /** 0–1: how much the wording itself looks like a spinner's (the detector's belief in the copy it came from). */
  suspicion: number;
}

const overlaps = (x: Span, y: Span): boolean => x[0] < y[1] && y[0] < x[1];

/** The detector's strongest belief that some word in the span is a spinner's. */
function suspicionAt(exam: Examination, span: Span): number {
  let most = 0;
  for (const { candidate, probability } of exam.scored) {
    const start = exam.doc.tokens[candidate.first]?.span[0] ?? 0;
    const end = exam.doc.tokens[candidate.last - 1]?.span[1] ?? 0;
    if (probability > most && overlaps([start, end], span)) most = probability;
  }
  return most;
}

/** Rarer words are a spinner's hallmark: mean log frequency rank of the wording's words. */
function rarity(wording: string, lexicon: Lexicon): number {
  const ranks = wording
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean)
    .map((w) => Math.log10(lexicon.rank(w) ?? 1e6));
  return ranks.length === 0 ? 0 : ranks.reduce((s, r) => s + r, 0) / ranks.length;
}

/** Weights of the vote: agreement first, then not looking spun, then being the usual, commoner wording. */
const AGREEMENT = 1;
const CLEANLINESS = 1.5;
const COMMONNESS = 0.3;
const DETECTOR_AGREES = 1;
const USUALNESS = 0.3;
const EXPRESSION_BONUS = 2;
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
function differingRuns(doc: Analysis, alignment: Alignment): Run[] {
  const runs: Run[] = [];
  // A spun or copied text keeps its words in place, so a difference between kept words is a swap; in a
  // paraphrase such a difference may be a moved phrase ("right after" against "last year after").
  const counts = editCounts(doc, alignment.links.flatMap((l) => l.edits));
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
  const offers = differingRuns(exam.doc, alignment).map((run) => {
    const bSpan = spanOf(otherExam, run.b);
    const wording = run.b[1] > run.b[0] ? other.slice(bSpan[0], bSpan[1]).replace(/\s+/g, ' ') : '';
    const suspicion = wording === '' ? 0 : suspicionAt(otherExam, bSpan);
    return { span: spanOf(exam, run.a), range: run.a, wording, suspicion, anchored: run.anchored };
  });
  const inPlace = offers.some((o) => o.anchored);
  return { offers, covered: inPlace ? alignment.passages.map((p) => p.a) : [] };
}

function gatherSlots(exam: Examination, others: readonly string[], options: InspectOptions, lexicon: Lexicon): Slot[] {
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

const words = (phrase: string): string[] => phrase.toLowerCase().split(/[^\p{L}\p{N}']+/u).filter(Boolean);
const contentWords = (phrase: string): string[] => words(phrase).filter((w) => !FUNCTION_WORDS.has(w));

/** Mean vector of a phrase's content words, unit length; undefined when none has one. */
function phraseVector(phrase: string, lexicon: Lexicon): Float32Array | undefined {
  let sum: Float32Array | undefined;
  for (const word of contentWords(phrase)) {
    const v = lexicon.vector(word);
    if (!v) continue;
    sum ??= new Float32Array(v.length);
    for (let d = 0; d < v.length; d++) sum[d] = (sum[d] ?? 0) + (v[d] ?? 0);
  }
  if (!sum) return undefined;
  const norm = Math.hypot(...sum) || 1;
  return sum.map((x) => x / norm);
}

/**
 * A swap keeps the meaning: one content word for a WordNet synonym or a close word, or a phrase for one whose
 * words mean nearly the same (close mean vectors). Aligned copies also differ where a rewriter changed the sense or the alignment slipped.
 */
function sameMeaning(written: string, offered: string, lexicon: Lexicon): boolean {
  const a = words(written);
  const b = words(offered);
  if (a.length === 1 && b.length === 1) {
    const [x = '', y = ''] = [a[0], b[0]];
    if (FUNCTION_WORDS.has(x) || FUNCTION_WORDS.has(y)) return false;
    return lexicon.kinship(x, y) === 'synonym' || (lexicon.similarity(x, y) ?? 0) >= WORD_SIMILARITY;
  }
  const va = phraseVector(written, lexicon);
  const vb = phraseVector(offered, lexicon);
  if (!va || !vb) return false;
  let dot = 0;
  for (let d = 0; d < va.length; d++) dot += (va[d] ?? 0) * (vb[d] ?? 0);
  return dot >= PHRASE_SIMILARITY;
}

/**
 * How usual a wording is in the slot: the bigram model's log-probability of it between the neighbouring words, plus
 * a bonus when it makes a set expression with them ("Secretary of State", not "Secretary of Point out").
 */
function usualness(slot: Slot, wording: string, doc: Analysis, lexicon: Lexicon, bigrams: Bigrams): number {
  const inside = words(wording);
  const before = doc.tokens[slot.range[0] - 1];
  const after = doc.tokens[slot.range[1]];
  const sameSentence = (t: typeof before): boolean => t !== undefined && t.kind === 'word' && t.sentence === doc.tokens[slot.range[0]]?.sentence;
  const fit = bigrams.fit(sameSentence(before) ? (before?.lower ?? EDGE) : EDGE, inside, sameSentence(after) ? (after?.lower ?? EDGE) : EDGE);
  const left = doc.tokens.slice(Math.max(0, slot.range[0] - 2), slot.range[0]).filter(sameSentence).map((t) => t.lemma);
  const right = doc.tokens.slice(slot.range[1], slot.range[1] + 2).filter(sameSentence).map((t) => t.lemma);
  const middle = inside.map((w) => lexicon.lemma(w));
  let expression = false;
  for (let l = 0; l <= left.length && !expression; l++) {
    for (let r = 0; r <= right.length && !expression; r++) {
      if (l + r > 0) expression = lexicon.isExpression([...left.slice(left.length - l), ...middle, ...right.slice(0, r)].join(' '));
    }
  }
  return fit + (expression ? EXPRESSION_BONUS : 0);
}

function decide(slot: Slot, exam: Examination, findings: readonly Finding[], lexicon: Lexicon, bigrams: Bigrams): RestoreChange | undefined {
  const suggestions = new Set(findings.filter((f) => overlaps([f.start, f.end], slot.span)).map((f) => f.suggestion.toLowerCase()));
  const ownRarity = rarity(slot.written, lexicon);
  const ownUsualness = usualness(slot, slot.written, exam.doc, lexicon, bigrams);
  const score = (votes: number, suspicion: number, wording: string): number =>
    AGREEMENT * votes +
    CLEANLINESS * (1 - suspicion) +
    COMMONNESS * (ownRarity - rarity(wording, lexicon)) +
    USUALNESS * (usualness(slot, wording, exam.doc, lexicon, bigrams) - ownUsualness) +
    (suggestions.has(wording.toLowerCase()) ? DETECTOR_AGREES : 0);
  const own = score(1 + slot.keep, suspicionAt(exam, slot.span), slot.written);
  let best: { offer: Offer; score: number } | undefined;
  for (const offer of slot.offers.values()) {
    const s = score(offer.votes, offer.suspicion, offer.text);
    if (!best || s > best.score) best = { offer, score: s };
  }
  if (!best || best.score <= own) return undefined;
  const margin = best.score - own;
  return {
    start: slot.span[0],
    end: slot.span[1],
    from: slot.written,
    to: matchCase(slot.written, best.offer.text),
    confidence: Math.round((1 - Math.exp(-2 * margin)) * 1000) / 1000,
    source: 'copies',
    evidence:
      (best.offer.text === ''
        ? `${best.offer.votes} of the other copies leave "${slot.written}" out`
        : `${best.offer.votes} of the other copies read "${best.offer.text}" here`) +
      (slot.keep > 0 ? ` (${slot.keep} keep "${slot.written}")` : '') +
      (suggestions.has(best.offer.text.toLowerCase()) ? ', and the detector suggests it too' : '') +
      (suspicionAt(exam, slot.span) >= 0.5 ? `; "${slot.written}" looks like a spinner's swap` : '') +
      '.',
  };
}

/** A dropped word takes the space before it along ("stalled right after" → "stalled after"). */
function dropSpace(text: string, change: RestoreChange): RestoreChange {
  if (change.to !== '' || text[change.start - 1] !== ' ') return change;
  return { ...change, start: change.start - 1, from: text.slice(change.start - 1, change.end) };
}

const ARTICLE_BEFORE = /\b(an?) $/i;
// Vowel letters that are not vowel sounds ("a unit", "a one-off") and silent h ("an hour") are rare in swaps; the letter decides.
const startsWithVowel = (word: string): boolean => /^[aeiou]/i.test(word);

/** "an irregular woodland" → "a random forest": a change that swaps a vowel start for a consonant takes its article along. */
function withArticle(text: string, change: RestoreChange): RestoreChange {
  const article = ARTICLE_BEFORE.exec(text.slice(Math.max(0, change.start - 3), change.start))?.[1];
  if (!article || startsWithVowel(change.from) === startsWithVowel(change.to)) return change;
  const wanted = startsWithVowel(change.to) ? 'an' : 'a';
  const cased = article[0] === 'A' ? wanted.charAt(0).toUpperCase() + wanted.slice(1) : wanted;
  const start = change.start - article.length - 1;
  return { ...change, start, from: text.slice(start, change.end), to: `${cased} ${change.to}` };
}

function applyChanges(text: string, changes: readonly RestoreChange[]): string {
  let out = '';
  let at = 0;
  for (const c of changes) {
    out += text.slice(at, c.start) + c.to;
    at = c.end;
  }
  return out + text.slice(at);
}

/**
 * The most likely original wording of a spun text. Alone, the detector's findings are applied; with
 * other copies of the same source, every place where the copies disagree is settled by agreement, by
 * not looking spun, and by being the commoner wording, and the findings fill the places no copy covers.
 */
export function restore(text: string, options: RestoreOptions = {}): Restoration {
  const lexicon = options.lexicon ?? loadLexicon();
  const exam = examine(text, { ...options, lexicon });
  const findings = exam.inspection.findings;
  // The other copies are read quietly: progress is about the text itself.
  const { onProgress, ...quiet } = options;
  const slots = gatherSlots(exam, options.others ?? [], { ...quiet, lexicon }, lexicon);
  const bigrams = loadBigrams();
  const changes: RestoreChange[] = slots.flatMap((slot) => decide(slot, exam, findings, lexicon, bigrams) ?? []);
  for (const f of findings) {
    if (slots.some((s) => overlaps(s.span, [f.start, f.end]))) continue;
    changes.push({ start: f.start, end: f.end, from: f.text, to: f.suggestion, confidence: f.confidence, evidence: f.evidence, source: 'inspection' });
  }
  // Where two changes overlap, the surer one stands.
  const kept: RestoreChange[] = [];
  for (const c of [...changes].sort((x, y) => y.confidence - x.confidence)) {
    if (!kept.some((k) => overlaps([k.start, k.end], [c.start, c.end]))) kept.push(c);
  }
  kept.sort((x, y) => x.start - y.start);
  const changed = kept.map((c) => withArticle(text, dropSpace(text, c)));
  return { text: applyChanges(text, changed), changes: changed };
}
