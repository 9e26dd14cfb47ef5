import type { Comparison, Relation } from '../judge/types.js';
import { loadLexicon } from '../lexicon/index.js';
import type { Lexicon } from '../lexicon/types.js';
import type { CorpusStore, NumberedDocument } from '../store/corpus-store.js';
import { retrieveText, worthAligning } from './retrieve.js';
import { verify } from './search.js';
import type { Cluster, ClusterMember, ScanResult } from './types.js';

export interface ScanOptions {
  /**
   * Ids of a reference set (a publisher's archive): only pairs of one reference document and one other document
   * are compared. Without it, every pair the fingerprints propose is.
   */
  readonly reference?: ReadonlySet<string>;
  /** At most this many candidates are aligned with each document. Default 5. */
  readonly candidates?: number;
  readonly lexicon?: Lexicon;
  readonly onProgress?: (done: number, total: number) => void;
  /** Called with every derived pair alignment found (`a` the document whose candidates were aligned), for reports. */
  readonly onDerived?: (a: NumberedDocument, b: NumberedDocument, comparison: Comparison) => void;
}

/** A pair of documents that alignment found derived, one from the other or both from one source. */
interface Edge {
  readonly a: number;
  readonly b: number;
  readonly relation: Relation;
  readonly similarity: number;
  /** 1: a was written from b; -1: b from a; 0: unknown or both from a common source. */
  readonly lean: -1 | 0 | 1;
}

/**
 * Finds the clusters of documents derived from one another: every document's candidates, aligned; the derived
 * pairs joined into clusters; in each, the most likely original. Texts that report one event independently are
 * "related", not derived, and stay apart. Yields to the event loop after each document, so that a server running
 * a scan goes on answering.
 */
export async function scan(store: CorpusStore, options: ScanOptions = {}): Promise<ScanResult> {
  const lexicon = options.lexicon ?? loadLexicon();
  const documents = store.documentCount();
  const all = store.documentNumbers();
  const reference = options.reference;
  const referenceNumbers = new Set<number>();
  if (reference) {
    for (const id of reference) {
      const d = store.document(id);
      if (d) referenceNumbers.add(d.number);
    }
  }
  // Each pair once: a document looks only at later ones, or a reference document only at the rest.
  const queries = reference ? all.filter((n) => referenceNumbers.has(n)) : all;
  const edges: Edge[] = [];
  const cache = new Map<number, NumberedDocument>();
  const load = (n: number): NumberedDocument => {
    let d = cache.get(n);
    if (!d) {
      d = store.documentByNumber(n) as NumberedDocument;
      if (cache.size > 10_000) cache.clear();
      cache.set(n, d);
    }
    return d;
  };
  let compared = 0;
  for (const [done, n] of queries.entries()) {
    const a = load(n);
    const exclude = reference ? (m: number) => referenceNumbers.has(m) : (m: number) => m <= n;
    for (const candidate of worthAligning(retrieveText(store, a.text, { limit: options.candidates ?? 5, exclude, documents }))) {
      const b = load(candidate.number);
      const c = verify(a, b, lexicon);
      compared++;
      if (!c.derived) continue;
      options.onDerived?.(a, b, c);
      const lean = c.direction === 'a-from-b' ? 1 : c.direction === 'b-from-a' ? -1 : 0;
      edges.push({ a: n, b: candidate.number, relation: c.relation, similarity: c.similarity, lean });
    }
    options.onProgress?.(done + 1, queries.length);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { clusters: cluster(edges, load), compared };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function cluster(edges: readonly Edge[], load: (n: number) => NumberedDocument): Cluster[] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) as number;
    parent.set(x, root);
    return root;
  };
  for (const e of edges) {
    const ra = find(e.a);
    const rb = find(e.b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const groups = new Map<number, Edge[]>();
  for (const e of edges) push(groups, find(e.a), e);
  const clusters = [...groups.values()].map((group) => toCluster(group, load));
  return clusters.sort((x, y) => y.members.length - x.members.length || (x.original < y.original ? -1 : 1));
}

function toCluster(group: readonly Edge[], load: (n: number) => NumberedDocument): Cluster {
  const numbers = [...new Set(group.flatMap((e) => [e.a, e.b]))].sort((x, y) => x - y);
  const { original, reason } = chooseOriginal(numbers, group, load);
  // Each member joins through the shortest path of verified pairs from the original.
  const neighbours = new Map<number, Edge[]>();
  for (const e of group) {
    push(neighbours, e.a, e);
    push(neighbours, e.b, e);
  }
  const members: ClusterMember[] = [];
  const seen = new Set([original]);
  let frontier = [original];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const from of frontier) {
      const ordered = [...(neighbours.get(from) ?? [])].sort((x, y) => y.similarity - x.similarity);
      for (const e of ordered) {
        const to = e.a === from ? e.b : e.a;
        if (seen.has(to)) continue;
        seen.add(to);
        next.push(to);
        const d = load(to);
        members.push({
          id: d.id,
          relation: e.relation,
          similarity: e.similarity,
          via: load(from).id,
          ...(d.title ? { title: d.title } : {}),
          ...(d.url ? { url: d.url } : {}),
          ...(d.date ? { date: d.date } : {}),
        });
      }
    }
    frontier = next;
  }
  members.sort((x, y) => y.similarity - x.similarity || (x.id < y.id ? -1 : 1));
  return { original: load(original).id, reason, members };
}

/** The earliest published member when every member has a date; else the one the pairs' directions point to. */
function chooseOriginal(numbers: readonly number[], group: readonly Edge[], load: (n: number) => NumberedDocument): { original: number; reason: string } {
  const dated = numbers.map((n) => ({ n, date: load(n).date }));
  if (dated.every((d) => d.date !== undefined)) {
    const first = dated.reduce((x, y) => ((y.date as string) < (x.date as string) ? y : x));
    return { original: first.n, reason: `published first (${first.date})` };
  }
  // +1 for each pair in which alignment judged the member the source, −1 for each in which it judged it the copy.
  const votes = new Map<number, number>(numbers.map((n) => [n, 0]));
  for (const e of group) {
    if (e.lean === 0) continue;
    const [source, copy] = e.lean === 1 ? [e.b, e.a] : [e.a, e.b];
    votes.set(source, (votes.get(source) ?? 0) + 1);
    votes.set(copy, (votes.get(copy) ?? 0) - 1);
  }
  const best = Math.max(...votes.values());
  const top = numbers.filter((n) => votes.get(n) === best);
  const original = top[0] as number;
  if (best <= 0 && top.length > 1) return { original, reason: 'no member shows fewer signs of rewriting than the others; the first indexed is shown' };
  return { original, reason: 'the copies point to it: it shows the fewest signs of spinning or paraphrase' };
}
