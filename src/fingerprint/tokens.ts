import { FUNCTION_WORDS } from '../text/function-words.js';
import { hashString } from './hash.js';
import { IntTable } from './int-table.js';

/** What a word is to the fingerprints: kept by every rewrite, or open to a spinner's or a paraphraser's choice. */
export const enum WordKind {
  /** Closed-class words: spinners keep them. */
  Function = 0,
  /** Numbers: every kind of rewrite keeps them. */
  Number = 1,
  /** Open-class words: spinners swap them, paraphrasers reword them. */
  Content = 2,
  /** Punctuation that ends a clause or sentence. */
  Break = 3,
}

/**
 * A text as fingerprints see it: lower-case words and clause breaks, in order, each with its kind and hash.
 * Words stay offsets into `lower` until a channel needs one as a string.
 */
export interface FingerprintTokens {
  readonly lower: string;
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  readonly kinds: Uint8Array;
  /** FNV-1a of each word (apostrophes as U+0027), the same as `hashString` of `word(i)`. */
  readonly hashes: Uint32Array;
  readonly count: number;
  /** Words, breaks excluded. */
  readonly wordCount: number;
}

const FUNCTION_KEYS = new IntTable(FUNCTION_WORDS.size);
for (const word of FUNCTION_WORDS) FUNCTION_KEYS.add(hashString(word), 1);
const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

// Letters, marks and digits of the Basic Multilingual Plane, looked up by code unit; built on first use (10 ms).
let wordChars: Uint8Array | undefined;

function wordCharTable(): Uint8Array {
  if (wordChars) return wordChars;
  wordChars = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (c < 0x80 ? (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) : /[\p{L}\p{M}\p{N}]/u.test(String.fromCharCode(c))) {
      wordChars[c] = 1;
    }
  }
  return wordChars;
}
const isBreak = (c: number): boolean => c === 0x2e || c === 0x2c || c === 0x3b || c === 0x3a || c === 0x21 || c === 0x3f;
const isDigit = (c: number): boolean => /\p{N}/u.test(String.fromCharCode(c));

export function fingerprintTokens(text: string): FingerprintTokens {
  const WORD_CHAR = wordCharTable();
  const lower = text.toLowerCase();
  const n = lower.length;
  // No text has more tokens than characters.
  const capacity = n + 1;
  const starts = new Uint32Array(capacity);
  const ends = new Uint32Array(capacity);
  const kinds = new Uint8Array(capacity);
  const hashes = new Uint32Array(capacity);
  let count = 0;
  let wordCount = 0;
  let i = 0;
  while (i < n) {
    const c = lower.charCodeAt(i);
    if (WORD_CHAR[c] === 1) {
      const start = i;
      let h = FNV_OFFSET;
      while (i < n) {
        let d = lower.charCodeAt(i);
        if (WORD_CHAR[d] !== 1) {
          // An apostrophe between letters belongs to the word ("don't", "Blinken’s").
          if ((d !== APOSTROPHE && d !== RIGHT_QUOTE) || i + 1 >= n || WORD_CHAR[lower.charCodeAt(i + 1)] !== 1) break;
          d = APOSTROPHE;
        }
        h = Math.imul(h ^ d, FNV_PRIME);
        i++;
      }
      const hash = h >>> 0;
      starts[count] = start;
      ends[count] = i;
      hashes[count] = hash;
      kinds[count] = FUNCTION_KEYS.get(hash, 0) === 1 ? WordKind.Function : c < 0x80 ? (c <= 0x39 ? WordKind.Number : WordKind.Content) : isDigit(c) ? WordKind.Number : WordKind.Content;
      count++;
      wordCount++;
      continue;
    }
    if (isBreak(c)) {
      starts[count] = i;
      ends[count] = i + 1;
      hashes[count] = Math.imul(FNV_OFFSET ^ c, FNV_PRIME) >>> 0;
      kinds[count] = WordKind.Break;
      count++;
    }
    i++;
  }
  return { lower, starts, ends, kinds, hashes, count, wordCount };
}

/** The i-th token as a string. */
export function tokenText(tokens: FingerprintTokens, i: number): string {
  const word = tokens.lower.slice(tokens.starts[i], tokens.ends[i]);
  return word.includes('’') ? word.replaceAll('’', "'") : word;
}
