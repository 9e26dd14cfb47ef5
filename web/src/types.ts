/** The API's JSON, as the client reads it (the same shapes as the CLI's `--json`). */

/** A text as the user gave it, with its name (a file's, a page title, a document id) and publication date when known. */
export interface NamedText {
  readonly text: string;
  readonly name?: string;
  /** YYYY-MM-DD. */
  readonly date?: string;
}

/** Character offsets [start, end) into the text as it was sent. */
export type Span = readonly [number, number];

export type Relation = 'duplicate' | 'spun' | 'paraphrase' | 'partial' | 'related' | 'unrelated';
export type Direction = 'a-from-b' | 'b-from-a' | 'common-source' | 'unknown';
export type MatchDirection = 'query-from-match' | 'match-from-query' | 'common-source' | 'unknown';

export interface Passage {
  readonly a: Span;
  readonly b: Span;
  readonly relation: 'verbatim' | 'spun' | 'paraphrase';
  readonly similarity: number;
}

export interface Substitution {
  readonly a: string;
  readonly b: string;
  readonly aSpan: Span;
  readonly bSpan: Span;
  readonly synonym: boolean;
}

export interface Comparison {
  readonly relation: Relation;
  readonly derived: boolean;
  readonly direction: Direction;
  readonly similarity: number;
  readonly explanation: string;
  readonly passages: readonly Passage[];
  readonly substitutions: readonly Substitution[];
}

export interface Finding {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly suggestion: string;
  readonly confidence: number;
  readonly evidence: string;
}

export interface Inspection {
  readonly spinScore: number;
  readonly findings: readonly Finding[];
}

export interface RestoreChange {
  readonly start: number;
  readonly end: number;
  readonly from: string;
  readonly to: string;
  readonly confidence: number;
  readonly evidence: string;
  readonly source: 'copies' | 'inspection';
}

export interface Restoration {
  readonly text: string;
  readonly changes: readonly RestoreChange[];
}

export interface Extracted {
  readonly text: string;
  readonly title?: string;
  readonly date?: string;
}

export interface StoredDocument {
  readonly id: string;
  readonly text: string;
  readonly title?: string;
  readonly author?: string;
  readonly date?: string;
  readonly url?: string;
  readonly words: number;
}

export interface Stats {
  readonly documents: number;
  readonly words: number;
  readonly textBytes: number;
  readonly storeBytes: number;
  readonly spinPairs: number;
}

export interface Job {
  readonly id: string;
  readonly kind: string;
  readonly state: 'running' | 'done' | 'failed';
  /** What done and total count: input bytes (an upload) or documents (a scan). */
  readonly unit: 'bytes' | 'documents';
  readonly done: number;
  readonly total: number;
  readonly error?: string;
  readonly result?: unknown;
}

export interface Skip {
  readonly source: string;
  readonly reason: string;
  readonly detail: string;
}

/** The result of an upload job: what `unspin index --json` prints. */
export interface IndexSummary {
  readonly indexed: number;
  readonly unchanged: number;
  readonly replaced: number;
  readonly skipped: readonly Skip[];
  readonly warnings: readonly { readonly source: string; readonly detail: string }[];
}

export interface ClusterMember {
  readonly id: string;
  readonly relation: Relation;
  readonly similarity: number;
  readonly via: string;
  readonly title?: string;
  readonly date?: string;
}

export interface Cluster {
  readonly original: string;
  readonly reason: string;
  readonly members: readonly ClusterMember[];
}

/** A page of the last scan's clusters; `scanned` is null before the first scan. */
export interface ClusterPage {
  readonly scanned: string | null;
  readonly compared: number;
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly clusters: readonly Cluster[];
}

export interface Match {
  readonly id: string;
  readonly relation: Relation;
  readonly derived: boolean;
  readonly similarity: number;
  readonly direction: MatchDirection;
}

export interface SearchResult {
  readonly matches: readonly Match[];
}
