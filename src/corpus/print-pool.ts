/**
 * Fingerprinting shared out among worker threads, for `unspin index`: making a text's fingerprints and meaning vector
 * is most of the time indexing takes, and each text's are its own. The threads share the main thread's lexicon.
 */
import { Worker } from 'node:worker_threads';
import { UnspinError } from '../errors.js';
import { lexiconMemory } from '../lexicon/index.js';
import type { Printer, TextPrint } from './print.js';

const WORKER_URL = new URL('./print-worker.js', import.meta.url);

interface Pending {
  resolve(prints: TextPrint[]): void;
  reject(error: Error): void;
}

export class PrintPool {
  private readonly pending = new Map<number, Pending>();
  private next = 0;

  private constructor(private readonly workers: readonly Worker[]) {
    for (const worker of workers) {
      worker.on('message', ({ id, prints }: { id: number; prints: TextPrint[] }) => {
        this.pending.get(id)?.resolve(prints);
        this.pending.delete(id);
      });
      worker.on('error', (error) => this.failAll(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.failAll(new Error(`a fingerprinting thread stopped (exit ${code})`));
      });
    }
  }

  /** A pool of `threads` threads. */
  static start(threads: number): PrintPool {
    const memory = lexiconMemory();
    return new PrintPool(Array.from({ length: threads }, () => new Worker(WORKER_URL, { workerData: { lexiconMemory: memory } })));
  }

  /** The texts' prints, in order: the texts cut into one run per thread. */
  readonly print: Printer = async (texts) => {
    const size = Math.ceil(texts.length / this.workers.length);
    const runs = this.workers.map((worker, i) => this.send(worker, texts.slice(i * size, (i + 1) * size)));
    return (await Promise.all(runs)).flat();
  };

  private send(worker: Worker, texts: readonly string[]): Promise<TextPrint[]> {
    if (texts.length === 0) return Promise.resolve([]);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, texts });
    });
  }

  private failAll(error: Error): void {
    for (const { reject } of this.pending.values()) reject(new UnspinError('E_INTERNAL', `fingerprinting failed: ${error.message}`));
    this.pending.clear();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
