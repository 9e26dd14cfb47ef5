import type { DerivationModel } from '../judge/derivation.js';
import type { Comparison } from '../judge/types.js';
import { loadLexicon } from '../lexicon/index.js';
import type { Lexicon } from '../lexicon/types.js';
import { pageVerdict } from '../spin/detect.js';
import { spinPairsFromComparison } from '../spin/learn.js';
import type { CorpusStore, NumberedDocument } from '../store/corpus-store.js';
import { analyze } from '../text/analyze.js';
import { byClusterSize, carve, groupPairs, pairKey, pairVerdict, type PairVerdict } from './cluster.js';
import { MemoryPairBook, type PairBook } from './pair-book.js';
import { retrieveText, worthAligning } from './retrieve.js';
import { verify } from './search.js';
import type { Cluster, ScanResult } from './types.js';

export interface ScanOptions {
  /**
   * Ids of a reference set (a publisher's archive): only pairs of one reference document and one other document
   * are compared. Without it, every pair the fingerprints propose is.
   */
  readonly reference?: ReadonlySet<string>;
  /** At most this many candidates are aligned with each document. Default 5. */
  readonly candidates?: number;
  readonly lexicon?: Lexicon;
  /** The fitted judge of derived versus written apart; the shipped model by default. */
  readonly derivation?: DerivationModel;
  readonly onProgress?: (done: number, total: number) => void;
  /** Called with every derived pair alignment found, for reports. */
  readonly onDerived?: (a: NumberedDocument, b: NumberedDocument, comparison: Comparison) => void;
}

export interface ScanRunOptions {
  readonly lexicon: Lexicon;
  readonly derivation?: DerivationModel;
  /** At most this many candidates are aligned with each document. */
  readonly candidates: number;
  /** The store's document count when the scan began (the rarity of terms is measured against it). */
  readonly documents: number;
  /** Numbers of the reference set's documents, in reference mode. */
  readonly reference?: ReadonlySet<number>;
  readonly onDerived?: (a: NumberedDocument, b: NumberedDocument, comparison: Comparison) => void;
}

/**
 * The steps of a scan, for one process: it compares documents with their candidates (step 1), and carves the groups
 * that derived pairs join into clusters (step 3). The pair book it writes to is the scan's memory: the embedded scan
 * keeps it in this process, a distributed one in Redis, where many processes run these steps on parts of the corpus.
 */
export class ScanRun {
  private readonly cache = new Map<number, NumberedDocument>();
  /** Whether each document read as a spinner's output, by number: a copy in a large cluster is asked many times. */
  private readonly readsSpun = new Map<number, boolean>();
  private spinPairsBefore: number | undefined;

  constructor(
    private readonly store: CorpusStore,
    private readonly book: PairBook,
    private readonly options: ScanRunOptions,
  ) {}

  private async load(numbers: readonly number[]): Promise<NumberedDocument[]> {
    const missing = numbers.filter((n) => !this.cache.has(n));
    if (missing.length > 0) {
      if (this.cache.size > 10_000) this.cache.clear();
      const found = await this.store.documentsByNumber(missing);
      for (const [i, n] of missing.entries()) {
        const d = found[i];
        if (d) this.cache.set(n, d);
      }
    }
    return numbers.flatMap((n) => this.cache.get(n) ?? []);
  }

  /** Whether a document reads as a spinner's output as a whole (the page verdict), asked once per document. */
  private spun(document: NumberedDocument): boolean {
    let spun = this.readsSpun.get(document.number);
    if (spun === undefined) {
      spun = pageVerdict(analyze(document.text, this.options.lexicon), this.options.lexicon).spun;
      this.readsSpun.set(document.number, spun);
    }
    return spun;
  }

  /**
   * Aligns a pair (x < y) and records the verdict. The word swaps of a spun copy go into the store's spin lexicon.
   * The two are aligned in the order of their ids, not their numbers: a store shared by many processes numbers
   * documents in the order they happened to be stored, and the verdict must not depend on it.
   */
  private async comparePair(x: number, y: number): Promise<PairVerdict> {
    const [dx, dy] = (await this.load([x, y])) as [NumberedDocument, NumberedDocument];
    const [a, b] = dx.id <= dy.id ? [dx, dy] : [dy, dx];
    const c = verify(a, b, this.options.lexicon, this.options.derivation);
    const byId = pairVerdict(c);
    const v: PairVerdict = a === dx ? byId : { ...byId, shared: [byId.shared[1], byId.shared[0]], lean: (-byId.lean || 0) as PairVerdict['lean'] };
    if (c.derived) {
      // A spun copy aligned with its source shows the spinner's dictionary: the store's spin lexicon learns it. Only
      // from a copy that reads spun as a whole: an editor's or a paraphraser's word choices are no spinner's.
      const copy = c.direction === 'b-from-a' ? b : c.direction === 'a-from-b' ? a : undefined;
      if (copy && (c.relation === 'spun' || this.spun(copy))) {
        // The lexicon's size before the scan first teaches it (counting it reads the whole store: only when needed).
        this.spinPairsBefore ??= (await this.store.corpusStats()).spinPairs;
        await this.store.learnSpinPairs(spinPairsFromComparison(c), `${a.id} ~ ${b.id}`);
      }
      this.options.onDerived?.(a, b, c);
    }
    await this.book.record(x, y, v);
    return v;
  }

  /**
   * Step 1, for one document: its best candidates among all the others, each pair aligned unless it was already (a
   * short extract finds its source, though the source's own best candidates may be other copies). A reference
   * document looks only at the rest.
   */
  async compareDocument(n: number): Promise<void> {
    const [document] = await this.load([n]);
    if (!document) return;
    const reference = this.options.reference;
    const exclude = reference ? (m: number) => reference.has(m) : (m: number) => m === n;
    // Not the meaning channel: on real news pages it proposes independent reports of the same event, and more of them
    // were judged derived (extra pages: precision .950 → .940, recall .869 → .851 with the shipped judge; README).
    const candidates = await retrieveText(this.store, document.text, { limit: this.options.candidates, exclude, documents: this.options.documents, meaning: false });
    // The pairs are taken, and their documents loaded, all at once: a shared pair book and store answer over the network.
    const pairs = worthAligning(candidates).map((c): [number, number] => (n < c.number ? [n, c.number] : [c.number, n]));
    const taken = await Promise.all(pairs.map(([x, y]) => this.book.take(x, y)));
    const mine = pairs.filter((_, i) => taken[i]);
    await this.load(mine.flat());
    for (const [x, y] of mine) await this.comparePair(x, y);
  }

  /** Step 3: the clusters of one group of documents, given the derived pairs (lower number first) that joined it (see cluster.ts). */
  async clusterGroup(group: readonly number[], pairs: readonly (readonly [number, number])[]): Promise<Cluster[]> {
    const documents = new Map((await this.load(group)).map((d) => [d.number, d]));
    const recorded = await this.book.recorded(pairs);
    const scanned = new Map<string, PairVerdict>();
    for (const [i, [a, b]] of pairs.entries()) {
      const r = recorded[i];
      if (r !== undefined && r !== 'apart') scanned.set(pairKey(a, b), r);
    }
    // In reference mode, only a reference document and another are ever compared, and the reference one is the original.
    const reference = this.options.reference;
    const comparable = (x: number, y: number): boolean => !reference || reference.has(x) !== reference.has(y);
    return carve(group, scanned, {
      documents,
      verdict: async (x, y) => {
        const [r] = await this.book.recorded([[x, y]]);
        if (r !== undefined) return r === 'apart' ? undefined : r;
        return comparable(x, y) ? this.comparePair(x, y) : undefined;
      },
      ...(reference ? { mayBeOriginal: (n: number) => reference.has(n) } : {}),
    });
  }

  /** Spin pairs this run taught the store that it did not know (0 when it taught none). */
  async spinPairsLearned(): Promise<number> {
    return this.spinPairsBefore === undefined ? 0 : (await this.store.corpusStats()).spinPairs - this.spinPairsBefore;
  }
}

/** The store's numbers of a reference set's documents, by their ids (a thousand asked at once). */
export async function referenceNumbers(store: CorpusStore, ids: ReadonlySet<string>): Promise<Set<number>> {
  const numbers = new Set<number>();
  const list = [...ids];
  for (let i = 0; i < list.length; i += 1000) {
    for (const d of await Promise.all(list.slice(i, i + 1000).map((id) => store.document(id)))) if (d) numbers.add(d.number);
  }
  return numbers;
}

/**
 * Finds the clusters of documents derived from one text: every document's candidates, aligned; the derived pairs
 * show where clusters are; in each group, the likely original is chosen and every member is verified against it
 * (see cluster.ts). Texts that report one event independently are "related", not derived, and stay apart. The word
 * swaps of every spun copy whose direction is known go into the store's spin lexicon. Yields to
 * the event loop after each document, so that a server running a scan goes on answering.
 */
export async function scan(store: CorpusStore, options: ScanOptions = {}): Promise<ScanResult> {
  const all = await store.documentNumbers();
  const reference = options.reference ? await referenceNumbers(store, options.reference) : undefined;
  const book = new MemoryPairBook();
  const run = new ScanRun(store, book, {
    lexicon: options.lexicon ?? loadLexicon(),
    candidates: options.candidates ?? 5,
    documents: all.length,
    ...(options.derivation ? { derivation: options.derivation } : {}),
    ...(reference ? { reference } : {}),
    ...(options.onDerived ? { onDerived: options.onDerived } : {}),
  });
  const queries = reference ? all.filter((n) => reference.has(n)) : all;
  for (const [done, n] of queries.entries()) {
    await run.compareDocument(n);
    options.onProgress?.(done + 1, queries.length);
    await new Promise((resolve) => setImmediate(resolve));
  }
  // The embedded scan holds its derived pairs in memory anyway; a distributed one streams them (cluster/scan-jobs.ts).
  const derived: (readonly [number, number])[] = [];
  for await (const pair of book.derivedPairs()) derived.push(pair);
  const clusters: Cluster[] = [];
  for (const { members, pairs } of groupPairs(derived)) clusters.push(...(await run.clusterGroup(members, pairs)));
  return { clusters: clusters.sort(byClusterSize), compared: await book.compared(), spinPairsLearned: await run.spinPairsLearned() };
}

