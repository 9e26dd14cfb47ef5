import type { LexiconTables } from './cache-file.js';

export type WordNetLink = 'synonym' | 'related' | 'none';

/** What one word (a term and its lemma) reaches in WordNet, gathered once: the question `link` asks of two words. */
interface Reach {
  /** The word's synsets (of the term and of its lemma). */
  readonly synsets: Int32Array;
  /** Synsets a semantic near link (similar-to, also-see, verb group) leads to from them. */
  readonly near: Int32Array;
  /** Terms a lexical near link (derivation, pertainym: word to word) leads to from this very word. */
  readonly nearWords: Int32Array;
  /** One hypernym step up from the word's synsets. */
  readonly hypernyms: Int32Array;
}

const NOWHERE: Reach = { synsets: new Int32Array(0), near: new Int32Array(0), nearWords: new Int32Array(0), hypernyms: new Int32Array(0) };

// Reaches are kept for this many words, then forgotten all at once (a long-running server sees many words).
const REACHES_KEPT = 50_000;

/** Relations between terms through WordNet synsets, read from the cached tables. */
export class WordNetGraph {
  private readonly t: LexiconTables;
  private readonly reaches = new Map<number, Reach>();
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
    const x = this.reach(a, a2);
    const y = this.reach(b, b2);
    if (x.synsets.length === 0 || y.synsets.length === 0) return 'none';
    if (++this.stamp === 0x7fffffff) {
      this.stampA.fill(0);
      this.stampB.fill(0);
      this.stamp = 1;
    }
    const { stamp, stampA, stampB } = this;
    for (let i = 0; i < x.synsets.length; i++) stampA[x.synsets[i] as number] = stamp;
    for (let i = 0; i < y.synsets.length; i++) stampB[y.synsets[i] as number] = stamp;
    if (stamped(x.synsets, stampB, stamp)) return 'synonym';
    if (stamped(x.near, stampB, stamp) || stamped(y.near, stampA, stamp)) return 'synonym';
    if (holds(x.nearWords, b, b2) || holds(y.nearWords, a, a2)) return 'synonym';
    if (stamped(x.hypernyms, stampB, stamp) || stamped(y.hypernyms, stampA, stamp)) return 'related';
    return 'none';
  }

  private reach(term: number, lemma: number): Reach {
    if (term < 0 && lemma < 0) return NOWHERE;
    // Term ids are below 2^26 (the vocabulary is ~150k): the pair makes one safe integer key.
    const key = (term + 1) * 2 ** 26 + (lemma + 1);
    let reach = this.reaches.get(key);
    if (reach === undefined) {
      if (this.reaches.size >= REACHES_KEPT) this.reaches.clear();
      reach = this.findReach(term, lemma);
      this.reaches.set(key, reach);
    }
    return reach;
  }

  private findReach(term: number, lemma: number): Reach {
    const { senseStart, senses, nearStart, nearTarget, nearWords, hypernymStart, hypernyms } = this.t;
    const synsets = new Set<number>();
    const near = new Set<number>();
    const words = new Set<number>();
    const up = new Set<number>();
    for (const own of lemma === term ? [term] : [term, lemma]) {
      if (own < 0) continue;
      for (let i = senseStart[own] as number, end = senseStart[own + 1] as number; i < end; i++) {
        const synset = senses[i] as number;
        synsets.add(synset);
        for (let p = nearStart[synset] as number, last = nearStart[synset + 1] as number; p < last; p++) {
          const link = nearWords[p] as number;
          const source = link >> 8;
          const goal = link & 0xff;
          // A lexical link leads from one word of the synset to one word of the target: only from this word.
          if (source !== 0 && this.member(synset, source) !== own) continue;
          if (goal === 0) near.add(nearTarget[p] as number);
          else words.add(this.member(nearTarget[p] as number, goal));
        }
        for (let h = hypernymStart[synset] as number, last = hypernymStart[synset + 1] as number; h < last; h++) up.add(hypernyms[h] as number);
      }
    }
    return { synsets: Int32Array.from(synsets), near: Int32Array.from(near), nearWords: Int32Array.from(words), hypernyms: Int32Array.from(up) };
  }

  /** The term id of a synset's n-th member (1-based, as WordNet pointers count). */
  private member(synset: number, n: number): number {
    return this.t.members[(this.t.memberStart[synset] as number) + n - 1] ?? -1;
  }
}

/** Whether any of the synsets carries the stamp. */
function stamped(synsets: Int32Array, stamps: Int32Array, stamp: number): boolean {
  for (let i = 0; i < synsets.length; i++) if (stamps[synsets[i] as number] === stamp) return true;
  return false;
}

/** Whether the terms hold a or a2. */
function holds(terms: Int32Array, a: number, a2: number): boolean {
  for (let i = 0; i < terms.length; i++) if (terms[i] === a || terms[i] === a2) return true;
  return false;
}
