/**
 * The BullMQ queues of distributed work, laid out for Redis Cluster: each queue's keys share one hash tag (its
 * prefix), and the two queues have different tags, so they may live on different nodes.
 */
import { Queue, type JobsOptions } from 'bullmq';
import type { Cluster } from 'ioredis';
import type { InputPart } from '../corpus/readers.js';

export const INDEX_QUEUE = { name: 'index', prefix: '{unspin-index}' } as const;
export const SCAN_QUEUE = { name: 'scan', prefix: '{unspin-scan}' } as const;

/** Read these parts of the input into the store. */
export interface IndexJob {
  readonly run: string;
  readonly parts: readonly InputPart[];
  readonly maxDocumentBytes?: number;
  readonly maxDecompressedBytes?: number;
}

/** What every job of one scan shares. */
export interface ScanSettings {
  readonly run: string;
  /** The store's document count when the scan began. */
  readonly documents: number;
  readonly candidates: number;
  /** A scan against a reference set: its documents' numbers are in Redis under the run (scan-jobs.ts). */
  readonly reference?: boolean;
}

/** Step 1 of a scan: compare these documents with their candidates. */
export interface CompareJob extends ScanSettings {
  readonly numbers: readonly number[];
}

/** Step 3 of a scan: carve these groups (by their roots) into clusters. */
export interface CarveJob extends ScanSettings {
  readonly groups: readonly { readonly root: number; readonly members: readonly number[] }[];
}

export type ScanJob = { readonly step: 'compare'; readonly job: CompareJob } | { readonly step: 'carve'; readonly job: CarveJob };

/**
 * Every job is tried 5 times, 2 s, 4 s, 8 s… apart; a finished one is dropped from the queue (its result is in the
 * run's record), a failed one kept for `unspin jobs` to show.
 */
export const JOB_OPTIONS: JobsOptions = { attempts: 5, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: true, removeOnFail: 1000 };

export function indexQueue(connection: Cluster): Queue<IndexJob> {
  return new Queue<IndexJob>(INDEX_QUEUE.name, { connection, prefix: INDEX_QUEUE.prefix });
}

export function scanQueue(connection: Cluster): Queue<ScanJob> {
  return new Queue<ScanJob>(SCAN_QUEUE.name, { connection, prefix: SCAN_QUEUE.prefix });
}
