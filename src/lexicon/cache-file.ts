import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Bump when the layout changes; it is also part of the file name, so old caches are simply ignored. */
export const CACHE_FORMAT_VERSION = 1;

const MAGIC = 'UNSPINLX';
const PREAMBLE_BYTES = 16; // magic, format version, header length
const HEADER_ROOM = 4096; // the JSON header lists offsets that depend on its own length, so give it fixed room
const ALIGN = 8;

/** Bit in termFlags: the term is a WordNet multi-word expression, or one spelled with its words' lemmas. */
export const EXPRESSION_FLAG = 1;

/** Every table in the cache; the file is these arrays back to back. */
export interface LexiconTables {
  termBytes: Uint8Array;
  termStart: Uint32Array;
  termSlots: Int32Array;
  lemmaOf: Int32Array;
  termFlags: Uint8Array;
  vectors: Int8Array;
  vectorScale: Float32Array;
  senseStart: Uint32Array;
  senses: Int32Array;
  memberStart: Uint32Array;
  members: Int32Array;
  nearStart: Uint32Array;
  nearTarget: Int32Array;
  nearWords: Uint16Array;
  hypernymStart: Uint32Array;
  hypernyms: Int32Array;
}

type TableName = keyof LexiconTables;
type TableView<K extends TableName> = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => LexiconTables[K];

/** Each table's element type, in file order. */
const TABLE_TYPES: { [K in TableName]: TableView<K> } = {
  termBytes: Uint8Array,
  termStart: Uint32Array,
  termSlots: Int32Array,
  lemmaOf: Int32Array,
  termFlags: Uint8Array,
  vectors: Int8Array,
  vectorScale: Float32Array,
  senseStart: Uint32Array,
  senses: Int32Array,
  memberStart: Uint32Array,
  members: Int32Array,
  nearStart: Uint32Array,
  nearTarget: Int32Array,
  nearWords: Uint16Array,
  hypernymStart: Uint32Array,
  hypernyms: Int32Array,
};

/** Scalars that describe the tables. */
export interface LexiconMeta {
  /** Terms 0 … rankedCount-1 are the embeddings' words in frequency order. */
  rankedCount: number;
  /** Terms 0 … vectorCount-1 have a vector row. */
  vectorCount: number;
  dimensions: number;
}

export interface LexiconCache {
  meta: LexiconMeta;
  tables: LexiconTables;
}

/** A cache as read: its tables are views over `memory`, which threads can share. */
export interface LoadedCache extends LexiconCache {
  memory: SharedArrayBuffer;
}

interface Header {
  meta: LexiconMeta;
  /** name → [byte offset, element count] */
  sections: Record<string, [number, number]>;
  totalBytes: number;
}

const alignUp = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

export function writeCache(path: string, cache: LexiconCache): void {
  const names = Object.keys(TABLE_TYPES) as TableName[];
  const sections: Header['sections'] = {};
  let offset = PREAMBLE_BYTES + HEADER_ROOM;
  for (const name of names) {
    const table = cache.tables[name];
    sections[name] = [offset, table.length];
    offset = alignUp(offset + table.byteLength);
  }
  const header: Header = { meta: cache.meta, sections, totalBytes: offset };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  if (headerBytes.length > HEADER_ROOM) throw new Error('lexicon cache header overflow');

  const file = Buffer.alloc(offset);
  file.write(MAGIC, 0, 'latin1');
  file.writeUInt32LE(CACHE_FORMAT_VERSION, 8);
  file.writeUInt32LE(headerBytes.length, 12);
  headerBytes.copy(file, PREAMBLE_BYTES);
  for (const name of names) {
    const table = cache.tables[name];
    const [at] = sections[name] as [number, number];
    file.set(new Uint8Array(table.buffer, table.byteOffset, table.byteLength), at);
  }

  mkdirSync(dirname(path), { recursive: true });
  // Write then rename, so a concurrent reader never sees a half-written cache.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, file);
  renameSync(temporary, path);
}

/** The cache at path, or undefined when it is missing, from another format version, or truncated. */
export function readCache(path: string): LoadedCache | undefined {
  let memory: SharedArrayBuffer;
  try {
    const fd = openSync(path, 'r');
    try {
      // Shared memory: engine threads read the same tables rather than a copy each (`parseCache`).
      memory = new SharedArrayBuffer(fstatSync(fd).size);
      const bytes = new Uint8Array(memory);
      for (let at = 0; at < bytes.length; ) {
        const n = readSync(fd, bytes, at, bytes.length - at, at);
        if (n === 0) return undefined;
        at += n;
      }
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  return parseCache(memory);
}

/** The cache in `memory` (the whole file, as `readCache` read it): typed-array views over it, nothing copied. */
export function parseCache(memory: SharedArrayBuffer): LoadedCache | undefined {
  const file = Buffer.from(memory);
  if (file.length < PREAMBLE_BYTES || file.toString('latin1', 0, 8) !== MAGIC) return undefined;
  if (file.readUInt32LE(8) !== CACHE_FORMAT_VERSION) return undefined;
  let header: Header;
  try {
    header = JSON.parse(file.toString('utf8', PREAMBLE_BYTES, PREAMBLE_BYTES + file.readUInt32LE(12))) as Header;
  } catch {
    return undefined;
  }
  if (header.totalBytes !== file.length) return undefined;

  const tables: Partial<Record<TableName, unknown>> = {};
  for (const name of Object.keys(TABLE_TYPES) as TableName[]) {
    const section = header.sections[name];
    if (!section) return undefined;
    tables[name] = new TABLE_TYPES[name](memory, section[0], section[1]);
  }
  return { meta: header.meta, tables: tables as LexiconTables, memory };
}
