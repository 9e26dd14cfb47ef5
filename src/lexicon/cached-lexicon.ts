import { EXPRESSION_FLAG, type LexiconCache, type LexiconMeta, type LexiconTables } from './cache-file.js';
import { KINSHIP_CODE, KINSHIP_OF_CODE } from './kinship-code.js';
import { TermTable } from './term-table.js';
import type { Kinship, Lexicon } from './types.js';
import { WordNetGraph } from './wordnet-graph.js';

/** Cosine from which two words count as 'related' when WordNet has no link between them. */
export const RELATED_COSINE = 0.6;

/** Slots of the kinship cache (9 MB), and the shift that makes a 32-bit hash a slot. */
const KINSHIP_SLOTS = 2 ** 20;
const KINSHIP_SHIFT = 32 - 20;

/**
 * The kinships of recent pairs of terms, in a direct-mapped table: each pair has one slot, and a pair that lands on a
 * taken slot takes it over. Typed arrays, so that a million remembered pairs cost no garbage collection.
 */
class KinshipCache {
  private readonly low = new Uint32Array(KINSHIP_SLOTS);
  private readonly high = new Uint32Array(KINSHIP_SLOTS);
  private readonly codes = new Uint8Array(KINSHIP_SLOTS);

  private static slot(low: number, high: number): number {
    return (Math.imul(low, 0x9e3779b1) ^ Math.imul(high, 0x85ebca6b)) >>> KINSHIP_SHIFT;
  }

  /** The remembered kinship of two terms given lowest first, if any. */
  get(low: number, high: number): Kinship | undefined {
    const slot = KinshipCache.slot(low, high);
    return this.codes[slot] !== 0 && this.low[slot] === low && this.high[slot] === high ? KINSHIP_OF_CODE[this.codes[slot] as number] : undefined;
  }

  set(low: number, high: number, kinship: Kinship): void {
    const slot = KinshipCache.slot(low, high);
    this.low[slot] = low;
    this.high[slot] = high;
    this.codes[slot] = KINSHIP_CODE[kinship];
  }
}

/** The Lexicon over a loaded cache: every answer is a few typed-array reads. */
export class CachedLexicon implements Lexicon {
  private readonly meta: LexiconMeta;
  private readonly t: LexiconTables;
  private readonly terms: TermTable;
  private readonly wordnet: WordNetGraph;
  private readonly synonymMemo = new Map<string, readonly string[]>();
  /** Comparisons across a corpus ask about the same pairs of words again and again. */
  private kinships: KinshipCache | undefined;

  constructor({ meta, tables }: LexiconCache) {
    this.meta = meta;
    this.t = tables;
    this.terms = new TermTable(tables);
    this.wordnet = new WordNetGraph(tables);
  }

  lemma(word: string): string {
    const id = this.terms.id(word);
    const lemma = this.lemmaId(id);
    return lemma === id ? word : this.terms.text(lemma);
  }

  kinship(a: string, b: string): Kinship {
    if (a === b) return 'same';
    const termA = this.terms.id(a);
    const termB = this.terms.id(b);
    // An unknown word is its own lemma, and a different string from anything in the table.
    if (termA < 0 || termB < 0) return 'none';
    const low = Math.min(termA, termB);
    const high = Math.max(termA, termB);
    this.kinships ??= new KinshipCache();
    let kinship = this.kinships.get(low, high);
    if (kinship === undefined) {
      kinship = this.kinshipOfTerms(low, high);
      this.kinships.set(low, high, kinship);
    }
    return kinship;
  }

  private kinshipOfTerms(termA: number, termB: number): Kinship {
    const lemmaA = this.lemmaId(termA);
    const lemmaB = this.lemmaId(termB);
    if (lemmaA === lemmaB) return 'same';
    const link = this.wordnet.link(termA, lemmaA, termB, lemmaB);
    if (link !== 'none') return link;
    // The words' vectors, else their lemmas' (not asked twice when they are the same rows).
    const rowA = this.row(termA);
    const rowB = this.row(termB);
    if (this.close(rowA, rowB)) return 'related';
    const lemmaRowA = this.row(lemmaA);
    const lemmaRowB = this.row(lemmaB);
    return (lemmaRowA !== rowA || lemmaRowB !== rowB) && this.close(lemmaRowA, lemmaRowB) ? 'related' : 'none';
  }

  similarity(a: string, b: string): number | undefined {
    const rowA = this.row(this.terms.id(a));
    const rowB = this.row(this.terms.id(b));
    return rowA < 0 || rowB < 0 ? undefined : this.dot(rowA, rowB);
  }

  vector(word: string): Float32Array | undefined {
    const row = this.row(this.terms.id(word));
    if (row < 0) return undefined;
    const { dimensions } = this.meta;
    const scale = this.t.vectorScale[row] as number;
    const vector = new Float32Array(dimensions);
    for (let d = 0; d < dimensions; d++) vector[d] = (this.t.vectors[row * dimensions + d] as number) * scale;
    return vector;
  }

  rank(word: string): number | undefined {
    const id = this.terms.id(word);
    return id >= 0 && id < this.meta.rankedCount ? id + 1 : undefined;
  }

  wordAt(rank: number): string | undefined {
    return rank >= 1 && rank <= this.meta.rankedCount ? this.terms.text(rank - 1) : undefined;
  }

  isExpression(phrase: string): boolean {
    const id = this.terms.id(phrase);
    return id >= 0 && ((this.t.termFlags[id] as number) & EXPRESSION_FLAG) !== 0;
  }

  synonyms(word: string): readonly string[] {
    let synonyms = this.synonymMemo.get(word);
    if (synonyms === undefined) {
      synonyms = this.findSynonyms(word);
      this.synonymMemo.set(word, synonyms);
    }
    return synonyms;
  }

  private findSynonyms(word: string): readonly string[] {
    const term = this.terms.id(word);
    if (term < 0) return [];
    const lemma = this.lemmaId(term);
    const found = new Set<number>();
    for (const id of lemma === term ? [term] : [term, lemma]) {
      for (const synset of this.wordnet.synsetsOf(id)) {
        for (const member of this.wordnet.membersOf(synset)) if (member !== term && member !== lemma) found.add(member);
      }
    }
    return Array.from(found, (id) => this.terms.text(id));
  }

  private lemmaId(term: number): number {
    if (term < 0) return term;
    const lemma = this.t.lemmaOf[term] as number;
    return lemma < 0 ? term : lemma;
  }

  /** The vector row of a term, else of its lemma (rare inflections of kept words), else -1. */
  private row(term: number): number {
    if (term >= 0 && term < this.meta.vectorCount) return term;
    const lemma = this.lemmaId(term);
    return lemma >= 0 && lemma < this.meta.vectorCount ? lemma : -1;
  }

  /** Whether two vector rows (-1: none) are close enough to call the words related. */
  private close(rowA: number, rowB: number): boolean {
    return rowA >= 0 && rowB >= 0 && this.dot(rowA, rowB) >= RELATED_COSINE;
  }

  private dot(rowA: number, rowB: number): number {
    const { vectors, vectorScale } = this.t;
    const { dimensions } = this.meta;
    const a = rowA * dimensions;
    const b = rowB * dimensions;
    let sum = 0;
    for (let d = 0; d < dimensions; d++) sum += (vectors[a + d] as number) * (vectors[b + d] as number);
    return sum * (vectorScale[rowA] as number) * (vectorScale[rowB] as number);
  }
}
