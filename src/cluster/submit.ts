/** The submitting side of distributed work: split it into jobs, queue them, follow the run until the workers finish. */
import { referenceNumbers } from '../corpus/scan.js';
import type { Skip } from '../corpus/types.js';
import type { IndexSummary, ScanResult } from '../corpus/types.js';
import { UnspinError } from '../errors.js';
import { openRedisStore } from '../store/redis-store.js';
import { clusterConnection } from './connection.js';
import { planIndexJobs, type IndexJobResult } from './index-jobs.js';
import { indexQueue, JOB_OPTIONS, scanQueue, type IndexJob, type ScanJob, type ScanSettings } from './queues.js';
import { retryWhileUnreachable } from '../store/redis-retry.js';
import { addJobs, failures, jobResults, newRunId, startRun, waitForRun, type RunProgress } from './runs.js';
import { dropScan, groupDerivedPairs, keepReference, scanResult } from './scan-jobs.js';

/** Every step of the submitting side is idempotent, and retried while a node of the cluster is down. */
function retrying(address: string): <T>(operation: () => Promise<T>) => Promise<T> {
  return (operation) => retryWhileUnreachable(address, operation);
}

/** Documents in one compare job, and groups in one carve job. */
const COMPARE_SHARD = 100;
const CARVE_BATCH = 50;

export interface Followed {
  /** Called as jobs are queued and finished; `step` names the part of the run. */
  readonly onProgress?: (step: string, progress: RunProgress) => void;
  /** Called once the run is queued, with its id (for `unspin jobs`) and how many workers are connected now. */
  readonly onQueued?: (run: string, workers: number) => void;
}

/** A run whose jobs failed for good: the first reasons, in one line. */
function failedRun(run: string, reasons: Record<string, string>): UnspinError {
  const list = Object.entries(reasons);
  const first = list.slice(0, 3).map(([job, reason]) => `${job}: ${reason}`).join('; ');
  return new UnspinError('E_INTERNAL', `${list.length} job${list.length === 1 ? '' : 's'} of run ${run} failed after every retry (${first}); \`unspin jobs\` lists them`);
}

export interface QueuedIndexOptions extends Followed {
  /** Input bytes per job. */
  readonly jobBytes?: number;
  readonly maxDocumentBytes?: number;
  readonly maxDecompressedBytes?: number;
}

/** Queues an index of the paths and waits for the workers to finish it. */
export async function submitIndex(address: string, paths: readonly string[], options: QueuedIndexOptions = {}): Promise<IndexSummary & { documents: number; run: string }> {
  const retry = retrying(address);
  const connection = await clusterConnection(address);
  const queue = indexQueue(connection);
  try {
    const run = newRunId('index');
    await retry(() => startRun(connection, { id: run, kind: 'index', started: new Date().toISOString(), what: paths.join(' ') }));
    const skipped: Skip[] = [];
    let n = 0;
    for await (const planned of planIndexJobs(paths, options.jobBytes)) {
      if (!('parts' in planned)) {
        skipped.push(planned);
        continue;
      }
      const data: IndexJob = {
        run,
        parts: planned.parts,
        ...(options.maxDocumentBytes ? { maxDocumentBytes: options.maxDocumentBytes } : {}),
        ...(options.maxDecompressedBytes ? { maxDecompressedBytes: options.maxDecompressedBytes } : {}),
      };
      const jobId = `${run}.${++n}`;
      await retry(() => addJobs(connection, run, [jobId]));
      // Adding a job whose id is queued already does nothing: a retried add queues it once.
      await retry(() => queue.add('index', data, { ...JOB_OPTIONS, jobId }));
    }
    options.onQueued?.(run, (await retry(() => queue.getWorkers())).length);
    const done = await waitForRun(connection, address, run, (p) => options.onProgress?.('indexing', p));
    if (done.failed > 0) throw failedRun(run, await retry(() => failures(connection, run)));
    const results = await retry(() => jobResults<IndexJobResult>(connection, run));
    const sum = (f: (r: IndexJobResult) => number): number => results.reduce((s, r) => s + f(r), 0);
    const store = await openRedisStore(address);
    const documents = await store.documentCount().finally(() => store.close());
    return {
      run,
      indexed: sum((r) => r.indexed),
      unchanged: sum((r) => r.unchanged),
      replaced: sum((r) => r.replaced),
      skipped: [...skipped, ...results.flatMap((r) => r.skipped)],
      warnings: [],
      textBytes: sum((r) => r.textBytes),
      documents,
    };
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

export interface ScanSubmitOptions extends Followed {
  readonly candidates: number;
  /** Ids of a reference set already in the store: only pairs of one of them and another document are compared. */
  readonly reference?: ReadonlySet<string>;
}


/** Queues a scan of the whole store and waits for the workers: the same clusters as the embedded scan. */
export async function submitScan(address: string, options: ScanSubmitOptions): Promise<ScanResult> {
  const retry = retrying(address);
  const connection = await clusterConnection(address);
  const store = await openRedisStore(address);
  const queue = scanQueue(connection);
  try {
    const all = await store.documentNumbers();
    const spinPairsBefore = (await store.corpusStats()).spinPairs;
    const run = newRunId('scan');
    // Against a reference set, as the embedded scan does: its documents are the ones compared with their candidates.
    const reference = options.reference ? await referenceNumbers(store, options.reference) : undefined;
    if (reference) await retry(() => keepReference(connection, run, reference));
    const numbers = reference ? all.filter((n) => reference.has(n)) : all;
    const what = `${all.length} documents in ${address}${reference ? `, against a reference set of ${reference.size}` : ''}`;
    await retry(() => startRun(connection, { id: run, kind: 'scan', started: new Date().toISOString(), what }));
    const common: ScanSettings = { run, documents: all.length, candidates: options.candidates, ...(reference ? { reference: true } : {}) };
    const compare: { name: string; data: ScanJob; opts: typeof JOB_OPTIONS }[] = [];
    for (let i = 0; i < numbers.length; i += COMPARE_SHARD) {
      compare.push({ name: 'compare', data: { step: 'compare', job: { ...common, numbers: numbers.slice(i, i + COMPARE_SHARD) } }, opts: { ...JOB_OPTIONS, jobId: `${run}.c${i / COMPARE_SHARD + 1}` } });
    }
    await retry(() => addJobs(connection, run, compare.map((j) => j.opts.jobId as string)));
    await retry(() => queue.addBulk(compare));
    options.onQueued?.(run, (await retry(() => queue.getWorkers())).length);
    let p = await waitForRun(connection, address, run, (progress) => options.onProgress?.('comparing', progress));
    if (p.failed > 0) throw failedRun(run, await retry(() => failures(connection, run)));

    const groups = await retry(() => groupDerivedPairs(connection, run));
    const carve: { name: string; data: ScanJob; opts: typeof JOB_OPTIONS }[] = [];
    for (let i = 0; i < groups.length; i += CARVE_BATCH) {
      carve.push({ name: 'carve', data: { step: 'carve', job: { ...common, groups: groups.slice(i, i + CARVE_BATCH) } }, opts: { ...JOB_OPTIONS, jobId: `${run}.g${i / CARVE_BATCH + 1}` } });
    }
    await retry(() => addJobs(connection, run, carve.map((j) => j.opts.jobId as string)));
    await retry(() => queue.addBulk(carve));
    p = await waitForRun(connection, address, run, (progress) => options.onProgress?.('clustering', progress));
    if (p.failed > 0) throw failedRun(run, await retry(() => failures(connection, run)));

    const spinPairsAfter = (await store.corpusStats()).spinPairs;
    const result = await retry(() => scanResult(connection, run, spinPairsAfter - spinPairsBefore));
    await retry(() => dropScan(connection, run));
    return result;
  } finally {
    await queue.close();
    await store.close();
    connection.disconnect();
  }
}
