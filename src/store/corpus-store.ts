import type { SourceDocument, StoredDocument } from '../corpus/types.js';
import type { SpinPair } from '../spin/types.js';

/** A document ready to store: its content hash and the fingerprint keys that will find it. */
export interface PreparedDocument {
  readonly document: SourceDocument;
  /** SHA-1 of the text and metadata. */
  readonly hash: Uint8Array;
  readonly words: number;
  readonly keys: readonly number[];
  /** The meaning channel's vector (src/fingerprint/meaning.ts); none when the lexicon knows none of the words. */
  readonly meaning?: Int8Array;
}

/** A document the meaning channel finds near a query, and the cosine of their vectors. */
export interface MeaningNeighbour {
  readonly number: number;
  readonly similarity: number;
}

/** What adding a document did: stored it anew, found it already stored as it is, or replaced an older version. */
export type AddOutcome = 'indexed' | 'unchanged' | 'replaced';

/** A spinner's phrase and the wording it replaced, as alignment or a list saw them. */
export interface TaughtPair {
  readonly tortured: string;
  readonly expected: string;
}

/** A stored document and its number, the small integer the postings use. */
export interface NumberedDocument extends StoredDocument {
  readonly number: number;
}

export interface CorpusStats {
  readonly documents: number;
  readonly words: number;
  /** UTF-8 bytes of the stored texts. */
  readonly textBytes: number;
  /** Fingerprint postings, all channels. */
  readonly postings: number;
  /** What the store takes: its files on disk (database and write-ahead log), or the memory its keys use in Redis. */
  readonly storeBytes: number;
  readonly spinPairs: number;
  /** What each document costs beyond its text as the store keeps it (SQLite: as is; Redis: deflated), rounded. */
  readonly indexBytesPerDocument: number;
}

/** Hears how many of the vectors a meaning index is taking are in, of how many, after each slice of them. */
export type MeaningProgress = (added: number, total: number) => void;

/**
 * What the corpus commands need from a store: the embedded SQLite one (store.ts) and the Redis Cluster one
 * (redis-store.ts). Every method is asynchronous, so that a networked store can batch its round trips; lookups take
 * many keys or numbers at once for the same reason. Documents are added in batches; adding is idempotent (keyed by id
 * and content hash), so a batch retried after a failure stores nothing twice.
 */
export interface CorpusStore {
  /** Where the store is, as the user named it: a file path or a redis:// address. */
  readonly location: string;
  /**
   * Adds a batch. `keysOf` gives the keys of a stored text, so that a replaced version's postings can be removed.
   * The outcomes are in the batch's order; an id read twice in one batch keeps its last version.
   */
  addDocuments(batch: readonly PreparedDocument[], keysOf: (text: string) => readonly number[]): Promise<AddOutcome[]>;
  document(id: string): Promise<NumberedDocument | undefined>;
  /** The content hash stored for each id, if any: an unchanged document need not be fingerprinted again. */
  contentHashes(ids: readonly string[]): Promise<(Uint8Array | undefined)[]>;
  /** The documents with these numbers, in order; undefined for a number no stored document has. */
  documentsByNumber(numbers: readonly number[]): Promise<(NumberedDocument | undefined)[]>;
  /** Every document's number, ascending (the order they were first added). */
  documentNumbers(): Promise<number[]>;
  /** For each key, the documents posted under it, the lowest numbers first, at most `limit` of them. */
  postings(keys: readonly number[], limit: number): Promise<number[][]>;
  documentCount(): Promise<number>;
  /** The documents whose meaning vectors are nearest this one, nearest first, at most `limit` of them. */
  nearest(vector: Int8Array, limit: number): Promise<MeaningNeighbour[]>;
  /**
   * Where the store keeps a meaning index of its own (an embedded store, beside its file), brings it up to date and saves
   * it, so that the next process to search need not. A networked store keeps none: each process that searches builds
   * its own at its first lookup, and one that only indexes never does.
   */
  saveMeaning(onProgress?: MeaningProgress): Promise<void>;
  /**
   * Brings this process's meaning index up to date with every vector written so far, as its first lookup would, so
   * that a search can show it happening (minutes at a million documents) rather than stall its first query. An
   * embedded store saves the index too, as saveMeaning does.
   */
  catchUpMeaning(onProgress?: MeaningProgress): Promise<void>;
  /**
   * Records that a document (or a pair of them) taught these spin pairs, each counted once per teaching document;
   * returns how many pairs it newly taught.
   */
  learnSpinPairs(pairs: readonly TaughtPair[], documentId: string): Promise<number>;
  /** The learned spin lexicon, the pairs taught by the most documents first. */
  spinPairs(): Promise<SpinPair[]>;
  /** The documents that taught a pair, earliest first. */
  spinPairSources(tortured: string, expected: string): Promise<string[]>;
  corpusStats(): Promise<CorpusStats>;
  close(): Promise<void>;
}
