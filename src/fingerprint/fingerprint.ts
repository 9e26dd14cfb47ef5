import { loadBigrams } from '../lexicon/bigrams.js';
import { withoutChrome } from '../text/chrome.js';
import { hashString, mix } from './hash.js';
import { bandHashes, lshParams, minhash, type LshParams } from './minhash.js';
import { IntTable } from './int-table.js';
import { fingerprintTokens, tokenText, WordKind, type FingerprintTokens } from './tokens.js';

/**
 * Four fingerprint channels, one for each kind of rewrite, all as integer keys in one posting list:
 * - words: MinHash-LSH over word 5-grams, for verbatim and near copies;
 * - skeleton: MinHash-LSH over the text's skeleton (function words, numbers and punctuation, each run of
 *   open-class words collapsed to one gap), which a spinner's synonym swaps leave standing;
 * - terms: the text's rarest words and numbers, stemmed, which paraphrases and partial copies keep;
 * - anchors: word 8-grams chosen by winnowing, so that a passage copied word for word into a text of any length
 *   (an extract of a few sentences, a teaser on a tag page) shares at least one with its source.
 */
export const enum Channel {
  Words = 1,
  Skeleton = 2,
  Terms = 3,
  Anchors = 4,
}

/** The stated Jaccard thresholds from which each LSH channel's banding is derived. */
const WORDS_THRESHOLD = 0.5;
const SKELETON_THRESHOLD = 0.5;
const BINS = 64;
const MAX_BANDS = 12;
const WORD_SHINGLE = 5;
const SKELETON_SHINGLE = 8;
const GAP = 0x9e3779b9;
/** Anchors: the least hash of every WINNOW consecutive word 8-grams, so any run of 8 + WINNOW - 1 = 27 words copied shares one. */
const ANCHOR_SHINGLE = 8;
const WINNOW = 20;

let banding: { readonly words: LshParams; readonly skeleton: LshParams } | undefined;

/** Each LSH channel's banding, derived from its stated threshold on first use (the search takes some 25 ms). */
export function bandings(): { readonly words: LshParams; readonly skeleton: LshParams } {
  banding ??= { words: lshParams(WORDS_THRESHOLD, BINS, MAX_BANDS), skeleton: lshParams(SKELETON_THRESHOLD, BINS, MAX_BANDS) };
  return banding;
}

// A key is channel · 2^40 + band · 2^32 + a 32-bit hash: an exact integer in JavaScript and 6 bytes in SQLite.
const CHANNEL_UNIT = 2 ** 40;
const BAND_UNIT = 2 ** 32;

export function channelOf(key: number): Channel {
  return Math.floor(key / CHANNEL_UNIT) as Channel;
}

/** A term of a text, as a key, and how many times the background corpus has its word (rarer terms say more). */
export interface Term {
  readonly key: number;
  readonly background: number;
}

export interface Fingerprint {
  readonly words: number;
  /** Keys of the LSH bands of the words and skeleton channels. */
  readonly bands: readonly number[];
  /** Keys of the anchors channel. */
  readonly anchors: readonly number[];
  /** The text's rarest terms, rarest first. */
  readonly terms: readonly Term[];
}

export interface FingerprintOptions {
  /** How many terms to keep; by default one for every 30 words, between 8 and 40. */
  readonly terms?: number;
}

function termBudget(words: number): number {
  return Math.max(8, Math.min(40, Math.round(words / 30)));
}

/** A text's tokens as every channel reads them. Page chrome (navigation, "Read more" lists, credits) says nothing of where the article came from. */
export function textTokens(text: string): FingerprintTokens {
  return fingerprintTokens(withoutChrome(text));
}

export function fingerprint(text: string, options: FingerprintOptions = {}): Fingerprint {
  return fingerprintOfTokens(textTokens(text), options);
}

export function fingerprintOfTokens(tokens: FingerprintTokens, options: FingerprintOptions = {}): Fingerprint {
  const bands: number[] = [];
  const words = wordHashes(tokens);
  addBands(bands, Channel.Words, bandings().words, shingle(words, WORD_SHINGLE));
  addBands(bands, Channel.Skeleton, bandings().skeleton, skeletonShingles(tokens));
  return {
    words: tokens.wordCount,
    bands,
    anchors: anchors(shingle(words, ANCHOR_SHINGLE)),
    terms: rareTerms(tokens, options.terms ?? termBudget(tokens.wordCount)),
  };
}

/**
 * Winnowing (Schleimer, Wilkerson, Aiken 2003): in every window of WINNOW consecutive shingles the least hash is
 * kept (the rightmost on ties), each kept position once. Two texts sharing WINNOW consecutive shingles share a window,
 * hence its anchor. A text with fewer shingles keeps its least one.
 */
function anchors(shingles: Uint32Array): number[] {
  const out: number[] = [];
  if (shingles.length === 0) return out;
  let last = -1;
  for (let end = Math.min(WINNOW, shingles.length); end <= shingles.length; end++) {
    let at = end - 1;
    for (let i = end - 2; i >= Math.max(0, end - WINNOW); i--) if ((shingles[i] as number) < (shingles[at] as number)) at = i;
    if (at !== last) out.push(Channel.Anchors * CHANNEL_UNIT + (shingles[at] as number));
    last = at;
  }
  return [...new Set(out)];
}

function addBands(out: number[], channel: Channel, params: LshParams, shingles: Uint32Array): void {
  const signature = minhash(shingles, BINS, channel);
  if (!signature) return;
  const hashes = bandHashes(signature, params);
  for (let band = 0; band < hashes.length; band++) out.push(channel * CHANNEL_UNIT + band * BAND_UNIT + (hashes[band] as number));
}

const ROLL = 0x01000193;

/** Hashes of every run of `n` values (one hash of them all when there are fewer): a rolling polynomial hash, mixed. */
function shingle(values: Uint32Array, n: number): Uint32Array {
  if (values.length === 0) return values;
  const out = new Uint32Array(Math.max(1, values.length - n + 1));
  let outgoing = 1;
  for (let i = 0; i < n; i++) outgoing = Math.imul(outgoing, ROLL);
  let h = 0;
  for (let i = 0; i < values.length; i++) {
    h = (Math.imul(h, ROLL) + (values[i] as number)) | 0;
    if (i >= n) h = (h - Math.imul(values[i - n] as number, outgoing)) | 0;
    if (i >= n - 1) out[i - n + 1] = mix(h >>> 0);
  }
  if (values.length < n) out[0] = mix(h >>> 0);
  return out;
}

/** The hashes of a text's words, breaks left out. */
function wordHashes(tokens: FingerprintTokens): Uint32Array {
  const words = new Uint32Array(tokens.wordCount);
  let w = 0;
  for (let i = 0; i < tokens.count; i++) if (tokens.kinds[i] !== WordKind.Break) words[w++] = tokens.hashes[i] as number;
  return words;
}

function skeletonShingles(tokens: FingerprintTokens): Uint32Array {
  const skeleton = new Uint32Array(tokens.count);
  let n = 0;
  for (let i = 0; i < tokens.count; i++) {
    if (tokens.kinds[i] !== WordKind.Content) skeleton[n++] = tokens.hashes[i] as number;
    else if (n === 0 || skeleton[n - 1] !== GAP) skeleton[n++] = GAP;
  }
  return shingle(skeleton.subarray(0, n), SKELETON_SHINGLE);
}

/** A crude English stemmer: enough for "investigations" and "investigation" to meet. */
export function stem(word: string): string {
  let w = word.endsWith("'s") ? word.slice(0, -2) : word;
  if (w.length <= 4) return w;
  if (w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ing') && w.length > 6) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 5) w = w.slice(0, -2);
  else if (w.endsWith('es') && w.length > 5 && /(?:ss|sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  return w.endsWith('e') && w.length > 5 ? w.slice(0, -1) : w;
}

let backgroundCounts: IntTable | undefined;

/** How often each word occurs in the background corpus (the bigram model's), by the word's hash. */
function background(): IntTable {
  if (!backgroundCounts) {
    const vocabulary = [...loadBigrams().vocabulary()];
    backgroundCounts = new IntTable(vocabulary.length);
    for (const [word, count] of vocabulary) backgroundCounts.add(hashString(word), count);
  }
  return backgroundCounts;
}

function rareTerms(tokens: FingerprintTokens, budget: number): Term[] {
  const counts = background();
  // Each distinct word once, with the index of its first token; only the words that make the cut are stemmed.
  // Rarest first, ties by first appearance: count · 2^32 + token index sorts as numbers, natively.
  const seen = new IntTable(tokens.wordCount);
  const ranked = new Float64Array(tokens.wordCount);
  let n = 0;
  for (let i = 0; i < tokens.count; i++) {
    const kind = tokens.kinds[i];
    if (kind !== WordKind.Content && kind !== WordKind.Number) continue;
    if ((tokens.ends[i] as number) - (tokens.starts[i] as number) < (kind === WordKind.Number ? 2 : 3)) continue;
    const h = tokens.hashes[i] as number;
    if (seen.add(h, 0)) ranked[n++] = counts.get(h, 0) * 2 ** 32 + i;
  }
  ranked.subarray(0, n).sort();
  const terms: Term[] = [];
  const taken = new Set<number>();
  for (const packed of ranked.subarray(0, n)) {
    if (terms.length >= budget) break;
    const at = packed % 2 ** 32;
    const key = Channel.Terms * CHANNEL_UNIT + hashString(stem(tokenText(tokens, at)));
    if (taken.has(key)) continue;
    taken.add(key);
    terms.push({ key, background: (packed - at) / 2 ** 32 });
  }
  return terms;
}

/** The keys under which a store posts a document: its LSH bands, its anchors, then its terms. */
export function postingKeys(print: Fingerprint): number[] {
  return [...print.bands, ...print.anchors, ...print.terms.map((t) => t.key)];
}
