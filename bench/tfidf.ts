/** The plain baseline: TF-IDF weighted word vectors (smoothed idf, unit length) and their cosine. */

export type SparseVector = Map<string, number>;

export const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function termCounts(text: string): Map<string, number> {
  const tf = new Map<string, number>();
  for (const w of words(text)) tf.set(w, (tf.get(w) ?? 0) + 1);
  return tf;
}

/** A TF-IDF model fitted on a collection: `vector` weighs any text with the collection's document frequencies. */
export function fitTfidf(texts: readonly string[]): { vectors: SparseVector[]; vector: (text: string) => SparseVector } {
  const df = new Map<string, number>();
  const counts = texts.map(termCounts);
  for (const tf of counts) for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = (w: string): number => Math.log((1 + texts.length) / (1 + (df.get(w) ?? 0))) + 1;
  const weigh = (tf: Map<string, number>): SparseVector => {
    const v: SparseVector = new Map();
    let norm = 0;
    for (const [w, n] of tf) {
      const x = n * idf(w);
      v.set(w, x);
      norm += x * x;
    }
    for (const [w, x] of v) v.set(w, x / Math.sqrt(norm || 1));
    return v;
  };
  return { vectors: counts.map(weigh), vector: (text) => weigh(termCounts(text)) };
}

export function cosine(x: SparseVector, y: SparseVector): number {
  const [small, large] = x.size <= y.size ? [x, y] : [y, x];
  let dot = 0;
  for (const [w, v] of small) dot += v * (large.get(w) ?? 0);
  return dot;
}

/** A ranked document: its id and its cosine with the query. */
export interface Ranked {
  readonly id: string;
  readonly score: number;
}

/** TF-IDF cosine over an indexed set: the top `k` documents for a query, best first. */
export function tfidfRanker(index: readonly { id: string; text: string }[]): (query: string, k: number) => Ranked[] {
  const model = fitTfidf(index.map((d) => d.text));
  const postings = new Map<string, Array<{ doc: number; x: number }>>();
  model.vectors.forEach((v, doc) => {
    for (const [w, x] of v) {
      const list = postings.get(w);
      if (list) list.push({ doc, x });
      else postings.set(w, [{ doc, x }]);
    }
  });
  return (query, k) => {
    const scores = new Map<number, number>();
    for (const [w, x] of model.vector(query)) for (const p of postings.get(w) ?? []) scores.set(p.doc, (scores.get(p.doc) ?? 0) + x * p.x);
    return [...scores]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, k)
      .map(([doc, score]) => ({ id: index[doc]?.id ?? '', score }));
  };
}
