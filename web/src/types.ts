/** The API's JSON, as the client reads it (the same shapes as the CLI's `--json`). */
// The shapes the server sends are the library's own types (type-only imports: nothing of src/ is bundled).
export type {
  Cluster,
  ClusterMember,
  HtmlExtract as Extracted,
  IndexSummary,
  Match,
  MatchDirection,
  SearchResult,
  Skip,
  StoredDocument,
} from '../../src/corpus/types';
export type { Direction, Relation } from '../../src/judge/types';
export type { ComparisonJson as Comparison, PassageJson as Passage, SubstitutionJson as Substitution } from '../../src/report/json';
export type { Finding, Inspection, RestoreChange, Restoration } from '../../src/spin/types';
export type { CorpusStats as Stats } from '../../src/store/corpus-store';
import type { Cluster } from '../../src/corpus/types';

/** A text as the user gave it, with its name (a file's, a page title, a document id) and publication date when known. */
export interface NamedText {
  readonly text: string;
  readonly name?: string;
  /** YYYY-MM-DD. */
  readonly date?: string;
}

/** Character offsets [start, end) into the text as it was sent. */
export type Span = readonly [number, number];

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

/** A page of the last scan's clusters; `scanned` is null before the first scan. */
export interface ClusterPage {
  readonly scanned: string | null;
  readonly compared: number;
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly clusters: readonly Cluster[];
}

