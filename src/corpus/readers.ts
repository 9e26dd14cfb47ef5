import { createReadStream, Stats } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { isoDate } from './dates.js';
import { looksBinary } from './read-text.js';
import type { ReadEvent, SkipReason, SourceDocument } from './types.js';
import type { ByteRange } from './warc.js';

export interface ReadOptions {
  /** Documents (files, JSONL lines) larger than this are skipped as 'too-large'. Default 10 MB. */
  readonly maxDocumentBytes?: number;
  /** A WARC file (`.warc`, `.warc.gz`) is read no further than this many bytes once decompressed. Default 1 GB. */
  readonly maxDecompressedBytes?: number;
  /** What `-` reads; standard input unless given (tests pass their own bytes). */
  readonly stdin?: AsyncIterable<Uint8Array>;
}

/** The per-document size cap when none is given: 10 MB. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** The cap on the bytes read from one WARC file after gzip decompression, when none is given: 1 GB. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 1024 * 1024 * 1024;

// The HTML and WARC readers load a DOM and warcio, which take a fifth of a second: only when a file needs them.
const htmlReader = () => import('./html.js');
const warcReader = () => import('./warc.js');

const TEXT_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.text']);
const HTML_EXTENSIONS = new Set(['.html', '.htm']);
const JSONL_EXTENSIONS = new Set(['.jsonl', '.ndjson']);
const STDIN = '-';
const STDIN_ID = 'stdin';
const NEWLINE = 0x0a;
const BOM = '\uFEFF';

/**
 * Reads files, folders (recursively, in sorted order) and `-` (standard input) into documents,
 * one at a time. Whatever cannot be read becomes a named skip; nothing is dropped silently.
 */
export async function* readInputs(paths: readonly string[], options: ReadOptions = {}): AsyncGenerator<ReadEvent> {
  const caps: Caps = {
    document: options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES,
    decompressed: options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES,
  };
  const cap = caps.document;
  for (const path of paths) {
    if (path === STDIN) {
      yield* readStdin(options.stdin ?? createReadStream('', { fd: 0 }), cap);
      continue;
    }
    for await (const found of findFiles([path])) {
      if ('kind' in found) yield found;
      else yield* readFileEvents(found.path, found.id, found.size, caps);
    }
  }
}

/** A file to read, with the id its documents take (the path relative to the folder given). */
export interface FoundFile {
  readonly path: string;
  readonly id: string;
  readonly size: number;
}

/** The files of the paths (folders walked recursively, in sorted order), or the skip that says why one cannot be read. */
export async function* findFiles(paths: readonly string[]): AsyncGenerator<FoundFile | ReadEvent> {
  for (const path of paths) {
    const info = await statOrSkip(path);
    if (!(info instanceof Stats)) yield info;
    else if (info.isDirectory()) yield* walkFolder(path);
    else yield { path, id: toId(path), size: info.size };
  }
}

/**
 * A part of the input that one process reads on its own: a whole file, a range of a JSONL file's lines (from byte
 * `start`, where line `line` begins, to byte `end`), or a range of a WARC file's records, so that a distributed index
 * can share out a large file.
 */
export type InputPart =
  | { readonly kind: 'file'; readonly path: string; readonly id: string; readonly size: number }
  | { readonly kind: 'lines'; readonly path: string; readonly id: string; readonly start: number; readonly end: number; readonly line: number }
  | { readonly kind: 'records'; readonly path: string; readonly id: string; readonly start: number; readonly end: number };

/** Reads parts of the input, as readInputs reads whole paths. */
export async function* readParts(parts: readonly InputPart[], options: ReadOptions = {}): AsyncGenerator<ReadEvent> {
  const caps: Caps = {
    document: options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES,
    decompressed: options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES,
  };
  for (const part of parts) {
    if (part.kind === 'file') yield* readFileEvents(part.path, part.id, part.size, caps);
    else if (part.kind === 'records') yield* readWarcEvents(part.path, `${part.id}@${part.start}`, caps, part);
    else if (part.end > part.start) yield* readJsonl(createReadStream(part.path, { start: part.start, end: part.end - 1 }), part.id, caps.document, part.line);
  }
}

/** Whether a file is JSON lines, which a distributed index may split into ranges of lines. */
export function isJsonl(path: string): boolean {
  return JSONL_EXTENSIONS.has(extname(path).toLowerCase());
}

/** One file's events; the readers of long files (JSONL, WARC) report their progress as they go, the rest at the end. */
async function* readFileEvents(path: string, id: string, size: number, caps: Caps): AsyncGenerator<ReadEvent> {
  let reported = 0;
  for await (const event of readOneFile(path, id, size, caps)) {
    if (event.kind === 'progress') reported += event.bytes;
    yield event;
  }
  if (size > reported) yield { kind: 'progress', bytes: size - reported };
}

/** What a path is, or the skip that says why it cannot be read. */
async function statOrSkip(path: string): Promise<Stats | ReadEvent> {
  try {
    return await stat(path);
  } catch (error) {
    return unreadable(path, error);
  }
}

interface Caps {
  readonly document: number;
  readonly decompressed: number;
}

async function* walkFolder(root: string): AsyncGenerator<FoundFile | ReadEvent> {
  const seen = new Set<string>();
  async function* walk(dir: string): AsyncGenerator<FoundFile | ReadEvent> {
    let real: string;
    let names: string[];
    try {
      real = await realpath(dir);
      names = (await readdir(dir)).sort(byCodePoint);
    } catch (error) {
      yield unreadable(dir, error);
      return;
    }
    if (seen.has(real)) return; // a symbolic link back up the tree
    seen.add(real);
    for (const name of names) {
      if (name.startsWith('.')) continue; // .git, .DS_Store and other hidden files are not documents
      const path = join(dir, name);
      const info = await statOrSkip(path);
      if (!(info instanceof Stats)) yield info;
      else if (info.isDirectory()) yield* walk(path);
      else if (info.isFile()) yield { path, id: toId(relative(root, path)), size: info.size };
    }
  }
  yield* walk(root);
}

async function* readOneFile(path: string, id: string, size: number, caps: Caps): AsyncGenerator<ReadEvent> {
  const cap = caps.document;
  if (isWarc(path)) {
    yield* readWarcEvents(path, id, caps);
    return;
  }
  const ext = extname(path).toLowerCase();
  const kind = TEXT_EXTENSIONS.has(ext) ? 'text' : HTML_EXTENSIONS.has(ext) ? 'html' : JSONL_EXTENSIONS.has(ext) ? 'jsonl' : undefined;
  if (!kind) {
    yield skip(id, 'unsupported', `${ext || 'no extension'}: not a .txt, .md, .html, .jsonl or .warc file`);
    return;
  }
  if (kind === 'jsonl') {
    yield* readJsonl(createReadStream(path), id, cap);
    return;
  }
  if (size > cap) {
    yield skip(id, 'too-large', `${size} bytes, over the ${cap}-byte limit per document`);
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    yield unreadable(id, error);
    return;
  }
  yield* wholeDocument(bytes, id, kind);
}

/** The documents of a WARC file, or of a range of its records. */
async function* readWarcEvents(path: string, id: string, caps: Caps, range?: ByteRange): AsyncGenerator<ReadEvent> {
  const { readWarc } = await warcReader();
  for await (const event of readWarc(path, id, caps.document, caps.decompressed, range)) {
    if (event.kind === 'body') yield* wholeDocument(event.bytes, event.id, event.format, { url: event.url, date: event.date });
    else yield event;
  }
}

export function isWarc(path: string): boolean {
  const lower = path.toLowerCase();
  return lower.endsWith('.warc') || lower.endsWith('.warc.gz');
}

/** `warc` is given for a WARC record: its target URI and WARC-Date (a page's own date wins). */
async function* wholeDocument(bytes: Uint8Array, id: string, kind: 'text' | 'html', warc?: { url?: string; date?: string }): AsyncGenerator<ReadEvent> {
  const url = warc?.url;
  const date = isoDate(warc?.date);
  if (bytes.length === 0) return yield skip(id, 'empty', 'the file is empty');
  if (looksBinary(bytes)) return yield skip(id, 'binary', 'looks like a binary file, not text');
  const decoded = decode(bytes);
  if (decoded.warning) yield { kind: 'warning', source: id, detail: decoded.warning };
  if (decoded.text.trim().length === 0) return yield skip(id, 'empty', 'only white space');
  if (kind === 'text') return yield { kind: 'document', document: { id, text: decoded.text, ...(url ? { url } : {}), ...(date ? { date } : {}) } };
  const { extractHtml } = await htmlReader();
  const page = extractHtml(decoded.text, url);
  if (!page) return yield skip(id, 'no-text', 'no main text found in the page');
  yield { kind: 'document', document: { id, ...(url ? { url } : {}), ...(date ? { date } : {}), ...page } };
}

async function* readStdin(input: AsyncIterable<Uint8Array>, cap: number): AsyncGenerator<ReadEvent> {
  const iterator = input[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let first: number | undefined;
  // Look at the first byte that is not white space: `{` means JSONL.
  while (first === undefined) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    first = next.value.find((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0xef && b !== 0xbb && b !== 0xbf);
  }
  async function* rest(): AsyncGenerator<Uint8Array> {
    yield* head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  if (first === 0x7b) {
    yield* readJsonl(rest(), STDIN_ID, cap);
    return;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of rest()) {
    size += chunk.length;
    if (size > cap) return yield skip(STDIN_ID, 'too-large', `over the ${cap}-byte limit per document`);
    chunks.push(chunk);
  }
  yield* wholeDocument(Buffer.concat(chunks), STDIN_ID, 'text');
}

/**
 * One document per line, split on bytes so that only one line is ever held (and no more than
 * the size cap of it). Broken lines are skipped with their line number and reading goes on.
 */
async function* readJsonl(input: AsyncIterable<Uint8Array>, source: string, cap: number, firstLine = 1): AsyncGenerator<ReadEvent> {
  let line = firstLine;
  let parts: Uint8Array[] = [];
  let length = 0;
  let oversized = false;
  let sniffed = false;
  let documents = 0;
  let problems = 0;

  function* finish(): Generator<ReadEvent> {
    const at = `${source}:${line}`;
    if (oversized) {
      problems++;
      yield skip(at, 'too-large', `line ${line}: over ${cap} bytes, the limit per document`);
    } else if (length > 0) {
      const events = [...jsonlLine(Buffer.concat(parts, length), source, line)];
      for (const event of events) {
        if (event.kind === 'document') documents++;
        else if (event.kind === 'skip') problems++;
        yield event;
      }
    }
    parts = [];
    length = 0;
    oversized = false;
    line++;
  }

  try {
    for await (const chunk of input) {
      if (!sniffed) {
        sniffed = true;
        if (looksBinary(chunk)) return yield skip(source, 'binary', 'looks like a binary file, not JSON lines');
      }
      let start = 0;
      for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, start)) {
        take(chunk.subarray(start, nl));
        yield* finish();
        start = nl + 1;
      }
      take(chunk.subarray(start));
      yield { kind: 'progress', bytes: chunk.length };
    }
  } catch (error) {
    return yield unreadable(source, error);
  }
  if (length > 0 || oversized) yield* finish();
  if (documents === 0 && problems === 0) yield skip(source, 'empty', 'no JSON lines');

  function take(bytes: Uint8Array): void {
    if (oversized || bytes.length === 0) return;
    if (length + bytes.length > cap) {
      oversized = true;
      parts = [];
      length = 0;
      return;
    }
    parts.push(bytes);
    length += bytes.length;
  }
}

function* jsonlLine(bytes: Uint8Array, source: string, line: number): Generator<ReadEvent> {
  const at = `${source}:${line}`;
  const decoded = decode(bytes);
  const raw = decoded.text.trim();
  if (raw.length === 0) return; // blank lines separate nothing and lose nothing
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return yield skip(at, 'bad-json', `line ${line}: not JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return yield skip(at, 'bad-json', `line ${line}: not a JSON object`);
  const record = value as Record<string, unknown>;
  const text = record['text'];
  if (typeof text !== 'string') return yield skip(at, 'bad-json', `line ${line}: no "text" string`);
  if (decoded.warning) yield { kind: 'warning', source: at, detail: `line ${line}: ${decoded.warning}` };
  if (text.trim().length === 0) return yield skip(at, 'empty', `line ${line}: "text" is empty`);
  const str = (key: string): string | undefined => {
    const v = record[key];
    return typeof v === 'string' && v.trim().length > 0 ? v.trim() : undefined;
  };
  const rawId = record['id'];
  const url = str('url');
  const id = typeof rawId === 'string' && rawId.length > 0 ? rawId : typeof rawId === 'number' ? String(rawId) : url ?? at;
  const document: { -readonly [K in keyof SourceDocument]: SourceDocument[K] } = { id, text };
  const title = str('title');
  const date = isoDate(str('date'));
  if (title) document.title = title;
  if (str('author')) document.author = str('author');
  if (date) document.date = date;
  if (url) document.url = url;
  yield { kind: 'document', document };
}

/** UTF-8 text (a BOM dropped); invalid bytes become U+FFFD, with a warning saying so. */
function decode(bytes: Uint8Array): { text: string; warning?: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('utf-8').decode(bytes);
    const replaced = text.length - text.replaceAll('\uFFFD', '').length;
    return { text: stripBom(text), warning: `invalid UTF-8: ${replaced} replacement character${replaced === 1 ? '' : 's'} (U+FFFD) put in` };
  }
  return { text: stripBom(text) };
}

function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

function skip(source: string, reason: SkipReason, detail: string): ReadEvent {
  return { kind: 'skip', skip: { source, reason, detail } };
}

function unreadable(source: string, error: unknown): ReadEvent {
  const code = (error as NodeJS.ErrnoException).code;
  return skip(source, 'unreadable', code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${code ?? String(error)}`);
}

function toId(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
