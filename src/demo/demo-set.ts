import type { Document } from '../compare.js';
import type { Lexicon } from '../lexicon/types.js';
import { type Address, pickAddresses, readParagraphs } from './corpus.js';
import { seededRandom } from '../random.js';
import { extractParagraphs, PARAGRAPH_BREAK, reword, spin } from './copies.js';

// About 1,000 words: the length of a news article, and quick enough to compare in well under a second.
const PARAGRAPHS = 12;

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
  return {
    source,
    unrelatedSource,
    original: demoText('original.txt', original, about(source)),
    extract: demoText('extract.txt', extractParagraphs(paragraphs, random), 'three consecutive paragraphs copied verbatim'),
    spun: demoText('spun.txt', spin(original, lexicon, random), 'a synonym spinner swapped ~30% of the content words'),
    reworded: demoText('reworded.txt', reword(paragraphs, lexicon, random), 'sentences reordered, split and merged, clauses moved, ~10% synonyms'),
    unrelated: demoText('unrelated.txt', readParagraphs(unrelatedSource, PARAGRAPHS).join(PARAGRAPH_BREAK), about(unrelatedSource)),
  };
}
