import type { Substitution } from '../align/types.js';
import type { Evidence } from './evidence.js';
import type { Relation } from './types.js';

/** 0.873 → "87%". */
export function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

const WHAT: Record<Relation, string> = {
  duplicate: 'The texts are copies of each other with minor edits.',
  spun: 'One text is a synonym-spun copy of the other: same sentences, words swapped one for one.',
  paraphrase: 'One text is a paraphrase of the other: the same content, reworded and restructured.',
  partial: 'Part of one text is derived from the other.',
  related: 'The texts share names or facts but were written independently.',
  unrelated: 'The texts have nothing substantial in common.',
};

function examples(swaps: readonly Substitution[]): string {
  const synonyms = swaps.filter((s) => s.synonym).slice(0, 3);
  const shown = (synonyms.length > 0 ? synonyms : swaps.slice(0, 3)).map((s) => `"${s.a}" → "${s.b}"`);
  return shown.length > 0 ? ` Swaps such as ${shown.join(', ')}.` : '';
}

/** A short plain-English account of the verdict. */
export function explain(relation: Relation, e: Evidence, swaps: readonly Substitution[], directionReason: string): string {
  const parts = [WHAT[relation]];
  if (e.links > 0) {
    parts.push(
      `${e.links} sentence group${e.links === 1 ? '' : 's'} align (${percent(e.coverageA)} of A and ${percent(e.coverageB)} of B covered, ${percent(e.order)} in the same order); ${percent(e.verbatimShare)} of aligned words are verbatim.`,
    );
  }
  if (relation === 'spun' || relation === 'paraphrase' || relation === 'partial') parts.push(examples(swaps).trim());
  if (relation === 'related' || relation === 'unrelated') parts.push(`They share ${e.sharedFacts} names and numbers.`);
  if (e.quotedShare > 0.3) parts.push(`Much of what they share is quotation (${percent(e.quotedShare)}), which independent reports also share.`);
  parts.push(`Direction: ${directionReason}.`);
  return parts.filter(Boolean).join(' ');
}
