import { EDGE, loadBigrams, type Bigrams } from '../lexicon/bigrams.js';
import { loadLexicon } from '../lexicon/index.js';
import type { Lexicon } from '../lexicon/types.js';
import { matchCase } from '../text/case.js';
import type { Analysis } from '../text/types.js';
import { gatherSlots, overlaps, suspicionAt, words, type Offer, type Slot } from './copies.js';
import { examine, type Examination, type InspectOptions } from './detect.js';
import type { Finding, RestoreChange, Restoration } from './types.js';

export interface RestoreOptions extends InspectOptions {
  /** Other copies of the same source (other spins, paraphrases, scrapes), as text. */
  readonly others?: readonly string[];
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
 * The most likely original wording of a spun text. Alone, the detector's findings are applied (but not the guesses: see Finding.guess); with
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
    if (f.guess || slots.some((s) => overlaps(s.span, [f.start, f.end]))) continue;
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
