import { isDerived, loadDerivationModel, type DerivationModel } from './derivation.js';
import type { Evidence } from './evidence.js';
import type { Relation } from './types.js';

// Share of a text that has a counterpart in the other, on both sides, that makes a whole-text copy...
const FULL_COVERAGE = 0.5;
// ...and says closely what it covers: writers on one subject have long stretches that align loosely.
const MIN_SHARED_COPY = 0.33;
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

/** What two texts that were written apart are: about the same thing, or not. */
export function notDerived(e: Evidence): Relation {
  return e.sharedFacts >= RELATED_FACTS || e.sharedFactShare >= RELATED_FACT_SHARE ? 'related' : 'unrelated';
}

/**
 * The relation of the two texts: whether one is derived is the fitted model's call on the evidence; how (a whole
 * copy, and of which kind, or a partial one) follows from what the alignment covers and how it rewrote.
 */
export function judgeRelation(e: Evidence, model: DerivationModel = loadDerivationModel()): Relation {
  return isDerived(e, model) ? derivedRelation(e) : notDerived(e);
}

/** How one text derives from the other, given that it does: a whole copy, and of which kind, or a partial one. */
export function derivedRelation(e: Evidence): Relation {
  const least = Math.min(e.coverageA, e.coverageB);
  const shared = (e.sharedA + e.sharedB) / 2;
  return least >= FULL_COVERAGE && shared >= MIN_SHARED_COPY ? copyKind(e) : 'partial';
}
