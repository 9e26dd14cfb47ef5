import { Worker } from 'node:worker_threads';
import type { ScanResult } from '../corpus/types.js';
import { UnspinError } from '../errors.js';
import { languageModelMemory } from '../language-model/model.js';
import { lexiconMemory } from '../lexicon/index.js';
import type { StoreChoice } from '../store/open.js';

/** What the scan thread sends: progress, then the result. */
export type ScanMessage = { readonly done: number; readonly total: number } | { readonly result: ScanResult };

const WORKER_URL = new URL('./scan-worker.js', import.meta.url);

/** Scans the store in a thread of its own, so that the server answers other requests meanwhile. */
export function scanInThread(store: StoreChoice, onProgress: (done: number, total: number) => void): Promise<ScanResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: { store, lexiconMemory: lexiconMemory(), languageModel: languageModelMemory() } });
    let result: ScanResult | undefined;
    worker.on('message', (message: ScanMessage) => {
      if ('result' in message) result = message.result;
      else onProgress(message.done, message.total);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (result) resolve(result);
      else reject(new UnspinError('E_INTERNAL', `the scan stopped before it finished (thread exit ${code})`));
    });
  });
}
