/**
 * Builds the committed trigram language model (models/language-model/en-us-trigram.bin) from CMU's
 * US-English model in Debian's pocketsphinx-en-us package, read directly in sphinxbase's binary
 * "Trie Language Model" format (Debian's sphinx_lm_convert aborts when exporting it to ARPA).
 * Deterministic: the same source file gives the same bytes.
 *
 *   npx tsx scripts/build-language-model.ts [path/to/en-us.lm.bin]
 *
 * The source format, as sphinxbase writes it (little-endian, no alignment):
 *   "Trie Language Model" (19 bytes), order (uint8), order × uint32 n-gram counts (a middle
 *   order's may exceed the entries stored: sphinx reserves room for filler entries, see below, and
 *   can overestimate them);
 *   quantizer type (int32: 0 none, 1 16-bit), then for 16-bit 65,536 float32 bin centres each for
 *   the probabilities and back-off weights of every middle order and for the probabilities of the
 *   highest order;
 *   (count1 + 1) unigrams {float32 prob, float32 backoff, uint32 first child}, the last a sentinel;
 *   the bit-packed middle array then the highest-order array, each ((1 + entries) × bits + 7) / 8 + 8
 *   bytes, entries read LSB first from a little-endian stream: a middle entry is
 *   [word: bits(count1)][backoff bin: 16][prob bin: 16][first child: bits(next count)], a
 *   highest-order entry [word][prob bin: 16];
 *   int32 byte length of the vocabulary, then the words, NUL-terminated, in word-id order.
 * The trie is reversed: a unigram's children are the words before it (bigram "v w" sits under w),
 * their children the words before those, each child range sorted by word id (two trigram lists of
 * this file are not; the build sorts every list anew, by its own ids). Where a trigram's
 * bigram suffix was pruned, a filler middle entry holds the backed-off probability and a zero
 * back-off. Weights are in sphinx's log base 1.0001 (log10 = value × log10(1.0001)).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeLanguageModel } from '../src/language-model/encode.js';
import { decodeLanguageModel, type LanguageModelData } from '../src/language-model/format.js';
import { RankedBitmap } from '../src/language-model/bitmap.js';
import { Vocabulary } from '../src/language-model/vocabulary.js';
import { WordColumn } from '../src/language-model/word-column.js';
import { createLanguageModel, perplexity, wordLogProbs, type LanguageModel } from '../src/language-model/model.js';

const DEFAULT_SOURCE = '/usr/share/pocketsphinx/model/en-us/en-us.lm.bin';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = join(ROOT, 'models', 'language-model', 'en-us-trigram.bin');
const HEADER = 'Trie Language Model';
/** sphinx stores weights as logarithms in base 1.0001. */
const LOG10_OF_BASE = Math.log10(1.0001);
const QUANT_16 = 1;
const BINS = 1 << 16;

/** The trie as read from the sphinx file, weights still in sphinx's log units. */
interface SphinxTrie {
  readonly headerCounts: readonly number[];
  readonly words: readonly string[];
  readonly unigramProb: Float32Array;
  readonly unigramBackoff: Float32Array;
  /** First bigram of each unigram, count1 + 1 entries. */
  readonly unigramNext: Uint32Array;
  readonly bigramProbBins: Float32Array;
  readonly bigramBackoffBins: Float32Array;
  readonly trigramProbBins: Float32Array;
  readonly bigramWord: Uint32Array;
  readonly bigramProb: Uint16Array;
  readonly bigramBackoff: Uint16Array;
  /** First trigram of each bigram entry, bigrams + 1 entries. */
  readonly bigramNext: Uint32Array;
  readonly trigramWord: Uint32Array;
  readonly trigramProb: Uint16Array;
}

function requiredBits(max: number): number {
  return max === 0 ? 0 : 32 - Math.clz32(max);
}

function packedBytes(entries: number, bits: number): number {
  return Math.floor(((1 + entries) * bits + 7) / 8) + 8;
}

/** Reads fields of up to 25 bits at any bit offset of a little-endian bit stream. */
class BitReader {
  private readonly view: DataView;
  constructor(bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  read(bitOffset: number, bits: number): number {
    const word = this.view.getUint32(Math.floor(bitOffset / 8), true);
    return (word >>> (bitOffset & 7)) & ((1 << bits) - 1);
  }
}

function fail(message: string): never {
  throw new Error(`build-language-model: ${message}`);
}

function readSphinxTrie(file: Uint8Array): SphinxTrie {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (Buffer.from(file.subarray(0, HEADER.length)).toString('latin1') !== HEADER) fail('not a sphinx trie language model');
  let at = HEADER.length;
  const order = view.getUint8(at);
  at += 1;
  if (order !== 3) fail(`expected a trigram model, found order ${order}`);
  const headerCounts: number[] = [];
  for (let i = 0; i < order; i++, at += 4) headerCounts.push(view.getUint32(at, true));
  const [n1, n2, n3] = headerCounts as [number, number, number];
  const quantType = view.getInt32(at, true);
  at += 4;
  if (quantType !== QUANT_16) fail(`expected 16-bit quantized weights, found quantizer type ${quantType}`);
  const bins = (): Float32Array => {
    const out = new Float32Array(BINS);
    for (let i = 0; i < BINS; i++, at += 4) out[i] = view.getFloat32(at, true);
    return out;
  };
  const bigramProbBins = bins();
  const bigramBackoffBins = bins();
  const trigramProbBins = bins();

  const unigramProb = new Float32Array(n1 + 1);
  const unigramBackoff = new Float32Array(n1 + 1);
  const unigramNext = new Uint32Array(n1 + 1);
  for (let i = 0; i <= n1; i++, at += 12) {
    unigramProb[i] = view.getFloat32(at, true);
    unigramBackoff[i] = view.getFloat32(at + 4, true);
    unigramNext[i] = view.getUint32(at + 8, true);
  }

  const wordBits = requiredBits(n1);
  const nextBits = requiredBits(n3);
  const middleBits = wordBits + 32 + nextBits;
  const longestBits = wordBits + 16;
  const middleBytes = packedBytes(n2, middleBits);
  const longestBytes = packedBytes(n3, longestBits);
  if (at + middleBytes + longestBytes + 4 > file.byteLength) fail('file is shorter than its counts say');
  const middle = new BitReader(file.subarray(at, at + middleBytes));
  at += middleBytes;
  const longest = new BitReader(file.subarray(at, at + longestBytes));
  at += longestBytes;

  const bigrams = unigramNext[n1] ?? 0;
  if (bigrams > n2) fail(`${bigrams} bigrams stored, more than the header's ${n2}`);
  const bigramWord = new Uint32Array(bigrams);
  const bigramProb = new Uint16Array(bigrams);
  const bigramBackoff = new Uint16Array(bigrams);
  const bigramNext = new Uint32Array(bigrams + 1);
  for (let i = 0, bit = 0; i <= bigrams; i++, bit += middleBits) {
    bigramNext[i] = middle.read(bit + wordBits + 32, nextBits);
    if (i === bigrams) break;
    bigramWord[i] = middle.read(bit, wordBits);
    bigramBackoff[i] = middle.read(bit + wordBits, 16);
    bigramProb[i] = middle.read(bit + wordBits + 16, 16);
  }
  const trigrams = bigramNext[bigrams] ?? 0;
  if (trigrams > n3) fail(`${trigrams} trigrams stored, more than the header's ${n3}`);
  const trigramWord = new Uint32Array(trigrams);
  const trigramProb = new Uint16Array(trigrams);
  for (let i = 0, bit = 0; i < trigrams; i++, bit += longestBits) {
    trigramWord[i] = longest.read(bit, wordBits);
    trigramProb[i] = longest.read(bit + wordBits, 16);
  }

  const wordBytes = view.getInt32(at, true);
  at += 4;
  if (at + wordBytes !== file.byteLength) fail(`vocabulary of ${wordBytes} bytes does not end the file`);
  const words = Buffer.from(file.subarray(at, at + wordBytes - 1)).toString('utf8').split('\0');
  if (words.length !== n1) fail(`${words.length} words, the header says ${n1}`);

  return {
    headerCounts,
    words,
    unigramProb: unigramProb.subarray(0, n1),
    unigramBackoff: unigramBackoff.subarray(0, n1),
    unigramNext,
    bigramProbBins,
    bigramBackoffBins,
    trigramProbBins,
    bigramWord,
    bigramProb,
    bigramBackoff,
    bigramNext,
    trigramWord,
    trigramProb,
  };
}

/** Word ids ranked by descending unigram probability (ties by sphinx id, which is alphabetical). */
function rankWords(trie: SphinxTrie): { order: Uint32Array; rank: Uint32Array } {
  const n = trie.words.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (trie.unigramProb[b] as number) - (trie.unigramProb[a] as number) || a - b,
  );
  const rank = new Uint32Array(n);
  order.forEach((word, r) => {
    rank[word] = r;
  });
  return { order, rank };
}

/** The compact model: ids re-ranked, child lists re-sorted, weights converted to log10; codebooks kept. */
function compactModel(trie: SphinxTrie): LanguageModelData {
  const n1 = trie.words.length;
  const n2 = trie.bigramWord.length;
  const n3 = trie.trigramWord.length;
  const { order, rank } = rankWords(trie);
  const toLog10 = (values: Float32Array): Float32Array => Float32Array.from(values, (x) => x * LOG10_OF_BASE);
  const unigramProb = new Float32Array(n1);
  const unigramBackoff = new Float32Array(n1);
  const bigramStart = new Uint32Array(n1 + 1);
  const bigramWord = new Uint32Array(n2);
  const bigramProb = new Uint16Array(n2);
  const bigramBackoff = new Uint16Array(n2);
  const trigramStart = new Uint32Array(n2 + 1);
  const trigramWord = new Uint32Array(n3);
  const trigramProb = new Uint16Array(n3);
  const byRank = (ids: Uint32Array, from: number, to: number): number[] => {
    const list: number[] = [];
    for (let i = from; i < to; i++) list.push(i);
    list.sort((a, b) => (rank[ids[a] as number] as number) - (rank[ids[b] as number] as number));
    for (let i = 1; i < list.length; i++) {
      if (ids[list[i] as number] === ids[list[i - 1] as number]) fail(`duplicate child ${trie.words[ids[list[i] as number] as number]}`);
    }
    return list;
  };
  let j2 = 0;
  let j3 = 0;
  for (let r = 0; r < n1; r++) {
    const w = order[r] as number;
    unigramProb[r] = (trie.unigramProb[w] as number) * LOG10_OF_BASE;
    unigramBackoff[r] = (trie.unigramBackoff[w] as number) * LOG10_OF_BASE;
    bigramStart[r] = j2;
    for (const i of byRank(trie.bigramWord, trie.unigramNext[w] as number, trie.unigramNext[w + 1] as number)) {
      bigramWord[j2] = rank[trie.bigramWord[i] as number] as number;
      bigramProb[j2] = trie.bigramProb[i] as number;
      bigramBackoff[j2] = trie.bigramBackoff[i] as number;
      trigramStart[j2] = j3;
      for (const k of byRank(trie.trigramWord, trie.bigramNext[i] as number, trie.bigramNext[i + 1] as number)) {
        trigramWord[j3] = rank[trie.trigramWord[k] as number] as number;
        trigramProb[j3] = trie.trigramProb[k] as number;
        j3++;
      }
      j2++;
    }
  }
  bigramStart[n1] = j2;
  trigramStart[n2] = j3;
  if (j2 !== n2 || j3 !== n3) fail('the trie does not reach every stored n-gram');
  // Words outside the vocabulary get the probability of the rarest words in it (<s>, never predicted, aside).
  let unknownLogProb = 0;
  for (let r = 0; r < n1; r++) {
    if (trie.words[order[r] as number] !== '<s>') unknownLogProb = Math.min(unknownLogProb, unigramProb[r] as number);
  }
  // Most bigrams begin no trigram, so their back-off is 0 (one code): store only the others' codes.
  const codeUses = new Uint32Array(BINS);
  for (const code of bigramBackoff) codeUses[code] = (codeUses[code] as number) + 1;
  let defaultBackoffCode = 0;
  for (let code = 1; code < BINS; code++) if ((codeUses[code] as number) > (codeUses[defaultBackoffCode] as number)) defaultBackoffCode = code;
  const backoffHolders = RankedBitmap.fromFlags(n2, (j) => bigramBackoff[j] !== defaultBackoffCode);
  const trigramParents = RankedBitmap.fromFlags(n2, (j) => (trigramStart[j + 1] as number) > (trigramStart[j] as number));
  return {
    vocabulary: Vocabulary.fromWords(Array.from(order, (w) => trie.words[w] as string)),
    unknownLogProb,
    unigramProb,
    unigramBackoff,
    bigramProbCodebook: toLog10(trie.bigramProbBins),
    bigramBackoffCodebook: toLog10(trie.bigramBackoffBins),
    trigramProbCodebook: toLog10(trie.trigramProbBins),
    bigramStart,
    bigramWord: WordColumn.fromIds(bigramWord),
    bigramProb,
    backoffHolders,
    bigramBackoff: bigramBackoff.filter((code) => code !== defaultBackoffCode),
    defaultBackoffCode,
    trigramParents,
    trigramStart: trigramStart.filter((_, j) => j === n2 || trigramParents.has(j)),
    trigramWord: WordColumn.fromIds(trigramWord),
    trigramProb,
  };
}

function bytesOf(array: Uint8Array | Uint16Array | Uint32Array | Float32Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

function sameData(a: LanguageModelData, b: LanguageModelData): boolean {
  const keys = Object.keys(a) as (keyof LanguageModelData)[];
  return keys.every((key) => {
    const x = a[key];
    const y = b[key];
    if (typeof x === 'number' || typeof y === 'number') return Math.fround(x as number) === y;
    if (x instanceof Vocabulary || y instanceof Vocabulary) {
      return x instanceof Vocabulary && y instanceof Vocabulary && bytesOf(x.bytes).equals(y.bytes);
    }
    if (x instanceof RankedBitmap || y instanceof RankedBitmap) {
      return x instanceof RankedBitmap && y instanceof RankedBitmap && x.size === y.size && bytesOf(x.bits).equals(bytesOf(y.bits));
    }
    if (x instanceof WordColumn || y instanceof WordColumn) {
      return x instanceof WordColumn && y instanceof WordColumn && bytesOf(x.low).equals(bytesOf(y.low)) && bytesOf(x.high).equals(bytesOf(y.high));
    }
    return bytesOf(x).equals(bytesOf(y));
  });
}

/**
 * Every stored bigram and trigram read back through the model's lookups, against the value the
 * sphinx trie holds (its codebook entry, converted to log10).
 */
function checkLookups(trie: SphinxTrie, model: LanguageModel, rank: Uint32Array): number {
  let worst = 0;
  const check = (got: number, bin: number): void => {
    worst = Math.max(worst, Math.abs(got - bin * LOG10_OF_BASE));
  };
  for (let w = 0; w < trie.words.length; w++) {
    check(model.logProb(rank[w] as number), trie.unigramProb[w] as number);
    for (let i = trie.unigramNext[w] as number; i < (trie.unigramNext[w + 1] as number); i++) {
      const v = rank[trie.bigramWord[i] as number] as number;
      check(model.logProb(rank[w] as number, v), trie.bigramProbBins[trie.bigramProb[i] as number] as number);
      for (let k = trie.bigramNext[i] as number; k < (trie.bigramNext[i + 1] as number); k++) {
        const u = rank[trie.trigramWord[k] as number] as number;
        check(model.logProb(rank[w] as number, v, u), trie.trigramProbBins[trie.trigramProb[k] as number] as number);
      }
    }
  }
  return worst;
}

/** Perplexity as sphinxbase's sphinx_lm_eval computes it: no <s> or </s>, unknown words skipped. */
function sphinxEvalPerplexity(model: LanguageModel, words: readonly string[]): number {
  let sum = 0;
  let n = 0;
  let previous: number | undefined;
  let before: number | undefined;
  for (const word of words) {
    const id = model.wordId(word) ?? model.unknown;
    if (id !== model.unknown) {
      sum += model.logProb(id, previous, before);
      n++;
    }
    before = previous;
    previous = id;
  }
  return 10 ** (-sum / n);
}

const SENTENCES: readonly (readonly [string, string])[] = [
  ['secretary of point out antony blinken said', 'secretary of state antony blinken said'],
  ['previously this thirty day period', 'earlier this month'],
  ['the condition division spokesperson', 'the state department spokesperson'],
];

function main(): void {
  const source = process.argv[2] ?? DEFAULT_SOURCE;
  if (!existsSync(source)) {
    console.error(`build-language-model: ${source} not found; install it with: apt-get install pocketsphinx-en-us`);
    process.exit(1);
  }
  const started = performance.now();
  const trie = readSphinxTrie(readFileSync(source));
  const [h1, h2, h3] = trie.headerCounts as [number, number, number];
  const counts = [trie.words.length, trie.bigramWord.length, trie.trigramWord.length];
  console.log(`source: ${source}`);
  console.log(`header counts: ${h1} unigrams, ${h2} bigrams, ${h3} trigrams`);
  console.log(
    `stored: ${counts.join(' / ')}, filler bigrams included (the header's bigram count is ${h2 - (counts[1] ?? 0)} over:` +
      ` sphinx reserves room for fillers by an estimate; its reader, like this one, follows the unigrams' pointers)`,
  );
  const data = compactModel(trie);
  const bytes = encodeLanguageModel(data);
  const decoded = decodeLanguageModel(bytes);
  if (!sameData(data, decoded)) fail('the written model does not read back the same');
  const model = createLanguageModel(decoded);
  const { rank } = rankWords(trie);
  const worst = checkLookups(trie, model, rank);
  if (worst > 1e-5) fail(`a lookup differs from the sphinx trie by ${worst}`);
  console.log(`every n-gram read back through the lookups; largest difference from the source ${worst.toExponential(1)} (float32 rounding)`);

  mkdirSync(dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, bytes);
  const licence = '/usr/share/doc/pocketsphinx-en-us/copyright';
  if (existsSync(licence)) writeFileSync(join(dirname(OUTPUT), 'LICENSE'), readFileSync(licence));
  console.log(`wrote ${relative(ROOT, OUTPUT)}: ${bytes.length} bytes (${(bytes.length / 2 ** 20).toFixed(2)} MiB)`);

  const show = (word: string): string => {
    const id = model.wordId(word);
    return id === undefined ? `${word} (absent)` : `${word} ${model.logProb(id).toFixed(4)}`;
  };
  console.log(`unigram log10 probabilities: ${['the', 'of', 'state', 'secretary', '</s>', '<s>'].map(show).join(', ')}`);
  console.log(`unknown-word floor: ${data.unknownLogProb.toFixed(4)}`);
  console.log('perplexities: ours (from <s>, </s> excluded) | with </s> | as sphinx_lm_eval (no <s>/</s>, unknown words skipped)');
  for (const pair of SENTENCES) {
    for (const sentence of pair) {
      const words = sentence.split(' ');
      const figures = [
        perplexity(model, words),
        perplexity(model, words, { sentenceEnd: true }),
        sphinxEvalPerplexity(model, words),
      ].map((x) => x.toFixed(0).padStart(7));
      console.log(`  ${figures.join(' ')}  ${sentence}`);
    }
  }
  const probs = wordLogProbs(model, 'the state department spokesperson said'.split(' '));
  console.log(`word log10 probabilities of "the state department spokesperson said": ${Array.from(probs, (p) => p.toFixed(3)).join(' ')}`);
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
