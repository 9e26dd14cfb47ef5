/**
 * Development data for the spin detector: the tortured-phrase list in ../shared, each phrase set in
 * neutral sentences of our own, folds split by expected phrase (a phrase and its variants never
 * straddle folds), and clean news sentences (MRPC) for false alarms.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readPairTable } from '../src/cli/pairs.js';
import { expectedWording } from '../src/spin/swap-table.js';
import type { SpinPair } from '../src/spin/types.js';

/** Neutral carriers of our own; `#` is where the phrase goes. */
export const CARRIERS = [
  'In this paper, we discuss # in some detail.',
  'The results show that # plays an important role.',
  'Several recent studies have focused on # for practical applications.',
  'We also compare # with earlier approaches.',
  'This section describes # and its main limitations.',
  'Table 2 summarizes # for each of the three cases.',
  'As shown below, # remains an open question.',
  'The authors report # as the main outcome of the trial.',
  'Our experiments rely on # throughout.',
  'Finally, # was measured at the end of each session.',
  'Previous work has reviewed # at length.',
  'It is well known that # matters in this setting.',
  'We then applied # to the second data set.',
  'A short overview of # is given in Section 3.',
  'None of the participants had heard of # before.',
  'Here # is treated as a special case.',
  'The main drawback of # is its cost.',
  'Figure 4 illustrates # on a small example.',
  'Little is known about # in older patients.',
  '# has been studied for decades.',
] as const;

export interface PlacedPhrase {
  readonly pair: SpinPair;
  readonly fold: number;
  /** The carrier sentence with the tortured phrase, and with the expected wording put back. */
  readonly spun: string;
  readonly clean: string;
  /** Character range of the phrase in `spun`. */
  readonly start: number;
  readonly end: number;
}

export function foldOf(expected: string, folds: number): number {
  return (createHash('md5').update(expectedWording(expected).toLowerCase()).digest()[0] ?? 0) % folds;
}

export function readTorturedList(path: string): SpinPair[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter((cells) => cells.length >= 2 && cells[0] && cells[1])
    .map(([tortured = '', expected = '', count = '1']) => ({ tortured, expected, count: Number(count) || 1 }));
}

/** Each pair in `copies` carriers (the i-th pair starts at carrier i, then every seventh one after). */
export function placePhrases(pairs: readonly SpinPair[], folds: number, copies = 1): PlacedPhrase[] {
  return pairs.flatMap((pair, i) => Array.from({ length: copies }, (_, c) => placeOne(pair, folds, CARRIERS[(i + 7 * c) % CARRIERS.length] ?? '#')));
}

function placeOne(pair: SpinPair, folds: number, carrier: string): PlacedPhrase {
  const at = carrier.indexOf('#');
  const fill = (phrase: string): string => {
    const text = carrier.replace('#', phrase);
    return at === 0 ? text.charAt(0).toUpperCase() + text.slice(1) : text;
  };
  return {
    pair,
    fold: foldOf(pair.expected, folds),
    spun: fill(pair.tortured),
    clean: fill(expectedWording(pair.expected)),
    start: at,
    end: at + pair.tortured.length,
  };
}

/** Distinct news sentences from MRPC (both sides), for false alarms on clean text. */
export function readNewsSentences(path: string, limit: number): string[] {
  const seen = new Set<string>();
  for (const row of readPairTable(path)) {
    for (const s of [row.a, row.b]) if (seen.size < limit) seen.add(s);
  }
  return [...seen];
}
