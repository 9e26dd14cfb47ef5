import { beforeAll, describe, expect, it } from 'vitest';
import { bandings, Channel, channelOf, fingerprint, postingKeys, stem } from '../../src/fingerprint/fingerprint.js';
import { loadLexicon } from '../../src/lexicon/index.js';
import { obfuscate } from '../../src/spin/obfuscate.js';
import { SOURCE, UNRELATED } from '../helpers/corpus-fixtures.js';

const shared = (a: readonly number[], b: readonly number[]): number[] => {
  const set = new Set(b);
  return a.filter((k) => set.has(k));
};
const ofChannel = (keys: readonly number[], channel: Channel): number[] => keys.filter((k) => channelOf(k) === channel);

describe('fingerprint', () => {
  let spun: string;
  beforeAll(() => {
    spun = obfuscate(SOURCE, { spin: 0.3, paraphrase: false, seed: 1 }, loadLexicon()).text;
  });

  it('bands each LSH channel as configured, at most 12 bands each', () => {
    for (const params of [bandings().words, bandings().skeleton]) {
      expect(params.bands).toBeLessThanOrEqual(12);
      expect(params.bands * params.rows).toBeLessThanOrEqual(64);
    }
    const print = fingerprint(SOURCE);
    expect(ofChannel(print.bands, Channel.Words)).toHaveLength(bandings().words.bands);
    expect(ofChannel(print.bands, Channel.Skeleton)).toHaveLength(bandings().skeleton.bands);
    expect(print.terms.every((t) => channelOf(t.key) === Channel.Terms)).toBe(true);
    expect(print.anchors.every((k) => channelOf(k) === Channel.Anchors)).toBe(true);
    expect(postingKeys(print)).toEqual([...print.bands, ...print.anchors, ...print.terms.map((t) => t.key)]);
  });

  it('is the same for the same text', () => {
    expect(fingerprint(SOURCE)).toEqual(fingerprint(`${SOURCE}`));
  });

  it('counts words, not breaks', () => {
    expect(fingerprint('One, two; three.').words).toBe(3);
  });

  it('has no bands and no terms for an empty text', () => {
    expect(fingerprint('')).toEqual({ words: 0, bands: [], anchors: [], terms: [] });
    // Punctuation alone has a skeleton but no words.
    expect(ofChannel(fingerprint('... , ;').bands, Channel.Words)).toEqual([]);
  });

  it('shares skeleton bands between a text and its spun copy', () => {
    expect(spun).not.toBe(SOURCE);
    const common = shared(fingerprint(SOURCE).bands, fingerprint(spun).bands);
    expect(ofChannel(common, Channel.Skeleton).length).toBeGreaterThanOrEqual(2);
  });

  it('shares (almost) no bands and few terms between unrelated texts', () => {
    const prints = [SOURCE, ...UNRELATED].map((t) => fingerprint(t));
    let bands = 0;
    for (let i = 0; i < prints.length; i++) {
      for (let j = i + 1; j < prints.length; j++) {
        const a = prints[i]!;
        const b = prints[j]!;
        bands += shared(a.bands, b.bands).length;
        expect(shared(a.terms.map((t) => t.key), b.terms.map((t) => t.key)).length).toBeLessThanOrEqual(2);
      }
    }
    expect(bands).toBeLessThanOrEqual(1);
  });

  it('anchors about one word 8-gram in ten, and a passage of 27 words copied into any text shares one', () => {
    const print = fingerprint(SOURCE);
    expect(print.anchors.length).toBeGreaterThan(print.words / 20);
    expect(print.anchors.length).toBeLessThan(print.words / 5);
    const words = SOURCE.split(' ');
    for (let start = 0; start + 27 <= words.length; start += 13) {
      const extract = `Tag: bridges. Read this. ${words.slice(start, start + 27).join(' ')} Share on social media.`;
      expect(shared(print.anchors, fingerprint(extract).anchors).length).toBeGreaterThanOrEqual(1);
    }
  });

  it('shares no anchors between unrelated texts', () => {
    const prints = [SOURCE, ...UNRELATED].map((t) => fingerprint(t).anchors);
    for (let i = 0; i < prints.length; i++) for (let j = i + 1; j < prints.length; j++) expect(shared(prints[i]!, prints[j]!)).toEqual([]);
  });

  it('keeps a budget of terms, rarest first, each stemmed', () => {
    const print = fingerprint(SOURCE);
    // One term for every 30 words, between 8 and 40.
    expect(print.terms.length).toBe(Math.max(8, Math.min(40, Math.round(print.words / 30))));
    const counts = print.terms.map((t) => t.background);
    expect(counts).toEqual([...counts].sort((x, y) => x - y));
    expect(new Set(print.terms.map((t) => t.key)).size).toBe(print.terms.length);
    expect(fingerprint(SOURCE, { terms: 3 }).terms).toEqual(print.terms.slice(0, 3));
    // Singular and plural make one term.
    const plural = fingerprint('zymurgists zymurgists', { terms: 5 }).terms.map((t) => t.key);
    const singular = fingerprint('zymurgist', { terms: 5 }).terms.map((t) => t.key);
    expect(plural).toEqual(singular);
  });

  it('keeps short words and one-digit numbers out of the terms', () => {
    expect(fingerprint('ox 7 an', { terms: 10 }).terms).toEqual([]);
    expect(fingerprint('oxen 74', { terms: 10 }).terms).toHaveLength(2);
  });
});

describe('stem', () => {
  it.each([
    ['investigations', 'investigation'],
    ['investigation', 'investigation'],
    ['cities', 'city'],
    ['walking', 'walk'],
    ['walked', 'walk'],
    ['walks', 'walk'],
    ['churches', 'church'],
    ['glass', 'glass'],
    ["minister's", 'minister'],
    ['bus', 'bus'],
    ['ran', 'ran'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it('brings the forms of one verb together', () => {
    expect(new Set(['create', 'creates', 'created', 'creating'].map(stem)).size).toBe(1);
  });
});
