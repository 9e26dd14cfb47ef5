import type { Document } from '../../src/compare.js';
import type { Comparison } from '../../src/judge/types.js';
import type { Inspection } from '../../src/spin/types.js';

/** Span of the first occurrence of `phrase` in `text`. */
export function spanOf(text: string, phrase: string): [number, number] {
  const start = text.indexOf(phrase);
  if (start < 0) throw new Error(`"${phrase}" not in "${text}"`);
  return [start, start + phrase.length];
}

export const source: Document = {
  name: 'source.txt',
  text: 'Secretary of State Antony Blinken said Monday he failed to revive talks. The trip ended on Tuesday.\n\nAn unrelated closing line.',
};

export const copy: Document = {
  name: 'copy <b>.txt',
  text: 'Secretary of Point out Antony Blinken claimed Monday he failed to revive talks. The trip ended on Tuesday.',
};

/** A hand-made verdict: two passages, two swaps, as alignment would report them. */
export function spunComparison(): Comparison {
  const [a, b] = [source, copy];
  return {
    relation: 'spun',
    derived: true,
    direction: 'b-from-a',
    similarity: 0.8734,
    shared: { a: 0.8812, b: 0.8656 },
    explanation: 'B is A with words swapped for dictionary synonyms.',
    passages: [
      { a: spanOf(a.text, 'Secretary of State Antony Blinken said Monday he failed to revive talks.'), b: spanOf(b.text, 'Secretary of Point out Antony Blinken claimed Monday he failed to revive talks.'), relation: 'spun', similarity: 0.81234, sentenceLinks: 1 },
      { a: spanOf(a.text, 'The trip ended on Tuesday.'), b: spanOf(b.text, 'The trip ended on Tuesday.'), relation: 'verbatim', similarity: 1, sentenceLinks: 1 },
    ],
    substitutions: [
      { a: 'State', b: 'Point out', aSpan: spanOf(a.text, 'State'), bSpan: spanOf(b.text, 'Point out'), synonym: true },
      { a: 'said', b: 'claimed', aSpan: spanOf(a.text, 'said'), bSpan: spanOf(b.text, 'claimed'), synonym: true },
    ],
  };
}

/** A hand-made inspection of the copy: one finding over a swap and the name after it, one over "claimed". */
export function copyInspection(): Inspection {
  const [start, end] = spanOf(copy.text, 'Point out Antony');
  const [claimedStart, claimedEnd] = spanOf(copy.text, 'claimed');
  return {
    spun: true,
    spunProbability: 0.91,
    spinScore: 0.62,
    findings: [
      { start, end, text: 'Point out Antony', suggestion: 'State Antony', confidence: 0.912, evidence: '"Point out" is a sense-blind synonym of "State".' },
      { start: claimedStart, end: claimedEnd, text: 'claimed', suggestion: 'said', confidence: 0.55, evidence: '"said" fits better.' },
    ],
  };
}

export const cleanInspection: Inspection = { spun: false, spunProbability: 0.04, spinScore: 0.049, findings: [] };
