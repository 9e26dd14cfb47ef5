/**
 * Scale-out benchmark (issue 13), on a 3-master Redis Cluster that it starts from Debian's redis-server (ports
 * 7301–7303 unless `--ports A,B,C`; data in a temporary folder) and stops at the end. The corpus bench's corpus — pieces
 * of the State of the Union addresses with spun, paraphrased and partial copies — grown with synthetic documents to
 * `--documents N` (default 5,000) is indexed and scanned embedded (SQLite, one process), then through the cluster with
 * 1, 2 and 4 workers (`--workers 1,2,4`; `unspin index --queue`, `unspin scan --queue`, `unspin worker`, each a process
 * of the compiled CLI). It prints:
 * - whether each distributed scan's clusters equal the embedded scan's (original, members, relations, similarities);
 * - whether `search` answers equal the embedded ones for every copy, asked in this process of both stores;
 * - throughput of index and scan with each number of workers, started and ready before the clock starts, and their
 *   ratio to one worker (on a 2-core machine that
 *   also runs the three Redis nodes and the submitting process, the ratio says little);
 * - Redis memory per document beyond its compressed text (used_memory of the masters less their cached scripts and their
 *   clients' buffers, before and after indexing), and the commands the masters processed per document, indexing and
 *   scanning. A fresh node keeps some 0.9 MB that it takes on its first use and FLUSHALL does not give back (with no key
 *   left), and its first run through the queue takes some 0.7 MB more: fixed costs that would be charged to the first
 *   run's documents. The bench indexes the corpus's first WARM_UP documents through the queue and empties the cluster
 *   before it measures;
 * - index throughput alone, on the same kind of corpus INDEX_SCALE times larger, with each number of workers: at 5,000
 *   documents fixed costs hide it; and the CPU the masters used meanwhile, which on this machine the workers lack;
 * - a projection of the one-worker run's per-document costs to 10 and 100 million documents (see project()).
 * Run: npx tsx bench/cluster-bench.ts [--documents N] [--ports 7301,7302,7303] [--workers 1,2,4]; `npm run bench`
 * runs it last, with its defaults, where redis-server is installed.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deflateRawSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { Cluster } from 'ioredis';
import { search } from '../src/corpus/search.js';
import type { ScanResult } from '../src/corpus/types.js';
import { clusterConnection } from '../src/cluster/connection.js';
import { indexQueue } from '../src/cluster/queues.js';
import { loadLexicon } from '../src/lexicon/index.js';
import { connectCluster } from '../src/store/redis-retry.js';
import { openRedisStore } from '../src/store/redis-store.js';
import { openStore } from '../src/store/store.js';
import { startCluster, stopCluster } from '../scripts/redis-cluster.js';
import { CLI, ensureBuilt, writeBenchCorpus } from './corpus-bench.js';

const run = promisify(execFile);
const DEFAULT_DOCUMENTS = 5000;
const DEFAULT_PORTS = [7301, 7302, 7303];
const DEFAULT_WORKERS = [1, 2, 4];
/** Documents indexed into the fresh cluster, then flushed, before anything is measured (see the header). */
const WARM_UP = 500;
/**
 * Index throughput is also measured on a corpus this many times larger, indexed alone: at 5,000 documents an index
 * takes some 5 s, of which the submitter's start, the planning and each worker's first job (its models loading) take
 * about 2 whatever the number of workers.
 */
const INDEX_SCALE = 4;

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
  await connectCluster(cluster, ports.join(','));
  return cluster;
}

/** What the masters hold and have done: memory less their cached Lua scripts (BullMQ's and the store's, which the
 * first run loads and FLUSHALL keeps) and less their clients' buffers (a worker's connections still hold the buffers
 * of its last batches, some 1 MB in all, until Redis trims them), the commands they have processed (the script
 * call and each command it calls), and the CPU they have used. */
async function masterCounts(ports: readonly number[]): Promise<{ memory: number; commands: number; cpuSeconds: number }> {
  const cluster = await readyCluster(ports);
  try {
    const infos = await Promise.all(cluster.nodes('master').map((node) => node.info()));
    const field = (info: string, name: string): number => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
    return {
      memory: infos.reduce((sum, info) => sum + field(info, 'used_memory') - field(info, 'used_memory_scripts') - field(info, 'mem_clients_normal'), 0),
      commands: infos.reduce((sum, info) => sum + field(info, 'total_commands_processed'), 0),
      cpuSeconds: infos.reduce((sum, info) => sum + field(info, 'used_cpu_user') + field(info, 'used_cpu_sys'), 0),
    };
  } finally {
    cluster.disconnect();
  }
}

/** A quiet `unspin worker` process on the cluster. */
const startWorker = (address: string): ChildProcess => spawn(process.execPath, [CLI, 'worker', '--store', address, '--quiet'], { stdio: 'ignore' });

/**
 * Waits until this many workers take jobs. A worker takes some 1 s of CPU to start (loading the lexicon and the models):
 * started with the clock running, on 2 cores, it would be charged to the run it slows.
 */
async function workersReady(address: string, workers: number): Promise<void> {
  const connection = await clusterConnection(address);
  const queue = indexQueue(connection);
  try {
    while ((await queue.getWorkers()).length < workers) await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    await queue.close();
    connection.disconnect();
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
  /** Commands the masters processed per document, indexing and scanning (the queues' own included). */
  readonly indexCommandsPerDocument: number;
  readonly scanCommandsPerDocument: number;
  /** CPU seconds the masters spent while the index ran: on this machine, taken from the cores the workers share. */
  readonly indexRedisCpuSeconds: number;
  /** And while the scan ran. */
  readonly scanRedisCpuSeconds: number;
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

/** Empties the cluster, starts this many workers and, once they take jobs, runs `work`; then stops them. */
async function withWorkers<T>(workers: number, address: string, ports: readonly number[], work: () => Promise<T>): Promise<T> {
  await flush(ports);
  const children: ChildProcess[] = [];
  for (let i = 0; i < workers; i++) children.push(startWorker(address));
  try {
    await workersReady(address, workers);
    return await work();
  } finally {
    for (const child of children) child.kill('SIGTERM');
  }
}

function distributed(workers: number, { jsonl, address, ports, embedded, documents, compressedText }: Setting): Promise<DistributedRun> {
  return withWorkers(workers, address, ports, async () => {
    const before = await masterCounts(ports);
    const index = await unspin('index', jsonl, '--store', address, '--queue', '--job-size', '2MB', '--json');
    const indexed = await masterCounts(ports);
    const scan = await unspin('scan', '--store', address, '--queue', '--json');
    const scanned = await masterCounts(ports);
    const lines = clusterLines(JSON.parse(scan.stdout) as ScanResult);
    const mine = new Set(lines);
    const theirs = new Set(embedded);
    const differing = [...lines.filter((l) => !theirs.has(l)).map((l) => `distributed only: ${l}`), ...embedded.filter((l) => !mine.has(l)).map((l) => `embedded only: ${l}`)];
    return {
      workers,
      indexSeconds: index.seconds,
      scanSeconds: scan.seconds,
      bytesPerDocument: (indexed.memory - before.memory - compressedText) / documents,
      indexCommandsPerDocument: (indexed.commands - before.commands) / documents,
      scanCommandsPerDocument: (scanned.commands - indexed.commands) / documents,
      indexRedisCpuSeconds: indexed.cpuSeconds - before.cpuSeconds,
      scanRedisCpuSeconds: scanned.cpuSeconds - indexed.cpuSeconds,
      sameClusters: differing.length === 0,
      differing,
    };
  });
}

interface IndexRun {
  readonly workers: number;
  readonly seconds: number;
  /** CPU seconds the masters spent meanwhile. */
  readonly redisCpuSeconds: number;
}

/** Indexes the corpus into the emptied cluster through the queue with this many workers, ready before the clock starts. */
function indexOnly(workers: number, jsonl: string, address: string, ports: readonly number[]): Promise<IndexRun> {
  return withWorkers(workers, address, ports, async () => {
    const before = await masterCounts(ports);
    const { seconds } = await unspin('index', jsonl, '--store', address, '--queue', '--job-size', '2MB');
    return { workers, seconds, redisCpuSeconds: (await masterCounts(ports)).cpuSeconds - before.cpuSeconds };
  });
}

/** Memory a master may give the store: a 32 GB host, less room for the fork that writes a snapshot. */
const MASTER_GIGABYTES = 25;
const PROJECTED_DOCUMENTS = [10_000_000, 100_000_000];
/** Workers of the projection: two hosts of 8 cores, and twenty. */
const PROJECTED_WORKERS = [16, 160];
/** Commands a master is taken to process a second (an assumption: Redis's own benchmarks give 100,000–200,000 for simple commands). */
const COMMANDS_PER_MASTER_SECOND = 100_000;

/**
 * The measured per-document costs of the one-worker run carried to a crawl of 10 and 100 million documents: memory (the
 * store's overhead and the compressed text), masters, commands, and hours of index and scan, scaling linearly with
 * workers, with the masters the scan's commands need at COMMANDS_PER_MASTER_SECOND each. A worker here shares
 * two cores with the submitter and the three Redis nodes, so its rates are low; the scan's cost per document depends on
 * how many candidates each document has, here a corpus where one document in five is a copy.
 */
function project(one: DistributedRun, documents: number, compressedPerDocument: number) {
  const indexRate = documents / one.indexSeconds;
  const scanRate = documents / one.scanSeconds;
  return PROJECTED_DOCUMENTS.map((n) => {
    const redisGigabytes = (n * (one.bytesPerDocument + compressedPerDocument)) / 1e9;
    return {
      documents: n,
      redisGigabytes,
      masters: Math.ceil(redisGigabytes / MASTER_GIGABYTES),
      commandsMillions: (n * (one.indexCommandsPerDocument + one.scanCommandsPerDocument)) / 1e6,
      indexWorkerHours: n / indexRate / 3600,
      scanWorkerHours: n / scanRate / 3600,
      wall: PROJECTED_WORKERS.map((workers) => {
        const scanSeconds = n / scanRate / workers;
        // The masters the scan's command rate needs, beside those its memory needs.
        const busyMasters = Math.ceil((n * one.scanCommandsPerDocument) / scanSeconds / COMMANDS_PER_MASTER_SECOND);
        return { workers, indexHours: n / indexRate / workers / 3600, scanHours: scanSeconds / 3600, mastersForScanCommands: busyMasters };
      }),
    };
  });
}

export async function runClusterBench(documents = DEFAULT_DOCUMENTS, ports: readonly number[] = DEFAULT_PORTS, workers: readonly number[] = DEFAULT_WORKERS): Promise<Record<string, unknown>> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'unspin-cluster-bench-'));
  try {
    return await benchIn(dir, documents, ports, workers);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchIn(dir: string, documents: number, ports: readonly number[], workers: readonly number[]): Promise<Record<string, unknown>> {
  const jsonl = join(dir, 'corpus.jsonl');
  const db = join(dir, 'corpus.db');
  const { copies } = writeBenchCorpus(jsonl, documents);
  const lines = readFileSync(jsonl, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
  const texts = lines.map((l) => (JSON.parse(l) as { text: string }).text);
  const compressedText = texts.reduce((sum, t) => sum + deflateRawSync(t).length, 0);
  const redisDir = join(dir, 'redis');
  const { address, alreadyRunning } = await startCluster({ ports, dir: redisDir });
  // The bench empties the cluster it runs on: never one it did not start.
  if (alreadyRunning) throw new Error(`a Redis Cluster already answers on ports ${ports.join(', ')}; give the bench free ones with --ports A,B,C`);
  try {
    const warmUp = join(dir, 'warm-up.jsonl');
    writeFileSync(warmUp, lines.slice(0, WARM_UP).join('\n'));
    // Through the queue, as the runs index: its scripts and structures take memory on first use too.
    const warmWorker = startWorker(address);
    try {
      await unspin('index', warmUp, '--store', address, '--queue');
    } finally {
      warmWorker.kill();
    }
    const index = await unspin('index', jsonl, '--db', db, '--json');
    const scan = await unspin('scan', '--db', db, '--json');
    const embedded = clusterLines(JSON.parse(scan.stdout) as ScanResult);
    const large = join(dir, 'large.jsonl');
    const largeDocuments = writeBenchCorpus(large, texts.length * INDEX_SCALE).target;
    const indexRuns: IndexRun[] = [];
    for (const n of workers) indexRuns.push(await indexOnly(n, large, address, ports));
    const runs: DistributedRun[] = [];
    const setting: Setting = { jsonl, address, ports, embedded, documents: texts.length, compressedText };
    for (const n of workers) runs.push(await distributed(n, setting));
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
    const one = runs[0] as DistributedRun;
    const result = {
      documents: texts.length,
      embedded: { indexSeconds: index.seconds, scanSeconds: scan.seconds, clusters: embedded.length },
      runs: runs.map(({ differing, ...r }) => ({ ...r, differing: differing.slice(0, 10) })),
      scaling: runs.slice(1).map((r) => ({ workers: r.workers, index: one.indexSeconds / r.indexSeconds, scan: one.scanSeconds / r.scanSeconds })),
      largeIndex: { documents: largeDocuments, runs: indexRuns, scaling: indexRuns.slice(1).map((r) => ({ workers: r.workers, index: (indexRuns[0] as IndexRun).seconds / r.seconds })) },
      search: { queries: copies.length, same: sameSearch, differing: differingSearch.slice(0, 10) },
      projection: project(one, texts.length, compressedText / texts.length),
    };
    const s1 = (x: number): string => x.toFixed(1);
    console.log(`Scale-out on a 3-master Redis Cluster (${texts.length} documents: SOTU pieces with ${copies.length} spun, paraphrased and partial copies, and synthetic ones)`);
    console.log(`  embedded: index ${s1(index.seconds)} s, scan ${s1(scan.seconds)} s, ${embedded.length} clusters`);
    for (const r of runs) {
      console.log(
        `  ${r.workers} worker${r.workers > 1 ? 's' : ''}: index ${s1(r.indexSeconds)} s (${Math.round(texts.length / r.indexSeconds)} docs/s), scan ${s1(r.scanSeconds)} s; ` +
          `clusters ${r.sameClusters ? 'identical to the embedded scan' : `differ (${r.differing.length} lines)`}; Redis ${Math.round(r.bytesPerDocument)} bytes per document beyond its compressed text (target ≤ 1,500); ` +
          `${Math.round(r.indexCommandsPerDocument)} commands per document indexing, ${Math.round(r.scanCommandsPerDocument)} scanning; ` +
          `the masters used ${s1(r.indexRedisCpuSeconds)} s of CPU while the index ran, ${s1(r.scanRedisCpuSeconds)} s while the scan ran`,
      );
      for (const line of r.differing.slice(0, 5)) console.log(`    ${line}`);
    }
    for (const x of result.scaling) {
      console.log(`  ${x.workers} workers over 1: index ${x.index.toFixed(2)}×, scan ${x.scan.toFixed(2)}× (target ≥ 1.7× for 2; this machine has 2 cores for the workers, the submitter and 3 Redis nodes)`);
    }
    for (const r of indexRuns) {
      console.log(
        `  index alone, ${largeDocuments} documents, ${r.workers} worker${r.workers > 1 ? 's' : ''}: ${s1(r.seconds)} s (${Math.round(largeDocuments / r.seconds)} docs/s` +
          `${r === indexRuns[0] ? '' : `, ${((indexRuns[0] as IndexRun).seconds / r.seconds).toFixed(2)}× one worker`}); the masters used ${s1(r.redisCpuSeconds)} s of CPU meanwhile`,
      );
    }
    console.log(`  search: ${sameSearch} of ${copies.length} copies get the same answers from the cluster as from the embedded store`);
    for (const p of result.projection) {
      console.log(
        `  projected to ${p.documents.toExponential(0).replace('e+', 'e')} documents: Redis ${s1(p.redisGigabytes)} GB (${p.masters} masters of ${MASTER_GIGABYTES} GB, each with a replica), ` +
          `${Math.round(p.commandsMillions)} million commands; index ${s1(p.indexWorkerHours)} worker-hours, scan ${s1(p.scanWorkerHours)}; ` +
          p.wall.map((w) => `on ${w.workers} workers index ${s1(w.indexHours)} h, scan ${s1(w.scanHours)} h (its commands need ${w.mastersForScanCommands} masters)`).join('; '),
      );
    }
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
  const workers = (arg('--workers') ?? DEFAULT_WORKERS.join(',')).split(',').map(Number);
  console.log(JSON.stringify(await runClusterBench(documents, ports, workers)));
}
