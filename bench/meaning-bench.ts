/**
 * The meaning channel's nearest-neighbour index (src/store/meaning-index.ts) at scale: N vectors made from the meaning
 * vectors of the 10,000 State of the Union passages, each with its own noise (so that no two are alike); then
 * 2,000 lookups, each with one stored vector plus more noise, a rewording of that document as the channel sees it.
 * Reports the insert time, the bytes a vector takes in the saved index, the lookup latency, and how often the
 * lookup returns the document its query was made from first and among the 8 nearest (the graph is approximate: the
 * exact nearest would be that document every time).
 *
 *   npx tsx bench/meaning-bench.ts [--vectors N]     (default 1,000,000: about 10 minutes on this machine)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { meaningVector } from '../src/fingerprint/meaning.js';
import { loadLexicon } from '../src/lexicon/index.js';
import { MeaningIndex, savedMeaningBytes } from '../src/store/meaning-index.js';
import { sotuPassages } from './reuse-data.js';

const QUERIES = 2000;
const NEIGHBOURS = 8;
/** Noise added to each stored vector, and again to make a query, on the vectors' scale of ±127. */
const STORED_NOISE = 30;
const QUERY_NOISE = 20;
const BATCH = 1000;

function vectorsArg(argv: readonly string[]): number {
  const at = argv.indexOf('--vectors');
  const n = at >= 0 ? Number((argv[at + 1] ?? '').replace(/_/g, '')) : 1_000_000;
  if (!Number.isInteger(n) || n < QUERIES) throw new Error(`--vectors expects a whole number of at least ${QUERIES}`);
  return n;
}

/** A seeded Gaussian: the same vectors every run. */
function gaussian(seed: number): () => number {
  let s = seed;
  const uniform = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  return () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
}

const clamp = (x: number): number => Math.max(-127, Math.min(127, Math.round(x)));
const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function main(): Promise<void> {
  const count = vectorsArg(process.argv.slice(2));
  const lexicon = loadLexicon();
  const bases = sotuPassages()
    .map((d) => meaningVector(d.text, lexicon))
    .filter((v): v is Int8Array => v !== undefined);
  const noise = gaussian(7);
  const vectorOf = (n: number): Int8Array => {
    const base = bases[n % bases.length] as Int8Array;
    return Int8Array.from(base, (x) => clamp(x + STORED_NOISE * noise()));
  };
  const dir = mkdtempSync(join(tmpdir(), 'unspin-meaning-bench-'));
  try {
    const storeFile = join(dir, 'bench.db');
    const index = MeaningIndex.beside(storeFile);
    const stored = new Map<number, Int8Array>();
    const planted = new Set(Array.from({ length: QUERIES }, (_, q) => (q * 7919) % count));
    let insertMs = 0;
    for (let start = 0; start < count; start += BATCH) {
      const changes = Array.from({ length: Math.min(BATCH, count - start) }, (_, k) => {
        const number = start + k;
        const vector = vectorOf(number);
        if (planted.has(number)) stored.set(number, vector);
        return { seq: number + 1, number, vector };
      });
      const t = performance.now();
      index.apply(changes);
      insertMs += performance.now() - t;
    }
    index.save();
    const bytes = savedMeaningBytes(storeFile) / count;
    const times: number[] = [];
    let first = 0;
    let among = 0;
    for (const [number, vector] of stored) {
      const query = Int8Array.from(vector, (x) => clamp(x + QUERY_NOISE * noise()));
      const t = performance.now();
      const found = index.nearest(query, NEIGHBOURS);
      times.push(performance.now() - t);
      if (found[0]?.number === number) first++;
      if (found.some((f) => f.number === number)) among++;
    }
    times.sort((x, y) => x - y);
    const result = {
      vectors: count,
      insertMs: insertMs / count,
      bytesPerVector: bytes,
      lookupMsP50: quantile(times, 0.5),
      lookupMsP99: quantile(times, 0.99),
      queryFirst: first / stored.size,
      queryAmongNearest: among / stored.size,
    };
    console.log(
      `meaning index, ${count} vectors: insert ${result.insertMs.toFixed(3)} ms a vector, ${bytes.toFixed(0)} bytes a vector saved; ` +
        `${NEIGHBOURS} nearest p50 ${result.lookupMsP50.toFixed(2)} ms, p99 ${result.lookupMsP99.toFixed(2)} ms; ` +
        `the query's own document first ${(100 * result.queryFirst).toFixed(1)}%, among the ${NEIGHBOURS} ${(100 * result.queryAmongNearest).toFixed(1)}%`,
    );
    console.log(JSON.stringify(result));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
