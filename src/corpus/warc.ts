import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { constants, createGunzip, gunzipSync } from 'node:zlib';
import { AsyncIterReader, LimitReader, WARCParser } from 'warcio';
import type { WARCRecord } from 'warcio';
import type { ReadEvent, SkipReason } from './types.js';

/** A document body found in a WARC record, still to be decoded and (for HTML) extracted. */
export interface WarcBody {
  readonly kind: 'body';
  readonly id: string;
  readonly format: 'html' | 'text';
  readonly bytes: Uint8Array;
  /** WARC-Target-URI. */
  readonly url?: string;
  /** WARC-Date. */
  readonly date?: string;
}


const DOCUMENT_TYPES = new Set(['response', 'resource']);

class TooMuchInput extends Error {}
class OverlongHeaderLine extends Error {}

/** WARC and HTTP header lines are short; a longer one is not a header, and warcio would buffer all of it. */
const MAX_HEADER_LINE = 1024 * 1024;
const NEWLINE = 0x0a;

/** A part of a WARC file from byte `start` (where a record, or its gzip member, begins) to byte `end`. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * The HTML and plain-text `response` and `resource` records of a WARC file (`.warc` or `.warc.gz`), or of a range
 * of it, one at a time: the file is streamed, never held whole, and each record's body is held only up to
 * `cap` bytes. A truncated or malformed record ends that file with a 'bad-record' skip; nothing is thrown.
 */
export async function* readWarc(path: string, source: string, cap: number, maxDecompressed: number, range?: ByteRange): AsyncGenerator<WarcBody | ReadEvent> {
  let total = 0;
  // While warcio parses a record's headers, the current line's length is watched (a gzip bomb of zeros is one line).
  let inHeaders = false;
  let lineLength = 0;
  const gzipped = path.toLowerCase().endsWith('.gz');
  // Bytes of the file (compressed, if it is) read so far, and reported as progress so far.
  const file = createReadStream(path, range ? { start: range.start, end: range.end - 1 } : {});
  let reported = 0;
  function* progress(): Generator<ReadEvent> {
    if (file.bytesRead > reported) yield { kind: 'progress', bytes: file.bytesRead - reported };
    reported = file.bytesRead;
  }
  async function* input(): AsyncGenerator<Uint8Array> {
    const stream = gzipped ? file.pipe(createGunzip()) : file;
    if (gzipped) file.on('error', (error) => stream.destroy(error));
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > maxDecompressed) throw new TooMuchInput();
        const nl = chunk.lastIndexOf(NEWLINE);
        lineLength = nl >= 0 ? chunk.length - nl - 1 : lineLength + chunk.length;
        if (inHeaders && lineLength > MAX_HEADER_LINE) throw new OverlongHeaderLine();
        yield chunk;
      }
    } finally {
      file.destroy();
      if (stream !== file) stream.destroy();
    }
  }

  // Decompressed here (zlib reads gzip members one after another) so that the bytes can be counted.
  const records = new WARCParser(new AsyncIterReader(input(), null))[Symbol.asyncIterator]();
  let number = 0;
  try {
    for (;;) {
      yield* progress();
      number++;
      const at = `${source}#${number}`;
      const bad = (detail: string): ReadEvent => skip(at, 'bad-record', `record ${number}: ${detail}`);
      let record: WARCRecord;
      try {
        inHeaders = true;
        lineLength = 0;
        const next = await records.next();
        inHeaders = false;
        if (next.done) break;
        record = next.value;
      } catch (error) {
        return yield failure(error, at, number, maxDecompressed);
      }
      if (!record.warcHeaders.statusline.startsWith('WARC/')) return yield bad('no WARC/ version line where a record should start');
      const length = record.warcHeaders.headers.get('Content-Length') ?? '';
      if (!/^\d+$/.test(length.trim())) return yield bad(`Content-Length "${length}" is not a number`);

      const raw = record.reader;
      if (raw instanceof LimitReader && raw.limit < 0) return yield bad('HTTP headers run past the end of the record');
      // Every body is read through (only up to the cap kept), so that a truncated one is seen here:
      // warcio itself would loop forever skipping past the end of a file that ends mid-record.
      const kept: Uint8Array[] = [];
      let size = 0;
      try {
        for await (const chunk of raw) {
          size += chunk.length;
          if (size <= cap) kept.push(chunk);
        }
      } catch (error) {
        return yield failure(error, at, number, maxDecompressed);
      }
      if (raw instanceof LimitReader && raw.limit > 0) return yield bad(`truncated: ${raw.limit} bytes of the record missing at the end of the file`);

      if (!DOCUMENT_TYPES.has(record.warcType)) continue; // warcinfo, request, metadata, revisit...
      const contentType = (record.httpHeaders ? record.httpHeaders.headers.get('Content-Type') : record.warcContentType) ?? '';
      const format = formatOf(contentType);
      if (!format) continue; // images, CSS, scripts: not documents
      const url = record.warcTargetURI || undefined;
      const id = url ?? at;
      if (size > cap) {
        yield skip(id, 'too-large', `${size} bytes, over the ${cap}-byte limit per document (record ${number} of ${source})`);
        continue;
      }
      let bytes: Uint8Array = Buffer.concat(kept, size);
      if (record.httpHeaders) {
        // Undo chunked transfer and gzip/deflate/br content encodings, still within the cap.
        const decoded: Uint8Array[] = [];
        let decodedSize = 0;
        try {
          for await (const chunk of record._createDecodingReader([bytes])) {
            decodedSize += chunk.length;
            if (decodedSize > cap) break;
            decoded.push(chunk);
          }
        } catch (error) {
          yield bad(`cannot decode the body: ${(error as Error).message}`);
          continue;
        }
        if (decodedSize > cap) {
          yield skip(id, 'too-large', `over the ${cap}-byte limit per document once decoded (record ${number} of ${source})`);
          continue;
        }
        bytes = Buffer.concat(decoded, decodedSize);
      }
      const date = record.warcDate ?? undefined;
      yield { kind: 'body', id, format, bytes, ...(url ? { url } : {}), ...(date ? { date } : {}) };
    }
  } finally {
    // Early returns leave the input generator suspended: the file is closed here in every case.
    file.destroy();
  }
  if (number === 1) yield skip(source, 'empty', 'no WARC records');
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b, 0x08]);
/** How far past a planned cut a record's start is looked for. */
const LOOK_AHEAD = 4 * 1024 * 1024;

/**
 * Where a WARC file can be cut into ranges of about `size` bytes, each starting where a record starts, so that
 * workers can read the ranges apart. In a `.warc.gz` every record is its own gzip member (the WARC standard's
 * advice, which crawlers follow): a cut goes to the first member after the planned place whose data begins with a
 * WARC version line. In a plain `.warc`, the records are walked by their Content-Length, headers only.
 */
export async function warcRanges(path: string, fileSize: number, size: number): Promise<ByteRange[]> {
  const gzipped = path.toLowerCase().endsWith('.gz');
  const cuts = [0];
  const handle = await open(path, 'r');
  try {
    if (gzipped) {
      for (let planned = size; planned < fileSize; ) {
        const cut = await nextMember(handle, planned, fileSize);
        if (cut === undefined) break;
        cuts.push(cut);
        planned = cut + size;
      }
    } else {
      for (let at = 0, last = 0; at < fileSize; ) {
        const next = await nextRecord(handle, at);
        if (next === undefined) break;
        if (next - last >= size && next < fileSize) {
          cuts.push(next);
          last = next;
        }
        at = next;
      }
    }
  } finally {
    await handle.close();
  }
  return cuts.map((start, i) => ({ start, end: cuts[i + 1] ?? fileSize }));
}

/** The first gzip member at or after `from` whose data is a WARC record, if any within LOOK_AHEAD. */
async function nextMember(handle: Awaited<ReturnType<typeof open>>, from: number, fileSize: number): Promise<number | undefined> {
  const window = Buffer.alloc(Math.min(LOOK_AHEAD, fileSize - from));
  const { bytesRead } = await handle.read(window, 0, window.length, from);
  const bytes = window.subarray(0, bytesRead);
  for (let i = bytes.indexOf(GZIP_MAGIC); i >= 0; i = bytes.indexOf(GZIP_MAGIC, i + 1)) {
    let head: Buffer;
    try {
      // A partial member is enough: the first decompressed bytes say whether a record starts here.
      head = gunzipSync(bytes.subarray(i, i + 64 * 1024), { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      continue;
    }
    if (head.subarray(0, 7).toString('latin1') === 'WARC/1.') return from + i;
  }
  return undefined;
}

/** Where the record after the one starting at `at` starts, from its Content-Length; undefined at the end or on a bad header. */
async function nextRecord(handle: Awaited<ReturnType<typeof open>>, at: number): Promise<number | undefined> {
  const head = Buffer.alloc(64 * 1024);
  const { bytesRead } = await handle.read(head, 0, head.length, at);
  const text = head.subarray(0, bytesRead).toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  const length = /\r\nContent-Length:\s*(\d+)/i.exec(text.slice(0, end))?.[1];
  if (end < 0 || !text.startsWith('WARC/') || length === undefined) return undefined;
  // The header block, its blank line, the content, and the two line ends that close a record.
  return at + end + 4 + Number(length) + 4;
}

function formatOf(contentType: string): 'html' | 'text' | undefined {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'text/plain') return 'text';
  return undefined;
}

function failure(error: unknown, at: string, number: number, maxDecompressed: number): ReadEvent {
  if (error instanceof TooMuchInput) {
    return skip(at, 'too-large', `record ${number}: over ${maxDecompressed} bytes decompressed, the limit per WARC file; the rest of the file is not read`);
  }
  if (error instanceof OverlongHeaderLine) {
    return skip(at, 'bad-record', `record ${number}: a header line longer than ${MAX_HEADER_LINE} bytes, so not a WARC record; the rest of the file is not read`);
  }
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  return skip(at, 'bad-record', `record ${number}: cannot be read (${code ? `${code}: ` : ''}${message}); the rest of the file is not read`);
}

function skip(source: string, reason: SkipReason, detail: string): ReadEvent {
  return { kind: 'skip', skip: { source, reason, detail } };
}
