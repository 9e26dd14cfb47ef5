// Unspin's library API: named exports only. The CLI is built on exactly these.

// compare: the main job
export { compare, type CompareOptions, type Document } from './compare.js';
export { DERIVED_RELATIONS, type Comparison, type Direction, type Relation } from './judge/types.js';

// the pipeline stages, for callers who need the parts
export { analyze } from './text/analyze.js';
export { normalize, toOriginal } from './text/normalize.js';
export type { Analysis, NormalizedText, Sentence, Span, Token, TokenKind } from './text/types.js';
export { loadLexicon, lexiconCachePath } from './lexicon/index.js';
export type { Kinship, Lexicon } from './lexicon/types.js';
export { align } from './align/index.js';
export { findVerbatimPassages, type VerbatimMatch, type VerbatimOptions } from './align/verbatim.js';
export type { Alignment, Edit, Passage, PassageRelation, SentenceLink, Substitution, TokenRange } from './align/types.js';
export { judgeSentencePair, type SentencePairJudgement } from './judge/paraphrase.js';

// spin forensics: no source needed
export { inspect, type InspectOptions } from './spin/detect.js';
export { restore, type RestoreOptions } from './spin/restore.js';
export { obfuscate, type Obfuscation, type ObfuscateOptions, type Swap } from './spin/obfuscate.js';
export { readSpinLexicon, writeSpinLexicon } from './spin/lexicon-file.js';
export type { Finding, Inspection, RestoreChange, Restoration, SpinPair } from './spin/types.js';
export { openStore, DEFAULT_DB, type Store } from './store/store.js';

// the corpus: read, index, search, scan
export { readInputs, DEFAULT_MAX_DOCUMENT_BYTES, type ReadOptions } from './corpus/readers.js';
export { indexCorpus, type IndexOptions, type IndexProgress } from './corpus/index-corpus.js';
export { search, type SearchOptions } from './corpus/search.js';
export { scan, type ScanOptions } from './corpus/scan.js';
export { retrieve, retrieveText, type Candidate, type RetrieveOptions } from './corpus/retrieve.js';
export { fingerprint, type Fingerprint } from './fingerprint/fingerprint.js';
export type { AddOutcome, CorpusStats, CorpusStore, NumberedDocument, PreparedDocument } from './store/corpus-store.js';
export type {
  Cluster,
  ClusterMember,
  IndexSummary,
  Match,
  MatchDirection,
  ReadEvent,
  ScanResult,
  SearchResult,
  Skip,
  SkipReason,
  SourceDocument,
  StoredDocument,
} from './corpus/types.js';
export { renderScanHtml } from './report/scan-html.js';

// reports
export { renderHtml } from './report/html.js';
export { renderTerminal, type TerminalOptions } from './report/terminal.js';
export { toJson } from './report/json.js';

// input and errors
export { readTextFile } from './corpus/read-text.js';
export { UnspinError, type ErrorCode } from './errors.js';
