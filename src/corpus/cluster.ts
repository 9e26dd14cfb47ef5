/**
 * Clusters of derived documents from the pairs a scan verified. A cluster is the set of documents derived from one
 * text: it is built around an original, and every member is verified against that original itself, never joined
 * through a chain of other members. A page that carries snippets of several stories, or an independent report that
 * alignment judged close to one copy, therefore cannot make two stories one.
 */
import type { Comparison, Relation } from '../judge/types.js';
import type { NumberedDocument } from '../store/corpus-store.js';
import type { Cluster, ClusterMember } from './types.js';

/** What the scan learnt of a pair of documents by comparing `a` with `b` (a < b). */
export interface PairVerdict {
  readonly derived: boolean;
  readonly relation: Relation;
  readonly similarity: number;
  /** How much of a the other says too, and of b. */
  readonly shared: readonly [number, number];
  /** 1: a was written from b; -1: b from a; 0: unknown or both from a common source. */
  readonly lean: -1 | 0 | 1;
}

export function pairVerdict(c: Comparison): PairVerdict {
  return {
    derived: c.derived,
    relation: c.relation,
    similarity: c.similarity,
    shared: [c.shared.a, c.shared.b],
    lean: c.direction === 'a-from-b' ? 1 : c.direction === 'b-from-a' ? -1 : 0,
  };
}

export interface ClusterSources {
  readonly load: (n: number) => NumberedDocument;
  /** The verdict on a pair (a < b), from the scan's comparisons, else by comparing them now; undefined when the pair may not be compared. */
  readonly verdict: (a: number, b: number) => PairVerdict | undefined;
  /** The derived pairs found, by `a:b` (a < b): the scan's, and those `verdict` adds as it compares. */
  readonly derived: ReadonlyMap<string, PairVerdict>;
  /** Documents that may be an original (a reference set); any document when undefined. */
  readonly mayBeOriginal?: (n: number) => boolean;
}

const key = (x: number, y: number): string => (x < y ? `${x}:${y}` : `${y}:${x}`);

function lookup(derived: ReadonlyMap<string, PairVerdict>, x: number, y: number): PairVerdict | undefined {
  return derived.get(key(x, y));
}

/** Connected groups of documents over the derived pairs: where clusters are to be looked for. */
function components(derived: ReadonlyMap<string, PairVerdict>): number[][] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) as number;
    parent.set(x, root);
    return root;
  };
  for (const k of derived.keys()) {
    const [a, b] = k.split(':').map(Number) as [number, number];
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const groups = new Map<number, number[]>();
  for (const n of parent.keys()) {
    const root = find(n);
    const group = groups.get(root);
    if (group) group.push(n);
    else groups.set(root, [n]);
  }
  return [...groups.values()].map((g) => g.sort((x, y) => x - y));
}

interface Choice {
  readonly original: number;
  readonly reason: string;
}

/**
 * The likely original among documents: the earliest published when all are dated; else the one that says most of
 * what each of the others says (the source holds every copy's content: extracts are parts of it, rewrites say it
 * again), the directions of the verified pairs breaking ties.
 */
function chooseOriginal(candidates: readonly number[], all: readonly number[], sources: ClusterSources): Choice {
  const dated = all.map((n) => ({ n, date: sources.load(n).date }));
  if (dated.every((d) => d.date !== undefined)) {
    const first = dated.filter((d) => candidates.includes(d.n)).reduce((x, y) => ((y.date as string) < (x.date as string) ? y : x));
    return { original: first.n, reason: `published first (${first.date})` };
  }
  let best: { n: number; closeness: number; votes: number } | undefined;
  for (const n of candidates) {
    let closeness = 0;
    let votes = 0;
    for (const m of all) {
      if (m === n) continue;
      const v = lookup(sources.derived, n, m);
      if (!v) continue;
      // How much of m this document says: m's side of the pair.
      closeness += v.shared[m < n ? 0 : 1];
      // lean 1: the lower-numbered document was written from the higher one.
      const copy = v.lean === 0 ? undefined : v.lean === 1 ? Math.min(n, m) : Math.max(n, m);
      if (copy !== undefined) votes += copy === n ? -1 : 1;
    }
    if (!best || closeness > best.closeness + 1e-9 || (Math.abs(closeness - best.closeness) <= 1e-9 && votes > best.votes)) best = { n, closeness, votes };
  }
  const chosen = best as { n: number };
  return { original: chosen.n, reason: 'it holds most of what the others say: the fullest and least rewritten text' };
}

/** The verified pairs that first joined each member to the original: the ids between them, nearest the original first. */
function paths(original: number, members: readonly number[], scanned: ReadonlyMap<string, PairVerdict>): Map<number, number[]> {
  const inCluster = new Set([original, ...members]);
  const via = new Map<number, number>([[original, original]]);
  let frontier = [original];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const from of frontier) {
      for (const to of inCluster) {
        if (via.has(to) || !lookup(scanned, from, to)) continue;
        via.set(to, from);
        next.push(to);
      }
    }
    frontier = next;
  }
  const result = new Map<number, number[]>();
  for (const m of members) {
    const path: number[] = [];
    for (let at = via.get(m); at !== undefined && at !== original; at = via.get(at)) path.unshift(at);
    result.set(m, path);
  }
  return result;
}

function toCluster(choice: Choice, members: ReadonlyMap<number, PairVerdict>, sources: ClusterSources, scanned: ReadonlyMap<string, PairVerdict>): Cluster {
  const joined = paths(choice.original, [...members.keys()], scanned);
  const list: ClusterMember[] = [...members].map(([n, v]) => {
    const d = sources.load(n);
    return {
      id: d.id,
      relation: v.relation,
      similarity: v.similarity,
      path: (joined.get(n) ?? []).map((k) => sources.load(k).id),
      ...(d.title ? { title: d.title } : {}),
      ...(d.url ? { url: d.url } : {}),
      ...(d.date ? { date: d.date } : {}),
    };
  });
  list.sort((x, y) => y.similarity - x.similarity || (x.id < y.id ? -1 : 1));
  return { original: sources.load(choice.original).id, reason: choice.reason, members: list };
}

/**
 * The clusters of one connected group: the likely original is chosen, every other document is verified against it,
 * those derived from it form its cluster, and the rest are grouped again the same way.
 */
function carve(group: readonly number[], sources: ClusterSources, scanned: ReadonlyMap<string, PairVerdict>): Cluster[] {
  const clusters: Cluster[] = [];
  let remaining = [...group];
  let candidates = remaining.filter((n) => sources.mayBeOriginal?.(n) ?? true);
  while (remaining.length >= 2 && candidates.length > 0) {
    const choice = chooseOriginal(candidates, remaining, sources);
    const members = new Map<number, PairVerdict>();
    for (const m of remaining) {
      if (m === choice.original) continue;
      const v = sources.verdict(Math.min(m, choice.original), Math.max(m, choice.original));
      if (v?.derived) members.set(m, v);
    }
    const taken = new Set([choice.original, ...members.keys()]);
    if (members.size > 0) clusters.push(toCluster(choice, members, sources, scanned));
    remaining = remaining.filter((n) => !taken.has(n));
    candidates = candidates.filter((n) => !taken.has(n));
  }
  return clusters;
}

export function formClusters(sources: ClusterSources): Cluster[] {
  // The derived pairs the scan itself found: the paths members were first reached by.
  const scanned = new Map(sources.derived);
  const clusters = components(scanned).flatMap((group) => carve(group, sources, scanned));
  return clusters.sort((x, y) => y.members.length - x.members.length || (x.original < y.original ? -1 : 1));
}
