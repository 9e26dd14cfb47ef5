import { bandings, Channel, channelOf, fingerprintOfTokens, textTokens, type Fingerprint } from '../fingerprint/fingerprint.js';
import { meaningOfTokens } from '../fingerprint/meaning.js';
import type { FingerprintTokens } from '../fingerprint/tokens.js';
import { loadLexicon } from '../lexicon/index.js';
import type { Lexicon } from '../lexicon/types.js';
import type { CorpusStore } from '../store/corpus-store.js';

/** A stored document the fingerprints propose as a copy, before alignment checks it. */
export interface Candidate {
  readonly number: number;
  /** 0–1: the best of the four channel scores. */
  readonly score: number;
  /** Share of LSH bands shared in the words channel (near copies). */
  readonly words: number;
  /** Share of LSH bands shared in the skeleton channel (spun copies). */
  readonly skeleton: number;
  /** Share of the query's term weight (rarity in the corpus) that the document shares (paraphrases). */
  readonly terms: number;
  /** Share of the query's anchors that the document shares (passages copied word for word). */
  readonly anchors: number;
  /** Cosine of the meaning vectors, for a document among the query's nearest in meaning (rewordings); else 0. */
  readonly meaning: number;
}

export interface RetrieveOptions {
  /** At most this many candidates from the fingerprints (default 20), and the meaning channel's few beside them. */
  readonly limit?: number;
  /** Documents never to propose (the query itself, or pairs a scan has seen). */
  readonly exclude?: (number: number) => boolean;
  /** The store's document count, when the caller knows it (a scan asks once). */
  readonly documents?: number;
  /** Whether the meaning channel proposes candidates too. Default true. */
  readonly meaning?: boolean;
  /** For the meaning channel's vectors; the installed lexicon by default. */
  readonly lexicon?: Lexicon;
}

/** A band bucket this full is a boilerplate text that many documents share; its first documents still count. */
const BAND_POSTINGS_CAP = 1000;
/** A term posted by more documents than this is not rare in this corpus and proves nothing. */
const TERM_POSTINGS_CAP = 500;
/** Candidates scoring lower are not proposed at all. */
export const MIN_SCORE = 0.1;
/**
 * Alignment is slow (tens of milliseconds a pair) and now and then finds a derived passage between texts that only
 * share a topic, so a search aligns its best few candidates and, after them, only those scoring at least this: copies of
 * every kind score above it, and most texts that merely share a topic or an author score below it.
 */
const VERIFY_SCORE = 0.3;
const ALWAYS_ALIGNED = 3;

/** The meaning channel proposes this many of a text's (or a window's) nearest documents. */
const MEANING_NEIGHBOURS = 5;
/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher 2009): a candidate's place is the sum of 1 / (FUSION_RANK + its
 * rank) over the two rankings, the fingerprints' and the meaning channel's; one absent from a ranking gets nothing
 * from it. A small constant lets a document first in one ranking lead one that is middling in both.
 */
const FUSION_RANK = 10;

/**
 * The candidates worth aligning: the best few, the fingerprints' best few (the meaning channel adds to them, it does
 * not displace them), and any other scoring at least VERIFY_SCORE.
 */
export function worthAligning(candidates: readonly Candidate[]): Candidate[] {
  let proposedByFingerprints = 0;
  return candidates.filter((c, i) => {
    const fingerprintsFew = c.score > 0 && proposedByFingerprints++ < ALWAYS_ALIGNED;
    return i < ALWAYS_ALIGNED || fingerprintsFew || c.score >= VERIFY_SCORE;
  });
}

/** A long query is also looked up in windows of this many words, this far apart: a copied passage is a small part of it. */
const WINDOW_WORDS = 200;
const WINDOW_STEP = 100;

/** The windows of a text longer than two windows, as strings; none for a shorter one. */
export function windows(text: string): string[] {
  const starts: number[] = [];
  for (const m of text.matchAll(/\S+/g)) starts.push(m.index);
  if (starts.length <= 2 * WINDOW_WORDS) return [];
  const out: string[] = [];
  for (let w = 0; w < starts.length; w += WINDOW_STEP) {
    out.push(text.slice(starts[w], starts[w + WINDOW_WORDS] ?? text.length));
    if (w + WINDOW_WORDS >= starts.length) break;
  }
  return out;
}

/**
 * Proposes stored documents that may be copies of a text, or hold copies of part of it: the whole text's
 * fingerprint, and for a long text each window's, each candidate scored by its best.
 */
export async function retrieveText(store: CorpusStore, text: string, options: RetrieveOptions = {}): Promise<Candidate[]> {
  const documents = options.documents ?? (await store.documentCount());
  const limit = options.limit ?? 20;
  const best = new Map<number, Candidate>();
  // The text and its windows, each tokenized once for both channels.
  const tokens = [text, ...windows(text)].map(textTokens);
  // A window is too small a part of a stored text for their LSH bands to meet: windows look up their terms only.
  const prints = tokens.map((t, i) => (i === 0 ? fingerprintOfTokens(t) : { ...fingerprintOfTokens(t), bands: [] }));
  const postings = postingsOnce(store);
  const [found, near] = await Promise.all([
    Promise.all(prints.map((print) => lookUp(postings, print, { ...options, documents, limit: Infinity }))),
    options.meaning === false ? new Map<number, number>() : nearestInMeaning(store, tokens, options),
  ]);
  for (const c of found.flat()) {
    const known = best.get(c.number);
    if (!known || c.score > known.score) best.set(c.number, c);
  }
  const lexical = await cut(store, [...best.values()].sort(byScore), limit);
  return near.size === 0 ? lexical : fuse(lexical, near);
}

/**
 * The fingerprints' candidates and the documents nearest in meaning (with their cosines), in the order of reciprocal
 * rank fusion: the fingerprints' candidates all kept, the meaning channel adds documents and moves them up.
 */
function fuse(lexical: readonly Candidate[], near: ReadonlyMap<number, number>): Candidate[] {
  const meaningRanked = [...near].sort((x, y) => y[1] - x[1] || x[0] - y[0]).map(([number]) => number);
  const fused = new Map<number, number>();
  const add = (number: number, rank: number): void => void fused.set(number, (fused.get(number) ?? 0) + 1 / (FUSION_RANK + rank));
  lexical.forEach((c, rank) => add(c.number, rank + 1));
  meaningRanked.forEach((number, rank) => add(number, rank + 1));
  const byNumber = new Map(lexical.map((c) => [c.number, c]));
  const meaningOnly = { score: 0, words: 0, skeleton: 0, terms: 0, anchors: 0 };
  const candidates = [...fused.keys()].map((number): Candidate => ({ ...(byNumber.get(number) ?? { number, ...meaningOnly }), meaning: near.get(number) ?? 0 }));
  // Equal places go to the fingerprints' candidate (fusion adds in their order first), then to the nearer in meaning.
  const place = new Map([...fused.keys()].map((number, i) => [number, i]));
  return candidates.sort((x, y) => (fused.get(y.number) as number) - (fused.get(x.number) as number) || (place.get(x.number) as number) - (place.get(y.number) as number));
}

/** The documents nearest in meaning to a text or any of its windows, each with its best cosine. */
async function nearestInMeaning(store: CorpusStore, parts: readonly FingerprintTokens[], options: RetrieveOptions): Promise<Map<number, number>> {
  const lexicon = options.lexicon ?? loadLexicon();
  const exclude = options.exclude ?? (() => false);
  const near = new Map<number, number>();
  for (const part of parts) {
    const vector = meaningOfTokens(part, lexicon);
    if (!vector) continue;
    // A few more than wanted, for the excluded ones (the query itself, in a scan).
    const found = (await store.nearest(vector, MEANING_NEIGHBOURS + 3)).filter((n) => !exclude(n.number)).slice(0, MEANING_NEIGHBOURS);
    for (const { number, similarity } of found) near.set(number, Math.max(near.get(number) ?? -1, similarity));
  }
  return near;
}

/**
 * The first `limit` candidates, those of equal score in the order of their documents' ids: numbers are the order
 * documents happened to be stored in (many processes may share a store), and which candidates a scan aligns, and in
 * which order, must not depend on it.
 */
async function cut(store: CorpusStore, ranked: readonly Candidate[], limit: number): Promise<Candidate[]> {
  const edge = ranked[limit - 1]?.score ?? -Infinity;
  const head = ranked.filter((c) => c.score >= edge);
  const counts = new Map<number, number>();
  for (const c of head) counts.set(c.score, (counts.get(c.score) ?? 0) + 1);
  const tied = head.filter((c) => (counts.get(c.score) ?? 0) > 1);
  if (tied.length === 0) return head.slice(0, limit);
  const documents = await store.documentsByNumber(tied.map((c) => c.number));
  const idOf = new Map(tied.map((c, i) => [c.number, documents[i]?.id ?? '']));
  const id = (c: Candidate): string => idOf.get(c.number) ?? '';
  return head.sort((x, y) => y.score - x.score || (id(x) < id(y) ? -1 : id(x) > id(y) ? 1 : 0)).slice(0, limit);
}

function byScore(x: Candidate, y: Candidate): number {
  return y.score - x.score || x.number - y.number;
}

/** The documents posted under each key, at most `limit` a key. */
type Postings = (keys: readonly number[], limit: number) => Promise<number[][]>;

/**
 * The store's postings, each key read once: a long text and its windows ask for mostly the same keys (about 210
 * lookups of 100 keys for a text of ~3 KB), and at a million documents reading them is most of a lookup's time.
 */
function postingsOnce(store: CorpusStore): Postings {
  const read = new Map<number, Map<number, Promise<number[]>>>();
  return (keys, limit) => {
    const known = read.get(limit) ?? new Map<number, Promise<number[]>>();
    read.set(limit, known);
    const missing = [...new Set(keys.filter((key) => !known.has(key)))];
    if (missing.length > 0) {
      const fetched = store.postings(missing, limit);
      missing.forEach((key, i) => known.set(key, fetched.then((lists) => lists[i] ?? [])));
    }
    return Promise.all(keys.map((key) => known.get(key) ?? Promise.resolve([])));
  };
}

/** Proposes stored documents that may be copies of the fingerprinted text, through every channel. */
export async function retrieve(store: CorpusStore, print: Fingerprint, options: RetrieveOptions = {}): Promise<Candidate[]> {
  return lookUp((keys, limit) => store.postings(keys, limit), print, { ...options, documents: options.documents ?? (await store.documentCount()) });
}

async function lookUp(postings: Postings, print: Fingerprint, options: RetrieveOptions & { readonly documents: number }): Promise<Candidate[]> {
  const exclude = options.exclude ?? (() => false);
  const documents = options.documents;
  const [bandPostings, anchorPostings, termPostings] = await Promise.all([
    postings(print.bands, BAND_POSTINGS_CAP),
    postings(print.anchors, BAND_POSTINGS_CAP),
    postings(
      print.terms.map((t) => t.key),
      TERM_POSTINGS_CAP + 1,
    ),
  ]);
  const words = new Map<number, number>();
  const skeleton = new Map<number, number>();
  const terms = new Map<number, number>();
  const anchors = new Map<number, number>();
  const bump = (map: Map<number, number>, n: number, by: number): void => {
    if (!exclude(n)) map.set(n, (map.get(n) ?? 0) + by);
  };
  for (const [i, key] of print.bands.entries()) {
    const hits = channelOf(key) === Channel.Words ? words : skeleton;
    for (const n of bandPostings[i] ?? []) bump(hits, n, 1);
  }
  for (const posted of anchorPostings) for (const n of posted) bump(anchors, n, 1);
  let weight = 0;
  for (const posted of termPostings) {
    if (posted.length > TERM_POSTINGS_CAP) continue;
    // A term no stored document has still counts: a copy would have had it.
    const idf = Math.log(1 + documents / Math.max(1, posted.length));
    weight += idf;
    for (const n of posted) bump(terms, n, idf);
  }
  const numbers = new Set([...words.keys(), ...skeleton.keys(), ...terms.keys(), ...anchors.keys()]);
  const candidates: Candidate[] = [];
  for (const number of numbers) {
    const c = {
      number,
      words: (words.get(number) ?? 0) / bandings().words.bands,
      skeleton: (skeleton.get(number) ?? 0) / bandings().skeleton.bands,
      terms: weight > 0 ? (terms.get(number) ?? 0) / weight : 0,
      anchors: print.anchors.length > 0 ? (anchors.get(number) ?? 0) / print.anchors.length : 0,
    };
    const score = Math.max(c.words, c.skeleton, c.terms, c.anchors);
    if (score >= MIN_SCORE) candidates.push({ ...c, score, meaning: 0 });
  }
  candidates.sort(byScore);
  return candidates.slice(0, options.limit ?? 20);
}
