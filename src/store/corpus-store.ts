import type { SourceDocument, StoredDocument } from '../corpus/types.js';

/** A document ready to store: its content hash and the fingerprint keys that will find it. */
export interface PreparedDocument {
  readonly document: SourceDocument;
  /** SHA-1 of the text and metadata. */
  readonly hash: Uint8Array;
  readonly words: number;
  readonly keys: readonly number[];
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
  /** Size of the store's files on disk (database and write-ahead log). */
  readonly storeBytes: number;
  readonly spinPairs: number;
  /** What each document costs beyond its text: (storeBytes − textBytes) / documents, rounded. */
  readonly indexBytesPerDocument: number;
}

/**
 * What the corpus commands need from a store: the embedded SQLite one implements it, and another backend
 * (a distributed one) can follow. Documents are added in batches, each batch all or nothing.
 */
export interface CorpusStore {
  /**
   * Adds a batch in one transaction. `keysOf` gives the keys of a stored text, so that a replaced version's
   * postings can be removed.
   */
  addDocuments(batch: readonly PreparedDocument[], keysOf: (text: string) => readonly number[]): AddOutcome[];
  document(id: string): NumberedDocument | undefined;
  /** The content hash stored for an id, if any: an unchanged document need not be fingerprinted again. */
  contentHash(id: string): Uint8Array | undefined;
  documentByNumber(number: number): NumberedDocument | undefined;
  /** Every document's number, in the order they were first added. */
  documentNumbers(): number[];
  /** The documents posted under a key, at most `limit` of them. */
  postings(key: number, limit: number): number[];
  documentCount(): number;
  /**
   * Records that a document (or a pair of them) taught these spin pairs, each counted once per teaching document;
   * returns how many pairs it newly taught.
   */
  learnSpinPairs(pairs: readonly TaughtPair[], documentId: string): number;
  corpusStats(): CorpusStats;
  close(): void;
}
