import { compare } from '../compare.js';
import type { DerivationModel } from '../judge/derivation.js';
import type { Comparison, Direction } from '../judge/types.js';
import { loadLexicon } from '../lexicon/index.js';
import type { Lexicon } from '../lexicon/types.js';
import type { CorpusStore } from '../store/corpus-store.js';
import { retrieveText, worthAligning } from './retrieve.js';
import type { Match, MatchDirection, SearchResult, SourceDocument } from './types.js';

export interface SearchOptions {
  /** At most this many matches, best first. Default 10. */
  readonly limit?: number;
  /** At most this many candidates are aligned with the query. Default 10. */
  readonly candidates?: number;
  /** Also list documents on the same topic that alignment found written independently ("related"). */
  readonly related?: boolean;
  readonly lexicon?: Lexicon;
  /** The judge of derived versus written apart; the shipped model by default. */
  readonly derivation?: DerivationModel;
}

const FROM_QUERY_SIDE: Record<Direction, MatchDirection> = {
  'a-from-b': 'query-from-match',
  'b-from-a': 'match-from-query',
  'common-source': 'common-source',
  unknown: 'unknown',
};

/** Aligns two documents with the core engine; `a` is the one whose view is reported. */
export function verify(a: SourceDocument, b: SourceDocument, lexicon: Lexicon, derivation?: DerivationModel): Comparison {
  const side = (d: SourceDocument) => ({ name: d.id, text: d.text, ...(d.date ? { date: d.date } : {}), ...(d.url ? { url: d.url } : {}) });
  return compare(side(a), side(b), { lexicon, ...(derivation ? { derivation } : {}) });
}

/** Derived matches first, then by similarity. */
export function byStrength(x: Match, y: Match): number {
  return Number(y.derived) - Number(x.derived) || y.similarity - x.similarity || (x.id < y.id ? -1 : 1);
}

/**
 * The stored documents that are copies of the query, or derived like it from one source: candidates from the
 * fingerprints, each checked by alignment. A stored document with the query's own id is never its own match.
 */
export async function search(store: CorpusStore, query: SourceDocument, options: SearchOptions = {}): Promise<SearchResult> {
  const lexicon = options.lexicon ?? loadLexicon();
  const self = await store.document(query.id);
  const candidates = worthAligning(
    await retrieveText(store, query.text, {
      limit: options.candidates ?? 10,
      lexicon,
      ...(self ? { exclude: (n: number) => n === self.number } : {}),
    }),
  );
  const documents = await store.documentsByNumber(candidates.map((c) => c.number));
  const matches: Match[] = [];
  for (const stored of documents) {
    // A posting of a document a failed write never finished names no document.
    if (!stored) continue;
    const c = verify(query, stored, lexicon, options.derivation);
    if (!c.derived && !(options.related && c.relation === 'related')) continue;
    matches.push({
      id: stored.id,
      relation: c.relation,
      derived: c.derived,
      similarity: c.similarity,
      direction: FROM_QUERY_SIDE[c.direction],
      passages: c.passages,
    });
  }
  return { query: query.id, matches: matches.sort(byStrength).slice(0, options.limit ?? 10) };
}
