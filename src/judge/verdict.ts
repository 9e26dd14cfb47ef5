import type { Alignment } from '../align/types.js';
import type { Evidence } from './evidence.js';
import type { Relation } from './types.js';

// Coverage (similarity-weighted share of a text found in the other) that makes a whole-text copy...
const FULL_COVERAGE = 0.5;
// ...and the least that any derived relation needs on the more covered side.
const PARTIAL_COVERAGE = 0.15;
// Derived texts keep most of their source's order; independent reports share facts in any order.
const MIN_ORDER = 0.6;
// A partial copy needs one passage this long (characters of A; half that when verbatim) and this close to its counterpart.
const PARTIAL_PASSAGE_CHARS = 200;
const PARTIAL_PASSAGE_SIMILARITY = 0.6;
// Linked text that is mostly quotation is what independent reports of one speech share.
const MAX_QUOTED = 0.5;
// A spun copy keeps its source's sentences whole and in order.
const SPUN_ORDER = 0.9;
const SPUN_ONE_TO_ONE = 0.9;
// Texts sharing this many names/numbers (or this share of them) are about the same thing.
const RELATED_FACTS = 3;
const RELATED_FACT_SHARE = 0.2;

function copyKind(e: Evidence): Relation {
  if (e.rewrite === 'verbatim') return 'duplicate';
  if (e.rewrite === 'spun' && e.order >= SPUN_ORDER && e.oneToOneShare >= SPUN_ONE_TO_ONE) return 'spun';
  return 'paraphrase';
}

function notDerived(e: Evidence): Relation {
  return e.sharedFacts >= RELATED_FACTS || e.sharedFactShare >= RELATED_FACT_SHARE ? 'related' : 'unrelated';
}

/** The relation of the two texts, from the evidence of their alignment. */
export function judgeRelation(e: Evidence, alignment: Alignment): Relation {
  const most = Math.max(e.coverageA, e.coverageB);
  const least = Math.min(e.coverageA, e.coverageB);
  if (most < PARTIAL_COVERAGE || e.quotedShare > MAX_QUOTED) return notDerived(e);
  if (e.links >= 3 && e.order < MIN_ORDER && least < FULL_COVERAGE) return notDerived(e);
  if (least >= FULL_COVERAGE) return copyKind(e);
  const copiedPassage = alignment.passages.some(
    (p) =>
      p.similarity >= PARTIAL_PASSAGE_SIMILARITY &&
      p.a[1] - p.a[0] >= (p.relation === 'verbatim' ? PARTIAL_PASSAGE_CHARS / 2 : PARTIAL_PASSAGE_CHARS),
  );
  return most >= FULL_COVERAGE || copiedPassage ? 'partial' : notDerived(e);
}
