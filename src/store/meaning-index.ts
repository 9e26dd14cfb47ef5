/**
 * The meaning channel's approximate-nearest-neighbour index (usearch's HNSW graph over 8-bit cosine vectors), kept
 * by each process beside its store. The store holds the vectors and numbers every change to them in order; the index
 * applies the changes it has not seen before each lookup, so it grows with the corpus and follows every process
 * that writes to the store. An embedded store saves it next to its file, named by the last change it holds, so that
 * the next process loads it and applies only what came after.
 */
import { readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { threadId } from 'node:worker_threads';
import type { Index } from 'usearch';
import type { MeaningNeighbour } from './corpus-store.js';

/** A document's meaning vector as stored, with the sequence number of the change that wrote it. */
export interface MeaningChange {
  readonly seq: number;
  readonly number: number;
  readonly vector: Int8Array;
}

/**
 * Links per node of the graph: half usearch's default (16). At 100 dimensions a document then costs about 185 bytes
 * in the saved graph (249 with 16), and an insert a quarter to a third less time; the wider search below finds as many of the true
 * nearest (at a million documents, see the README).
 */
const CONNECTIVITY = 8;

/**
 * Candidates weighed when a vector joins the graph: half usearch's default (128), which halves the time an insert
 * takes (indexing must not slow by more than 30%).
 */
const EXPANSION_ADD = 64;

/**
 * Candidates weighed in a search: four times usearch's default (64), for the sparser graph. A lookup takes about a
 * millisecond at a million documents, against the candidate stage's tens. It applies to a graph saved with other settings too.
 */
const EXPANSION_SEARCH = 256;

/**
 * A store catching its index up reads this many vectors at a time: a million read at once held more than a gigabyte
 * while the index was built.
 */
export const MEANING_SYNC_SLICE = 50_000;

/**
 * Changes this many or more are added on every core: at a million documents adding them took 155 s of a 480 s
 * `unspin index` on one core.
 */
const PARALLEL_CHANGES = 10_000;

/** An empty graph of cosine over 8-bit vectors. The native library is loaded on first use: most commands never need it. */
function newIndex(dimensions: number): Index {
  const usearch = createRequire(import.meta.url)('usearch') as typeof import('usearch');
  return new usearch.Index({
    dimensions,
    metric: usearch.MetricKind.Cos,
    quantization: usearch.ScalarKind.I8,
    connectivity: CONNECTIVITY,
    expansion_add: EXPANSION_ADD,
    expansion_search: EXPANSION_SEARCH,
    multi: false,
  });
}

export class MeaningIndex {
  private index: Index | undefined;
  private applied = 0;
  private saved = 0;

  private constructor(private readonly file: string | undefined) {}

  /** An index in memory only (a networked store: each process builds its own from the store's vectors). */
  static inMemory(): MeaningIndex {
    return new MeaningIndex(undefined);
  }

  /** The index saved beside an embedded store's file, else an empty one. */
  static beside(storeFile: string): MeaningIndex {
    const meaning = new MeaningIndex(storeFile);
    const latest = savedFiles(storeFile)[0];
    if (latest && sizeOf(latest.path) === latest.bytes) {
      try {
        const index = newIndex(latest.dimensions);
        index.load(latest.path);
        meaning.index = index;
        meaning.applied = meaning.saved = latest.seq;
      } catch {
        // A damaged file is rebuilt from the store's vectors.
      }
    }
    return meaning;
  }

  /** The last change applied: the next sync asks the store for the changes after it. */
  get seq(): number {
    return this.applied;
  }

  /**
   * Adds the changes' vectors (replacing a document's earlier one) in one call: on every core when there are many (a
   * store's whole corpus, when no saved index is at hand, or the documents `unspin index` just added), else on this
   * thread, where a lookup waits on a few.
   */
  apply(changes: readonly MeaningChange[]): void {
    const first = changes[0];
    if (!first) return;
    const index = (this.index ??= newIndex(first.vector.length));
    // A document written twice in the batch keeps its last vector.
    const latest = new Map(changes.map((c) => [c.number, c.vector]));
    const keys = BigUint64Array.from(latest.keys(), (n) => BigInt(n));
    for (const key of keys) if (index.contains(key)) index.remove(key);
    const vectors = new Int8Array(keys.length * index.dimensions());
    [...latest.values()].forEach((v, i) => vectors.set(v, i * index.dimensions()));
    index.add(keys, vectors, changes.length >= PARALLEL_CHANGES ? availableParallelism() : 1);
    for (const { seq } of changes) this.applied = Math.max(this.applied, seq);
  }

  /** Counts the changes up to `seq` as applied: those that carried no vector (a store may log a number it then lost). */
  skipTo(seq: number): void {
    this.applied = Math.max(this.applied, seq);
  }

  nearest(vector: Int8Array, limit: number): MeaningNeighbour[] {
    const index = this.index;
    if (!index || index.size() === 0) return [];
    const found = index.search(vector, Math.min(limit, index.size()), 1);
    const neighbours: MeaningNeighbour[] = [];
    for (let i = 0; i < found.keys.length; i++) neighbours.push({ number: Number(found.keys[i]), similarity: 1 - (found.distances[i] as number) });
    return neighbours;
  }

  /** Saves the index beside the store's file when it holds changes the saved one lacks, and removes older saves. */
  save(): void {
    if (!this.file || !this.index || this.applied === this.saved) return;
    const dimensions = this.index.dimensions();
    // One temporary file per thread: the server's engine threads may each save the index they caught up.
    const temporary = join(dirname(this.file), `${basename(this.file)}.meaning.${process.pid}-${threadId}.tmp`);
    this.index.save(temporary);
    // The name holds the file's size: a file of another size is damaged and is not loaded (usearch would read it blind).
    renameSync(temporary, join(dirname(this.file), `${basename(this.file)}.meaning-${this.applied}-${dimensions}-${statSync(temporary).size}.usearch`));
    this.saved = this.applied;
    for (const old of savedFiles(this.file)) if (old.seq < this.applied) rmSync(old.path, { force: true });
  }
}

/** Bytes of the latest index saved beside a store's file (0 when none is). */
export function savedMeaningBytes(storeFile: string): number {
  const latest = savedFiles(storeFile)[0];
  return latest ? sizeOf(latest.path) : 0;
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** The indexes saved beside a store's file, the latest first. */
function savedFiles(storeFile: string): { path: string; seq: number; dimensions: number; bytes: number }[] {
  const name = basename(storeFile);
  const pattern = /^\.meaning-(\d+)-(\d+)-(\d+)\.usearch$/;
  let entries: string[];
  try {
    entries = readdirSync(dirname(storeFile));
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.startsWith(name) && pattern.test(e.slice(name.length)))
    .map((e) => {
      const [, seq, dimensions, bytes] = pattern.exec(e.slice(name.length)) as RegExpExecArray;
      return { path: join(dirname(storeFile), e), seq: Number(seq), dimensions: Number(dimensions), bytes: Number(bytes) };
    })
    .sort((x, y) => y.seq - x.seq);
}
