/**
 * Features of a sentence pair for the paraphrase decision: surface overlap, MT metrics, a monolingual
 * word alignment, vector similarity and mismatch signals (numbers, names, negation, word order).
 * Every feature is named; directional measures are reported as min and max over the two directions
 * because the order of a pair carries no meaning.
 */

import type { Lexicon } from '../lexicon/types.js';
import type { Analysis, Token } from '../text/types.js';
import { cosine, Link, pairView, relativeDistance, type PairView, type Side, type WordAlignment } from './pair-view.js';

/** Named feature values of one pair. */
export type Features = Record<string, number>;

const NEGATIONS = new Set(['not', "'t", 'no', 'never', 'nothing', 'none', 'nobody', 'neither', 'nor', 'cannot', 'without']);

// ---------------------------------------------------------------- small helpers

function ratio(x: number, y: number): number {
  return y > 0 ? x / y : 0;
}

function harmonic(x: number, y: number): number {
  return x + y > 0 ? (2 * x * y) / (x + y) : 0;
}

/** Reports a directional measure as min and max over the two directions. */
function bothWays(name: string, x: number, y: number): Features {
  return { [`${name}.min`]: Math.min(x, y), [`${name}.max`]: Math.max(x, y) };
}

function ngramCounts(items: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= items.length; i++) {
    const key = items.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Matches between two n-gram multisets (each n-gram counted at most as often as the rarer side has it). */
function clippedMatches(x: Map<string, number>, y: Map<string, number>): number {
  let m = 0;
  for (const [k, c] of x) m += Math.min(c, y.get(k) ?? 0);
  return m;
}

function total(counts: Map<string, number>): number {
  let s = 0;
  for (const c of counts.values()) s += c;
  return s;
}

function charNgrams(words: readonly string[], n: number): Map<string, number> {
  const text = ` ${words.join(' ')} `;
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= text.length; i++) {
    const key = text.slice(i, i + n);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function pick<T>(items: readonly T[], indices: readonly number[]): T[] {
  return indices.flatMap((i) => (i < items.length ? [items[i] as T] : []));
}

// ---------------------------------------------------------------- feature groups

function lengthFeatures({ a, b }: PairView): Features {
  const la = a.words.length;
  const lb = b.words.length;
  const ca = a.content.length;
  const cb = b.content.length;
  return {
    'words.min': Math.min(la, lb),
    'words.max': Math.max(la, lb),
    'words.ratio': ratio(Math.min(la, lb), Math.max(la, lb)),
    'words.diff': Math.abs(la - lb),
    'content.ratio': ratio(Math.min(ca, cb), Math.max(ca, cb)),
    'content.diff': Math.abs(ca - cb),
  };
}

/** Containment of n-grams of one side in the other, for words, lemmas and content lemmas. */
function ngramFeatures({ a, b }: PairView): Features {
  const out: Features = {};
  const views: [string, readonly string[], readonly string[], number][] = [
    ['lower', a.lower, b.lower, 4],
    ['lemma', a.lemma, b.lemma, 3],
    ['contentLemma', pick(a.lemma, a.content), pick(b.lemma, b.content), 2],
  ];
  for (const [name, x, y, maxN] of views) {
    for (let n = 1; n <= maxN; n++) {
      const cx = ngramCounts(x, n);
      const cy = ngramCounts(y, n);
      const m = clippedMatches(cx, cy);
      const tx = total(cx);
      const ty = total(cy);
      Object.assign(out, bothWays(`${name}.${n}`, ratio(m, tx), ratio(m, ty)));
      out[`${name}.${n}.jaccard`] = ratio(m, tx + ty - m);
    }
  }
  return out;
}

function charFeatures({ a, b }: PairView): Features {
  const out: Features = {};
  for (const n of [3, 4, 5]) {
    const cx = charNgrams(a.lower, n);
    const cy = charNgrams(b.lower, n);
    const m = clippedMatches(cx, cy);
    const tx = total(cx);
    const ty = total(cy);
    Object.assign(out, bothWays(`char.${n}`, ratio(m, tx), ratio(m, ty)));
  }
  return out;
}

/** Sentence BLEU of a hypothesis against one reference, add-one smoothed above unigrams (Lin & Och 2004). */
function bleu(hyp: readonly string[], ref: readonly string[], maxN: number): number {
  if (hyp.length === 0) return 0;
  let logSum = 0;
  for (let n = 1; n <= maxN; n++) {
    const h = ngramCounts(hyp, n);
    const m = clippedMatches(h, ngramCounts(ref, n));
    const t = total(h);
    const p = n === 1 ? ratio(m, t) : (m + 1) / (t + 1);
    logSum += Math.log(Math.max(p, 1e-9));
  }
  const brevity = hyp.length >= ref.length ? 1 : Math.exp(1 - ref.length / hyp.length);
  return brevity * Math.exp(logSum / maxN);
}

function bleuFeatures({ a, b }: PairView): Features {
  const out: Features = {};
  for (const n of [1, 2, 3, 4]) Object.assign(out, bothWays(`bleu.${n}`, bleu(a.lemma, b.lemma, n), bleu(b.lemma, a.lemma, n)));
  return out;
}

/** Word-level Levenshtein distance; `same` decides when two positions match. */
function editDistance(n: number, m: number, same: (i: number, j: number) => boolean): number {
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = [i];
    for (let j = 1; j <= m; j++) {
      const sub = (prev[j - 1] ?? 0) + (same(i - 1, j - 1) ? 0 : 1);
      cur.push(Math.min(sub, (prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1));
    }
    prev = cur;
  }
  return prev[m] ?? 0;
}

/** Longest run of consecutive equal words. */
function longestCommonRun(x: readonly string[], y: readonly string[]): number {
  let best = 0;
  let prev = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    const cur = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j++) {
      if (x[i - 1] === y[j - 1]) {
        cur[j] = (prev[j - 1] ?? 0) + 1;
        best = Math.max(best, cur[j] ?? 0);
      }
    }
    prev = cur;
  }
  return best;
}

/** Edit distances (a TER without shifts): on lemmas, and with aligned words counting as equal. */
function editFeatures({ a, b, alignment }: PairView): Features {
  const n = a.words.length;
  const m = b.words.length;
  const longest = Math.max(1, n, m);
  const lemma = editDistance(n, m, (i, j) => a.lemma[i] === b.lemma[j]);
  const linked = editDistance(n, m, (i, j) => alignment.toB[i] === j);
  const run = longestCommonRun(a.lower, b.lower);
  return {
    'edit.lemma': 1 - lemma / longest,
    'edit.aligned': 1 - linked / longest,
    'run.min': ratio(run, Math.max(1, Math.min(n, m))),
    'run.max': ratio(run, longest),
  };
}

function sharesOf(side: Side, indices: readonly number[], to: Int32Array): { count: number; weighted: number } {
  let aligned = 0;
  let weight = 0;
  let alignedWeight = 0;
  for (const i of indices) {
    const w = side.weight[i] ?? 0;
    weight += w;
    if ((to[i] ?? -1) >= 0) {
      aligned++;
      alignedWeight += w;
    }
  }
  return { count: indices.length > 0 ? aligned / indices.length : 1, weighted: weight > 0 ? alignedWeight / weight : 1 };
}

/** How much of each side the alignment covers: the proportion of aligned content words (Sultan et al. 2014). */
function alignmentFeatures({ a, b, alignment }: PairView): Features {
  const ca = sharesOf(a, a.content, alignment.toB);
  const cb = sharesOf(b, b.content, alignment.toA);
  const all = (s: Side): number[] => s.words.map((_, i) => i);
  const wa = sharesOf(a, all(a), alignment.toB);
  const wb = sharesOf(b, all(b), alignment.toA);
  const byLink = [0, 0, 0, 0];
  let strength = 0;
  for (const i of a.content) {
    const l = alignment.link[i] ?? 0;
    byLink[l] = (byLink[l] ?? 0) + 1;
    if (l !== Link.None) strength += alignment.strength[i] ?? 0;
  }
  const contentLinks = a.content.length - (byLink[Link.None] ?? 0);
  return {
    ...bothWays('align.content', ca.count, cb.count),
    'align.content.f': harmonic(ca.count, cb.count),
    ...bothWays('align.weighted', ca.weighted, cb.weighted),
    'align.weighted.f': harmonic(ca.weighted, cb.weighted),
    ...bothWays('align.all', wa.count, wb.count),
    'align.same': ratio(byLink[Link.Same] ?? 0, contentLinks),
    'align.synonym': ratio(byLink[Link.Synonym] ?? 0, contentLinks),
    'align.similar': ratio(byLink[Link.Similar] ?? 0, contentLinks),
    'align.strength': ratio(strength, contentLinks),
  };
}

function unalignedWeight(side: Side, to: Int32Array): number {
  let w = 0;
  for (const i of side.content) if ((to[i] ?? 0) < 0) w += side.weight[i] ?? 0;
  return w;
}

function countUnaligned(side: Side, to: Int32Array, keep: (t: Token) => boolean): number {
  return side.content.filter((i) => (to[i] ?? 0) < 0 && keep(side.words[i] as Token)).length;
}

/** What one side says that the other does not: unaligned content words, names and numbers. */
function leftoverFeatures({ a, b, alignment }: PairView): Features {
  const isName = (t: Token): boolean => t.isName;
  const isNumber = (t: Token): boolean => t.kind === 'number';
  const any = (): boolean => true;
  return {
    ...bothWays('left.content', countUnaligned(a, alignment.toB, any), countUnaligned(b, alignment.toA, any)),
    ...bothWays('left.weight', unalignedWeight(a, alignment.toB), unalignedWeight(b, alignment.toA)),
    ...bothWays('left.names', countUnaligned(a, alignment.toB, isName), countUnaligned(b, alignment.toA, isName)),
    ...bothWays('left.numbers', countUnaligned(a, alignment.toB, isNumber), countUnaligned(b, alignment.toA, isNumber)),
  };
}

/** Stretches of one side with no counterpart: an added clause is a longer stretch than scattered rewording. */
function gaps(side: Side, to: Int32Array): { longest: number; content: number } {
  let longest = 0;
  let run = 0;
  let withContent = 0;
  let runHasContent = false;
  const isContent = new Set(side.content);
  for (let i = 0; i <= side.words.length; i++) {
    if (i < side.words.length && (to[i] ?? 0) < 0) {
      run++;
      runHasContent ||= isContent.has(i);
      continue;
    }
    longest = Math.max(longest, run);
    if (runHasContent) withContent++;
    run = 0;
    runHasContent = false;
  }
  return { longest, content: withContent };
}

function gapFeatures({ a, b, alignment }: PairView): Features {
  const ga = gaps(a, alignment.toB);
  const gb = gaps(b, alignment.toA);
  return {
    ...bothWays('gap.longest', ga.longest, gb.longest),
    ...bothWays('gap.longestShare', ratio(ga.longest, a.words.length), ratio(gb.longest, b.words.length)),
    ...bothWays('gap.count', ga.content, gb.content),
  };
}

function numberSet(side: Side): Set<string> {
  return new Set(side.words.filter((t) => t.kind === 'number').map((t) => t.lemma));
}

/** Numbers are facts: a pair that disagrees on them rarely means the same (Madnani et al. 2012). */
function numberFeatures({ a, b }: PairView): Features {
  const na = numberSet(a);
  const nb = numberSet(b);
  const shared = [...na].filter((x) => nb.has(x)).length;
  const union = na.size + nb.size - shared;
  return {
    'numbers.any': union > 0 ? 1 : 0,
    'numbers.equal': union > 0 && shared === union ? 1 : 0,
    'numbers.subset': union > 0 && (shared === na.size || shared === nb.size) ? 1 : 0,
    'numbers.jaccard': union > 0 ? shared / union : 1,
  };
}

function nameSet(side: Side): Set<string> {
  return new Set(side.words.filter((t) => t.isName).map((t) => t.lower));
}

function nameFeatures({ a, b }: PairView): Features {
  const na = nameSet(a);
  const nb = nameSet(b);
  const lowerA = new Set(a.lower);
  const lowerB = new Set(b.lower);
  const missingA = [...na].filter((x) => !lowerB.has(x)).length;
  const missingB = [...nb].filter((x) => !lowerA.has(x)).length;
  return {
    ...bothWays('names.missing', missingA, missingB),
    'names.share': ratio([...na].filter((x) => nb.has(x)).length, na.size + nb.size),
  };
}

function negations(side: Side): number {
  return side.lower.filter((w) => NEGATIONS.has(w)).length;
}

function negationFeatures({ a, b }: PairView): Features {
  const na = negations(a);
  const nb = negations(b);
  return { 'negation.mismatch': na % 2 !== nb % 2 ? 1 : 0, 'negation.diff': Math.abs(na - nb) };
}

/** Word order: discordant aligned pairs, METEOR chunks, position shift, neighbours kept. */
function orderFeatures({ a, b, alignment }: PairView): Features {
  const links = a.content.filter((i) => (alignment.toB[i] ?? -1) >= 0).map((i) => [i, alignment.toB[i] ?? 0] as const);
  let discordant = 0;
  let pairs = 0;
  for (let x = 0; x < links.length; x++) {
    for (let y = x + 1; y < links.length; y++) {
      pairs++;
      const [i1, j1] = links[x] ?? [0, 0];
      const [i2, j2] = links[y] ?? [0, 0];
      if ((i1 - i2) * (j1 - j2) < 0) discordant++;
    }
  }
  let shift = 0;
  let keptNeighbour = 0;
  for (const [i, j] of links) {
    shift += relativeDistance(a, b, i, j);
    const leftKept = i > 0 && alignment.toB[i - 1] === j - 1;
    const rightKept = i + 1 < a.words.length && alignment.toB[i + 1] === j + 1;
    if (leftKept || rightKept) keptNeighbour++;
  }
  return {
    'order.discordant': ratio(discordant, pairs),
    'order.shift': ratio(shift, links.length),
    'order.neighbours': ratio(keptNeighbour, links.length),
    'order.chunks': ratio(chunks(alignment), Math.max(1, alignedCount(alignment))),
  };
}

function alignedCount(al: WordAlignment): number {
  return al.toB.filter((j) => j >= 0).length;
}

/** Runs of aligned words contiguous and in the same order on both sides (METEOR's chunks). */
function chunks(al: WordAlignment): number {
  let count = 0;
  let prevJ = -2;
  for (let i = 0; i < al.toB.length; i++) {
    const j = al.toB[i] ?? -1;
    if (j < 0) {
      prevJ = -2;
      continue;
    }
    if (j !== prevJ + 1) count++;
    prevJ = j;
  }
  return count;
}

/** METEOR (Banerjee & Lavie 2005) over the alignment: recall-weighted F with a fragmentation penalty. */
function meteorFeatures({ a, b, alignment }: PairView): Features {
  const matches = alignedCount(alignment);
  if (matches === 0) return { 'meteor.min': 0, 'meteor.max': 0 };
  const penalty = 0.5 * Math.pow(chunks(alignment) / matches, 3);
  const pa = matches / Math.max(1, a.words.length);
  const pb = matches / Math.max(1, b.words.length);
  const fmean = (p: number, r: number): number => (10 * p * r) / (r + 9 * p);
  return bothWays('meteor', fmean(pa, pb) * (1 - penalty), fmean(pb, pa) * (1 - penalty));
}

/** Weight of a word in a sentence vector: frequent words count less (SIF, Arora et al. 2017). */
function sifWeight(side: Side, i: number): number {
  const rank = Math.exp(side.weight[i] ?? 0);
  return rank / (rank + 100);
}

function sentenceVector(side: Side, indices: readonly number[]): Float64Array | undefined {
  let sum: Float64Array | undefined;
  for (const i of indices) {
    const v = side.vectors[i];
    if (!v) continue;
    sum ??= new Float64Array(v.length);
    const w = sifWeight(side, i);
    for (let k = 0; k < v.length; k++) sum[k] = (sum[k] ?? 0) + w * (v[k] ?? 0);
  }
  return sum;
}

function vectorCosine(x: Float64Array | undefined, y: Float64Array | undefined): number {
  if (!x || !y) return 0;
  let dot = 0;
  let nx = 0;
  let ny = 0;
  for (let k = 0; k < x.length; k++) {
    dot += (x[k] ?? 0) * (y[k] ?? 0);
    nx += (x[k] ?? 0) ** 2;
    ny += (y[k] ?? 0) ** 2;
  }
  return nx > 0 && ny > 0 ? dot / Math.sqrt(nx * ny) : 0;
}

/** Mihalcea et al. (2006): each word's best match on the other side, weighted by information. */
function bestMatchSimilarity(x: Side, y: Side): number {
  let sum = 0;
  let weight = 0;
  for (const i of x.content) {
    let best = 0;
    for (const j of y.content) {
      best = Math.max(best, x.lemma[i] === y.lemma[j] ? 1 : cosine(x.vectors[i], y.vectors[j]));
      if (best === 1) break;
    }
    const w = x.weight[i] ?? 0;
    sum += w * best;
    weight += w;
  }
  return weight > 0 ? sum / weight : 0;
}

function vectorFeatures({ a, b }: PairView): Features {
  const all = (s: Side): number[] => s.words.map((_, i) => i);
  return {
    'vector.all': vectorCosine(sentenceVector(a, all(a)), sentenceVector(b, all(b))),
    'vector.content': vectorCosine(sentenceVector(a, a.content), sentenceVector(b, b.content)),
    ...bothWays('vector.bestMatch', bestMatchSimilarity(a, b), bestMatchSimilarity(b, a)),
  };
}

/** Share of punctuation marks typed with a space before them, as in pre-tokenized corpora ("word , word"). */
function spacedPunctuation(side: Side): number {
  const punct = side.analysis.tokens.filter((t) => t.kind === 'punct' && t.span[0] > 0);
  return ratio(punct.filter((t) => side.analysis.original[t.span[0] - 1] === ' ').length, punct.length);
}

function meanOf(values: readonly number[]): number {
  return values.length > 0 ? values.reduce((x, y) => x + y, 0) / values.length : 0;
}

/** The kind of text (news, literature, encyclopedia), so that the model can weigh its experts. */
function styleFeatures({ a, b }: PairView): Features {
  const words = [...a.words, ...b.words];
  const capitalized = words.filter((t) => t.text[0] !== t.text[0]?.toLowerCase()).length;
  return {
    'style.spacedPunct': (spacedPunctuation(a) + spacedPunctuation(b)) / 2,
    'style.capitals': ratio(capitalized, words.length),
    'style.numbers': ratio(words.filter((t) => t.kind === 'number').length, words.length),
    'style.wordLength': meanOf(words.map((t) => t.text.length)),
    'style.rarity': meanOf([...a.weight, ...b.weight]),
    'style.functionWords': ratio(words.filter((t) => t.isFunction).length, words.length),
  };
}

const GROUPS: readonly ((p: PairView) => Features)[] = [
  lengthFeatures,
  ngramFeatures,
  charFeatures,
  bleuFeatures,
  editFeatures,
  alignmentFeatures,
  leftoverFeatures,
  numberFeatures,
  nameFeatures,
  negationFeatures,
  orderFeatures,
  meteorFeatures,
  vectorFeatures,
  gapFeatures,
  styleFeatures,
];

/** All features of a pair, by name. */
export function pairFeatures(view: PairView): Features {
  const out: Features = {};
  for (const group of GROUPS) Object.assign(out, group(view));
  return out;
}

export function sentenceFeatures(a: Analysis, b: Analysis, lexicon: Lexicon): Features {
  return pairFeatures(pairView(a, b, lexicon));
}
