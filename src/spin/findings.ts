import { matchCase } from '../text/case.js';
import { partsOfSpeech, type PartOfSpeech } from '../text/parts-of-speech.js';
import type { Analysis, Token } from '../text/types.js';
import type { Candidate } from './candidates.js';
import type { SwapTable } from './swap-table.js';
import type { FluencySwap } from './fluency.js';
import type { Finding } from './types.js';

/** A candidate the model believes, with its probability. */
export interface Suspect {
  readonly candidate: Candidate;
  readonly probability: number;
}

/** A word the language model reads as a spinner's swap on a page that reads spun (see fluency.ts). */
export interface FluentSuspect {
  readonly swap: FluencySwap;
  /** The chance that the word is the spinner's, given the page is spun, times the chance that it is. */
  readonly probability: number;
  /** On a text that reads spun, likelier the spinner's than not: a finding, with the choice model's original as its suggestion. */
  readonly believed: boolean;
  /** Sure enough of the original to restore with no other copy at hand (page-verdict.ts, choice.restoreFrom). */
  readonly restorable: boolean;
}

/** A phrase found word for word in the spin lexicon. */
export interface ListedPhrase {
  readonly first: number;
  readonly last: number;
  readonly expected: string;
  readonly count: number;
}

const LISTED_CONFIDENCE = 0.97;
const SECONDARY_SHARE = 0.6;
const SURE_ON_ITS_OWN = 0.5;
const MOSTLY_SPUN = 0.5;
/** A fit gain (nats) worth naming in the evidence. */
const CLEAR_FIT_GAIN = 2;
const CLEAR_COHERENCE_GAIN = 0.05;
/** A finding takes in neighbouring words of the phrase up to this many words in all. */
const LONGEST_FINDING = 5;

/** Every stretch of words that a spin lexicon lists as a tortured phrase, longest first, not overlapping. */
export function listedPhrases(doc: Analysis, table: SwapTable): ListedPhrase[] {
  const found: ListedPhrase[] = [];
  const taken = new Set<number>();
  const longest = Math.min(table.longestPhrase, 8);
  for (const sentence of doc.sentences) {
    const [from, to] = sentence.tokens;
    for (let i = from; i < to; i++) {
      for (let n = Math.min(longest, to - i); n >= 1; n--) {
        const words = doc.tokens.slice(i, i + n);
        if (words.some((t) => taken.has(t.index)) || words[0]?.kind !== 'word') continue;
        const listed = table.phrase(phraseKey(words));
        if (!listed || (n === 1 && words[0]?.isFunction)) continue;
        found.push({ first: i, last: i + n, ...listed });
        for (const t of words) taken.add(t.index);
        break;
      }
    }
  }
  return found;
}

/** How a list spells a run of tokens: lower-case words, hyphens kept tight ("k-closest neighbors"). */
function phraseKey(tokens: readonly Token[]): string {
  let key = '';
  tokens.forEach((t, i) => {
    const previous = tokens[i - 1];
    const tight = previous !== undefined && (t.lower === '-' || previous.lower === '-');
    key += (i === 0 || tight ? '' : ' ') + t.lower;
  });
  return key;
}

function evidenceFor(candidate: Candidate, table: SwapTable | undefined): string {
  const parts: string[] = [];
  const { unit, original } = candidate;
  if (candidate.fromList) {
    const profile = table?.wordProfile(unit);
    const weight = profile?.originals.get(original) ?? 0;
    parts.push(`the spin lexicon shows "${unit}" written for "${original}" (weight ${weight.toFixed(1)})`);
  }
  if (candidate.expressionText) {
    const source = candidate.expressionSource === 'wordnet' ? 'a set expression in WordNet' : 'a common expression in the spin lexicon';
    parts.push(`swapping it back gives "${candidate.expressionText.toLowerCase()}", ${source}`);
  }
  if (candidate.fromWordNet && !candidate.fromList) parts.push(`"${original}" is a WordNet synonym of "${unit}", as a sense-blind spinner would use`);
  if (candidate.fitGain >= CLEAR_FIT_GAIN) parts.push(`"${original}" is far likelier between its neighbouring words`);
  if (candidate.coherenceGain > CLEAR_COHERENCE_GAIN) parts.push(`"${original}" fits the topic of the sentence better than "${unit}"`);
  return parts.length > 0 ? `${parts.join('; ')}.` : `"${unit}" reads like a spinner's synonym for "${original}".`;
}

interface Draft {
  first: number;
  last: number;
  confidence: number;
  evidence: string;
  /** Token ranges to replace, what with, and how sure. */
  swaps: Swap[];
  /** Backed by the language model alone, unsure of the original (see Finding.guess). */
  guess: boolean;
}

interface Swap {
  readonly first: number;
  readonly last: number;
  readonly to: string;
  readonly probability: number;
  /** The spin lexicon's share of the word's uses that were a spinner's (0 without a list). */
  readonly spunShare: number;
}

const swapOf = (candidate: Candidate, probability: number): Swap => ({
  first: candidate.first,
  last: candidate.last,
  to: candidate.original,
  probability,
  spunShare: candidate.spunShare,
});

/** Words of the noun phrase a suspect word stands in, which a finding takes in so that its suggestion reads whole. */
const PHRASE_PARTS: ReadonlySet<PartOfSpeech | undefined> = new Set(['NOUN', 'ADJ', 'PROPN']);

function canJoin(token: Token | undefined, part: PartOfSpeech | undefined): boolean {
  if (!token) return false;
  return token.lower === '-' || (token.kind === 'word' && !token.isFunction && PHRASE_PARTS.has(part));
}

function draftOf(doc: Analysis, suspect: Suspect, parts: readonly (PartOfSpeech | undefined)[], table: SwapTable | undefined): Draft {
  const { candidate } = suspect;
  let [first, last] = candidate.expression ?? [candidate.first, candidate.last];
  if (!candidate.expression) {
    const sentence = doc.sentences[doc.tokens[first]?.sentence ?? 0];
    const [from, to] = sentence?.tokens ?? [first, last];
    while (first > from && last - first < LONGEST_FINDING && canJoin(doc.tokens[first - 1], parts[first - 1])) first--;
    while (last < to && last - first < LONGEST_FINDING && canJoin(doc.tokens[last], parts[last])) last++;
    while (doc.tokens[first]?.lower === '-' && first < candidate.first) first++;
    while (doc.tokens[last - 1]?.lower === '-' && last > candidate.last) last--;
  }
  return {
    first,
    last,
    confidence: suspect.probability,
    evidence: evidenceFor(candidate, table),
    swaps: [swapOf(candidate, suspect.probability)],
    guess: false,
  };
}

/**
 * The swaps a finding makes: its surest one, and the others only where they are sure on their own or the word is
 * mostly a spinner's. A word of a spun phrase is often the author's ("neural" in "counterfeit neural network").
 */
function surest(swaps: readonly Swap[]): Swap[] {
  const best = Math.max(...swaps.map((s) => s.probability));
  return swaps.filter((s) => s.probability === best || s.probability >= SURE_ON_ITS_OWN || s.spunShare >= MOSTLY_SPUN);
}

function render(original: string, doc: Analysis, draft: Draft): { start: number; end: number; text: string; suggestion: string } {
  const start = doc.tokens[draft.first]?.span[0] ?? 0;
  const end = doc.tokens[draft.last - 1]?.span[1] ?? start;
  let suggestion = original.slice(start, end);
  for (const swap of [...draft.swaps].sort((x, y) => y.first - x.first)) {
    const from = (doc.tokens[swap.first]?.span[0] ?? start) - start;
    const to = (doc.tokens[swap.last - 1]?.span[1] ?? end) - start;
    suggestion = suggestion.slice(0, from) + matchCase(suggestion.slice(from, to), swap.to) + suggestion.slice(to);
  }
  return { start, end, text: original.slice(start, end), suggestion };
}

function fluentDraft({ swap, probability, restorable }: FluentSuspect): Draft {
  const times = 10 ** swap.gain;
  const reads = times >= 1000 ? 'reads over a thousand times likelier' : times >= 1.5 ? `reads ${Math.round(times)} times likelier` : 'reads about as likely';
  return {
    first: swap.token,
    last: swap.last,
    confidence: probability,
    evidence: `the text reads as a spinner's, and its sentence ${reads} with "${swap.alternative}", a synonym of "${swap.written}" in ${swap.source === 'wordnet' ? 'WordNet' : 'the Moby thesaurus'}, to CMU's trigram model.`,
    swaps: [{ first: swap.token, last: swap.last, to: swap.alternative, probability, spunShare: 0 }],
    guess: !restorable,
  };
}

/**
 * Scored candidates, listed phrases and the language model's suspects on a spun page → findings. Candidates from the
 * threshold up become findings, then the language model's suspects where no candidate is; overlapping ones merge;
 * inside a finding, weaker candidates the spin lexicon backs, down to SECONDARY_SHARE of the threshold, swap back too
 * (once a phrase is known to be spun, its other words need less evidence).
 */
export function assembleFindings(
  original: string,
  doc: Analysis,
  scored: readonly Suspect[],
  threshold: number,
  listed: readonly ListedPhrase[],
  table: SwapTable | undefined,
  fluent: readonly FluentSuspect[] = [],
): Finding[] {
  const suspects = scored.filter((s) => s.probability >= threshold);
  const drafts: Draft[] = listed.map((l) => ({
    first: l.first,
    last: l.last,
    confidence: LISTED_CONFIDENCE,
    evidence: `listed in the spin lexicon as a tortured form of "${l.expected}"${l.count > 1 ? ` (seen ${l.count} times)` : ''}.`,
    swaps: [{ first: l.first, last: l.last, to: l.expected, probability: LISTED_CONFIDENCE, spunShare: 1 }],
    guess: false,
  }));
  const parts = suspects.length > 0 ? partsOfSpeech(original, doc.tokens) : [];
  const covered = (s: Suspect): boolean => drafts.some((d) => s.candidate.first < d.last && s.candidate.last > d.first);
  // Strongest first, so that of two overlapping readings of one word the likelier wins.
  for (const suspect of [...suspects].sort((x, y) => y.probability - x.probability)) {
    if (!covered(suspect)) drafts.push(draftOf(doc, suspect, parts, table));
  }
  for (const suspect of fluent) {
    if (!drafts.some((d) => suspect.swap.token < d.last && suspect.swap.last > d.first)) drafts.push(fluentDraft(suspect));
  }
  drafts.sort((x, y) => x.first - y.first);

  const merged: Draft[] = [];
  for (const draft of drafts) {
    const previous = merged[merged.length - 1];
    const sameSentence = previous && doc.tokens[previous.first]?.sentence === doc.tokens[draft.first]?.sentence;
    if (previous && sameSentence && draft.first <= previous.last) {
      previous.last = Math.max(previous.last, draft.last);
      previous.guess &&= draft.guess;
      previous.swaps.push(...draft.swaps.filter((s) => !previous.swaps.some((p) => s.first < p.last && s.last > p.first)));
      if (draft.confidence > previous.confidence) {
        previous.confidence = draft.confidence;
        previous.evidence = draft.evidence;
      }
    } else {
      merged.push({ ...draft, swaps: [...draft.swaps] });
    }
  }
  for (const draft of merged) {
    for (const { candidate, probability } of scored) {
      const inside = candidate.first >= draft.first && candidate.last <= draft.last;
      const free = !draft.swaps.some((s) => candidate.first < s.last && candidate.last > s.first);
      if (inside && free && candidate.fromList && probability >= threshold * SECONDARY_SHARE) {
        draft.swaps.push(swapOf(candidate, probability));
      }
    }
  }
  return merged.map((d) => ({
    ...render(original, doc, { ...d, swaps: surest(d.swaps) }),
    confidence: Math.round(d.confidence * 1000) / 1000,
    evidence: d.evidence,
    ...(d.guess ? { guess: true as const } : {}),
  }));
}
