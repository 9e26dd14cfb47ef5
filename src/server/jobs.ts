import { randomUUID } from 'node:crypto';
import type { Job } from './types.js';

/** Finished jobs kept for their status: the oldest go first. */
const KEPT = 100;

export class Jobs {
  private readonly jobs = new Map<string, Job>();

  /** Starts `work`, which reports its progress and may hand over a result; returns the job at once. */
  start(kind: string, unit: Job['unit'], work: (progress: (done: number, total: number) => void, finish: (result: unknown) => void) => Promise<void>): Job {
    const job: Job = { id: randomUUID(), kind, unit, state: 'running', done: 0, total: 0, started: new Date().toISOString() };
    this.jobs.set(job.id, job);
    for (const id of [...this.jobs.keys()].slice(0, Math.max(0, this.jobs.size - KEPT))) this.jobs.delete(id);
    work(
      (done, total) => {
        job.done = done;
        job.total = total;
      },
      (result) => {
        job.result = result;
      },
    ).then(
      () => {
        job.state = 'done';
        job.finished = new Date().toISOString();
      },
      (error: unknown) => {
        job.state = 'failed';
        job.error = error instanceof Error ? error.message : String(error);
        job.finished = new Date().toISOString();
      },
    );
    return job;
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  /** A job of this kind still running, if any. */
  running(kind: string): Job | undefined {
    return [...this.jobs.values()].find((j) => j.kind === kind && j.state === 'running');
  }
}
