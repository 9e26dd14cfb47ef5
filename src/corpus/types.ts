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

export type SkipReason = 'binary' | 'empty' | 'too-large' | 'bad-utf8' | 'bad-json' | 'no-text' | 'unsupported' | 'unreadable' | 'bad-record';

/** An input a reader passed over, and why. */
export interface Skip {
  readonly source: string;
  readonly reason: SkipReason;
  readonly detail: string;
}

/** What a reader yields: a document, a named skip, or a warning about a document it still read. */
export type ReadEvent =
  | { readonly kind: 'document'; readonly document: SourceDocument }
  | { readonly kind: 'skip'; readonly skip: Skip }
  | { readonly kind: 'warning'; readonly source: string; readonly detail: string };
