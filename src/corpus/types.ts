import type { Passage } from '../align/types.js';
import type { Relation } from '../judge/types.js';

/** One text of a corpus, as a reader found it. */
export interface SourceDocument {
  /** Path relative to the folder given, the JSONL `id`, or a URL. */
  readonly id: string;
  readonly text: string;
  readonly title?: string;
  readonly author?: string;
  /** Publication date, ISO 8601. */
  readonly date?: string;
  readonly url?: string;
}

/** A page's main text and what its markup says of it (what `POST /api/extract` answers). */
export type HtmlExtract = Omit<SourceDocument, 'id'>;

export type SkipReason = 'binary' | 'empty' | 'too-large' | 'bad-utf8' | 'bad-json' | 'no-text' | 'unsupported' | 'unreadable' | 'bad-record';

/** An input a reader passed over, and why. */
export interface Skip {
  readonly source: string;
  readonly reason: SkipReason;
  readonly detail: string;
}

/** What a reader yields: a document, a named skip, or a warning about a document it still read. */
/** What `unspin index` did. */
export interface IndexSummary {
  readonly indexed: number;
  readonly unchanged: number;
  readonly replaced: number;
  readonly skipped: readonly Skip[];
  readonly warnings: readonly { readonly source: string; readonly detail: string }[];
  readonly textBytes: number;
}

export type ReadEvent =
  | { readonly kind: 'document'; readonly document: SourceDocument }
  | { readonly kind: 'skip'; readonly skip: Skip }
  | { readonly kind: 'warning'; readonly source: string; readonly detail: string }
  /** Input bytes read through since the last progress event, for progress bars. */
  | { readonly kind: 'progress'; readonly bytes: number };

/** A document as the store keeps it. */
export interface StoredDocument extends SourceDocument {
  /** Words in the text, as the fingerprints counted them. */
  readonly words: number;
}

/** How a match was made, from the query's side: which of the two texts was most likely written from the other. */
export type MatchDirection = 'query-from-match' | 'match-from-query' | 'common-source' | 'unknown';

/** A stored document that alignment confirmed as related to a query. */
export interface Match {
  readonly id: string;
  readonly relation: Relation;
  readonly derived: boolean;
  readonly similarity: number;
  readonly direction: MatchDirection;
  /** Aligned stretches: `a` is in the query, `b` in the match. */
  readonly passages: readonly Passage[];
}

/** What `unspin search --json` prints for each query, one line per query. */
export interface SearchResult {
  readonly query: string;
  readonly matches: readonly Match[];
}

/** A document of a cluster: how it relates to the cluster's original, verified by aligning the two. */
export interface ClusterMember {
  readonly id: string;
  /** The relation found between this member and the cluster's original. */
  readonly relation: Relation;
  readonly similarity: number;
  /**
   * How the scan first reached it from the original through the pairs it verified: the members between them,
   * nearest the original first; empty when the scan compared it with the original directly.
   */
  readonly path: readonly string[];
  readonly title?: string;
  readonly url?: string;
  readonly date?: string;
}

/** A group of documents derived from one text, and the one most likely that text (or its closest copy). */
export interface Cluster {
  readonly original: string;
  /** Why `original` was chosen, in words. */
  readonly reason: string;
  /** Every document of the cluster but the original. */
  readonly members: readonly ClusterMember[];
}

/** What `unspin scan --json` prints. */
export interface ScanResult {
  readonly clusters: readonly Cluster[];
  /** Candidate pairs the fingerprints proposed and alignment checked. */
  readonly compared: number;
  /** Spin pairs (a spinner's word and the word it replaced) new to the store's spin lexicon after the scan. */
  readonly spinPairsLearned: number;
}
