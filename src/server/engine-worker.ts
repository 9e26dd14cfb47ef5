/** An engine thread: runs the tasks the pool sends, one at a time, each answered with its text or its error. */
import { parentPort, workerData } from 'node:worker_threads';
import { UnspinError } from '../errors.js';
import { adoptLanguageModel } from '../language-model/model.js';
import type { SharedLanguageModelData } from '../language-model/share.js';
import { adoptLexicon, loadLexicon } from '../lexicon/index.js';
import { inspect } from '../spin/detect.js';
import type { CorpusStore } from '../store/corpus-store.js';
import { openCorpusStore, type StoreChoice } from '../store/open.js';
import { type EngineTask, runTask } from './engine.js';
import type { EngineReply } from './engine-pool.js';

const { store: choice, lexiconMemory, languageModel } = workerData as { store: StoreChoice; lexiconMemory: SharedArrayBuffer; languageModel: SharedLanguageModelData };
const port = parentPort;
if (!port) throw new Error('engine-worker runs as a worker thread');

// The main thread's lexicon tables and language model, shared: one copy in memory (and in the processor's cache) for all threads.
adoptLexicon(lexiconMemory);
adoptLanguageModel(languageModel);
const lexicon = loadLexicon();
let store: Promise<CorpusStore> | undefined;
const context = { lexicon, store: () => (store ??= openCorpusStore(choice, { readonly: true })) };

// Warm: the spin, bigram and language models load now, not on the first request, whose time limit starts only then.
inspect('A warm-up sentence.', { lexicon, lists: [] });
// And the store's meaning index: loaded (an embedded store saves it beside its file) or built from a Redis store's
// vectors, minutes at a million documents, which would run every first search past its limit. A store that cannot be
// reached now is left to the first search, which reports why.
await context.store().then(
  (opened) => opened.catchUpMeaning().catch(() => {}),
  () => {
    store = undefined;
  },
);
port.postMessage({ ready: true } satisfies EngineReply);

port.on('message', (message: { id: number; task: EngineTask }) => {
  runTask(message.task, context).then(
    (value): void => port.postMessage({ id: message.id, value } satisfies EngineReply),
    (error: unknown): void => {
      const user = error instanceof UnspinError && error.isUserError;
      const code = error instanceof UnspinError ? error.code : 'E_INTERNAL';
      const text = error instanceof Error ? error.message : String(error);
      port.postMessage({ id: message.id, error: { code, message: user ? text : `internal error: ${text}`, user } } satisfies EngineReply);
    },
  );
});
