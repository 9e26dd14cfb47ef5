import { existsSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { UnspinError } from '../errors.js';
import { EXPRESSION_FLAG, readCache, writeCache, type LexiconTables } from './cache-file.js';
import { bigramCachePath, buildBigramCache } from './bigrams.js';
import { lexiconCachePath } from './cache-path.js';
import { readEmbeddings } from './embeddings-reader.js';
import { lexiconSources, type WinkLemmatizer } from './sources.js';
import { TermTableBuilder } from './term-table.js';
import { readWordNet, type NearLink, type Synset } from './wordnet-reader.js';

/** Words that get a vector: the most frequent ones cover nearly all running text and keep the cache small. */
const VECTOR_COUNT = 150_000;
const ALPHABETIC = /^[a-z]+$/;

/**
 * The lemma rule: verb lemma when it differs from the word, else noun lemma, else adjective lemma,
 * repeated until it settles so that lemma(lemma(w)) = lemma(w) ("meetings" → "meeting" → "meet").
 */
function lemmaRule(wink: WinkLemmatizer): (word: string) => string {
  const once = (word: string): string => {
    const verb = wink.verb(word);
    const noun = verb === word ? wink.noun(word) : verb;
    return (noun === word ? wink.adjective(word) : noun) || word;
  };
  const memo = new Map<string, string>();
  return (word) => {
    if (!ALPHABETIC.test(word)) return word;
    let lemma = memo.get(word);
    if (lemma === undefined) {
      lemma = word;
      for (let step = 0; step < 4; step++) {
        const next = once(lemma);
        if (next === lemma) break;
        lemma = next;
      }
      memo.set(word, lemma);
    }
    return lemma;
  };
}

/** Compressed rows: row r's items are items[start[r]] … items[start[r + 1] - 1]. */
function compressRows<T>(count: number, row: (r: number) => readonly T[]): { start: Uint32Array; items: T[] } {
  const start = new Uint32Array(count + 1);
  const items: T[] = [];
  for (let r = 0; r < count; r++) {
    start[r] = items.length;
    items.push(...row(r));
  }
  start[count] = items.length;
  return { start, items };
}

/** [word id, lemma id] for every term whose lemma differs, adding lemmas missing from the table. */
function lemmatizeTerms(terms: TermTableBuilder, lemmaOfWord: (word: string) => string): [number, number][] {
  const pairs: [number, number][] = [];
  for (let id = 0, known = terms.size; id < known; id++) {
    const word = terms.term(id);
    const lemma = lemmaOfWord(word);
    if (lemma !== word) pairs.push([id, terms.add(lemma)]);
  }
  return pairs;
}

/** Ids of WordNet's multi-word lemmas and of the same phrases spelled with our lemmas ("united states" → "unite state"). */
function addExpressions(terms: TermTableBuilder, lemmas: Iterable<string>, lemmaOfWord: (word: string) => string): number[] {
  const ids: number[] = [];
  for (const phrase of lemmas) {
    if (phrase.includes(' ')) ids.push(terms.add(phrase), terms.add(phrase.split(' ').map(lemmaOfWord).join(' ')));
  }
  return ids;
}

function progressReporter(): (done: string) => void {
  const started = Date.now();
  return (done) => process.stderr.write(`unspin: lexicon: ${done} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

/** Builds the lexicon cache from the npm data packages and writes it to path (synchronous, ~1 GB peak). */
export function buildLexiconCache(path: string): void {
  const sources = lexiconSources();
  const progress = progressReporter();

  const embeddings = readEmbeddings(sources.embeddingsJson, VECTOR_COUNT);
  const terms = new TermTableBuilder();
  for (const word of embeddings.words) terms.add(word);
  if (terms.size !== embeddings.words.length) throw new UnspinError('E_INTERNAL', 'embedding words repeat');
  progress(`read ${terms.size} embedding words`);

  const wordnet = readWordNet(sources.wordnetDict);
  const synsets: readonly Synset[] = wordnet.synsets;
  for (const lemma of wordnet.senses.keys()) terms.add(lemma);
  const members = compressRows(synsets.length, (s) => synsets[s]?.members.map((member) => terms.add(member)) ?? []);
  progress(`read ${wordnet.synsets.length} WordNet synsets`);

  const lemmaOfWord = lemmaRule(sources.lemmatizer);
  const lemmaPairs = lemmatizeTerms(terms, lemmaOfWord);
  const expressions = addExpressions(terms, wordnet.senses.keys(), lemmaOfWord);
  progress(`lemmatized ${lemmaPairs.length} words`);

  const lemmaOf = new Int32Array(terms.size).fill(-1);
  for (const [id, lemma] of lemmaPairs) lemmaOf[id] = lemma;
  const termFlags = new Uint8Array(terms.size);
  for (const id of expressions) termFlags[id] = EXPRESSION_FLAG;

  const senses = compressRows(terms.size, (id) => wordnet.senses.get(terms.term(id)) ?? []);
  const near = compressRows<NearLink>(synsets.length, (s) => synsets[s]?.near ?? []);
  const hypernyms = compressRows(synsets.length, (s) => synsets[s]?.hypernyms ?? []);

  const tables: LexiconTables = {
    ...terms.toArrays(),
    lemmaOf,
    termFlags,
    vectors: embeddings.vectors,
    vectorScale: embeddings.scales,
    senseStart: senses.start,
    senses: Int32Array.from(senses.items),
    memberStart: members.start,
    members: Int32Array.from(members.items),
    nearStart: near.start,
    nearTarget: Int32Array.from(near.items, (link) => link.target),
    nearWords: Uint16Array.from(near.items, (link) => (link.src << 8) | link.tgt),
    hypernymStart: hypernyms.start,
    hypernyms: Int32Array.from(hypernyms.items),
  };
  const meta = {
    rankedCount: embeddings.words.length,
    vectorCount: embeddings.scales.length,
    dimensions: embeddings.dimensions,
  };
  writeCache(path, { meta, tables });
  progress(`wrote ${path}`);
}

/** Builds the lexicon and bigram caches; with --if-missing, only those not there yet. */
function main(args: readonly string[]): void {
  const ifMissing = args.includes('--if-missing');
  const path = lexiconCachePath();
  try {
    if (!ifMissing || !readCache(path)) buildLexiconCache(path);
    if (!ifMissing || !existsSync(bigramCachePath())) buildBigramCache(bigramCachePath());
  } catch (error) {
    if (!(error instanceof UnspinError)) throw error;
    process.stderr.write(`unspin: ${error.message}\n`);
    process.exitCode = 1;
  }
}

const script = process.argv[1];
if (script !== undefined && existsSync(script) && import.meta.url === pathToFileURL(realpathSync(script)).href) {
  main(process.argv.slice(2));
}
