import type { DerivationModel } from '../judge/derivation.js';
import type { Comparison } from '../judge/types.js';
import { loadLexicon } from '../lexicon/index.js';
import type { Lexicon } from '../lexicon/types.js';
import { pageVerdict } from '../spin/detect.js';
import { spinPairsFromComparison } from '../spin/learn.js';
import type { CorpusStore, NumberedDocument } from '../store/corpus-store.js';
import { analyze } from '../text/analyze.js';
import { retrieveText, worthAligning } from './retrieve.js';
import { verify } from './search.js';
import { formClusters, pairVerdict, type PairVerdict } from './cluster.js';
import type { ScanResult } from './types.js';

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

/**
 * Finds the clusters of documents derived from one text: every document's candidates, aligned; the derived pairs
 * show where clusters are; in each group, the likely original is chosen and every member is verified against it
 * (see cluster.ts). Texts that report one event independently are "related", not derived, and stay apart. The word
 * swaps of every spun copy whose direction is known go into the store's spin lexicon. Yields to
 * the event loop after each document, so that a server running a scan goes on answering.
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
  // Every pair compared, by its numbers (lower first): the derived ones with their verdict, the rest as one number
  // each (a million documents make some three million pairs).
  const derived = new Map<string, PairVerdict>();
  const apart = new Set<number>();
  const apartKey = (x: number, y: number): number => x * 2 ** 26 + y;
  const seen = (x: number, y: number): boolean => derived.has(`${x}:${y}`) || apart.has(apartKey(x, y));
  let compared = 0;
  // The lexicon's size before the scan first teaches it (counting it reads the whole store: only when needed).
  let spinPairsBefore: number | undefined;
  const compareNow = (x: number, y: number): PairVerdict => {
    const a = load(x);
    const b = load(y);
    const c = verify(a, b, lexicon, options.derivation);
    compared++;
    const v = pairVerdict(c);
    if (c.derived) {
      // A spun copy aligned with its source shows the spinner's dictionary: the store's spin lexicon learns it. Only
      // from a copy that reads spun as a whole: an editor's or a paraphraser's word choices are no spinner's.
      const copy = c.direction === 'b-from-a' ? b : c.direction === 'a-from-b' ? a : undefined;
      if (copy && (c.relation === 'spun' || pageVerdict(analyze(copy.text, lexicon), lexicon).spun)) {
        spinPairsBefore ??= store.corpusStats().spinPairs;
        store.learnSpinPairs(spinPairsFromComparison(c), `${a.id} ~ ${b.id}`);
      }
      options.onDerived?.(a, b, c);
      derived.set(`${x}:${y}`, v);
    } else apart.add(apartKey(x, y));
    return v;
  };

  // Every document proposes its best candidates among all the others (a short extract finds its source, though the
  // source's own best candidates may be other copies); a pair proposed from both sides is compared once. A reference
  // document looks only at the rest.
  const queries = reference ? all.filter((n) => referenceNumbers.has(n)) : all;
  for (const [done, n] of queries.entries()) {
    const exclude = reference ? (m: number) => referenceNumbers.has(m) : (m: number) => m === n;
    for (const candidate of worthAligning(retrieveText(store, load(n).text, { limit: options.candidates ?? 5, exclude, documents }))) {
      const [x, y] = n < candidate.number ? [n, candidate.number] : [candidate.number, n];
      if (!seen(x, y)) compareNow(x, y);
    }
    options.onProgress?.(done + 1, queries.length);
    await new Promise((resolve) => setImmediate(resolve));
  }
  // In reference mode, only a reference document and another are ever compared, and the reference one is the original.
  const comparable = (x: number, y: number): boolean => !reference || referenceNumbers.has(x) !== referenceNumbers.has(y);
  const clusters = formClusters({
    load,
    derived,
    verdict: (x, y) => derived.get(`${x}:${y}`) ?? (apart.has(apartKey(x, y)) || !comparable(x, y) ? undefined : compareNow(x, y)),
    ...(reference ? { mayBeOriginal: (n: number) => referenceNumbers.has(n) } : {}),
  });
  const spinPairsLearned = spinPairsBefore === undefined ? 0 : store.corpusStats().spinPairs - spinPairsBefore;
  return { clusters, compared, spinPairsLearned };
}
