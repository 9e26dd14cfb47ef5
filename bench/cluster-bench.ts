/**
 * Scale-out benchmark (issue 13), on a 3-master Redis Cluster that it starts from Debian's redis-server (ports
 * 7301–7303 unless `--ports A,B,C`; data in a temporary folder) and stops at the end. The corpus bench's corpus — pieces
 * of the State of the Union addresses with spun, paraphrased and partial copies — grown with synthetic documents to
 * `--documents N` (default 5,000) is indexed and scanned embedded (SQLite, one process), then through the cluster with
 * one worker and with two (`unspin index --queue`, `unspin scan --queue`, `unspin worker`, each a process of the
 * compiled CLI). It prints:
 * - whether each distributed scan's clusters equal the embedded scan's (original, members, relations, similarities);
 * - whether `search` answers equal the embedded ones for every copy, asked in this process of both stores;
 * - throughput of index and scan with one and with two workers, and their ratio (on a 2-core machine that also runs
 *   the three Redis nodes and the submitting process, the ratio says little);
 * - Redis memory per document beyond its compressed text (used_memory of the masters less their cached scripts, before
 *   and after indexing).
 * Run: npx tsx bench/cluster-bench.ts [--documents N] [--ports 7301,7302,7303]
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deflateRawSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { Cluster } from 'ioredis';
import { search } from '../src/corpus/search.js';
import type { ScanResult } from '../src/corpus/types.js';
import { loadLexicon } from '../src/lexicon/index.js';
import { openRedisStore } from '../src/store/redis-store.js';
import { openStore } from '../src/store/store.js';
import { startCluster, stopCluster } from '../scripts/redis-cluster.js';
import { CLI, ensureBuilt, writeBenchCorpus } from './corpus-bench.js';

const run = promisify(execFile);
const DEFAULT_DOCUMENTS = 5000;
const DEFAULT_PORTS = [7301, 7302, 7303];

async function unspin(...args: string[]): Promise<{ stdout: string; seconds: number }> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, [CLI, ...args], { maxBuffer: 1 << 28 });
  return { stdout, seconds: (performance.now() - started) / 1000 };
}

/** The clusters as comparable lines: each cluster's original, then its members with relation and similarity. */
function clusterLines(result: ScanResult): string[] {
  return result.clusters
    .map((c) => `${c.original}: ${c.members.map((m) => `${m.id} ${m.relation} ${m.similarity}`).sort().join('; ')}`)
    .sort();
}

/** A client of the cluster, connected: before that, `nodes('master')` lists none. */
async function readyCluster(ports: readonly number[]): Promise<Cluster> {
  const cluster = new Cluster(ports.map((port) => ({ host: '127.0.0.1', port })), { lazyConnect: true });
  await cluster.connect();
  return cluster;
}

async function usedMemory(ports: readonly number[]): Promise<number> {
  const cluster = await readyCluster(ports);
  try {
    const infos = await Promise.all(cluster.nodes('master').map((node) => node.info('memory')));
    // Less the cached Lua scripts (BullMQ's and the store's), which the first run loads and FLUSHALL keeps.
    const field = (info: string, name: string): number => Number(new RegExp(`${name}:(\\d+)`).exec(info)?.[1] ?? 0);
    return infos.reduce((sum, info) => sum + field(info, 'used_memory') - field(info, 'used_memory_scripts'), 0);
  } finally {
    cluster.disconnect();
  }
}

async function flush(ports: readonly number[]): Promise<void> {
  const cluster = await readyCluster(ports);
  try {
    await Promise.all(cluster.nodes('master').map((node) => node.flushall()));
  } finally {
    cluster.disconnect();
  }
}

interface DistributedRun {
  readonly workers: number;
  readonly indexSeconds: number;
  readonly scanSeconds: number;
  readonly bytesPerDocument: number;
  readonly sameClusters: boolean;
  readonly differing: readonly string[];
}

/** What every distributed run is measured against: the corpus file, the cluster, and the embedded scan's clusters. */
interface Setting {
  readonly jsonl: string;
  readonly address: string;
  readonly ports: readonly number[];
  readonly embedded: readonly string[];
  readonly documents: number;
  /** The documents' text, deflated as the store keeps it: what memory per document is counted beyond. */
  readonly compressedText: number;
}

async function distributed(workers: number, { jsonl, address, ports, embedded, documents, compressedText }: Setting): Promise<DistributedRun> {
  await flush(ports);
  const children: ChildProcess[] = [];
  for (let i = 0; i < workers; i++) children.push(spawn(process.execPath, [CLI, 'worker', '--store', address, '--quiet'], { stdio: 'ignore' }));
  try {
    const before = await usedMemory(ports);
    const index = await unspin('index', jsonl, '--store', address, '--queue', '--job-size', '2MB', '--json');
    const after = await usedMemory(ports);
    const scan = await unspin('scan', '--store', address, '--queue', '--json');
    const lines = clusterLines(JSON.parse(scan.stdout) as ScanResult);
    const mine = new Set(lines);
    const theirs = new Set(embedded);
    const differing = [...lines.filter((l) => !theirs.has(l)).map((l) => `distributed only: ${l}`), ...embedded.filter((l) => !mine.has(l)).map((l) => `embedded only: ${l}`)];
    return {
      workers,
      indexSeconds: index.seconds,
      scanSeconds: scan.seconds,
      bytesPerDocument: (after - before - compressedText) / documents,
      sameClusters: differing.length === 0,
      differing,
    };
  } finally {
    for (const child of children) child.kill('SIGTERM');
  }
}

export async function runClusterBench(documents = DEFAULT_DOCUMENTS, ports: readonly number[] = DEFAULT_PORTS): Promise<Record<string, unknown>> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'unspin-cluster-bench-'));
  try {
    return await benchIn(dir, documents, ports);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchIn(dir: string, documents: number, ports: readonly number[]): Promise<Record<string, unknown>> {
  const jsonl = join(dir, 'corpus.jsonl');
  const db = join(dir, 'corpus.db');
  const { copies } = writeBenchCorpus(jsonl, documents);
  const texts = readFileSync(jsonl, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => (JSON.parse(l) as { text: string }).text);
  const compressedText = texts.reduce((sum, t) => sum + deflateRawSync(t).length, 0);
  const redisDir = join(dir, 'redis');
  const { address, alreadyRunning } = await startCluster({ ports, dir: redisDir });
  // The bench empties the cluster it runs on: never one it did not start.
  if (alreadyRunning) throw new Error(`a Redis Cluster already answers on ports ${ports.join(', ')}; give the bench free ones with --ports A,B,C`);
  try {
    const index = await unspin('index', jsonl, '--db', db, '--json');
    const scan = await unspin('scan', '--db', db, '--json');
    const embedded = clusterLines(JSON.parse(scan.stdout) as ScanResult);
    const runs: DistributedRun[] = [];
    const setting: Setting = { jsonl, address, ports, embedded, documents: texts.length, compressedText };
    for (const workers of [1, 2]) runs.push(await distributed(workers, setting));
    // Search, in this process, of both stores (the cluster holds the last run's index).
    const lexicon = loadLexicon();
    const local = openStore(db, { readonly: true });
    const shared = await openRedisStore(address);
    let sameSearch = 0;
    const differingSearch: string[] = [];
    for (const c of copies) {
      const query = { id: `query/${c.id}`, text: c.text };
      const answer = async (store: typeof local | typeof shared) => JSON.stringify((await search(store, query, { lexicon })).matches.map((m) => [m.id, m.relation, m.similarity]));
      const [x, y] = [await answer(local), await answer(shared)];
      if (x === y) sameSearch++;
      else differingSearch.push(c.id);
    }
    await local.close();
    await shared.close();
    const [one, two] = runs as [DistributedRun, DistributedRun];
    const result = {
      documents: texts.length,
      embedded: { indexSeconds: index.seconds, scanSeconds: scan.seconds, clusters: embedded.length },
      runs: runs.map(({ differing, ...r }) => ({ ...r, differing: differing.slice(0, 10) })),
      scaling: { index: one.indexSeconds / two.indexSeconds, scan: one.scanSeconds / two.scanSeconds },
      search: { queries: copies.length, same: sameSearch, differing: differingSearch.slice(0, 10) },
    };
    const s1 = (x: number): string => x.toFixed(1);
    console.log(`Scale-out on a 3-master Redis Cluster (${texts.length} documents: SOTU pieces with ${copies.length} spun, paraphrased and partial copies, and synthetic ones)`);
    console.log(`  embedded: index ${s1(index.seconds)} s, scan ${s1(scan.seconds)} s, ${embedded.length} clusters`);
    for (const r of runs) {
      console.log(
        `  ${r.workers} worker${r.workers > 1 ? 's' : ''}: index ${s1(r.indexSeconds)} s (${Math.round(texts.length / r.indexSeconds)} docs/s), scan ${s1(r.scanSeconds)} s; ` +
          `clusters ${r.sameClusters ? 'identical to the embedded scan' : `differ (${r.differing.length} lines)`}; Redis ${Math.round(r.bytesPerDocument)} bytes per document beyond its compressed text (target ≤ 1,500)`,
      );
      for (const line of r.differing.slice(0, 5)) console.log(`    ${line}`);
    }
    console.log(`  2 workers over 1: index ${result.scaling.index.toFixed(2)}×, scan ${result.scaling.scan.toFixed(2)}× (target ≥ 1.7×; this machine has 2 cores for the workers, the submitter and 3 Redis nodes)`);
    console.log(`  search: ${sameSearch} of ${copies.length} copies get the same answers from the cluster as from the embedded store`);
    return result;
  } finally {
    await stopCluster({ ports, dir: redisDir });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const documents = Number(arg('--documents') ?? DEFAULT_DOCUMENTS);
  const ports = (arg('--ports') ?? DEFAULT_PORTS.join(',')).split(',').map(Number);
  console.log(JSON.stringify(await runClusterBench(documents, ports)));
}
