import type { Kinship } from '../lexicon/types.js';
import type { Token } from '../text/types.js';
import type { Edit } from './types.js';
import type { WordMatcher } from './word-match.js';

// Alignment scores: a kept word earns its match score; a swapped word costs less than deleting and inserting.
const MISMATCH = -0.3;
const GAP = -0.35;
// Below this a pair of tokens is not "the same word" but a substitution.
const EQUAL_SCORE = 1;

const KINSHIP_ORDER: readonly Kinship[] = ['same', 'synonym', 'related', 'none'];

function strongest(a: Kinship, b: Kinship): Kinship {
  return KINSHIP_ORDER.indexOf(a) <= KINSHIP_ORDER.indexOf(b) ? a : b;
}

type Step = { a?: Token; b?: Token; score: number };

/** Monotone alignment (Needleman–Wunsch) of two token sequences, best total score. */
function alignTokens(a: readonly Token[], b: readonly Token[], matcher: WordMatcher): Step[] {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const best = new Float64Array((n + 1) * width);
  const move = new Uint8Array((n + 1) * width); // 1 diagonal, 2 up (delete), 3 left (insert)
  const pair = new Float32Array((n + 1) * width);
  for (let i = 1; i <= n; i++) (best[i * width] = i * GAP), (move[i * width] = 2);
  for (let j = 1; j <= m; j++) (best[j] = j * GAP), (move[j] = 3);
  for (let i = 1; i <= n; i++) {
    const ta = a[i - 1] as Token;
    for (let j = 1; j <= m; j++) {
      const tb = b[j - 1] as Token;
      const s = matcher.score(ta, tb);
      pair[i * width + j] = s;
      const diag = (best[(i - 1) * width + j - 1] ?? 0) + (s > 0 ? s : MISMATCH);
      const up = (best[(i - 1) * width + j] ?? 0) + GAP;
      const left = (best[i * width + j - 1] ?? 0) + GAP;
      const top = Math.max(diag, up, left);
      best[i * width + j] = top;
      move[i * width + j] = top === diag ? 1 : top === up ? 2 : 3;
    }
  }
  const steps: Step[] = [];
  for (let i = n, j = m; i > 0 || j > 0; ) {
    const mv = move[i * width + j];
    if (mv === 1) {
      steps.push({ a: a[i - 1], b: b[j - 1], score: pair[i * width + j] ?? 0 });
      i--, j--;
    } else if (mv === 2) {
      steps.push({ a: a[i - 1], score: 0 });
      i--;
    } else {
      steps.push({ b: b[j - 1], score: 0 });
      j--;
    }
  }
  return steps.reverse();
}

function rangeOf(tokens: readonly Token[]): [number, number] {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  return first && last ? [first.index, last.index + 1] : [0, 0];
}

/** Kinship of two replaced phrases: word to word, else the phrases as wholes, else the best pair of content words inside them. */
function phraseKinship(a: readonly Token[], b: readonly Token[], matcher: WordMatcher): Kinship {
  const [x, y] = [a[0], b[0]];
  if (a.length === 1 && b.length === 1 && x && y) return matcher.kinship(x, y);
  const contentA = a.filter((t) => matcher.canSwap(t));
  const contentB = b.filter((t) => matcher.canSwap(t));
  if (contentA.length === 0 || contentB.length === 0) return 'none';
  const whole = matcher.phraseKinship(a.map((t) => t.lemma).join(' '), b.map((t) => t.lemma).join(' '));
  if (whole !== 'none' || contentA.length * contentB.length > 16) return whole;
  let k: Kinship = 'none';
  for (const p of contentA) for (const q of contentB) k = strongest(k, matcher.kinship(p, q));
  return k === 'same' ? 'related' : k;
}

/**
 * The word edit script turning tokens `a` into tokens `b`: equal words, phrase substitutions
 * (with their kinship), insertions and deletions. Punctuation is ignored.
 */
export function editScript(a: readonly Token[], b: readonly Token[], matcher: WordMatcher): Edit[] {
  const steps = alignTokens(
    a.filter((t) => t.kind !== 'punct'),
    b.filter((t) => t.kind !== 'punct'),
    matcher,
  );
  const edits: Edit[] = [];
  let runA: Token[] = [];
  let runB: Token[] = [];
  const flush = (): void => {
    if (runA.length > 0 && runB.length > 0) {
      edits.push({ op: 'substitute', a: rangeOf(runA), b: rangeOf(runB), kinship: phraseKinship(runA, runB, matcher) });
    } else if (runA.length > 0) {
      edits.push({ op: 'delete', a: rangeOf(runA), b: [runB[0]?.index ?? 0, runB[0]?.index ?? 0] });
    } else if (runB.length > 0) {
      edits.push({ op: 'insert', a: [0, 0], b: rangeOf(runB) });
    }
    runA = [];
    runB = [];
  };
  for (const step of steps) {
    if (step.a && step.b && step.score >= EQUAL_SCORE) {
      flush();
      const last = edits[edits.length - 1];
      if (last?.op === 'equal' && last.a[1] <= step.a.index && last.b[1] <= step.b.index) {
        edits[edits.length - 1] = { op: 'equal', a: [last.a[0], step.a.index + 1], b: [last.b[0], step.b.index + 1] };
      } else {
        edits.push({ op: 'equal', a: [step.a.index, step.a.index + 1], b: [step.b.index, step.b.index + 1] });
      }
      continue;
    }
    if (step.a && step.b && step.score > 0) {
      // A swap of two related words stands on its own, not merged with neighbouring changes.
      flush();
      runA.push(step.a);
      runB.push(step.b);
      flush();
      continue;
    }
    if (step.a) runA.push(step.a);
    if (step.b) runB.push(step.b);
  }
  flush();
  return edits;
}
