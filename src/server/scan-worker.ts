/** A scan in its own thread: it reports its progress as it goes and hands over the clusters at the end. */
import { parentPort, workerData } from 'node:worker_threads';
import { scan } from '../corpus/scan.js';
import { adoptLanguageModel } from '../language-model/model.js';
import type { SharedLanguageModelData } from '../language-model/share.js';
import { adoptLexicon } from '../lexicon/index.js';
import { openCorpusStore, type StoreChoice } from '../store/open.js';
import type { ScanMessage } from './scan-thread.js';

const { store: choice, lexiconMemory, languageModel } = workerData as { store: StoreChoice; lexiconMemory: SharedArrayBuffer; languageModel: SharedLanguageModelData };
const port = parentPort;
if (!port) throw new Error('scan-worker runs as a worker thread');

adoptLexicon(lexiconMemory);
adoptLanguageModel(languageModel);
// Writable: the scan teaches the store's spin lexicon the word swaps of the copies it finds.
const store = await openCorpusStore(choice, { existing: true });
try {
  const result = await scan(store, { onProgress: (done, total) => port.postMessage({ done, total } satisfies ScanMessage) });
  port.postMessage({ result } satisfies ScanMessage);
} finally {
  await store.close();
}
