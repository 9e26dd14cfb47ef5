import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RankedBitmap } from '../../src/language-model/bitmap.js';
import { encodeLanguageModel } from '../../src/language-model/encode.js';
import { decodeLanguageModel, type LanguageModelData } from '../../src/language-model/format.js';
import {
  createLanguageModel,
  defaultModelPath,
  loadLanguageModel,
  perplexity,
  wordLogProbs,
} from '../../src/language-model/model.js';
import { languageModelDataOf, shareLanguageModelData } from '../../src/language-model/share.js';
import { Vocabulary } from '../../src/language-model/vocabulary.js';
import { WordColumn } from '../../src/language-model/word-column.js';

// Raw values of the source (en-us.lm.bin of Debian's pocketsphinx-en-us), read from its trie with
// the build script's reader; sphinx stores them in log base 1.0001, so the last digits are float32's.
const SOURCE = {
  unigram: { the: -1.389485, of: -1.741215, state: -3.512556, '</s>': -1.126058 },
  unigramBackoff: { secretary: -0.481172 },
  bigram: { 'state troopers': -2.874653 },
  bigramBackoff: { 'the state': -0.109392, 'the secretary': -0.204733 },
  trigram: { 'secretary of state': -0.377527 },
};

describe('the committed trigram model', () => {
  const model = loadLanguageModel();
  const id = (word: string): number => {
    const found = model.wordId(word);
    if (found === undefined) throw new Error(`${word} is not in the vocabulary`);
    return found;
  };
  const score = (phrase: string): number => {
    const [u, v, w] = phrase.split(' ').map(id) as [number, number, number];
    return model.logProb(w, v, u);
  };

  it('has the vocabulary and n-gram counts of CMU’s US-English model', () => {
    expect(model.vocabularySize).toBe(72547);
    const file = readFileSync(defaultModelPath());
    expect([8, 12, 16].map((at) => file.readUInt32LE(at))).toEqual([72547, 2051541, 1669625]);
    expect(loadLanguageModel()).toBe(model);
  });

  it('maps words to ids, with sentence markers and an unknown sentinel', () => {
    expect(model.wordId('<s>')).toBe(model.sentenceStart);
    expect(model.wordId('</s>')).toBe(model.sentenceEnd);
    expect(model.wordId("o'clock")).toBeDefined();
    expect(model.wordId('The')).toBe(model.wordId('the'));
    expect(model.wordId('qxzvwk')).toBeUndefined();
    expect(model.wordId('café')).toBeUndefined();
    expect(model.unknown).toBe(model.vocabularySize);
  });

  it('keeps the source’s unigram, bigram and trigram log-probabilities', () => {
    for (const [word, p] of Object.entries(SOURCE.unigram)) expect(model.logProb(id(word))).toBeCloseTo(p, 5);
    expect(model.logProb(id('troopers'), id('state'))).toBeCloseTo(SOURCE.bigram['state troopers'], 5);
    expect(score('secretary of state')).toBeCloseTo(SOURCE.trigram['secretary of state'], 5);
  });

  it('scores "secretary of state" far above "secretary of point"', () => {
    expect(score('secretary of state') - score('secretary of point')).toBeGreaterThan(3);
  });

  it('backs off as an ARPA reader does', () => {
    // Trigram "the state troopers" is unseen, bigram "state troopers" seen: bigram + back-off of "the state".
    expect(score('the state troopers')).toBeCloseTo(SOURCE.bigram['state troopers'] + SOURCE.bigramBackoff['the state'], 5);
    // Bigram "secretary carrot" is unseen: unigram + back-off of "secretary" (+ that of "the secretary").
    const carrot = model.logProb(id('carrot'));
    expect(model.logProb(id('carrot'), id('secretary'))).toBeCloseTo(carrot + SOURCE.unigramBackoff.secretary, 5);
    expect(score('the secretary carrot')).toBeCloseTo(
      carrot + SOURCE.unigramBackoff.secretary + SOURCE.bigramBackoff['the secretary'],
      5,
    );
  });

  it('gives unknown words the floor and cuts the context after them', () => {
    const floor = model.logProb(model.unknown, id('the'), id('of'));
    expect(floor).toBeCloseTo(-9.4698, 3);
    const probs = wordLogProbs(model, ['qxzvwk', 'the', 'state']);
    expect(probs[0]).toBe(floor);
    expect(probs[1]).toBe(model.logProb(id('the')));
    expect(probs[2]).toBe(model.logProb(id('state'), id('the')));
  });

  it('scores a sentence from <s>, and </s> only when asked', () => {
    const words = ['earlier', 'this', 'month'];
    const probs = wordLogProbs(model, words);
    expect(probs).toHaveLength(3);
    expect(probs[0]).toBe(model.logProb(id('earlier'), model.sentenceStart));
    expect(probs[1]).toBe(model.logProb(id('this'), id('earlier'), model.sentenceStart));
    const withEnd = wordLogProbs(model, words, { sentenceEnd: true });
    expect(withEnd[3]).toBe(model.logProb(model.sentenceEnd, id('month'), id('this')));
    const mean = (probs[0]! + probs[1]! + probs[2]!) / 3;
    expect(perplexity(model, words)).toBeCloseTo(10 ** -mean, 6);
    expect(perplexity(model, [])).toBe(1);
  });

  it('finds natural wording less perplexing than spun or scrambled wording', () => {
    const pairs = [
      ['the state department spokesperson said', 'the condition division spokesperson said'],
      ['the president of the united states', 'the chairman of the joined conditions'],
      ['she opened the door and walked in', 'she opened the carrot and strolled in'],
      ['i would like a cup of coffee', 'i would like a mug of espresso'],
      ['the president of the united states', 'states the of united president the'],
    ];
    for (const [natural, odd] of pairs) {
      expect(perplexity(model, natural!.split(' '))).toBeLessThan(perplexity(model, odd!.split(' ')) / 3);
    }
  });

  it('scores 1,000 words in a few milliseconds', () => {
    const words = 'the secretary of state said on tuesday that the talks would resume next month in geneva'.split(' ');
    const text = Array.from({ length: 1000 }, (_, i) => words[i % words.length]!);
    wordLogProbs(model, text);
    const started = performance.now();
    for (let i = 0; i < 10; i++) wordLogProbs(model, text);
    expect((performance.now() - started) / 10).toBeLessThan(20);
  });
});

describe('the model file format', () => {
  it('reads back what it writes', () => {
    const vocabulary = Vocabulary.fromWords(['<s>', '</s>', 'a', 'b']);
    const bigramStart = Uint32Array.of(0, 0, 1, 3, 4);
    const data: LanguageModelData = {
      vocabulary,
      unknownLogProb: -7,
      unigramProb: Float32Array.of(-99, -1, -0.5, -0.75),
      unigramBackoff: Float32Array.of(-0.25, 0, -0.125, 0),
      bigramProbCodebook: new Float32Array(65536).map((_, i) => -i / 1000),
      bigramBackoffCodebook: new Float32Array(65536).map((_, i) => i / 1000 - 1),
      trigramProbCodebook: new Float32Array(65536).map((_, i) => -i / 2000),
      bigramStart,
      // "<s> </s>", "<s> a", "b a", "a b"
      bigramWord: WordColumn.fromIds([0, 0, 3, 2]),
      bigramProb: Uint16Array.of(100, 200, 300, 400),
      backoffHolders: RankedBitmap.fromFlags(4, (j) => j === 1),
      bigramBackoff: Uint16Array.of(500),
      defaultBackoffCode: 1000,
      trigramParents: RankedBitmap.fromFlags(4, (j) => j === 3),
      // "<s> a b"
      trigramStart: Uint32Array.of(0, 1),
      trigramWord: WordColumn.fromIds([0]),
      trigramProb: Uint16Array.of(600),
    };
    const model = createLanguageModel(decodeLanguageModel(encodeLanguageModel(data)));
    expect(model.vocabularySize).toBe(4);
    // The stored trigram "<s> a b" and bigram "a b".
    expect(model.logProb(3, 2, 0)).toBeCloseTo(-0.3, 6);
    expect(model.logProb(3, 2)).toBeCloseTo(-0.4, 6);
    // "b b" is unseen: unigram b + back-off of b.
    expect(model.logProb(3, 3)).toBeCloseTo(-0.75, 6);
    // "a" after "<s> b": bigram "b a" + back-off of "<s> b" (absent: 0).
    expect(model.logProb(2, 3, 0)).toBeCloseTo(-0.3, 6);
    // "b" after "a a": bigram "a b" + back-off of "a a" (absent: 0).
    expect(model.logProb(3, 2, 2)).toBeCloseTo(-0.4, 6);
    // "</s>" after "<s> a": "a </s>" unseen, unigram + back-off of a + back-off of "<s> a".
    expect(model.logProb(1, 2, 0)).toBeCloseTo(-1 - 0.125 + (0.5 - 1), 6);
    expect(model.logProb(model.unknown, 2)).toBeCloseTo(-7, 6);
  });

  it('rejects a damaged file', () => {
    const file = readFileSync(defaultModelPath());
    expect(() => decodeLanguageModel(file.subarray(0, file.length - 10))).toThrow(/language model/);
    const bad = Buffer.from(file.subarray(0, 64));
    bad[0] = 0x58;
    expect(() => decodeLanguageModel(bad)).toThrow(/not an Unspin/);
  });
});

describe('a model shared between threads', () => {
  it('reads the same probabilities over shared memory, whose arrays another thread can take without a copy', () => {
    const model = loadLanguageModel();
    const memory = shareLanguageModelData(decodeLanguageModel(readFileSync(defaultModelPath())));
    expect(memory.bigramProb.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(memory.trigramWord.low.buffer).toBeInstanceOf(SharedArrayBuffer);
    const copy = structuredClone(memory);
    const adopted = createLanguageModel(languageModelDataOf(copy));
    const words = 'the secretary of state said on monday that the talks would go on'.split(' ');
    expect([...wordLogProbs(adopted, words)]).toEqual([...wordLogProbs(model, words)]);
    // A clone of shared memory is the same memory: a write through one is seen through the other.
    const before = memory.unigramProb[0] as number;
    (copy.unigramProb as Float32Array)[0] = 1.5;
    expect(memory.unigramProb[0]).toBe(1.5);
    (copy.unigramProb as Float32Array)[0] = before;
  });
});
