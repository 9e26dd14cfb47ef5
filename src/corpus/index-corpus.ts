import { createHash } from 'node:crypto';
import { fingerprint, postingKeys } from '../fingerprint/fingerprint.js';
import { loadLexicon } from '../lexicon/index.js';
import type { AddOutcome, CorpusStore, MeaningProgress, PreparedDocument } from '../store/corpus-store.js';
import { printText, type Printer, type TextPrint } from './print.js';
import type { IndexSummary, ReadEvent, Skip, SourceDocument } from './types.js';

/** A batch is committed at this many documents or this many bytes of text, whichever comes first. */
const BATCH_DOCUMENTS = 2000;
const BATCH_TEXT = 16 * 1024 * 1024;

export interface IndexProgress {
  /** Documents read so far, stored or not. */
  readonly documents: number;
  /** Bytes of input read through (files, and JSONL and WARC files as they are read). */
  readonly inputBytes: number;
  /** Bytes of text read. */
  readonly textBytes: number;
}

export interface IndexOptions {
  /** Called after each committed batch and as input is read. */
  readonly onProgress?: (progress: IndexProgress) => void;
  /** Called as the store's meaning index takes the new vectors, after the last batch (minutes at a million documents). */
  readonly onMeaning?: MeaningProgress;
  /** Fingerprints each batch's new texts: in this thread by default; `unspin index` shares them out among threads (print-pool.ts). */
  readonly printer?: Printer;
}

/** The content hash that tells a changed document from the same one read again. */
function contentHash(d: SourceDocument): Uint8Array {
  const hash = createHash('sha1').update(d.text);
  // The metadata after a NUL, which no text holds: its fields cannot run into the text or each other.
  return hash.update(`\0${JSON.stringify([d.title ?? null, d.author ?? null, d.date ?? null, d.url ?? null])}`).digest();
}

export function prepareDocument(document: SourceDocument): PreparedDocument {
  return { document, hash: contentHash(document), ...printText(document.text, loadLexicon()) };
}

const keysOfText = (text: string): readonly number[] => postingKeys(fingerprint(text));

/**
 * Stores every document the events carry, fingerprinted, in batches: a run that is killed keeps every batch it
 * committed, and running it again adds nothing twice.
 */
export async function indexCorpus(store: CorpusStore, events: AsyncIterable<ReadEvent>, options: IndexOptions = {}): Promise<IndexSummary> {
  const counts: Record<AddOutcome, number> = { indexed: 0, unchanged: 0, replaced: 0 };
  const skipped: Skip[] = [];
  const warnings: { source: string; detail: string }[] = [];
  let batch: SourceDocument[] = [];
  let batchText = 0;
  const progress = { documents: 0, inputBytes: 0, textBytes: 0 };
  const lexicon = loadLexicon();
  const printer = options.printer ?? (async (texts: readonly string[]) => texts.map((text) => printText(text, lexicon)));

  // One batch is fingerprinted (on the printer's threads) while the batch before it is written (in this one).
  let writing: { prepared: Promise<PreparedDocument[]>; hashes: ReadonlyMap<string, Uint8Array> } | undefined;

  const write = async (): Promise<void> => {
    if (!writing) return;
    const prepared = await writing.prepared;
    writing = undefined;
    if (prepared.length > 0) for (const outcome of await store.addDocuments(prepared, keysOfText)) counts[outcome]++;
    options.onProgress?.({ ...progress });
  };

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const stored = await store.contentHashes(batch.map((d) => d.id));
    const changed: { document: SourceDocument; hash: Uint8Array }[] = [];
    for (const [i, document] of batch.entries()) {
      const hash = contentHash(document);
      // The batch still being written holds the newest version of its documents.
      const known = writing?.hashes.get(document.id) ?? stored[i];
      // Read again as it was: counted without the fingerprinting (a copy within the batch is caught in the store).
      if (known && Buffer.compare(known, hash) === 0) counts.unchanged++;
      else changed.push({ document, hash });
    }
    const prepared = printer(changed.map((c) => c.document.text)).then((prints) => changed.map((c, i): PreparedDocument => ({ ...c, ...(prints[i] as TextPrint) })));
    // Awaited by the next write, which reports a failure; not an unhandled rejection while the batch before is written.
    prepared.catch(() => undefined);
    await write();
    writing = { prepared, hashes: new Map(changed.map((c) => [c.document.id, c.hash])) };
    batch = [];
    batchText = 0;
  };

  for await (const event of events) {
    switch (event.kind) {
      case 'document': {
        batch.push(event.document);
        progress.documents++;
        const length = Buffer.byteLength(event.document.text);
        progress.textBytes += length;
        batchText += length;
        if (batch.length >= BATCH_DOCUMENTS || batchText >= BATCH_TEXT) await flush();
        break;
      }
      case 'skip':
        skipped.push(event.skip);
        break;
      case 'warning':
        warnings.push({ source: event.source, detail: event.detail });
        break;
      case 'progress':
        progress.inputBytes += event.bytes;
        options.onProgress?.({ ...progress });
        break;
    }
  }
  await flush();
  await write();
  // An embedded store's meaning index takes the new vectors now, and is saved: the next search need not.
  await store.saveMeaning(options.onMeaning);
  return { ...counts, skipped, warnings, textBytes: progress.textBytes };
}
