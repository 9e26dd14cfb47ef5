/** A distributed index: the input split into jobs of whole files and ranges of JSONL lines, read by the workers. */
import { createReadStream } from 'node:fs';
import { indexCorpus } from '../corpus/index-corpus.js';
import { findFiles, isJsonl, isWarc, readParts, type InputPart } from '../corpus/readers.js';
import { warcRanges } from '../corpus/warc.js';
import type { IndexSummary, Skip } from '../corpus/types.js';
import { UnspinError } from '../errors.js';
import type { CorpusStore } from '../store/corpus-store.js';
import type { IndexJob } from './queues.js';

/** By default a job holds files up to about this many bytes; and never more than this many files. */
const DEFAULT_JOB_BYTES = 16 * 1024 * 1024;
const JOB_FILES = 500;
const NEWLINE = 0x0a;

/** Where the lines of a JSONL file can be cut into ranges of about `size` bytes, with each range's first line number. */
async function* lineRanges(path: string, id: string, size: number): AsyncGenerator<InputPart> {
  let start = 0;
  let line = 1;
  let offset = 0;
  let lines = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, nl + 1)) {
      lines++;
      const end = offset + nl + 1;
      if (end - start >= size) {
        yield { kind: 'lines', path, id, start, end, line };
        start = end;
        line = lines + 1;
      }
    }
    offset += chunk.length;
  }
  if (offset > start) yield { kind: 'lines', path, id, start, end: offset, line };
}

/**
 * The jobs' parts of the input: files gathered into jobs of about `jobBytes`, and a JSONL or WARC file larger than
 * that cut into ranges of lines or of records. What cannot be read is reported as the local index reports it.
 */
export async function* planIndexJobs(paths: readonly string[], jobBytes = DEFAULT_JOB_BYTES): AsyncGenerator<{ parts: InputPart[]; bytes: number } | Skip> {
  if (paths.includes('-')) throw new UnspinError('E_BAD_ARGUMENT', 'standard input cannot be shared out among workers: write it to a file the workers can read');
  let parts: InputPart[] = [];
  let bytes = 0;
  for await (const found of findFiles(paths)) {
    if ('kind' in found) {
      if (found.kind === 'skip') yield found.skip;
      continue;
    }
    const pieces: InputPart[] = [];
    if (found.size <= jobBytes) pieces.push({ kind: 'file', ...found });
    else if (isJsonl(found.path)) for await (const range of lineRanges(found.path, found.id, jobBytes)) pieces.push(range);
    else if (isWarc(found.path)) for (const range of await warcRanges(found.path, found.size, jobBytes)) pieces.push({ kind: 'records', path: found.path, id: found.id, ...range });
    else pieces.push({ kind: 'file', ...found });
    for (const piece of pieces) {
      parts.push(piece);
      bytes += piece.kind === 'file' ? piece.size : piece.end - piece.start;
      if (bytes >= jobBytes || parts.length >= JOB_FILES) {
        yield { parts, bytes };
        parts = [];
        bytes = 0;
      }
    }
  }
  if (parts.length > 0) yield { parts, bytes };
}

/** What an index job returns: its summary, with the input bytes it read (for rates). */
export type IndexJobResult = Omit<IndexSummary, 'warnings'> & { readonly warnings: number; readonly inputBytes: number };

/** Reads an index job's parts into the store; adding is idempotent, so a job run twice stores nothing twice. */
export async function runIndexJob(store: CorpusStore, job: IndexJob, onProgress: (documents: number) => void): Promise<IndexJobResult> {
  let inputBytes = 0;
  const events = readParts(job.parts, {
    ...(job.maxDocumentBytes ? { maxDocumentBytes: job.maxDocumentBytes } : {}),
    ...(job.maxDecompressedBytes ? { maxDecompressedBytes: job.maxDecompressedBytes } : {}),
  });
  const summary = await indexCorpus(store, events, {
    onProgress: (p) => {
      inputBytes = p.inputBytes;
      onProgress(p.documents);
    },
  });
  return { ...summary, warnings: summary.warnings.length, inputBytes };
}
