/** What indexing keeps of a text besides the text itself, made in this thread or in a pool of them (print-pool.ts). */
import { fingerprintOfTokens, postingKeys, textTokens } from '../fingerprint/fingerprint.js';
import { meaningOfTokens } from '../fingerprint/meaning.js';
import type { Lexicon } from '../lexicon/types.js';

/** A text's word count, the keys a store posts it under, and its meaning vector (none when no word has a vector). */
export interface TextPrint {
  readonly words: number;
  readonly keys: readonly number[];
  readonly meaning?: Int8Array;
}

/** Fingerprints texts, in order: in this thread (`printText` on each) or shared out among threads (`PrintPool`). */
export type Printer = (texts: readonly string[]) => Promise<TextPrint[]>;

export function printText(text: string, lexicon: Lexicon): TextPrint {
  const tokens = textTokens(text);
  const print = fingerprintOfTokens(tokens);
  const meaning = meaningOfTokens(tokens, lexicon);
  return { words: print.words, keys: postingKeys(print), ...(meaning ? { meaning } : {}) };
}
