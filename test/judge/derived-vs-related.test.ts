import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compare } from '../../src/compare.js';

// Three hand-written reports of one invented council vote: an original, a paraphrase of it, and an
// independent report by another outlet that shares the facts, the names and the mayor's quote.
const fixture = (name: string) => ({ name, text: readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8') });
const original = fixture('ferry-report.txt');
const paraphrase = fixture('ferry-paraphrase.txt');
const otherOutlet = fixture('ferry-other-outlet.txt');
const doc = (text: string) => ({ name: 'passage', text });

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

  it("calls a report derived from the page whose outlet it credits for the story, and only that page", () => {
    const crediting = { ...otherOutlet, text: `${otherOutlet.text.trim()} The vote was first reported by the Harbour Herald.` };
    const herald = { ...original, url: 'https://www.harbourherald.com/news/ferry-vote' };
    expect(compare(crediting, original)).toMatchObject({ relation: 'related', derived: false });
    const c = compare(crediting, herald);
    expect(c.derived).toBe(true);
    expect(c.direction).toBe('a-from-b');
    expect(c.explanation).toContain("A credits the outlet at B's address");
    expect(compare(crediting, { ...original, url: 'https://www.harbourtimes.com/news/ferry-vote' }).derived).toBe(false);
  });

  it('calls a short passage reworded sentence by sentence a paraphrase, and a short report of another event related', () => {
    const source = doc(
      'The old lighthouse on Gull Point was switched off for good last winter. Its lamp had guided fishing boats past the reef for more than a century. Volunteers now hope to turn the tower into a small museum.',
    );
    const rewrite = doc(
      'Last winter the historic Gull Point lighthouse went dark permanently. For over a hundred years its light had steered fishermen safely around the reef. A group of volunteers wants the tower to become a little museum.',
    );
    const storm = doc(
      'Storms battered the coast near Gull Point on Sunday, and the harbour master closed the reef channel to fishing boats. Two volunteers at the lighthouse museum helped to secure moorings. More wind is forecast for Tuesday.',
    );
    expect(compare(source, rewrite)).toMatchObject({ relation: 'paraphrase', derived: true });
    expect(compare(source, storm)).toMatchObject({ relation: 'related', derived: false });
  });
});
