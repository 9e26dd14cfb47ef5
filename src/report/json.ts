import type { Passage } from '../align/types.js';
import type { Comparison } from '../judge/types.js';

// Three decimals are more than a reader needs and keep diffs of saved verdicts quiet.
function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

type Pair = readonly [number, number];

export interface PassageJson {
  readonly a: Pair;
  readonly b: Pair;
  readonly relation: Passage['relation'];
  readonly similarity: number;
}

export interface SubstitutionJson {
  readonly a: string;
  readonly b: string;
  readonly aSpan: Pair;
  readonly bSpan: Pair;
  readonly synonym: boolean;
}

/** What `unspin compare --json` prints and `POST /api/compare` answers. Spans are character offsets [start, end). */
export interface ComparisonJson {
  readonly relation: Comparison['relation'];
  readonly derived: boolean;
  readonly direction: Comparison['direction'];
  readonly similarity: number;
  readonly shared: { readonly a: number; readonly b: number };
  readonly explanation: string;
  readonly passages: readonly PassageJson[];
  readonly substitutions: readonly SubstitutionJson[];
}

/** The verdict as pretty-printed JSON: what `unspin compare --json` prints. */
export function toJson(c: Comparison): string {
  const report: ComparisonJson = {
    relation: c.relation,
    derived: c.derived,
    direction: c.direction,
    similarity: round3(c.similarity),
    shared: { a: round3(c.shared.a), b: round3(c.shared.b) },
    explanation: c.explanation,
    passages: c.passages.map((p) => ({ a: [p.a[0], p.a[1]], b: [p.b[0], p.b[1]], relation: p.relation, similarity: round3(p.similarity) })),
    substitutions: c.substitutions.map((s) => ({ a: s.a, b: s.b, aSpan: [s.aSpan[0], s.aSpan[1]], bSpan: [s.bSpan[0], s.bSpan[1]], synonym: s.synonym })),
  };
  // Spans stay on one line ("a": [12, 80]); strings cannot match, as JSON escapes their line breaks.
  return JSON.stringify(report, null, 2).replace(/\[\s+(\d+),\s+(\d+)\s+\]/g, '[$1, $2]');
}
