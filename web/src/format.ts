import type { Direction, MatchDirection, Relation } from './types';

export function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${count(n)} ${n === 1 ? word : many}`;
}

export function wordCount(text: string): number {
  const words = text.match(/\S+/g);
  return words ? words.length : 0;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** What each relation means, for a tooltip or a legend. */
export const RELATION_MEANING: Record<Relation, string> = {
  duplicate: 'the same text with minor edits',
  spun: 'word-for-word, with words swapped for synonyms',
  paraphrase: 'the same content reworded or restructured',
  partial: 'some passages derived, the rest not',
  related: 'the same topic or event, written independently',
  unrelated: 'nothing in common worth noting',
};

/** The direction as a sentence naming the two texts: "B was rewritten from A". */
export function directionSentence(direction: Direction, relation: Relation, derived: boolean, a: string, b: string): string {
  const verb = relation === 'duplicate' ? 'copied' : relation === 'partial' ? 'partly taken' : 'rewritten';
  switch (direction) {
    case 'b-from-a':
      return `${b} was ${verb} from ${a}`;
    case 'a-from-b':
      return `${a} was ${verb} from ${b}`;
    case 'common-source':
      return `Both were ${verb} from a common source`;
    case 'unknown':
      return derived ? 'Cannot tell which came first' : 'Neither was derived from the other';
  }
}

/** A search match's direction, from the query's side. */
export function matchDirection(direction: MatchDirection): string {
  switch (direction) {
    case 'query-from-match':
      return 'the query was derived from it';
    case 'match-from-query':
      return 'it was derived from the query';
    case 'common-source':
      return 'both derive from a common source';
    case 'unknown':
      return 'cannot tell which came first';
  }
}
