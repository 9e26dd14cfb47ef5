import { align } from '../align/index.js';
import type { Alignment, TokenRange } from '../align/types.js';
import { loadLexicon } from '../lexicon/index.js';
import type { Lexicon } from '../lexicon/types.js';
import { matchCase } from '../text/case.js';
import type { Span } from '../text/types.js';
import { examine, type Examination, type InspectOptions } from './detect.js';
import type { Finding, RestoreChange, Restoration } from './types.js';

export interface RestoreOptions extends InspectOptions {
  /** Other copies of the same source (other spins, paraphrases, scrapes), as text. */
  readonly others?: readonly string[];
}

/** One place of the text where the copies disagree, and each wording they offer. */
interface Slot {
  readonly span: Span;
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

/** Weights of the vote: agreement first, then not looking spun, then being the commoner wording. */
const AGREEMENT = 1;
const CLEANLINESS = 1.5;
const COMMONNESS = 0.3;
const DETECTOR_AGREES = 1;

/** Longest stretch, in tokens on either side, that counts as a swap rather than rewording. */
const LONGEST_SWAP = 5;

/** The stretches where two aligned sentences differ: runs of edits between words they share. */
function differingRuns(alignment: Alignment): Array<{ a: TokenRange; b: TokenRange }> {
  const runs: Array<{ a: TokenRange; b: TokenRange }> = [];
  for (const link of alignment.links) {
    let run: { a: TokenRange; b: TokenRange } | undefined;
    for (const edit of [...link.edits, undefined]) {
      if (edit && edit.op !== 'equal') {
        run = run
          ? { a: [Math.min(run.a[0], edit.a[0]), Math.max(run.a[1], edit.a[1])], b: [Math.min(run.b[0], edit.b[0]), Math.max(run.b[1], edit.b[1])] }
          : { a: [...edit.a], b: [...edit.b] };
        continue;
      }
      const short = run && run.a[1] - run.a[0] <= LONGEST_SWAP && run.b[1] - run.b[0] <= LONGEST_SWAP;
      // A word only one side has is not a swap of wording: there is nothing to put in its place, or nowhere.
      if (run && short && run.a[1] > run.a[0] && run.b[1] > run.b[0]) runs.push(run);
      run = undefined;
    }
  }
  return runs;
}

function spanOf(exam: Examination, range: TokenRange): Span {
  return [exam.doc.tokens[range[0]]?.span[0] ?? 0, exam.doc.tokens[range[1] - 1]?.span[1] ?? 0];
}

/** What one other copy says: the wording it has where it differs from the text, and where it runs alongside. */
interface CopyReading {
  readonly offers: Array<{ span: Span; wording: string; suspicion: number }>;
  readonly covered: readonly Span[];
}

function readCopy(exam: Examination, other: string, options: InspectOptions, lexicon: Lexicon): CopyReading {
  const otherExam = examine(other, options);
  const alignment = align(exam.doc, otherExam.doc, lexicon);
  const offers = differingRuns(alignment).map((run) => {
    const bSpan = spanOf(otherExam, run.b);
    return { span: spanOf(exam, run.a), wording: other.slice(bSpan[0], bSpan[1]).replace(/\s+/g, ' '), suspicion: suspicionAt(otherExam, bSpan) };
  });
  return { offers, covered: alignment.passages.map((p) => p.a) };
}

function gatherSlots(exam: Examination, others: readonly string[], options: InspectOptions, lexicon: Lexicon): Slot[] {
  const readings = others.map((other) => readCopy(exam, other, options, lexicon));
  const slots = new Map<string, Slot>();
  for (const reading of readings) {
    for (const { span, wording, suspicion } of reading.offers) {
      const key = `${span[0]}:${span[1]}`;
      const slot = slots.get(key) ?? { span, written: exam.doc.original.slice(span[0], span[1]), keep: 0, offers: new Map<string, Offer>() };
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

function decide(slot: Slot, exam: Examination, findings: readonly Finding[], lexicon: Lexicon): RestoreChange | undefined {
  const suggestions = new Set(findings.filter((f) => overlaps([f.start, f.end], slot.span)).map((f) => f.suggestion.toLowerCase()));
  const ownRarity = rarity(slot.written, lexicon);
  const score = (votes: number, suspicion: number, wording: string): number =>
    AGREEMENT * votes +
    CLEANLINESS * (1 - suspicion) +
    COMMONNESS * (ownRarity - rarity(wording, lexicon)) +
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
      `${best.offer.votes} of the other copies read "${best.offer.text}" here` +
      (slot.keep > 0 ? ` (${slot.keep} keep "${slot.written}")` : '') +
      (suggestions.has(best.offer.text.toLowerCase()) ? ', and the detector suggests it too' : '') +
      (suspicionAt(exam, slot.span) >= 0.5 ? `; "${slot.written}" looks like a spinner's swap` : '') +
      '.',
  };
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
  const slots = gatherSlots(exam, options.others ?? [], { ...options, lexicon }, lexicon);
  const changes: RestoreChange[] = slots.flatMap((slot) => decide(slot, exam, findings, lexicon) ?? []);
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
  return { text: applyChanges(text, kept), changes: kept };
}
