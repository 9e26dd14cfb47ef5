/** A thread of the print pool (print-pool.ts): fingerprints the texts it is sent, over the lexicon its parent loaded. */
import { parentPort, workerData } from 'node:worker_threads';
import { adoptLexicon, loadLexicon } from '../lexicon/index.js';
import { printText, type TextPrint } from './print.js';

const port = parentPort;
if (!port) throw new Error('print-worker runs as a worker thread');
adoptLexicon((workerData as { lexiconMemory: SharedArrayBuffer }).lexiconMemory);
const lexicon = loadLexicon();

port.on('message', ({ id, texts }: { id: number; texts: string[] }) => {
  const prints: TextPrint[] = texts.map((text) => printText(text, lexicon));
  port.postMessage({ id, prints });
});
