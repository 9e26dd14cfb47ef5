import type { Command } from 'commander';
import { UnspinError } from '../errors.js';
import { storeLocation, STORE_VARIABLE, type StoreChoice } from '../store/open.js';
import { parseCount } from './corpus-input.js';
import { runBar } from './progress.js';
import { action } from './run.js';

/** The Redis Cluster a --queue run or a worker uses: --store or UNSPIN_STORE; an SQLite store cannot share work out. */
export function clusterAddress(flags: StoreChoice, what: string): string {
  const location = storeLocation(flags);
  if ('db' in location) throw new UnspinError('E_BAD_ARGUMENT', `${what} needs a Redis Cluster: --store redis://host:port[,host:port…] (or ${STORE_VARIABLE})`);
  return location.redis;
}

/** How a submitting terminal follows a run: a progress bar, and the run's id for `unspin jobs`. */
export function following(): { onQueued(run: string, workers: number): void; onProgress(step: string, p: { done: number; jobs: number; failed: number }): void; stop(): void } {
  const bar = runBar();
  return {
    onQueued: (run, workers) =>
      process.stderr.write(
        `unspin: queued run ${run} (Ctrl-C stops following it, not the run; \`unspin jobs\` shows it)\n` +
          (workers === 0 ? 'unspin: no worker is connected yet: start `unspin worker` with the same --store, one per core, on any host\n' : ''),
      ),
    onProgress: (step, p) => bar.update(step, p.done, p.jobs, p.failed),
    stop: () => bar.stop(),
  };
}

interface WorkerFlags extends StoreChoice {
  readonly lock: number;
  readonly quiet?: boolean;
}

async function runWorkerCommand(flags: WorkerFlags): Promise<void> {
  const address = clusterAddress(flags, 'a worker');
  // BullMQ and the store load only for this command.
  const { runWorker } = await import('../cluster/worker.js');
  await runWorker(address, { lockSeconds: flags.lock, ...(flags.quiet ? {} : { onEvent: (line: string) => process.stderr.write(`unspin worker: ${line}\n`) }) });
}

interface JobsFlags extends StoreChoice {
  readonly json?: boolean;
  readonly limit: number;
}

async function runJobs(flags: JobsFlags): Promise<void> {
  const address = clusterAddress(flags, '`unspin jobs`');
  const { jobsReport } = await import('../cluster/jobs.js');
  const report = await jobsReport(address, flags.limit);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const lines: string[] = [];
  for (const q of report.queues) {
    lines.push(`queue ${q.name.padEnd(6)} waiting ${q.waiting}, active ${q.active}, delayed (retrying) ${q.delayed}, failed ${q.failed}; workers ${q.workers}`);
  }
  if (report.runs.length === 0) lines.push('no runs yet');
  for (const r of report.runs) {
    const state = r.done + r.failed >= r.jobs ? (r.failed > 0 ? 'failed' : 'finished') : 'running';
    const rate = r.kind === 'index' ? `${(r.rate / 1e6).toFixed(1)} MB/s` : `${r.rate.toFixed(1)} documents/s`;
    lines.push(`${r.id}  ${state}, ${r.done}/${r.jobs} jobs${r.failed > 0 ? `, ${r.failed} failed` : ''}, ${rate}  started ${r.started}  (${r.what})`);
    for (const [job, reason] of Object.entries(r.failures).slice(0, 5)) lines.push(`  ${job}: ${reason}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerClusterWork(program: Command): void {
  program
    .command('worker')
    .summary('take index and scan jobs from a Redis Cluster, until stopped')
    .description(
      'Work for distributed runs (`unspin index --queue`, `unspin scan --queue`): take their jobs from the BullMQ ' +
        'queues in the Redis Cluster, one at a time, until SIGINT or SIGTERM (the job in hand is finished first). ' +
        'Start as many as you like, on as many hosts, one per core: the jobs are CPU-bound. An index job names input ' +
        'files by path, so a worker must see them at the same paths (a shared file system). A failed job is retried ' +
        '5 times, further apart each time; a job whose worker dies (kill -9, a lost host) is taken over after --lock ' +
        'seconds. Every write is idempotent, so a job done twice stores nothing twice.',
    )
    .option('--store <address>', `the Redis Cluster: redis://host:port[,host:port…] (or set ${STORE_VARIABLE})`)
    .option('--lock <seconds>', 'take over the job of a worker silent this long', parseCount, 30)
    .option('--quiet', 'do not log each job')
    .addHelpText('after', '\nExample:\n  unspin worker --store redis://10.0.0.5:7001,10.0.0.6:7001\n')
    .action(action((flags: WorkerFlags) => runWorkerCommand(flags)));
  program
    .command('jobs')
    .summary('the distributed runs and their queues: progress, rates and failures')
    .description('Show the index and scan queues of the Redis Cluster (jobs waiting, active, retrying, failed; workers ' + 'connected) and the latest runs with their progress and the reasons of failed jobs.')
    .option('--store <address>', `the Redis Cluster: redis://host:port[,host:port…] (or set ${STORE_VARIABLE})`)
    .option('--limit <n>', 'show the latest N runs', parseCount, 10)
    .option('--json', 'print {queues: [{name, waiting, active, delayed, failed, workers}], runs: [{id, kind, started, what, jobs, done, failed, units, rate, failures}]}; units are input bytes (index) or documents (scan), rate units a second')
    .action(action((flags: JobsFlags) => runJobs(flags)));
}
