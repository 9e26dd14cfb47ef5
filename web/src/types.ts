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
export type { ClusterPage, Job } from '../../src/server/types';

/** A text as the user gave it, with its name (a file's, a page title, a document id) and publication date when known. */
export interface NamedText {
  readonly text: string;
  readonly name?: string;
  /** YYYY-MM-DD. */
  readonly date?: string;
}

/** Character offsets [start, end) into the text as it was sent. */
export type Span = readonly [number, number];
