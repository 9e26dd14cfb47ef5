import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compare } from '../../src/compare.js';

// Three hand-written reports of one invented council vote: an original, a paraphrase of it, and an
// independent report by another outlet that shares the facts, the names and the mayor's quote.
const fixture = (name: string) => ({ name, text: readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8') });
const original = fixture('ferry-report.txt');
const paraphrase = fixture('ferry-paraphrase.txt');
const otherOutlet = fixture('ferry-other-outlet.txt');

describe('derived versus related (real lexicon)', () => {
  it('calls a sentence-by-sentence rewording a paraphrase', () => {
    const c = compare(original, paraphrase);
    expect(c.relation).toBe('paraphrase');
    expect(c.derived).toBe(true);
    expect(c.substitutions.map((s) => `${s.a}>${s.b}`)).toContain('crumbling>decaying');
  });

  it('calls an independent report of the same event related, though it shares a verbatim quote', () => {
    for (const other of [original, paraphrase]) {
      const c = compare(other, otherOutlet);
      expect(c.relation).toBe('related');
      expect(c.derived).toBe(false);
    }
  });
});
