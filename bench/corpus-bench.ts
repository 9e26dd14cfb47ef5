/**
 * Corpus benchmark: indexing speed, memory and index size, the recall of search on spun, paraphrased and partial
 * copies, false positives on held-out pieces of the same speeches, and search latency.
 *
 * Corpus (bench/corpus-data.ts): the State of the Union addresses cut into ~3 KB pieces. 200 pieces are held out
 * (false-positive queries), 200 more are held out as hosts of the partial copies, the rest are indexed together with
 * five copies of each of 200 indexed source pieces: spun at 0.1, 0.3 and 0.5, paraphrased (spin 0.3), and partial (a
 * third of the source's sentences, in one run, embedded in a host piece's text). `--scale N` adds synthetic documents
 * up to N in all, streamed to the JSONL; past 20,000 documents the verified search and the baselines are skipped
 * (`--full` runs them anyway).
 *
 * Indexing is timed in a child process running the compiled CLI (`node dist/cli/main.js index`; built here when
 * dist/ is older than src/), beside a datasketch-equivalent Python MinHash+LSH and a bare Node MinHash loop on the
 * same JSONL. Queries run in this process against the store the CLI wrote.
 *
 * Verified search (alignment, ~0.15–0.5 s a query) runs on the copies of 60 of the 200 sources and on the 200
 * held-out pieces, to keep `npm run bench` short; `--thorough` searches the copies of all 200.
 *
 * `--store DIR` runs the queries again on a folder that `--keep` kept, in a fresh process and without indexing first:
 * right after writing a store of millions of documents the machine is still busy with it, and latencies measured then
 * vary from run to run (at 1M, p50 17–23 ms right after indexing against 11–14 ms on the kept store).
 *
 * Usage: npx tsx bench/corpus-bench.ts [--scale N] [--full] [--thorough] [--keep | --store DIR]   (table, then one JSON line)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { retrieveText } from '../src/corpus/retrieve.js';
import { search } from '../src/corpus/search.js';
import { loadLexicon } from '../src/lexicon/index.js';
import { seededRandom } from '../src/random.js';
import { obfuscate } from '../src/spin/obfuscate.js';
import { openStore } from '../src/store/store.js';
import { JsonlWriter, naturalPieces, shuffled, syntheticMaker, type Doc, type Piece } from './corpus-data.js';
import { bareMinHash } from './minhash-bare.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(ROOT, 'dist/cli/main.js');
const SEED = 2024;
const HELD_OUT = 200;
const SOURCES = 200;
/** Above this many documents the verified search and the baselines are skipped unless --full. */
const FULL_LIMIT = 20_000;
const RETRIEVE_TOP = 10;
/** Verified search (~0.15–0.5 s a query) runs on the copies of this many of the sources (all with --thorough); retrieve runs on all. */
const SEARCH_SOURCES = 60;
/** Past FULL_LIMIT, verified search runs on the copies of this many sources and this many held-out pieces. */
const SCALE_SEARCH_SOURCES = 10;

type CopyKind = 'spin0.1' | 'spin0.3' | 'spin0.5' | 'paraphrase' | 'partial';
const KINDS: readonly CopyKind[] = ['spin0.1', 'spin0.3', 'spin0.5', 'paraphrase', 'partial'];
const KIND_LABEL: Record<CopyKind, string> = {
  'spin0.1': 'spun, spin 0.1',
  'spin0.3': 'spun, spin 0.3',
  'spin0.5': 'spun, spin 0.5',
  paraphrase: 'paraphrased, spin 0.3',
  partial: 'partial verbatim (1/3)',
};

interface Copy extends Doc {
  readonly kind: CopyKind;
  readonly source: string;
}

export interface CorpusBenchOptions {
  /** Documents to index in all; at least the natural corpus with its copies. */
  readonly scale?: number;
  /** Run the verified search and the baselines at any scale. */
  readonly full?: boolean;
  /** Keep the temporary folder (JSONL and store). */
  readonly keep?: boolean;
  /** Verified search on the copies of all 200 sources, not 60 (about 3 times as long). */
  readonly thorough?: boolean;
  /** A folder that `keep` kept: its store is queried again, nothing is written or indexed. */
  readonly store?: string;
}

const percentile = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
};
const round = (x: number, digits = 2): number => Number(x.toFixed(digits));
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** Rebuilds dist/ when any source file is newer than the compiled CLI. */
export function ensureBuilt(): void {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }, 0);
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= newest(join(ROOT, 'src'))) return;
  console.log('building dist/ (tsc) ...');
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.json')], { stdio: 'inherit' });
}

/** One third of the source's sentences, in one run, placed at a sentence boundary of the host's text. */
function partialCopy(source: Piece, host: Piece, seed: number): string {
  const random = seededRandom(seed);
  const n = Math.max(1, Math.round(source.sentences.length / 3));
  const start = Math.floor(random() * (source.sentences.length - n + 1));
  const at = Math.floor(random() * (host.sentences.length + 1));
  const embedded = source.sentences.slice(start, start + n);
  return [...host.sentences.slice(0, at), ...embedded, ...host.sentences.slice(at)].join(' ');
}

/** How many 8-word runs (lowercased words) two texts share: whether a "false positive" is a real reused passage. */
function shared8grams(a: string, b: string): number {
  const grams = (t: string): Set<string> => {
    const w = t.toLowerCase().split(/\W+/).filter((x) => x.length > 0);
    const out = new Set<string>();
    for (let i = 0; i + 8 <= w.length; i++) out.add(w.slice(i, i + 8).join(' '));
    return out;
  };
  const x = grams(a);
  let n = 0;
  for (const g of grams(b)) if (x.has(g)) n++;
  return n;
}

interface Split {
  readonly indexed: Piece[];
  readonly heldOut: Piece[];
  readonly sources: Piece[];
  readonly hosts: Piece[];
}

/** Held-out pieces come from speeches with at least three pieces, so the rest of each such speech is indexed. */
function split(pieces: readonly Piece[]): Split {
  const perSpeech = new Map<string, number>();
  for (const p of pieces) perSpeech.set(p.speech, (perSpeech.get(p.speech) ?? 0) + 1);
  const order = shuffled(pieces, SEED);
  const heldOut: Piece[] = [];
  const taken = new Set<string>();
  const heldPerSpeech = new Map<string, number>();
  for (const p of order) {
    if (heldOut.length === HELD_OUT) break;
    const total = perSpeech.get(p.speech) ?? 0;
    const held = heldPerSpeech.get(p.speech) ?? 0;
    if (total < 3 || held + 1 > Math.floor(total / 3)) continue;
    heldOut.push(p);
    heldPerSpeech.set(p.speech, held + 1);
    taken.add(p.id);
  }
  const rest = order.filter((p) => !taken.has(p.id));
  const hosts = rest.slice(0, SOURCES);
  const candidates = rest.slice(SOURCES);
  // Sources are indexed pieces; the host of source i is from another speech.
  const sources: Piece[] = [];
  const pairedHosts: Piece[] = [];
  const free = [...hosts];
  for (const p of candidates) {
    if (sources.length === SOURCES) break;
    const h = free.findIndex((x) => x.speech !== p.speech);
    if (h < 0) continue;
    sources.push(p);
    pairedHosts.push(free.splice(h, 1)[0] as Piece);
  }
  const hostIds = new Set(hosts.map((h) => h.id));
  const indexed = pieces.filter((p) => !taken.has(p.id) && !hostIds.has(p.id));
  return { indexed, heldOut, sources, hosts: pairedHosts };
}

function makeCopies(sources: readonly Piece[], hosts: readonly Piece[]): Copy[] {
  const lexicon = loadLexicon();
  const copies: Copy[] = [];
  sources.forEach((s, i) => {
    const seed = SEED + i;
    const add = (kind: CopyKind, text: string): void => {
      copies.push({ id: `copy/${kind}/${s.id}`, text, kind, source: s.id });
    };
    add('spin0.1', obfuscate(s.text, { spin: 0.1, paraphrase: false, seed }, lexicon).text);
    add('spin0.3', obfuscate(s.text, { spin: 0.3, paraphrase: false, seed }, lexicon).text);
    add('spin0.5', obfuscate(s.text, { spin: 0.5, paraphrase: false, seed }, lexicon).text);
    add('paraphrase', obfuscate(s.text, { spin: 0.3, paraphrase: true, seed }, lexicon).text);
    add('partial', partialCopy(s, hosts[i] as Piece, seed));
  });
  return copies;
}

interface IndexRun {
  readonly indexed: number;
  readonly seconds: number;
  readonly processSeconds: number;
  readonly textBytes: number;
  readonly peakRssMB: number | null;
  /** User and system CPU seconds of the whole process, all its threads. */
  readonly cpuSeconds: number | null;
  readonly rssFrom: string;
}

/** The real CLI in a child process, under /usr/bin/time for its peak RSS when that is there. */
function runIndex(jsonl: string, db: string): IndexRun {
  const args = [CLI, 'index', jsonl, '--db', db, '--json'];
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const started = performance.now();
  const r = timeBin
    ? spawnSync(timeBin, ['-f', 'maxrss_kb=%M cpu_s=%U+%S', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, ['--import', RSS_WRAPPER, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const processSeconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`unspin index failed (${r.status}): ${r.stderr}`);
  const summary = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { indexed: number; seconds: number; textBytes: number };
  const kb = /maxrss_kb=(\d+)/.exec(r.stderr ?? '');
  const cpu = /cpu_s=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? '');
  return {
    indexed: summary.indexed,
    seconds: summary.seconds,
    processSeconds,
    textBytes: summary.textBytes,
    peakRssMB: kb ? Number(kb[1]) / 1024 : null,
    cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : null,
    rssFrom: timeBin ? '/usr/bin/time %M' : 'process.resourceUsage in the child',
  };
}

/** Preloaded into the CLI's own process: its peak RSS (kB) and CPU seconds on stderr as it exits. */
const RSS_WRAPPER = `data:text/javascript,process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('maxrss_kb=' + u.maxRSS + ' cpu_s=' + u.userCPUTime / 1e6 + '+' + u.systemCPUTime / 1e6 + '\\n'); });`;

interface PythonRun {
  readonly docsPerSecond: number;
  readonly seconds: number;
  readonly bytes: number;
  readonly bands: number;
  readonly rows: number;
}

function runPython(jsonl: string): PythonRun | { error: string } {
  const r = spawnSync('python3', [join(ROOT, 'bench/minhash_baseline.py'), jsonl], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.error || r.status !== 0) return { error: (r.error?.message ?? r.stderr ?? '').trim().split('\n').pop() ?? 'failed' };
  return JSON.parse(r.stdout.trim()) as PythonRun;
}

export interface KindRecall {
  readonly copies: number;
  /** Of them, how many went through the verified search (the shares below are of these). */
  readonly searched: number;
  /** Share of copies whose source `search` returns as a derived match. */
  readonly derived: number | null;
  /** Share whose source is the first match. */
  readonly first: number | null;
  /** Share whose source is the first match once the source's other copies (also indexed) are passed over. */
  readonly firstBesidesSiblings: number | null;
  /** Share whose source is among the top 10 candidates of `retrieve` alone. */
  readonly retrieveTop10: number;
  /** Up to three copies whose source `search` did not return as derived (or, without search, `retrieve` missed). */
  readonly misses: readonly string[];
}

/** The bench corpus as written to JSONL, and the parts the bench queries with. */
export interface BenchCorpus extends Split {
  readonly copies: Copy[];
  /** Documents of the natural corpus with its copies, and in the file (synthetic ones added up to the scale asked). */
  readonly base: number;
  readonly target: number;
}

/** The natural corpus with its copies, as every run of the bench makes it (seeded); `target` is its size. */
function benchCorpus(): BenchCorpus {
  const parts = split(naturalPieces());
  const copies = makeCopies(parts.sources, parts.hosts);
  const base = parts.indexed.length + copies.length;
  return { ...parts, copies, base, target: base };
}

/** Writes the corpus to a JSONL file: the indexed natural pieces, the copies, then synthetic documents up to `scale`. */
export function writeBenchCorpus(jsonl: string, scale?: number): BenchCorpus {
  const { copies, base, ...parts } = benchCorpus();
  const target = Math.max(base, scale ?? base);
  const writer = new JsonlWriter(jsonl);
  for (const p of parts.indexed) writer.write(p);
  for (const c of copies) writer.write(c);
  const sourceIds = new Set(parts.sources.map((s) => s.id));
  const synthetic = syntheticMaker(
    parts.indexed.filter((p) => !sourceIds.has(p.id)),
    SEED,
  );
  for (let j = 0; writer.documents < target; j++) writer.write(synthetic(j));
  writer.close();
  return { ...parts, copies, base, target };
}

export async function runCorpusBench(options: CorpusBenchOptions = {}): Promise<Record<string, unknown>> {
  ensureBuilt();
  const kept = options.store;
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'unspin-corpus-bench-'));
  const jsonl = join(dir, 'corpus.jsonl');
  const db = join(dir, 'corpus.db');
  if (kept !== undefined && !existsSync(db)) throw new Error(`--store ${kept}: no corpus.db there (give a folder that --keep kept)`);
  try {
    // 1. The corpus, streamed to JSONL (or, on a kept store, only the parts the queries need).
    const t0 = performance.now();
    const { indexed, heldOut, sources, copies, base, target: written } = kept === undefined ? writeBenchCorpus(jsonl, options.scale) : benchCorpus();
    const prepareSeconds = (performance.now() - t0) / 1000;
    if (options.scale !== undefined && options.scale < base) {
      console.log(`note: --scale ${options.scale} is below the natural corpus with its copies; indexing ${base}`);
    }

    // 2. Indexing, then the baselines on the same file.
    const run = kept === undefined ? runIndex(jsonl, db) : undefined;
    const store = openStore(db, { readonly: true });
    const stats = await store.corpusStats();
    const target = kept === undefined ? written : stats.documents;
    const full = options.full === true || target <= FULL_LIMIT;
    const python = run && full ? runPython(jsonl) : undefined;
    let bare: { docsPerSecond: number; seconds: number } | undefined;
    if (run && full) {
      const texts = readFileSync(jsonl, 'utf8')
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => (JSON.parse(l) as { text: string }).text);
      bare = bareMinHash(texts);
    }
    const docsPerSecond = run ? run.indexed / run.seconds : null;
    const docsPerCpuSecond = run?.cpuSeconds ? run.indexed / run.cpuSeconds : null;
    const pythonOk = python && !('error' in python) ? python : undefined;

    // 3. Queries: every copy (its own id, so it is not its own match) and every held-out piece.
    const numberOf = async (id: string): Promise<number | undefined> => (await store.document(id))?.number;
    const documents = await store.documentCount();
    const retrieveMs: number[] = [];
    const candidateHit = new Map<string, boolean>();
    const queries: Doc[] = [...copies, ...heldOut];
    for (const q of queries) {
      const self = await numberOf(q.id);
      const started = performance.now();
      const found = await retrieveText(store, q.text, {
        limit: RETRIEVE_TOP,
        documents,
        ...(self !== undefined ? { exclude: (n: number) => n === self } : {}),
      });
      retrieveMs.push(performance.now() - started);
      const source = (q as Copy).source;
      if (source !== undefined) {
        const want = await numberOf(source);
        candidateHit.set(q.id, found.some((c) => c.number === want));
      }
    }

    const searchMs: number[] = [];
    const searched = new Map<string, { derived: boolean; first: boolean; firstBesides: boolean }>();
    let falsePositives = 0;
    const falsePositiveExamples: string[] = [];
    {
      const lexicon = loadLexicon();
      for (const p of indexed.slice(0, 3)) await search(store, { id: `warm-up/${p.id}`, text: p.text }, { lexicon }); // JIT and models
      const searchSources = new Set(sources.slice(0, options.thorough ? SOURCES : full ? SEARCH_SOURCES : SCALE_SEARCH_SOURCES).map((s) => s.id));
      // At scale only a sample is searched, for the latency with alignment: held-out pieces as many as sources.
      const heldOutSearched = new Set(heldOut.slice(0, full ? heldOut.length : SCALE_SEARCH_SOURCES).map((h) => h.id));
      for (const q of queries) {
        if ((q as Copy).source !== undefined ? !searchSources.has((q as Copy).source) : !heldOutSearched.has(q.id)) continue;
        const started = performance.now();
        const result = await search(store, { id: q.id, text: q.text }, { lexicon });
        searchMs.push(performance.now() - started);
        const derived = result.matches.filter((m) => m.derived);
        const source = (q as Copy).source;
        if (source !== undefined) {
          const besides = derived.filter((m) => m.id === source || !m.id.endsWith(`/${source}`) || !m.id.startsWith('copy/'));
          searched.set(q.id, {
            derived: derived.some((m) => m.id === source),
            first: derived[0]?.id === source,
            firstBesides: besides[0]?.id === source,
          });
        } else if (derived.length > 0) {
          falsePositives++;
          const shown: string[] = [];
          for (const m of derived) {
            const text = (await store.document(m.id))?.text ?? '';
            shown.push(`${m.id} (${m.relation}, similarity ${round(m.similarity)}, ${shared8grams(q.text, text)} shared 8-word runs)`);
          }
          falsePositiveExamples.push(`${q.id} -> ${shown.join(', ')}`);
        }
      }
    }
    await store.close();

    const recall: Record<string, KindRecall> = {};
    for (const kind of KINDS) {
      const ofKind = copies.filter((c) => c.kind === kind);
      const share = (f: (c: Copy) => boolean): number => ofKind.filter(f).length / ofKind.length;
      const verified = ofKind.filter((c) => searched.has(c.id));
      const searchedShare = (f: (c: Copy) => boolean): number => verified.filter(f).length / verified.length;
      recall[kind] = {
        copies: ofKind.length,
        searched: verified.length,
        derived: full ? round(searchedShare((c) => searched.get(c.id)?.derived === true), 4) : null,
        first: full ? round(searchedShare((c) => searched.get(c.id)?.first === true), 4) : null,
        firstBesidesSiblings: full ? round(searchedShare((c) => searched.get(c.id)?.firstBesides === true), 4) : null,
        retrieveTop10: round(share((c) => candidateHit.get(c.id) === true), 4),
        misses: ofKind
          .filter((c) => (full ? searched.has(c.id) && searched.get(c.id)?.derived !== true : candidateHit.get(c.id) !== true))
          .slice(0, 3)
          .map((c) => c.id),
      };
    }

    const result = {
      documents: stats.documents,
      naturalIndexed: indexed.length,
      copies: copies.length,
      synthetic: target - base,
      textMB: run ? round(run.textBytes / 1e6, 1) : null,
      prepareS: round(prepareSeconds, 1),
      indexS: run?.seconds ?? null,
      indexProcessS: run ? round(run.processSeconds) : null,
      indexDocsPerS: docsPerSecond !== null ? round(docsPerSecond, 0) : null,
      indexDocsPerCpuS: docsPerCpuSecond !== null ? round(docsPerCpuSecond, 0) : null,
      indexMBPerS: run ? round(run.textBytes / 1e6 / run.seconds, 2) : null,
      indexPeakRssMB: run?.peakRssMB != null ? round(run.peakRssMB, 0) : null,
      storeMB: round(stats.storeBytes / 1e6, 1),
      indexBytesPerDoc: stats.indexBytesPerDocument,
      postingsPerDoc: round(stats.postings / stats.documents, 1),
      pythonDocsPerS: pythonOk ? pythonOk.docsPerSecond : null,
      pythonMBPerS: pythonOk ? round(pythonOk.bytes / 1e6 / pythonOk.seconds, 2) : null,
      oursOverPython: pythonOk && docsPerSecond !== null ? round(docsPerSecond / pythonOk.docsPerSecond, 2) : null,
      oursOverPythonPerCpu: pythonOk && docsPerCpuSecond !== null ? round(docsPerCpuSecond / pythonOk.docsPerSecond, 2) : null,
      bareNodeDocsPerS: bare ? round(bare.docsPerSecond, 0) : null,
      bareNodeMBPerS: bare && run ? round(run.textBytes / 1e6 / bare.seconds, 2) : null,
      oursOverBareNode: bare && docsPerSecond !== null ? round(docsPerSecond / bare.docsPerSecond, 3) : null,
      recall,
      heldOut: heldOut.length,
      falsePositiveRate: full ? round(falsePositives / heldOut.length, 4) : null,
      falsePositives: falsePositiveExamples,
      retrieveQueries: retrieveMs.length,
      retrieveP50Ms: round(percentile(retrieveMs, 0.5)),
      retrieveP99Ms: round(percentile(retrieveMs, 0.99)),
      searchQueries: searchMs.length,
      searchP50Ms: round(percentile(searchMs, 0.5), 0),
      searchP99Ms: round(percentile(searchMs, 0.99), 0),
    };

    const line = (label: string, value: string): void => console.log(`${label.padEnd(44)}${value}`);
    console.log('');
    console.log(
      `corpus: ${result.documents} documents indexed (${indexed.length} SOTU pieces, ${copies.length} copies of ${sources.length} of them` +
        `${result.synthetic > 0 ? `, ${result.synthetic} synthetic` : ''})${run ? `, ${result.textMB} MB of text` : ''}; ${heldOut.length} pieces held out`,
    );
    if (run) {
      line(
        `unspin index (one process, ${availableParallelism()} cores)`,
        `${result.indexDocsPerS} docs/s, ${result.indexMBPerS} MB/s in ${run.seconds} s (${result.indexProcessS} s whole process)`,
      );
      line('  per CPU second (all its threads)', `${result.indexDocsPerCpuS ?? '?'} docs; peak RSS ${result.indexPeakRssMB ?? '?'} MB (${run.rssFrom}); store ${result.storeMB} MB`);
    } else line('unspin index', `not run: queries on the store kept in ${kept}; store ${result.storeMB} MB`);
    line('  index size', `${result.indexBytesPerDoc} bytes/doc beyond the text (${result.postingsPerDoc} postings/doc)`);
    if (python && 'error' in python) line('Python MinHash-128+LSH baseline', `not run: ${python.error}`);
    else if (pythonOk) {
      line(
        'Python MinHash-128+LSH (datasketch-equiv.)',
        `${pythonOk.docsPerSecond} docs/s, ${result.pythonMBPerS} MB/s (one thread); ours / Python = ${result.oursOverPython}, per CPU second ${result.oursOverPythonPerCpu ?? '?'}`,
      );
    }
    if (bare) line('bare Node MinHash-128 loop (no LSH, no I/O)', `${result.bareNodeDocsPerS} docs/s, ${result.bareNodeMBPerS} MB/s; ours / bare = ${result.oursOverBareNode}`);
    if (!full) console.log(`(over ${FULL_LIMIT} documents: baselines skipped and verified search run on a sample; --full runs them all)`);
    console.log('');
    const searchedPerKind = (recall[KINDS[0] as CopyKind] as KindRecall).searched;
    console.log(`copies: ${SOURCES} of each kind; verified search on ${searchedPerKind} of each, retrieve on all ${SOURCES}`);
    console.log(`${'kind'.padEnd(26)}${'search: derived'.padStart(16)}${'ranked 1st'.padStart(12)}${'1st besides sibl.'.padStart(19)}${'retrieve top-10'.padStart(17)}`);
    const cell = (x: number | null, w: number): string => (x === null ? '—' : pct(x)).padStart(w);
    for (const kind of KINDS) {
      const r = recall[kind] as KindRecall;
      console.log(`${KIND_LABEL[kind].padEnd(26)}${cell(r.derived, 16)}${cell(r.first, 12)}${cell(r.firstBesidesSiblings, 19)}${cell(r.retrieveTop10, 17)}`);
    }
    console.log('');
    if (full) line(`false positives, ${heldOut.length} held-out pieces`, `${pct(result.falsePositiveRate ?? 0)} get a derived match (same speeches, not indexed)`);
    for (const e of falsePositiveExamples) console.log(`  ${e}`);
    line(`retrieve latency (${retrieveMs.length} queries)`, `p50 ${result.retrieveP50Ms} ms, p99 ${result.retrieveP99Ms} ms`);
    line(`search latency, verified (${searchMs.length} queries)`, `p50 ${result.searchP50Ms} ms, p99 ${result.searchP99Ms} ms`);
    console.log(JSON.stringify(result));
    return result;
  } finally {
    if (options.keep) console.log(`kept ${dir}`);
    else if (kept === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

/** The value of `--name V` or `--name=V` in an argument list. */
function valueOf(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** `--scale N`, `--full`, `--thorough`, `--keep` and `--store DIR` from an argument list. */
export function corpusBenchOptions(argv: readonly string[]): CorpusBenchOptions {
  const raw = valueOf(argv, '--scale');
  const store = valueOf(argv, '--store');
  if (store !== undefined && raw !== undefined) throw new Error('--store queries a kept corpus as it is: leave out --scale');
  let scale: number | undefined;
  if (raw !== undefined) {
    scale = Number(raw.replace(/_/g, ''));
    if (!Number.isInteger(scale) || scale < 1) throw new Error(`--scale expects a whole number of documents, not ${raw}`);
  }
  return {
    ...(scale !== undefined ? { scale } : {}),
    ...(store !== undefined ? { store: resolve(store) } : {}),
    full: argv.includes('--full'),
    keep: argv.includes('--keep'),
    thorough: argv.includes('--thorough'),
  };
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) await runCorpusBench(corpusBenchOptions(process.argv.slice(2)));
