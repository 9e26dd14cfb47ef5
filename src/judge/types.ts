import type { Passage, Substitution } from '../align/types.js';

/** How text B relates to text A. The first four are "derived". */
export type Relation = 'duplicate' | 'spun' | 'paraphrase' | 'partial' | 'related' | 'unrelated';

export const DERIVED_RELATIONS: ReadonlySet<Relation> = new Set(['duplicate', 'spun', 'paraphrase', 'partial']);

/** Which text came from which. */
export type Direction = 'a-from-b' | 'b-from-a' | 'common-source' | 'unknown';

/** The verdict on a pair of texts: what `unspin compare --json` prints. */
export interface Comparison {
  readonly relation: Relation;
  readonly derived: boolean;
  readonly direction: Direction;
  /** 0–1, how much of the two texts' content is shared: the mean of `shared`. */
  readonly similarity: number;
  /** 0–1 per text: how much of it the other says too (a short extract of a long text: a near 1, b low, or the reverse). */
  readonly shared: { readonly a: number; readonly b: number };
  /** A short plain-English account of the verdict. */
  readonly explanation: string;
  readonly passages: readonly Passage[];
  readonly substitutions: readonly Substitution[];
}
