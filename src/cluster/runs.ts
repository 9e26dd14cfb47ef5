/**
 * The record of a distributed run (an index or a scan): how many jobs it was split into, and each job's result once,
 * however often it was retried or taken over. The submitting terminal draws its progress from it, and `unspin jobs`
 * lists it. Every key of a run shares the hash tag {run:ID}, so one node holds it.
 */
import { randomBytes } from 'node:crypto';
import type { Cluster } from 'ioredis';
import { retryWhileUnreachable } from '../store/redis-retry.js';

export type RunKind = 'index' | 'scan';

export interface RunInfo {
  readonly id: string;
  readonly kind: RunKind;
  /** ISO time the run was submitted. */
  readonly started: string;
  /** What the run is over: the input paths, or the store's document count. */
  readonly what: string;
}

export interface RunProgress {
  /** Jobs submitted so far, in every step. */
  readonly jobs: number;
  readonly done: number;
  readonly failed: number;
  /** Units of work done (input bytes read, or documents compared): for rates. */
  readonly units: number;
  /** Units a second, from the run's start to its last finished job. */
  readonly rate: number;
}

const RUNS = 'unspin:runs';
/** A run's record is kept this long after it is submitted. */
const KEEP_SECONDS = 7 * 24 * 3600;
const runKey = (id: string, part: string): string => `unspin:{run:${id}}:${part}`;

export function newRunId(kind: RunKind): string {
  return `${kind}-${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
}

export async function startRun(redis: Cluster, info: RunInfo): Promise<void> {
  await redis.hset(runKey(info.id, 'info'), { kind: info.kind, started: info.started, what: info.what, units: 0 });
  await redis.expire(runKey(info.id, 'info'), KEEP_SECONDS);
  await redis.zadd(RUNS, Date.now(), info.id);
}

/** Records jobs as they are submitted (before they are queued; recording one twice changes nothing). */
export async function addJobs(redis: Cluster, run: string, jobs: readonly string[]): Promise<void> {
  if (jobs.length === 0) return;
  await redis.sadd(runKey(run, 'jobs'), ...jobs);
  await redis.expire(runKey(run, 'jobs'), KEEP_SECONDS);
}

/** Records a job's result, once: a job retried or taken over after it finished changes nothing. */
export async function finishJob(redis: Cluster, run: string, job: string, result: unknown, units: number): Promise<void> {
  const added = await redis.hsetnx(runKey(run, 'done'), job, JSON.stringify(result));
  if (added === 1) {
    await redis.hincrby(runKey(run, 'info'), 'units', units);
    await redis.hset(runKey(run, 'info'), 'last', new Date().toISOString());
    await redis.expire(runKey(run, 'done'), KEEP_SECONDS);
  }
}

/** Records a job that failed for good (every attempt spent). */
export async function failJob(redis: Cluster, run: string, job: string, reason: string): Promise<void> {
  await redis.hset(runKey(run, 'failed'), job, reason);
  await redis.expire(runKey(run, 'failed'), KEEP_SECONDS);
}

export async function runProgress(redis: Cluster, run: string): Promise<RunProgress> {
  const [info, jobs, done, failed] = await Promise.all([redis.hgetall(runKey(run, 'info')), redis.scard(runKey(run, 'jobs')), redis.hlen(runKey(run, 'done')), redis.hlen(runKey(run, 'failed'))]);
  const units = Number(info['units'] ?? 0);
  const seconds = (Date.parse(info['last'] ?? '') - Date.parse(info['started'] ?? '')) / 1000;
  return { jobs, done, failed, units, rate: seconds > 0 ? units / seconds : 0 };
}

/** The results of a run's finished jobs, as the jobs returned them. */
export async function jobResults<T>(redis: Cluster, run: string): Promise<T[]> {
  return (await redis.hvals(runKey(run, 'done'))).map((v) => JSON.parse(v) as T);
}

export async function failures(redis: Cluster, run: string): Promise<Record<string, string>> {
  return redis.hgetall(runKey(run, 'failed'));
}

/** The latest runs, newest first, with their progress. */
export async function recentRuns(redis: Cluster, limit: number): Promise<(RunInfo & RunProgress)[]> {
  const ids = await redis.zrevrange(RUNS, 0, limit - 1);
  const runs: (RunInfo & RunProgress)[] = [];
  for (const id of ids) {
    const info = await redis.hgetall(runKey(id, 'info'));
    if (!info['kind']) continue; // expired
    runs.push({ id, kind: info['kind'] as RunKind, started: info['started'] ?? '', what: info['what'] ?? '', ...(await runProgress(redis, id)) });
  }
  return runs;
}

/**
 * Waits for every job of a run to finish, calling back with its progress four times a second; the jobs submitted may grow
 * while it waits (a scan submits its second step after its first). Resolves with the failures, if any.
 */
export async function waitForRun(redis: Cluster, address: string, run: string, onProgress: (p: RunProgress) => void): Promise<RunProgress> {
  for (;;) {
    // A node down for a while (restarting, failing over) only delays the run: its workers retry their jobs.
    const p = await retryWhileUnreachable(address, () => runProgress(redis, run));
    onProgress(p);
    if (p.done + p.failed >= p.jobs) return p;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
