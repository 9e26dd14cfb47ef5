import type { Document } from '../compare.js';
import type { Lexicon } from '../lexicon/types.js';
import { type Random, seededRandom } from '../random.js';
import { obfuscate, type Swap } from '../spin/obfuscate.js';
import { type Address, pickAddresses, readParagraphs } from './corpus.js';

// About 1,000 words: the length of a news article, and quick enough to compare in well under a second.
const PARAGRAPHS = 12;
const PARAGRAPH_BREAK = '\n\n';

/** A few consecutive paragraphs, exactly as they stand in the source: a partial scrape. */
export function extractParagraphs(paragraphs: readonly string[], random: Random, count = 3): string {
  const n = Math.min(count, paragraphs.length);
  const start = Math.floor(random() * (paragraphs.length - n + 1));
  return paragraphs.slice(start, start + n).join(PARAGRAPH_BREAK);
}

/** A seed for one copy, drawn from the demo's own generator so that the whole set follows from one seed. */
function nextSeed(random: Random): number {
  return Math.floor(random() * 2 ** 32);
}

/** A text of the demo set and how it was made. */
export interface DemoText {
  readonly document: Document;
  readonly madeBy: string;
}

export interface DemoSet {
  readonly source: Address;
  readonly unrelatedSource: Address;
  readonly original: DemoText;
  readonly extract: DemoText;
  readonly spun: DemoText;
  /** The spinner's swaps in the spun copy: the truth that restoring it is measured against. */
  readonly spunSwaps: readonly Swap[];
  readonly reworded: DemoText;
  readonly unrelated: DemoText;
}

function demoText(name: string, text: string, madeBy: string): DemoText {
  return { document: { name, text }, madeBy };
}

/** The original, three derived copies and an independent text on the same subject, the same for the same seed. */
export function buildDemoSet(lexicon: Lexicon, seed: number): DemoSet {
  const random = seededRandom(seed);
  const { source, unrelated: unrelatedSource } = pickAddresses(random);
  const paragraphs = readParagraphs(source, PARAGRAPHS);
  const original = paragraphs.join(PARAGRAPH_BREAK);
  const about = (a: Address) => `${a.president}, ${a.year} State of the Union, first ${PARAGRAPHS} paragraphs`;
  const extract = extractParagraphs(paragraphs, random);
  const spun = obfuscate(original, { spin: 0.3, paraphrase: false, seed: nextSeed(random) }, lexicon);
  return {
    source,
    unrelatedSource,
    original: demoText('original.txt', original, about(source)),
    extract: demoText('extract.txt', extract, 'three consecutive paragraphs copied verbatim'),
    spun: demoText('spun.txt', spun.text, 'a synonym spinner swapped ~30% of the content words'),
    spunSwaps: spun.swaps,
    reworded: demoText('reworded.txt', obfuscate(original, { spin: 0.1, paraphrase: true, seed: nextSeed(random) }, lexicon).text, 'sentences reordered, split and merged, clauses moved, ~10% synonyms'),
    unrelated: demoText('unrelated.txt', readParagraphs(unrelatedSource, PARAGRAPHS).join(PARAGRAPH_BREAK), about(unrelatedSource)),
  };
}
