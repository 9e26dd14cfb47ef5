/**
 * A pool of engine threads for the API's CPU-bound verbs (compare, inspect, restore, search): the event loop
 * stays free for other requests, every core works, and a task running past its time is stopped by ending its
 * thread (JavaScript cannot interrupt a running computation otherwise), which is then replaced.
 */
import { Worker } from 'node:worker_threads';
import { type ErrorCode, UnspinError } from '../errors.js';
import { languageModelMemory } from '../language-model/model.js';
import { lexiconMemory } from '../lexicon/index.js';
import type { EngineTask } from './engine.js';
import type { StoreChoice } from '../store/open.js';

/** What an engine thread answers: the task's text, or its error. */
export type EngineReply =
  /** The thread has loaded its models and takes tasks. */
  | { readonly ready: true }
  | { readonly id: number; readonly value: string }
  | { readonly id: number; readonly error: { readonly code: ErrorCode; readonly message: string; readonly user: boolean } };

/** The server is out of capacity or time: answered 503 with this code. */
export class EngineUnavailable extends Error {
  readonly statusCode = 503;
  constructor(
    readonly code: 'E_TIMEOUT' | 'E_BUSY',
    message: string,
  ) {
    super(message);
  }
}

export interface EnginePoolOptions {
  /** The store, which threads open read-only for search. */
  readonly store: StoreChoice;
  readonly threads: number;
  /** A task still running after this long is stopped and answered E_TIMEOUT. */
  readonly timeoutMs: number;
  /** Tasks that may wait for a thread; beyond that, E_BUSY at once. */
  readonly maxQueued: number;
}

interface Pending {
  readonly id: number;
  readonly task: EngineTask;
  readonly resolve: (value: string) => void;
  readonly reject: (error: Error) => void;
}

interface Thread {
  readonly worker: Worker;
  /** Set once the thread has loaded its models: a task's time limit starts on a warm thread. */
  ready: boolean;
  running?: { readonly pending: Pending; readonly timer: NodeJS.Timeout };
}

const WORKER_URL = new URL('./engine-worker.js', import.meta.url);

export class EnginePool {
  private readonly threads = new Set<Thread>();
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closed = false;
  private starting: number;
  private started!: () => void;
  /** Settles once every thread started with the pool has loaded its models and its store's meaning index. */
  readonly ready = new Promise<void>((resolve) => {
    this.started = resolve;
  });

  constructor(private readonly options: EnginePoolOptions) {
    this.starting = options.threads;
    if (this.starting === 0) this.started();
    for (let i = 0; i < options.threads; i++) this.spawn();
  }

  /** Runs a task on the next free thread. */
  run(task: EngineTask): Promise<string> {
    if (this.queue.length >= this.options.maxQueued) {
      return Promise.reject(new EngineUnavailable('E_BUSY', 'the server is busy: too many requests are waiting; try again shortly'));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: ++this.nextId, task, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new EngineUnavailable('E_BUSY', 'the server is stopping'));
    await Promise.all([...this.threads].map((t) => t.worker.terminate()));
  }

  private spawn(): void {
    const thread: Thread = { worker: new Worker(WORKER_URL, { workerData: { store: this.options.store, lexiconMemory: lexiconMemory(), languageModel: languageModelMemory() } }), ready: false };
    const { worker } = thread;
    worker.on('message', (message: EngineReply) => {
      if ('ready' in message) {
        thread.ready = true;
        if (--this.starting === 0) this.started();
        this.dispatch();
        return;
      }
      const running = thread.running;
      if (!running || running.pending.id !== message.id) return;
      clearTimeout(running.timer);
      thread.running = undefined;
      if ('value' in message) running.pending.resolve(message.value);
      else running.pending.reject(new UnspinError(message.error.user ? message.error.code : 'E_INTERNAL', message.error.message));
      this.dispatch();
    });
    // A thread that dies (out of memory, a bug) fails its task and is replaced.
    worker.on('exit', () => {
      this.threads.delete(thread);
      if (thread.running) {
        clearTimeout(thread.running.timer);
        thread.running.pending.reject(new UnspinError('E_INTERNAL', 'an engine thread stopped while working'));
      }
      if (!this.closed) {
        this.spawn();
        this.dispatch();
      }
    });
    worker.on('error', () => {
      // 'exit' follows and does the rest.
    });
    this.threads.add(thread);
  }

  private dispatch(): void {
    for (const thread of this.threads) {
      if (thread.running || !thread.ready) continue;
      const pending = this.queue.shift();
      if (!pending) return;
      const timer = setTimeout(() => {
        // Out of the pool at once, so that nothing else is sent to it; its exit brings a replacement.
        this.threads.delete(thread);
        thread.running = undefined;
        const seconds = this.options.timeoutMs / 1000;
        pending.reject(new EngineUnavailable('E_TIMEOUT', `the request ran past the server's ${seconds}-second limit and was stopped`));
        void thread.worker.terminate();
      }, this.options.timeoutMs);
      thread.running = { pending, timer };
      thread.worker.postMessage({ id: pending.id, task: pending.task });
    }
  }
}
