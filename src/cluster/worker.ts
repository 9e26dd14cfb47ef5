/**
 * A worker process: takes index and scan jobs from the queues until it is stopped. Start any number, on any
 * host that reaches the Redis Cluster (and, for index jobs, the input files at the same paths).
 */
import { type Job, Worker } from 'bullmq';
import { loadLexicon } from '../lexicon/index.js';
import { openRedisStore } from '../store/redis-store.js';
import { clusterConnection } from './connection.js';
import { runIndexJob, type IndexJobResult } from './index-jobs.js';
import { INDEX_QUEUE, SCAN_QUEUE, type IndexJob, type ScanJob } from './queues.js';
import { failJob, finishJob } from './runs.js';
import { runCarveJob, runCompareJob } from './scan-jobs.js';

export interface WorkerOptions {
  /** A job whose worker stopped answering (killed, or its host lost) is taken over after this long. */
  readonly lockSeconds: number;
  readonly onEvent?: (line: string) => void;
}

/** Runs until SIGINT or SIGTERM, then finishes the job in hand and stops. */
export async function runWorker(address: string, options: WorkerOptions): Promise<void> {
  const store = await openRedisStore(address);
  const connection = await clusterConnection(address);
  const lexicon = loadLexicon();
  const say = options.onEvent ?? (() => {});
  const settings = {
    connection,
    // CPU-bound jobs: one at a time per process; run a process per core.
    concurrency: 1,
    lockDuration: options.lockSeconds * 1000,
    stalledInterval: (options.lockSeconds * 1000) / 2,
    maxStalledCount: 3,
  };

  const indexWorker = new Worker<IndexJob, IndexJobResult>(
    INDEX_QUEUE.name,
    async (job) => {
      // Progress is a courtesy: where it cannot be told (the job's keys were emptied under it), the job still runs to
      // its end, and the worker goes on.
      const result = await runIndexJob(store, job.data, (documents) => void job.updateProgress(documents).catch(() => undefined));
      await finishJob(connection, job.data.run, job.id as string, result, result.inputBytes);
      return result;
    },
    { ...settings, prefix: INDEX_QUEUE.prefix },
  );
  const scanWorker = new Worker<ScanJob, number>(
    SCAN_QUEUE.name,
    async (job) => {
      const owner = job.id as string;
      const { step, job: data } = job.data;
      const units =
        step === 'compare'
          ? await runCompareJob({ store, redis: connection, lexicon }, data, owner, (done) => job.updateProgress(done))
          : await runCarveJob({ store, redis: connection, lexicon }, data, owner);
      // A scan's rate counts documents compared; clustering its groups is the short tail.
      await finishJob(connection, data.run, owner, units, step === 'compare' ? units : 0);
      return units;
    },
    { ...settings, prefix: SCAN_QUEUE.prefix },
  );

  const onFailed = (job: Job<IndexJob> | Job<ScanJob> | undefined, error: Error): void => {
    if (!job) return;
    const run = 'run' in job.data ? job.data.run : job.data.job.run;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    say(`job ${job.id} failed${final ? '' : `, will retry (attempt ${job.attemptsMade})`}: ${error.message}`);
    if (final) void failJob(connection, run, job.id as string, error.message);
  };
  indexWorker.on('failed', onFailed);
  scanWorker.on('failed', onFailed);
  for (const w of [indexWorker, scanWorker]) {
    w.on('completed', (job) => say(`job ${job.id} done`));
    w.on('error', (error) => say(`queue error: ${error.message}`));
  }
  say(`worker ${process.pid} ready: taking index and scan jobs from ${address}`);

  await new Promise<void>((resolve) => {
    const stop = (): void => {
      say('stopping: finishing the job in hand');
      void Promise.all([indexWorker.close(), scanWorker.close()]).then(() => resolve());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await store.close();
  connection.disconnect();
}
