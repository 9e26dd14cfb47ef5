import { describe, expect, it } from 'vitest';
import { hashString } from '../../src/fingerprint/hash.js';
import { fingerprintTokens, tokenText, WordKind, type FingerprintTokens } from '../../src/fingerprint/tokens.js';

const texts = (t: FingerprintTokens): string[] => Array.from({ length: t.count }, (_, i) => tokenText(t, i));
const kinds = (t: FingerprintTokens): number[] => Array.from(t.kinds.subarray(0, t.count));

describe('fingerprintTokens', () => {
  it('keeps an apostrophe between letters in the word, and only there', () => {
    const t = fingerprintTokens("Don't ask 'why' the dogs' bowls are empty");
    expect(texts(t)).toEqual(["don't", 'ask', 'why', 'the', 'dogs', 'bowls', 'are', 'empty']);
    expect(t.wordCount).toBe(8);
  });

  it('reads a right single quote as an apostrophe: same text for tokenText, same hash', () => {
    const curly = fingerprintTokens('Blinken’s visit');
    const straight = fingerprintTokens("Blinken's visit");
    expect(texts(curly)).toEqual(["blinken's", 'visit']);
    expect(curly.hashes[0]).toBe(straight.hashes[0]);
    expect(curly.hashes[0]).toBe(hashString("blinken's"));
    // A closing quote after a word is not part of it.
    expect(texts(fingerprintTokens('the ‘word’ here'))).toEqual(['the', 'word', 'here']);
  });

  it('hashes every token as hashString of its lower-case text', () => {
    const t = fingerprintTokens('The Bridge, built in 1783; Zürich! Café?');
    for (let i = 0; i < t.count; i++) expect(t.hashes[i]).toBe(hashString(tokenText(t, i)));
  });

  it('turns clause punctuation into breaks and drops other symbols', () => {
    const t = fingerprintTokens('one, two; three: four! five? six. (seven) - "eight" / nine');
    expect(texts(t)).toEqual(['one', ',', 'two', ';', 'three', ':', 'four', '!', 'five', '?', 'six', '.', 'seven', 'eight', 'nine']);
    expect(kinds(t).filter((k) => k === WordKind.Break)).toHaveLength(6);
    expect(t.wordCount).toBe(9);
  });

  it('tells numbers, function words and content words apart', () => {
    const t = fingerprintTokens('The 1783 bridge and ٣ arches');
    expect(texts(t)).toEqual(['the', '1783', 'bridge', 'and', '٣', 'arches']);
    expect(kinds(t)).toEqual([WordKind.Function, WordKind.Number, WordKind.Content, WordKind.Function, WordKind.Number, WordKind.Content]);
  });

  it('reads non-ASCII letters and combining marks as word characters, lower-cased', () => {
    const t = fingerprintTokens('Café NAÏVE Zürich cafe\u0301 Ελλάδα');
    expect(texts(t)).toEqual(['café', 'naïve', 'zürich', 'cafe\u0301', 'ελλάδα']);
    expect(kinds(t).every((k) => k === WordKind.Content)).toBe(true);
  });

  it('gives nothing for an empty or symbol-only text', () => {
    for (const text of ['', '   \n\t', '— … «» ()']) {
      const t = fingerprintTokens(text);
      expect(t.count).toBe(0);
      expect(t.wordCount).toBe(0);
    }
  });

  // One-letter words joined by breaks: more tokens than half the characters.
  it('keeps every token of a dense text such as "1.5" or "a.b"', () => {
    for (const [text, expected] of [
      ['1.5', ['1', '.', '5']],
      ['a.b', ['a', '.', 'b']],
    ] as const) {
      const t = fingerprintTokens(text);
      expect(texts(t)).toEqual(expected);
      expect(kinds(t).every((k) => k !== undefined)).toBe(true);
    }
  });
});
