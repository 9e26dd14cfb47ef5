/**
 * The writer's own wording: what a copy keeps and an independent report of the same event does not. Two reporters
 * share the speaker's quotes, the names, the numbers and a few stock phrases; only a copy shares the sentences
 * around them word for word. So the wording is read outside quotation marks and page chrome, as runs of words.
 */
import type { Analysis } from '../text/types.js';

// Runs of this many words are the unit of shared wording: long enough that two writers rarely hit one by chance.
const RUN_WORDS = 4;

/** Token indices that lie between a pair of double quotes in their paragraph (a quotation may run over several sentences). */
export function quotedTokens(doc: Analysis): Set<number> {
  const quoted = new Set<number>();
  let inside = false;
  for (const s of doc.sentences) {
    if (s.paragraphStart) inside = false;
    for (let i = s.tokens[0]; i < s.tokens[1]; i++) {
      if (doc.tokens[i]?.text === '"') inside = !inside;
      else if (inside) quoted.add(i);
    }
  }
  return quoted;
}

/** The writer's words, lower-cased, in stretches broken at every quotation and every line of chrome. */
function ownStretches(doc: Analysis): string[][] {
  const quoted = quotedTokens(doc);
  const stretches: string[][] = [];
  let current: string[] = [];
  const breakStretch = (): void => {
    if (current.length > 0) stretches.push(current);
    current = [];
  };
  for (const s of doc.sentences) {
    if (s.chrome) {
      breakStretch();
      continue;
    }
    for (let i = s.tokens[0]; i < s.tokens[1]; i++) {
      const t = doc.tokens[i];
      if (!t || t.text === '"' || quoted.has(i)) breakStretch();
      else if (t.kind !== 'punct') current.push(t.lower);
    }
  }
  breakStretch();
  return stretches;
}

/** Every run of RUN_WORDS words of the writer's own, with where it stands (stretch, position). */
function runsOf(doc: Analysis): Array<{ key: string; stretch: number; at: number }> {
  return ownStretches(doc).flatMap((words, stretch) =>
    words.slice(0, Math.max(0, words.length - RUN_WORDS + 1)).map((_, at) => ({ key: words.slice(at, at + RUN_WORDS).join(' '), stretch, at })),
  );
}

/** How much of each text's own wording the other repeats. */
export interface SharedWording {
  /** Share of A's word runs (outside quotes and chrome) found in B, and the reverse. */
  readonly a: number;
  readonly b: number;
  /** The longest stretch of consecutive own words the two texts share, in words (0 when none). */
  readonly longestRun: number;
}

export function sharedWording(a: Analysis, b: Analysis): SharedWording {
  const runsA = runsOf(a);
  const runsB = runsOf(b);
  const placesInB = new Map<string, Array<{ stretch: number; at: number }>>();
  for (const r of runsB) {
    const places = placesInB.get(r.key);
    if (places) places.push(r);
    else placesInB.set(r.key, [r]);
  }
  const keysA = new Set(runsA.map((r) => r.key));
  let foundA = 0;
  for (const r of runsA) if (placesInB.has(r.key)) foundA++;
  let foundB = 0;
  for (const r of runsB) if (keysA.has(r.key)) foundB++;
  // Consecutive runs matched on one diagonal make one shared stretch: its length counts runs, plus the words of one run.
  let longest = 0;
  let previous = new Map<string, number>();
  let previousPlace = { stretch: -1, at: -2 };
  for (const r of runsA) {
    const follows = r.stretch === previousPlace.stretch && r.at === previousPlace.at + 1;
    const current = new Map<string, number>();
    for (const p of placesInB.get(r.key) ?? []) {
      const chain = (follows ? (previous.get(`${p.stretch}:${p.at - 1}`) ?? 0) : 0) + 1;
      current.set(`${p.stretch}:${p.at}`, chain);
      longest = Math.max(longest, chain);
    }
    previous = current;
    previousPlace = r;
  }
  return {
    a: runsA.length > 0 ? foundA / runsA.length : 0,
    b: runsB.length > 0 ? foundB / runsB.length : 0,
    longestRun: longest > 0 ? longest + RUN_WORDS - 1 : 0,
  };
}
