/**
 * Corpus retrieval on real data from ../shared/data (skips without it):
 * - paraphrase reuse: every `a` of the PAN paraphrase pairs and of MRPC is indexed; each `b` of a PAN same-meaning
 *   pair is a query whose source must come first, and each `b` of a different-meaning pair of either set (same
 *   topic or event, not reused) a query that must find nothing derived. A TF-IDF cosine baseline runs on the same queries, its threshold set to its own
 *   false-positive rate nearest ours.
 * - partial verbatim copies: the PAN source documents are indexed; each suspicious document must find its sources.
 * Run alone: npx tsx bench/eval-corpus.ts
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readPairTable } from '../src/cli/pairs.js';
import { indexCorpus } from '../src/corpus/index-corpus.js';
import { retrieve, retrieveText } from '../src/corpus/retrieve.js';
import { search } from '../src/corpus/search.js';
import type { ReadEvent, SourceDocument } from '../src/corpus/types.js';
import { fingerprint } from '../src/fingerprint/fingerprint.js';
import { loadLexicon } from '../src/lexicon/index.js';
import { seededRandom } from '../src/random.js';
import { openStore, type Store } from '../src/store/store.js';
import { sharedPath } from './shared-data.js';
import { fitTfidf, words } from './tfidf.js';

const QUERIES = 400;

async function* documents(docs: readonly SourceDocument[]): AsyncGenerator<ReadEvent> {
  for (const document of docs) yield { kind: 'document', document };
}

function sample<T>(items: readonly T[], n: number, seed: number): T[] {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
}

/** Cosine of TF-IDF vectors: the best document for each query and its score. */
function tfidfBaseline(index: readonly SourceDocument[]): (query: string) => { id: string; score: number } {
  const model = fitTfidf(index.map((d) => d.text));
  const postings = new Map<string, Array<{ id: string; x: number }>>();
  model.vectors.forEach((v, i) => {
    const id = (index[i] as SourceDocument).id;
    for (const [w, x] of v) postings.set(w, [...(postings.get(w) ?? []), { id, x }]);
  });
  return (query) => {
    const scores = new Map<string, number>();
    for (const [w, x] of model.vector(query)) for (const p of postings.get(w) ?? []) scores.set(p.id, (scores.get(p.id) ?? 0) + x * p.x);
    let best = { id: '', score: 0 };
    for (const [id, score] of scores) if (score > best.score) best = { id, score };
    return best;
  };
}

interface ParaphraseResult {
  indexed: number;
  queries: number;
  recallFirst: number;
  candidateRecall: number;
  falsePositives: number;
  panFalsePositives: number;
  mrpcFalsePositives: number;
  tfidfRecallFirst: number;
  tfidfFalsePositives: number;
  searchMsP50: number;
}

/** The first 80 letters and digits of a text: texts that start alike are copies in these sets. */
const opening = (text: string): string => words(text).join(' ').slice(0, 80);

async function evalParaphraseReuse(store: Store): Promise<ParaphraseResult | undefined> {
  const panFile = sharedPath('data/paraphrase/pan-para-train.tsv');
  const mrpcFile = sharedPath('data/paraphrase/mrpc-train.tsv');
  if (!panFile || !mrpcFile) return undefined;
  const pan = readPairTable(panFile).map((r, i) => ({ ...r, source: `pan${i}` }));
  const mrpc = readPairTable(mrpcFile).map((r, i) => ({ ...r, source: `mrpc${i}` }));
  const index = [...pan, ...mrpc].map((r) => ({ id: r.source, text: r.a }));
  await indexCorpus(store, documents(index));
  // The same sentence recurs in these sets: a "not reused" query that is itself stored is a true copy, not a test.
  const stored = new Set(index.map((d) => opening(d.text)));
  const positives = sample(pan.filter((r) => r.label === 1), QUERIES, 1);
  const negatives = [
    ...sample(pan.filter((r) => r.label === 0 && !stored.has(opening(r.b))), QUERIES / 2, 2),
    ...sample(mrpc.filter((r) => r.label === 0 && !stored.has(opening(r.b))), QUERIES / 2, 3),
  ];
  const lexicon = loadLexicon();
  const times: number[] = [];
  const run = async (text: string) => {
    const started = performance.now();
    const result = await search(store, { id: 'query', text }, { lexicon });
    times.push(performance.now() - started);
    return result.matches.filter((m) => m.derived);
  };
  let first = 0;
  let candidates = 0;
  // A source stored twice under two ids (the sets repeat sentences) is found either way.
  const textOf = new Map(index.map((d) => [d.id, d.text]));
  for (const q of positives) {
    const top = (await run(q.b))[0]?.id;
    if (top !== undefined && textOf.get(top) === q.a) first++;
    const found = (await store.documentsByNumber((await retrieve(store, fingerprint(q.b), { limit: 10 })).map((c) => c.number))).map((d) => d?.id);
    if (found.includes(q.source)) candidates++;
  }
  let falsePositives = 0;
  let panFalsePositives = 0;
  for (const q of negatives) {
    if ((await run(q.b)).length === 0) continue;
    falsePositives++;
    if (q.source.startsWith('pan')) panFalsePositives++;
  }
  const panNegatives = negatives.filter((q) => q.source.startsWith('pan')).length;
  const fpRate = falsePositives / negatives.length;

  // The baseline at the threshold whose false-positive rate on the PAN negatives is nearest ours there (at least
  // one negative's worth): the MRPC negatives share most of their wording and no threshold separates them.
  const tfidf = tfidfBaseline(index);
  const negScores = negatives.filter((q) => q.source.startsWith('pan')).map((q) => tfidf(q.b).score).sort((x, y) => y - x);
  const allowed = Math.max(1, Math.round((panFalsePositives / panNegatives) * negScores.length));
  const threshold = negScores[allowed - 1] ?? 0;
  let tfidfFirst = 0;
  for (const q of positives) {
    const best = tfidf(q.b);
    if (best.id === q.source && best.score > threshold) tfidfFirst++;
  }
  times.sort((x, y) => x - y);
  return {
    indexed: index.length,
    queries: positives.length + negatives.length,
    recallFirst: first / positives.length,
    candidateRecall: candidates / positives.length,
    falsePositives: fpRate,
    panFalsePositives: panFalsePositives / panNegatives,
    mrpcFalsePositives: (falsePositives - panFalsePositives) / (negatives.length - panNegatives),
    tfidfRecallFirst: tfidfFirst / positives.length,
    tfidfFalsePositives: negScores.filter((s) => s > threshold).length / negScores.length,
    searchMsP50: times[Math.floor(times.length / 2)] ?? NaN,
  };
}

interface PartialResult {
  sources: number;
  pairs: number;
  candidateRecall: number;
  verifiedRecall: number;
  verifiedPrecision: number;
}

async function evalPartialCopies(store: Store): Promise<PartialResult | undefined> {
  const dir = sharedPath('data/pan-verbatim');
  if (!dir) return undefined;
  const srcDir = join(dir, 'src');
  const index = readdirSync(srcDir).sort().map((f) => ({ id: f, text: readFileSync(join(srcDir, f), 'utf8') }));
  await indexCorpus(store, documents(index));
  const truth = new Map<string, Set<string>>();
  for (const line of readFileSync(join(dir, 'pairs'), 'utf8').split('\n')) {
    const [susp, src] = line.trim().split(/\s+/);
    if (susp && src) truth.set(susp, new Set([...(truth.get(susp) ?? []), src]));
  }
  const lexicon = loadLexicon();
  let pairs = 0;
  let found = 0;
  let verified = 0;
  let reported = 0;
  for (const [susp, sources] of truth) {
    const text = readFileSync(join(dir, 'susp', susp), 'utf8');
    pairs += sources.size;
    const candidates = (await store.documentsByNumber((await retrieveText(store, text, { limit: 10 })).map((c) => c.number))).map((d) => d?.id);
    found += candidates.filter((id) => id !== undefined && sources.has(id)).length;
    const matches = (await search(store, { id: susp, text }, { lexicon, candidates: 5 })).matches.filter((m) => m.derived);
    reported += matches.length;
    verified += matches.filter((m) => sources.has(m.id)).length;
  }
  return { sources: index.length, pairs, candidateRecall: found / pairs, verifiedRecall: verified / pairs, verifiedPrecision: reported ? verified / reported : 1 };
}

export async function evalCorpus(): Promise<{ paraphrase?: ParaphraseResult; partial?: PartialResult } | undefined> {
  console.log('Corpus retrieval (index, search: candidates from fingerprints, verified by alignment)');
  const dir = mkdtempSync(join(tmpdir(), 'unspin-eval-corpus-'));
  try {
    const paraStore = openStore(join(dir, 'para.db'));
    const paraphrase = await evalParaphraseReuse(paraStore);
    await paraStore.close();
    if (paraphrase) {
      const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
      console.log(`  paraphrase reuse (PAN paraphrase and MRPC pairs, ${paraphrase.indexed} indexed, ${paraphrase.queries} queries):`);
      console.log(`    source found first ${pct(paraphrase.recallFirst)} (target ≥ 90%), false positives ${pct(paraphrase.falsePositives)} (target ≤ 5%: PAN ${pct(paraphrase.panFalsePositives)}, MRPC news ${pct(paraphrase.mrpcFalsePositives)}); candidates: source in top 10 ${pct(paraphrase.candidateRecall)}`);
      console.log(`    TF-IDF cosine baseline: source first ${pct(paraphrase.tfidfRecallFirst)} at ${pct(paraphrase.tfidfFalsePositives)} false positives on the PAN negatives; search p50 ${paraphrase.searchMsP50.toFixed(1)} ms`);
    }
    const panStore = openStore(join(dir, 'pan.db'));
    const partial = await evalPartialCopies(panStore);
    await panStore.close();
    if (partial) {
      console.log(`  partial verbatim copies (PAN, ${partial.sources} sources, ${partial.pairs} source-suspicious pairs):`);
      console.log(
        `    candidate recall (top 10) ${(partial.candidateRecall * 100).toFixed(1)}%, verified recall ${(partial.verifiedRecall * 100).toFixed(1)}%, precision ${(partial.verifiedPrecision * 100).toFixed(1)}%`,
      );
    }
    return { ...(paraphrase ? { paraphrase } : {}), ...(partial ? { partial } : {}) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(JSON.stringify(await evalCorpus()));
