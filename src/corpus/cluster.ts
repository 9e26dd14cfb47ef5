/**
 * Clusters of derived documents from the pairs a scan verified. A cluster is the set of documents derived from one
 * text: it is built around an original, and every member is verified against that original itself, never joined
 * through a chain of other members. A page that carries snippets of several stories, or an independent report that
 * alignment judged close to one copy, therefore cannot make two stories one.
 */
import type { Comparison, Relation } from '../judge/types.js';
import type { NumberedDocument } from '../store/corpus-store.js';
import { creditsAnotherOutlet } from '../text/credits.js';
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

/** What carving a group needs: its documents, and the verdict on any pair of them. */
export interface GroupSources {
  /** Every document of the group, by number. */
  readonly documents: ReadonlyMap<number, NumberedDocument>;
  /** The verdict on a pair (a < b), from the scan's comparisons, else by comparing them now; undefined when the pair may not be compared. */
  readonly verdict: (a: number, b: number) => Promise<PairVerdict | undefined>;
  /** Documents that may be an original (a reference set); any document when undefined. */
  readonly mayBeOriginal?: (n: number) => boolean;
}

export const pairKey = (x: number, y: number): string => (x < y ? `${x}:${y}` : `${y}:${x}`);

function lookup(derived: ReadonlyMap<string, PairVerdict>, x: number, y: number): PairVerdict | undefined {
  return derived.get(pairKey(x, y));
}

/**
 * Connected groups of documents over derived pairs: where clusters are to be looked for. It holds one number per
 * document met, not the pairs, so that a distributed scan can stream its pairs through it.
 */
export class Groups {
  private readonly parent = new Map<number, number>();

  private find(x: number): number {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root) as number;
    // Path compression: every document on the way now points at the root.
    for (let at = x; at !== root; ) {
      const next = this.parent.get(at) as number;
      this.parent.set(at, root);
      at = next;
    }
    return root;
  }

  join(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    this.parent.set(ra, ra);
    this.parent.set(rb, rb);
    if (ra !== rb) this.parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }

  /** The groups, each ascending, in the order of their lowest numbers. */
  list(): number[][] {
    const groups = new Map<number, number[]>();
    for (const n of [...this.parent.keys()].sort((x, y) => x - y)) {
      const root = this.find(n);
      const group = groups.get(root);
      if (group) group.push(n);
      else groups.set(root, [n]);
    }
    return [...groups.values()];
  }
}

interface Choice {
  readonly original: number;
  readonly reason: string;
}

/**
 * The likely original among documents: the earliest published when all are dated; else, among those that credit no
 * other outlet for their story (all, when each does), the one that says most of what each of the others says (the
 * source holds every copy's content: extracts are parts of it, rewrites say it again), the directions of the
 * verified pairs breaking ties.
 */
function chooseOriginal(candidates: readonly number[], all: readonly number[], documents: ReadonlyMap<number, NumberedDocument>, derived: ReadonlyMap<string, PairVerdict>): Choice {
  // Ties go to the lower id: numbers are the order documents happened to be stored in, which must not decide.
  const idOf = (n: number): string => documents.get(n)?.id ?? '';
  const dated = all.map((n) => ({ n, date: documents.get(n)?.date }));
  if (dated.every((d) => d.date !== undefined)) {
    const earlier = (x: { n: number; date?: string }, y: { n: number; date?: string }): boolean =>
      (y.date as string) < (x.date as string) || (y.date === x.date && idOf(y.n) < idOf(x.n));
    const first = dated.filter((d) => candidates.includes(d.n)).reduce((x, y) => (earlier(x, y) ? y : x));
    return { original: first.n, reason: `published first (${first.date})` };
  }
  // A page that credits another outlet for its story took it from there: the others are preferred, when there are any.
  const uncredited = candidates.filter((n) => !creditsAnotherOutlet(documents.get(n)?.text ?? ''));
  let best: { n: number; closeness: number; votes: number } | undefined;
  for (const n of uncredited.length > 0 ? uncredited : candidates) {
    let closeness = 0;
    let votes = 0;
    for (const m of all) {
      if (m === n) continue;
      const v = lookup(derived, n, m);
      if (!v) continue;
      // How much of m this document says: m's side of the pair.
      closeness += v.shared[m < n ? 0 : 1];
      // lean 1: the lower-numbered document was written from the higher one.
      const copy = v.lean === 0 ? undefined : v.lean === 1 ? Math.min(n, m) : Math.max(n, m);
      if (copy !== undefined) votes += copy === n ? -1 : 1;
    }
    const tie = best !== undefined && Math.abs(closeness - best.closeness) <= 1e-9;
    const better = !best || closeness > best.closeness + 1e-9 || (tie && (votes > best.votes || (votes === best.votes && idOf(n) < idOf(best.n))));
    if (better) best = { n, closeness, votes };
  }
  const chosen = best as { n: number };
  const passedOver = uncredited.length > 0 && uncredited.length < candidates.length ? '; pages that credit another outlet for the story were passed over' : '';
  return { original: chosen.n, reason: `it holds most of what the others say: the fullest and least rewritten text${passedOver}` };
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

function toCluster(choice: Choice, members: ReadonlyMap<number, PairVerdict>, documents: ReadonlyMap<number, NumberedDocument>, scanned: ReadonlyMap<string, PairVerdict>): Cluster {
  const joined = paths(choice.original, [...members.keys()], scanned);
  const doc = (n: number): NumberedDocument => documents.get(n) as NumberedDocument;
  const list: ClusterMember[] = [...members].map(([n, v]) => {
    const d = doc(n);
    return {
      id: d.id,
      relation: v.relation,
      similarity: v.similarity,
      path: (joined.get(n) ?? []).map((k) => doc(k).id),
      ...(d.title ? { title: d.title } : {}),
      ...(d.url ? { url: d.url } : {}),
      ...(d.date ? { date: d.date } : {}),
    };
  });
  list.sort((x, y) => y.similarity - x.similarity || (x.id < y.id ? -1 : 1));
  return { original: doc(choice.original).id, reason: choice.reason, members: list };
}

/**
 * The clusters of one connected group, given the derived pairs the scan found in it: the likely original is chosen,
 * every other document is verified against it, those derived from it form its cluster, and the rest are grouped again
 * the same way.
 */
export async function carve(group: readonly number[], scanned: ReadonlyMap<string, PairVerdict>, sources: GroupSources): Promise<Cluster[]> {
  // The derived pairs known so far: the scan's, and those verified while carving.
  const derived = new Map(scanned);
  const clusters: Cluster[] = [];
  let remaining = [...group];
  let candidates = remaining.filter((n) => sources.mayBeOriginal?.(n) ?? true);
  while (remaining.length >= 2 && candidates.length > 0) {
    const choice = chooseOriginal(candidates, remaining, sources.documents, derived);
    const members = new Map<number, PairVerdict>();
    for (const m of remaining) {
      if (m === choice.original) continue;
      const v = await sources.verdict(Math.min(m, choice.original), Math.max(m, choice.original));
      if (v?.derived) {
        members.set(m, v);
        derived.set(pairKey(m, choice.original), v);
      }
    }
    const taken = new Set([choice.original, ...members.keys()]);
    if (members.size > 0) clusters.push(toCluster(choice, members, sources.documents, scanned));
    remaining = remaining.filter((n) => !taken.has(n));
    candidates = candidates.filter((n) => !taken.has(n));
  }
  return clusters;
}

/** Clusters in the order a scan reports them: the largest first. */
export function byClusterSize(x: Cluster, y: Cluster): number {
  return y.members.length - x.members.length || (x.original < y.original ? -1 : 1);
}

/** The groups that derived pairs (lower number first) join, each with the pairs inside it, in one process. */
export function groupPairs(pairs: readonly (readonly [number, number])[]): { members: number[]; pairs: [number, number][] }[] {
  const groups = new Groups();
  for (const [a, b] of pairs) groups.join(a, b);
  const list = groups.list().map((members) => ({ members, pairs: [] as [number, number][] }));
  const groupOf = new Map<number, number>();
  for (const [i, g] of list.entries()) for (const n of g.members) groupOf.set(n, i);
  for (const [a, b] of pairs) list[groupOf.get(a) as number]?.pairs.push([a, b]);
  return list;
}

/** The clusters of every group that derived pairs known up front join (by `a:b`, a < b), largest first. */
export async function formClusters(derived: ReadonlyMap<string, PairVerdict>, sources: GroupSources): Promise<Cluster[]> {
  const clusters: Cluster[] = [];
  for (const { members, pairs } of groupPairs([...derived.keys()].map((k) => k.split(':').map(Number) as [number, number]))) {
    const scanned = new Map(pairs.map(([a, b]) => [pairKey(a, b), derived.get(pairKey(a, b)) as PairVerdict]));
    clusters.push(...(await carve(members, scanned, sources)));
  }
  return clusters.sort(byClusterSize);
}
