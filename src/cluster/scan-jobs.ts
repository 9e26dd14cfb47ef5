/**
 * A distributed scan, in three steps: (1) compare jobs, each a shard of the documents compared with their
 * candidates, the verdicts kept in Redis; (2) the groups that derived pairs join, found by the submitting process
 * from the pairs streamed out of Redis (it holds a number per grouped document, never the pairs); (3) carve jobs,
 * each a batch of groups made into clusters by the embedded scan's own rules (ScanRun in corpus/scan.ts).
 */
import type { Cluster as RedisCluster } from 'ioredis';
import { byClusterSize, Groups, type PairVerdict } from '../corpus/cluster.js';
import type { PairBook, Recorded } from '../corpus/pair-book.js';
import { ScanRun } from '../corpus/scan.js';
import type { Cluster, ScanResult } from '../corpus/types.js';
import type { Lexicon } from '../lexicon/types.js';
import type { CorpusStore } from '../store/corpus-store.js';
import type { CarveJob, CompareJob, ScanSettings } from './queues.js';

/** Derived pairs are kept in this many sets, by their lower number. */
const EDGE_SETS = 64;
/** A scan's keys in Redis expire this long after they were written (the scan deletes them when it ends). */
const KEEP_SECONDS = 7 * 24 * 3600;

const scanKey = (run: string, part: string): string => `unspin:scan:${run}:${part}`;
const pairKeyOf = (run: string, a: number, b: number): string => scanKey(run, `pair:${a}:${b}`);
const edgeSet = (run: string, a: number): string => scanKey(run, `edges:${a % EDGE_SETS}`);
const groupKey = (run: string, root: number): string => scanKey(run, `group:${root}`);
const clustersKey = (run: string): string => `unspin:{scan:${run}}:clusters`;
const comparedKey = (run: string): string => `unspin:{scan:${run}}:compared`;
const referenceKey = (run: string): string => `unspin:{scan:${run}}:reference`;

/**
 * The pair book of a distributed scan. A pair is taken by a job (its id written with SET NX): another job that
 * proposes it leaves it, and the same job, retried after its worker died, takes it again.
 */
export class RedisPairBook implements PairBook {
  constructor(
    private readonly redis: RedisCluster,
    private readonly run: string,
    private readonly owner: string,
  ) {}

  async take(a: number, b: number): Promise<boolean> {
    const held = await this.redis.set(pairKeyOf(this.run, a, b), `taken:${this.owner}`, 'EX', KEEP_SECONDS, 'NX', 'GET');
    return held === null || held === `taken:${this.owner}`;
  }

  async record(a: number, b: number, verdict: PairVerdict): Promise<void> {
    await Promise.all([
      this.redis.set(pairKeyOf(this.run, a, b), verdict.derived ? JSON.stringify(verdict) : 'apart', 'EX', KEEP_SECONDS),
      ...(verdict.derived ? [this.redis.sadd(edgeSet(this.run, a), `${a}:${b}`), this.redis.expire(edgeSet(this.run, a), KEEP_SECONDS)] : []),
      this.redis.incr(comparedKey(this.run)),
    ]);
  }

  async recorded(pairs: readonly (readonly [number, number])[]): Promise<(Recorded | undefined)[]> {
    const values = await Promise.all(pairs.map(([a, b]) => this.redis.get(pairKeyOf(this.run, a, b))));
    return values.map((v) => (v === null || v.startsWith('taken:') ? undefined : v === 'apart' ? 'apart' : (JSON.parse(v) as PairVerdict)));
  }

  async *derivedPairs(): AsyncIterable<readonly [number, number]> {
    for (let i = 0; i < EDGE_SETS; i++) {
      for (const member of await this.redis.smembers(scanKey(this.run, `edges:${i}`))) {
        yield member.split(':').map(Number) as [number, number];
      }
    }
  }

  async compared(): Promise<number> {
    return Number((await this.redis.get(comparedKey(this.run))) ?? 0);
  }
}

export interface ScanWorkerContext {
  readonly store: CorpusStore;
  readonly redis: RedisCluster;
  readonly lexicon: Lexicon;
}

/**
 * Keeps the numbers of a scan's reference set, for its workers: one string of 32-bit numbers, read once per worker
 * and run (a job of 100 documents looks up thousands of candidates, each checked against the set).
 */
export async function keepReference(redis: RedisCluster, run: string, numbers: ReadonlySet<number>): Promise<void> {
  await redis.set(referenceKey(run), Buffer.from(Uint32Array.from(numbers).buffer), 'EX', KEEP_SECONDS);
}

let lastReference: { run: string; numbers: ReadonlySet<number> } | undefined;

async function reference(redis: RedisCluster, run: string): Promise<ReadonlySet<number>> {
  if (lastReference?.run !== run) {
    const packed = await redis.getBuffer(referenceKey(run));
    if (!packed) throw new Error(`the reference set of scan ${run} is gone from Redis`);
    const numbers = new Uint32Array(packed.buffer.slice(packed.byteOffset, packed.byteOffset + packed.byteLength));
    lastReference = { run, numbers: new Set(numbers) };
  }
  return lastReference.numbers;
}

async function scanRun(context: ScanWorkerContext, owner: string, job: ScanSettings): Promise<ScanRun> {
  return new ScanRun(context.store, new RedisPairBook(context.redis, job.run, owner), {
    lexicon: context.lexicon,
    documents: job.documents,
    candidates: job.candidates,
    ...(job.reference ? { reference: await reference(context.redis, job.run) } : {}),
  });
}

/** Step 1 for a shard of documents. Returns how many documents it compared. */
export async function runCompareJob(context: ScanWorkerContext, job: CompareJob, owner: string, onProgress: (done: number) => Promise<void>): Promise<number> {
  const run = await scanRun(context, owner, job);
  for (const [i, n] of job.numbers.entries()) {
    await run.compareDocument(n);
    await onProgress(i + 1);
  }
  return job.numbers.length;
}

/** Step 3 for a batch of groups: their clusters, kept by each group's root (so a job run twice writes them once). */
export async function runCarveJob(context: ScanWorkerContext, job: CarveJob, owner: string): Promise<number> {
  const run = await scanRun(context, owner, job);
  for (const { root, members } of job.groups) {
    const pairs = (await context.redis.smembers(groupKey(job.run, root))).map((p) => p.split(':').map(Number) as [number, number]);
    const clusters = await run.clusterGroup(members, pairs);
    await context.redis.hset(clustersKey(job.run), String(root), JSON.stringify(clusters));
    await context.redis.expire(clustersKey(job.run), KEEP_SECONDS);
  }
  return job.groups.length;
}

/**
 * Step 2, in the submitting process: the groups the derived pairs join. The pairs are streamed from Redis twice: to
 * join the groups, then to file each pair under its group's root for the carve jobs.
 */
export async function groupDerivedPairs(redis: RedisCluster, run: string): Promise<{ root: number; members: number[] }[]> {
  const book = new RedisPairBook(redis, run, 'submitter');
  const groups = new Groups();
  for await (const [a, b] of book.derivedPairs()) groups.join(a, b);
  const list = groups.list().map((members) => ({ root: members[0] as number, members }));
  const rootOf = new Map<number, number>();
  for (const g of list) for (const n of g.members) rootOf.set(n, g.root);
  const writes: Promise<unknown>[] = [];
  for await (const [a, b] of book.derivedPairs()) {
    const key = groupKey(run, rootOf.get(a) as number);
    writes.push(redis.sadd(key, `${a}:${b}`), redis.expire(key, KEEP_SECONDS));
    if (writes.length >= 10_000) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
  return list;
}

/** The scan's result, from the clusters the carve jobs wrote. */
export async function scanResult(redis: RedisCluster, run: string, spinPairsLearned: number): Promise<ScanResult> {
  const clusters = (await redis.hvals(clustersKey(run))).flatMap((v) => JSON.parse(v) as Cluster[]);
  const compared = await new RedisPairBook(redis, run, 'submitter').compared();
  return { clusters: clusters.sort(byClusterSize), compared, spinPairsLearned };
}

/** Deletes a scan's keys from every master (they would expire anyway). */
export async function dropScan(redis: RedisCluster, run: string): Promise<void> {
  for (const node of redis.nodes('master')) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `unspin:scan:${run}:*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) await node.unlink(key);
    } while (cursor !== '0');
  }
  await redis.unlink(clustersKey(run), comparedKey(run), referenceKey(run));
}
