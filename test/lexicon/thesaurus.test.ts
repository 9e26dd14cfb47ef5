import { describe, expect, it } from 'vitest';
import { loadThesaurus } from '../../src/lexicon/thesaurus.js';

describe('thesaurus', () => {
  const thesaurus = loadThesaurus();

  it('gives, for a written word or phrase, the single words a spinner may have replaced with it', () => {
    expect(thesaurus.originals('point out')).toContain('state');
    expect(thesaurus.originals('condition')).toContain('state');
    expect(thesaurus.originals('advise')).toContain('tell');
  });

  it("leaves out a word's opposites, which the source files beside its synonyms", () => {
    expect(thesaurus.originals('late')).not.toContain('early');
    expect(thesaurus.originals('end')).not.toContain('start');
    expect(thesaurus.originals('late')).toContain('tardy');
  });

  it('lists the commoner words first and nothing for an unknown unit', () => {
    const words = thesaurus.originals('advise');
    expect(words.indexOf('tell')).toBeLessThan(words.indexOf('apprise'));
    expect(thesaurus.originals('zzqx blorp')).toEqual([]);
  });
});
