import { align } from './align/index.js';
import { judgeDirection, spinLean } from './judge/direction.js';
import { gatherEvidence, type Evidence } from './judge/evidence.js';
import { explain } from './judge/explain.js';
import { DERIVED_RELATIONS, type Comparison, type Direction, type Relation } from './judge/types.js';
import { judgeSentencePair } from './judge/paraphrase.js';
import type { DerivationModel } from './judge/derivation.js';
import { derivedRelation, judgeRelation, notDerived } from './judge/verdict.js';
import { loadLexicon } from './lexicon/index.js';
import type { Lexicon } from './lexicon/types.js';
import { analyze } from './text/analyze.js';
import { creditsPageAt } from './text/credits.js';

// Short texts of at most this many sentences each that are not passages (evidence.ts; the derivation model's passage
// expert weighs the sentence-pair model's reading of those itself) are judged whole by the sentence-pair model as
// well: alignment links a lone sentence to any close one, and one link covers all of a short text.
const SHORT_TEXT_SENTENCES = 4;
// The sentence-pair model confirms a pair that alignment judged too loose only when alignment found this much in
// common: two short reports of one event say the same thing in their own words, and share about a quarter.
const CONFIRMED_SIMILARITY = 0.4;
// Passages of texts that are not derived are shown only when this close.
const SHOWN_UNDERIVED_SIMILARITY = 0.6;

/** One side of a comparison: the text and what to call it in reports. */
export interface Document {
  readonly name: string;
  readonly text: string;
  /** Publication date (ISO 8601), when known: the earlier text is more likely the source. */
  readonly date?: string;
  /** Where the text was published, when known: a text that credits the outlet at the other's address took from it. */
  readonly url?: string;
}

export interface CompareOptions {
  /** Lexical knowledge to use; the shipped WordNet + vectors lexicon by default. */
  readonly lexicon?: Lexicon;
  /** The fitted judge of derived versus written apart; the shipped model by default. */
  readonly derivation?: DerivationModel;
}

/** The sentence-pair model vetoes a derived verdict, and confirms one that alignment linked but judged too loose. */
function shortTextVerdict(aligned: Relation, sameMeaning: boolean, evidence: Evidence): Relation {
  if (DERIVED_RELATIONS.has(aligned)) return sameMeaning ? aligned : notDerived(evidence);
  const similarity = (evidence.sharedA + evidence.sharedB) / 2;
  return sameMeaning && evidence.links > 0 && similarity >= CONFIRMED_SIMILARITY ? 'paraphrase' : aligned;
}

/** The copy's side when one text credits the outlet at the other's address for its story. */
function creditedSide(a: Document, b: Document): { direction: Direction; reason: string } | undefined {
  if (creditsPageAt(a.text, b.url)) return { direction: 'a-from-b', reason: "A credits the outlet at B's address for its story" };
  if (creditsPageAt(b.text, a.url)) return { direction: 'b-from-a', reason: "B credits the outlet at A's address for its story" };
  return undefined;
}

/** Compares two texts: analyze → align → judge. */
export function compare(a: Document, b: Document, options: CompareOptions = {}): Comparison {
  const lexicon = options.lexicon ?? loadLexicon();
  const docA = analyze(a.text, lexicon);
  const docB = analyze(b.text, lexicon);
  const alignment = align(docA, docB, lexicon);
  const evidence = gatherEvidence(docA, docB, alignment, lexicon);
  const short = !evidence.passage && docA.sentences.length <= SHORT_TEXT_SENTENCES && docB.sentences.length <= SHORT_TEXT_SENTENCES;
  const aligned = judgeRelation(evidence, options.derivation);
  const sameMeaning = short ? judgeSentencePair(docA, docB, lexicon).paraphrase : undefined;
  const judged = sameMeaning === undefined ? aligned : shortTextVerdict(aligned, sameMeaning, evidence);
  // A text that says it took its story from the outlet whose page the other is, and shares passages with it, did.
  const credit = DERIVED_RELATIONS.has(judged) || evidence.links === 0 ? undefined : creditedSide(a, b);
  const relation = credit ? derivedRelation(evidence) : judged;
  const derived = DERIVED_RELATIONS.has(relation);
  const { direction, reason } = credit
    ? credit
    : derived
    ? judgeDirection({
        spinLean: spinLean(docA, docB, alignment.substitutions, lexicon),
        coverageA: evidence.coverageA,
        coverageB: evidence.coverageB,
        ...(a.date ? { dateA: a.date } : {}),
        ...(b.date ? { dateB: b.date } : {}),
      })
    : { direction: 'unknown' as const, reason: 'not applicable, neither text is derived from the other' };
  const round3 = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    relation,
    derived,
    direction,
    similarity: round3((evidence.sharedA + evidence.sharedB) / 2),
    shared: { a: round3(evidence.sharedA), b: round3(evidence.sharedB) },
    explanation: explain(relation, evidence, alignment.substitutions, reason),
    // Texts written apart share sentences by chance; only their close matches are worth showing, and no word swaps.
    passages: derived ? alignment.passages : alignment.passages.filter((p) => p.similarity >= SHOWN_UNDERIVED_SIMILARITY),
    substitutions: derived ? alignment.substitutions : [],
  };
}
