import type { Alignment } from '../align/types.js';
import type { Evidence } from './evidence.js';
import type { Relation } from './types.js';

// Share of a text that has a counterpart in the other, on both sides, that makes a whole-text copy.
const FULL_COVERAGE = 0.5;
// Derived texts keep most of their source's order; independent reports share facts in any order.
const MIN_ORDER = 0.6;
// A partial copy needs one run of consecutive sentences (this long in A) that stay this close to their counterparts...
const PARTIAL_RUN_CHARS = 100;
const PARTIAL_RUN_SIMILARITY = 0.7;
// ...or one longer passage that is closer still: a single similar sentence is what independent texts share by chance.
const PARTIAL_PASSAGE_CHARS = 200;
const PARTIAL_PASSAGE_SIMILARITY = 0.8;
// Linked text that is mostly quotation is what independent reports of one speech share.
const MAX_QUOTED = 0.5;
// A spun copy keeps its source's sentences whole and in order.
const SPUN_ORDER = 0.9;
const SPUN_ONE_TO_ONE = 0.9;
// Covered is not yet said: a copy says what it covers closely. Writers on one subject (one president's yearly
// messages) have long stretches that align loosely, sentence for sentence, without copying.
const MIN_SHARED_COPY = 0.33;
const MIN_SHARED_PARTIAL = 0.4;
// Texts sharing this many names/numbers (or this share of them) are about the same thing.
const RELATED_FACTS = 3;
const RELATED_FACT_SHARE = 0.2;

function copyKind(e: Evidence): Relation {
  if (e.rewrite === 'verbatim') return 'duplicate';
  if (e.rewrite === 'spun' && e.order >= SPUN_ORDER && e.oneToOneShare >= SPUN_ONE_TO_ONE) return 'spun';
  return 'paraphrase';
}

/** What two texts that were written apart are: about the same thing, or not. */
export function notDerived(e: Evidence): Relation {
  return e.sharedFacts >= RELATED_FACTS || e.sharedFactShare >= RELATED_FACT_SHARE ? 'related' : 'unrelated';
}

/** One stretch of text that was clearly taken over: a run of close sentences, or one long, very close passage. */
function hasCopiedPassage(alignment: Alignment): boolean {
  return alignment.passages.some((p) => {
    const length = p.a[1] - p.a[0];
    const run = p.sentenceLinks >= 2 && p.similarity >= PARTIAL_RUN_SIMILARITY && length >= PARTIAL_RUN_CHARS;
    return run || (p.similarity >= PARTIAL_PASSAGE_SIMILARITY && length >= PARTIAL_PASSAGE_CHARS);
  });
}

/** The relation of the two texts, from the evidence of their alignment. */
export function judgeRelation(e: Evidence, alignment: Alignment): Relation {
  if (e.quotedShare > MAX_QUOTED) return notDerived(e);
  const most = Math.max(e.coverageA, e.coverageB);
  const least = Math.min(e.coverageA, e.coverageB);
  const shared = (e.sharedA + e.sharedB) / 2;
  if (least >= FULL_COVERAGE && shared >= MIN_SHARED_COPY) return copyKind(e);
  if (hasCopiedPassage(alignment)) return 'partial';
  const ordered = e.links < 3 || e.order >= MIN_ORDER;
  return most >= FULL_COVERAGE && ordered && Math.max(e.sharedA, e.sharedB) >= MIN_SHARED_PARTIAL ? 'partial' : notDerived(e);
}
