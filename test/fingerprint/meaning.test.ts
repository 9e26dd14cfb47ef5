import { describe, expect, it } from 'vitest';
import { meaningVector } from '../../src/fingerprint/meaning.js';
import { loadLexicon } from '../../src/lexicon/index.js';

const cosine = (a: Int8Array, b: Int8Array): number => {
  let [dot, na, nb] = [0, 0, 0];
  a.forEach((x, d) => {
    const y = b[d] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  });
  return dot / Math.sqrt(na * nb);
};

const SOURCE = 'The city council voted on Tuesday to close the old library for two years while builders repair its leaking roof and crumbling walls.';
const REWORDED = 'Local officials decided this week that the historic public reading room will shut for a couple of years, as workers mend the damaged ceiling and masonry.';
const OTHER = 'The home side scored twice in the final ten minutes to win the cup, and their fans sang in the streets until dawn.';

describe('meaning vectors', () => {
  const lexicon = loadLexicon();

  it('keeps a rewording near its source and a text on another subject far from both', () => {
    const [source, reworded, other] = [SOURCE, REWORDED, OTHER].map((t) => meaningVector(t, lexicon) as Int8Array);
    expect(cosine(source as Int8Array, reworded as Int8Array)).toBeGreaterThan(cosine(source as Int8Array, other as Int8Array) + 0.2);
    expect(cosine(reworded as Int8Array, other as Int8Array)).toBeLessThan(cosine(source as Int8Array, reworded as Int8Array));
  });

  it('is 8-bit, its largest component ±127, and undefined for a text of no known word', () => {
    const v = meaningVector(SOURCE, lexicon) as Int8Array;
    expect(v).toBeInstanceOf(Int8Array);
    expect(Math.max(...Array.from(v, Math.abs))).toBe(127);
    expect(meaningVector('1234 5678 — ', lexicon)).toBeUndefined();
  });
});
