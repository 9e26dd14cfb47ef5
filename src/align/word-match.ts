import { KINSHIP_CODE, KINSHIP_OF_CODE } from '../lexicon/kinship-code.js';
import type { Kinship, Lexicon } from '../lexicon/types.js';
import type { Token } from '../text/types.js';

/** How strongly each kind of kinship counts as "the same word" when aligning. */
const KINSHIP_SCORE: Record<Kinship, number> = { same: 1, synonym: 0.8, related: 0.5, none: 0 };

// Rarer words carry more evidence of copying than common ones; ranks beyond this count as fully rare.
const RARE_RANK = 100_000;

/** Evidence weight of a token: names, numbers and rare words weigh most, function words little, punctuation nothing. */
export function tokenWeight(token: Token, lexicon: Lexicon | undefined): number {
  if (token.kind === 'punct') return 0;
  if (token.isFunction) return 0.2;
  if (token.kind === 'number' || token.isName) return 1;
  const rank = lexicon?.rank(token.lower);
  if (rank === undefined) return 1;
  return Math.min(1, 0.3 + (0.7 * Math.log(rank)) / Math.log(RARE_RANK));
}

// Capitalized words this frequent are common words in a title ("State", "Department"), not proper names.
const COMMON_NAME_RANK = 20_000;

// Pairs of local ids below this are remembered in a square table (at most 1 MB), the rest in a Map.
const TABLE_IDS = 1024;

/** Compares words of two texts, remembering the lexicon's answers within one comparison. */
export class WordMatcher {
  private readonly ids = new Map<string, number>();
  private table: Uint8Array | undefined;
  private stride = 0;
  private readonly memo = new Map<string, Kinship>();

  constructor(private readonly lexicon: Lexicon | undefined) {}

  /** A small number for a lemma phrase, the same for the same phrase within this comparison. */
  id(lemma: string): number {
    let id = this.ids.get(lemma);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(lemma, id);
    }
    return id;
  }

  kinship(a: Token, b: Token): Kinship {
    if (a.lower === b.lower || a.lemma === b.lemma) return 'same';
    if (!this.canSwap(a) || !this.canSwap(b)) return 'none';
    return this.phraseKinship(a.lemma, b.lemma);
  }

  /**
   * Whether a word can have synonyms at all. Numbers, function words and rare names are only ever the same
   * or different (a changed name is a changed fact); capitalized common words ("Secretary of State") can.
   */
  canSwap(t: Token): boolean {
    if (t.kind !== 'word' || t.isFunction) return false;
    if (!t.isName) return true;
    const rank = this.lexicon?.rank(t.lower);
    return rank !== undefined && rank <= COMMON_NAME_RANK;
  }

  /** Kinship of two space-joined lemma phrases ("state" / "point out"). */
  phraseKinship(a: string, b: string): Kinship {
    if (a === b) return 'same';
    return this.kinshipOfIds(this.id(a), a, this.id(b), b);
  }

  /** Kinship of two different lemma phrases given with their ids (`id`). */
  kinshipOfIds(x: number, a: string, y: number, b: string): Kinship {
    if (!this.lexicon) return 'none';
    const low = x < y ? x : y;
    const high = x < y ? y : x;
    // Sized on first use, when both texts' words have their ids: a small table stays in the processor's cache.
    this.stride ||= Math.min(TABLE_IDS, Math.max(1, this.ids.size));
    if (high < this.stride) {
      this.table ??= new Uint8Array(this.stride * this.stride);
      const cell = low * this.stride + high;
      const code = this.table[cell] as number;
      if (code !== 0) return KINSHIP_OF_CODE[code] as Kinship;
      const k = this.lexicon.kinship(a, b);
      this.table[cell] = KINSHIP_CODE[k];
      return k;
    }
    const key = `${low} ${high}`;
    let k = this.memo.get(key);
    if (k === undefined) {
      k = this.lexicon.kinship(a, b);
      this.memo.set(key, k);
    }
    return k;
  }

  /** 0–1 score of two different words that can both have synonyms (canSwap), given with their lemma ids. */
  swapScore(a: Token, idA: number, b: Token, idB: number): number {
    return KINSHIP_SCORE[this.kinshipOfIds(idA, a.lemma, idB, b.lemma)];
  }

  /** 0–1 score of treating the two tokens as the same word. */
  score(a: Token, b: Token): number {
    if (a.kind === 'punct' || b.kind === 'punct') return a.text === b.text ? 1 : 0;
    return KINSHIP_SCORE[this.kinship(a, b)];
  }
}
