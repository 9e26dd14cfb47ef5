import { MultiBar, type SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { indexCorpus, type IndexProgress } from '../corpus/index-corpus.js';
import type { IndexSummary } from '../corpus/types.js';
import { PrintPool } from '../corpus/print-pool.js';
import { readInputs } from '../corpus/readers.js';
import { openCorpusStore, type StoreChoice } from '../store/open.js';
import { describeSkips, EXIT_SKIPPED, inputSize, parseSize } from './corpus-input.js';
import { action } from './run.js';
import { clusterAddress, following } from './cluster-work.js';
import { storeOptions } from './store-option.js';

interface IndexFlags extends StoreChoice {
  readonly queue?: boolean;
  readonly jobSize?: number;
  readonly json?: boolean;
  readonly maxDocumentSize?: number;
  readonly maxDecompressedSize?: number;
}

const MB = 1e6;
/**
 * At most this many fingerprinting threads: the store is written by one, about a fifth of the work in one thread, so
 * more would wait on it; and each holds some 90 MB.
 */
const PRINT_THREADS = 4;

/** 75 → "1m15s". */
function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * A progress bar on a terminal: input read, documents per second, MB per second and time left; then a second one for
 * the meaning index taking the new vectors.
 */
function indexBar(total: number | undefined): { update(p: IndexProgress): void; meaning(added: number, total: number): void; stop(): void } {
  if (process.stderr.isTTY !== true) return { update: () => {}, meaning: () => {}, stop: () => {} };
  const multi = new MultiBar({
    stream: process.stderr,
    format: total
      ? 'indexing [{bar}] {percentage}% | {docs} docs, {docsPerS} docs/s, {mbPerS} MB/s | {left} left'
      : 'indexing {docs} docs, {docsPerS} docs/s, {mbPerS} MB/s',
    barsize: 24,
    hideCursor: true,
    clearOnComplete: true,
  });
  const bar: SingleBar = multi.create(total ?? 1, 0, { docs: 0, docsPerS: 0, mbPerS: '0.0', left: '…' });
  const started = performance.now();
  let meaning: SingleBar | undefined;
  return {
    meaning(added, vectors) {
      meaning ??= multi.create(vectors, 0, {}, { format: 'meaning index [{bar}] {value}/{total} vectors' });
      meaning.update(added);
      // Drawn now: the index takes the vectors without letting the bars' timer run.
      multi.update();
    },
    update(p) {
      const seconds = Math.max(0.001, (performance.now() - started) / 1000);
      const done = total ? Math.min(p.inputBytes, total) : 0;
      bar.update(done, {
        docs: p.documents,
        docsPerS: Math.round(p.documents / seconds),
        mbPerS: (p.inputBytes / MB / seconds).toFixed(1),
        left: total && done > 0 ? duration(((total - done) / done) * seconds) : '…',
      });
    },
    stop: () => multi.stop(),
  };
}

function describe(summary: IndexSummary, db: string, documents: number, seconds: number): string {
  const rate = seconds > 0 ? `, ${Math.round((summary.indexed + summary.replaced + summary.unchanged) / seconds)} docs/s` : '';
  const lines = [
    `unspin: ${db}: indexed ${summary.indexed}, unchanged ${summary.unchanged}, replaced ${summary.replaced}, skipped ${summary.skipped.length} ` +
      `in ${seconds.toFixed(1)} s${rate}; the store holds ${documents} documents`,
  ];
  for (const w of summary.warnings.slice(0, 20)) lines.push(`warning: ${w.source}: ${w.detail}`);
  if (summary.warnings.length > 20) lines.push(`warning: … and ${summary.warnings.length - 20} more (--json lists them all)`);
  return `${lines.join('\n')}\n${describeSkips(summary.skipped)}`;
}

/** An index shared out among workers: queued as jobs, followed until they are done. */
async function runQueuedIndex(paths: readonly string[], flags: IndexFlags): Promise<void> {
  const address = clusterAddress(flags, '--queue');
  const { submitIndex } = await import('../cluster/submit.js');
  const started = performance.now();
  const follow = following();
  let summary;
  try {
    summary = await submitIndex(address, paths, {
      ...follow,
      ...(flags.jobSize ? { jobBytes: flags.jobSize } : {}),
      ...(flags.maxDocumentSize ? { maxDocumentBytes: flags.maxDocumentSize } : {}),
      ...(flags.maxDecompressedSize ? { maxDecompressedBytes: flags.maxDecompressedSize } : {}),
    });
  } finally {
    follow.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  if (flags.json) process.stdout.write(`${JSON.stringify({ ...summary, seconds: Math.round(seconds * 100) / 100 })}\n`);
  else process.stderr.write(describe(summary, address, summary.documents, seconds));
  if (summary.skipped.length > 0) process.exitCode = EXIT_SKIPPED;
}

async function runIndex(paths: readonly string[], flags: IndexFlags): Promise<void> {
  if (flags.queue) return runQueuedIndex(paths, flags);
  const store = await openCorpusStore(flags);
  const started = performance.now();
  const bar = indexBar(inputSize(paths));
  let pool: PrintPool | undefined;
  let summary: IndexSummary;
  let documents: number;
  try {
    // The texts are fingerprinted on every core (up to PRINT_THREADS); the store is written in this thread.
    const threads = Math.min(availableParallelism(), PRINT_THREADS);
    if (threads > 1) pool = PrintPool.start(threads);
    const events = readInputs(paths, {
      ...(flags.maxDocumentSize ? { maxDocumentBytes: flags.maxDocumentSize } : {}),
      ...(flags.maxDecompressedSize ? { maxDecompressedBytes: flags.maxDecompressedSize } : {}),
    });
    summary = await indexCorpus(store, events, {
      onProgress: (p) => bar.update(p),
      onMeaning: (added, vectors) => bar.meaning(added, vectors),
      ...(pool ? { printer: pool.print } : {}),
    });
    documents = await store.documentCount();
  } finally {
    bar.stop();
    await pool?.close();
    await store.close();
  }
  const seconds = (performance.now() - started) / 1000;
  if (flags.json) process.stdout.write(`${JSON.stringify({ ...summary, documents, seconds: Math.round(seconds * 100) / 100 })}\n`);
  else process.stderr.write(describe(summary, store.location, documents, seconds));
  if (summary.skipped.length > 0) process.exitCode = EXIT_SKIPPED;
}

export function registerIndex(program: Command): void {
  const command = program
    .command('index')
    .summary('add documents to the store, fingerprinted for search and scan')
    .description(
      'Read files and folders (.txt, .md, .html, .jsonl, .warc, .warc.gz; folders recursively; - for standard input) ' +
        'and add every document to the store with the fingerprints that find its copies: MinHash-LSH over word 5-grams ' +
        '(near copies), over the text skeleton of function words, numbers and punctuation (spun copies), and its rarest ' +
        'terms (paraphrases). Ids: the path relative to the folder given, the JSONL "id", or the WARC target URI. The same ' +
        'id with the same content is left as it is; changed content replaces it. Work is committed in batches, so an ' +
        'interrupted run keeps what it committed and can simply be run again. Files and folders whose names start with ' +
        '"." are ignored. Whatever cannot be read (binary, empty, too large, broken JSONL lines, bad WARC records) is ' +
        'skipped with its reason, and the run goes on.\n\nExit status: 0 when everything readable was indexed, 3 when ' +
        'some inputs were skipped (listed at the end), 1 for a usage error.',
    )
    .argument('<path...>', 'files, folders, or - for standard input')
    .option('--queue', 'share the work out among workers (`unspin worker`) through the Redis Cluster of --store; waits for them to finish')
    .option('--job-size <size>', 'with --queue: input bytes per job (default 16MB; a larger JSONL or WARC file is cut into ranges of lines or records)', parseSize)
    .option('--json', 'print the summary as JSON: {indexed, unchanged, replaced, skipped: [{source, reason, detail}], warnings, textBytes, documents, seconds}')
    .option('--max-document-size <size>', 'skip documents (files, JSONL lines, WARC records) larger than this', parseSize)
    .option('--max-decompressed-size <size>', 'read no more than this much of one .warc.gz once decompressed (stops gzip bombs)', parseSize)
    .addHelpText(
      'after',
      '\nDefaults: --max-document-size 10MB, --max-decompressed-size 1GB.\n\nExamples:\n  unspin index archive/ --db news.db\n  unspin index crawl-2026-11.warc.gz --db news.db\n  unspin index /shared/crawl/ --store redis://10.0.0.5:7001 --queue\n  cat docs.jsonl | unspin index - --db news.db\n',
    );
  storeOptions(command, 'the store (created if missing)');
  command.action(action((paths: string[], flags: IndexFlags) => runIndex(paths, flags)));
}
