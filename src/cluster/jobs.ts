/** What `unspin jobs` shows: the queues' counts and the latest runs. */
import { clusterConnection } from './connection.js';
import { indexQueue, scanQueue } from './queues.js';
import { failures, recentRuns, type RunInfo, type RunProgress } from './runs.js';

export interface QueueCounts {
  readonly name: string;
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly failed: number;
  readonly workers: number;
}

export interface JobsReport {
  readonly queues: QueueCounts[];
  readonly runs: (RunInfo & RunProgress & { readonly failures: Record<string, string> })[];
}

export async function jobsReport(address: string, limit: number): Promise<JobsReport> {
  const connection = await clusterConnection(address);
  const queues = [indexQueue(connection), scanQueue(connection)];
  try {
    const counts: QueueCounts[] = [];
    for (const queue of queues) {
      const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
      counts.push({ name: queue.name, waiting: c['waiting'] ?? 0, active: c['active'] ?? 0, delayed: c['delayed'] ?? 0, failed: c['failed'] ?? 0, workers: (await queue.getWorkers()).length });
    }
    const runs = [];
    for (const run of await recentRuns(connection, limit)) runs.push({ ...run, failures: await failures(connection, run.id) });
    return { queues: counts, runs };
  } finally {
    await Promise.all(queues.map((q) => q.close()));
    connection.disconnect();
  }
}
