import type { LexiconTables } from './cache-file.js';

export type WordNetLink = 'synonym' | 'related' | 'none';

/** Relations between terms through WordNet synsets, read straight from the cached tables without allocating. */
export class WordNetGraph {
  private readonly t: LexiconTables;
  // Synsets of each side of the current question carry the current stamp; a new stamp clears them in O(1).
  private readonly stampA: Int32Array;
  private readonly stampB: Int32Array;
  private stamp = 0;

  constructor(tables: LexiconTables) {
    this.t = tables;
    const synsetCount = tables.memberStart.length - 1;
    this.stampA = new Int32Array(synsetCount);
    this.stampB = new Int32Array(synsetCount);
  }

  /** Synset numbers of a term, most common sense first. */
  synsetsOf(term: number): Int32Array {
    return this.t.senses.subarray(this.t.senseStart[term], this.t.senseStart[term + 1]);
  }

  /** Member term ids of a synset. */
  membersOf(synset: number): Int32Array {
    return this.t.members.subarray(this.t.memberStart[synset], this.t.memberStart[synset + 1]);
  }

  /**
   * How word a (term a, lemma a2) relates to word b (term b, lemma b2); ids may be -1 for unknown words.
   * A shared synset or a near link (similar-to, also-see, verb group, derivation, pertainym) is 'synonym';
   * one hypernym step either way is 'related'.
   */
  link(a: number, a2: number, b: number, b2: number): WordNetLink {
    if (++this.stamp === 0x7fffffff) {
      this.stampA.fill(0);
      this.stampB.fill(0);
      this.stamp = 1;
    }
    const markedA = this.mark(this.stampA, a) + (a2 === a ? 0 : this.mark(this.stampA, a2));
    const markedB = this.mark(this.stampB, b) + (b2 === b ? 0 : this.mark(this.stampB, b2));
    if (markedA === 0 || markedB === 0) return 'none';

    const otherA = a2 === a ? -1 : a2;
    const otherB = b2 === b ? -1 : b2;
    if (this.sharesSynset(a) || this.sharesSynset(otherA)) return 'synonym';
    if (this.nearLink(a, this.stampB, b, b2) || this.nearLink(otherA, this.stampB, b, b2)) return 'synonym';
    if (this.nearLink(b, this.stampA, a, a2) || this.nearLink(otherB, this.stampA, a, a2)) return 'synonym';
    if (this.hypernymIn(a, this.stampB) || this.hypernymIn(otherA, this.stampB)) return 'related';
    if (this.hypernymIn(b, this.stampA) || this.hypernymIn(otherB, this.stampA)) return 'related';
    return 'none';
  }

  /** Stamps the synsets of a term; returns how many there were. */
  private mark(stamps: Int32Array, term: number): number {
    if (term < 0) return 0;
    const { senseStart, senses } = this.t;
    const end = senseStart[term + 1] as number;
    for (let i = senseStart[term] as number; i < end; i++) stamps[senses[i] as number] = this.stamp;
    return end - (senseStart[term] as number);
  }

  private sharesSynset(term: number): boolean {
    if (term < 0) return false;
    const { senseStart, senses } = this.t;
    for (let i = senseStart[term] as number, end = senseStart[term + 1] as number; i < end; i++) {
      if (this.stampB[senses[i] as number] === this.stamp) return true;
    }
    return false;
  }

  /** Whether a near link leads from a synset of term to a stamped synset, word to word when the link is lexical. */
  private nearLink(term: number, towards: Int32Array, other: number, other2: number): boolean {
    if (term < 0) return false;
    const { senseStart, senses, nearStart, nearTarget, nearWords } = this.t;
    for (let i = senseStart[term] as number, end = senseStart[term + 1] as number; i < end; i++) {
      const synset = senses[i] as number;
      for (let p = nearStart[synset] as number, last = nearStart[synset + 1] as number; p < last; p++) {
        const target = nearTarget[p] as number;
        if (towards[target] !== this.stamp) continue;
        const words = nearWords[p] as number;
        const source = words >> 8;
        const goal = words & 0xff;
        if (source !== 0 && this.member(synset, source) !== term) continue;
        if (goal !== 0 && this.member(target, goal) !== other && this.member(target, goal) !== other2) continue;
        return true;
      }
    }
    return false;
  }

  private hypernymIn(term: number, towards: Int32Array): boolean {
    if (term < 0) return false;
    const { senseStart, senses, hypernymStart, hypernyms } = this.t;
    for (let i = senseStart[term] as number, end = senseStart[term + 1] as number; i < end; i++) {
      const synset = senses[i] as number;
      for (let h = hypernymStart[synset] as number, last = hypernymStart[synset + 1] as number; h < last; h++) {
        if (towards[hypernyms[h] as number] === this.stamp) return true;
      }
    }
    return false;
  }

  /** The term id of a synset's n-th member (1-based, as WordNet pointers count). */
  private member(synset: number, n: number): number {
    return this.t.members[(this.t.memberStart[synset] as number) + n - 1] ?? -1;
  }
}
