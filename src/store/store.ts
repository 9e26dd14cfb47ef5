import { accessSync, constants, existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { UnspinError } from '../errors.js';
import type { SpinPair } from '../spin/types.js';
import type { AddOutcome, CorpusStats, CorpusStore, MeaningNeighbour, MeaningProgress, NumberedDocument, PreparedDocument, TaughtPair } from './corpus-store.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { MEANING_SYNC_SLICE, MeaningIndex, savedMeaningBytes } from './meaning-index.js';

/** Where commands keep their store unless told otherwise (`--db`). */
export const DEFAULT_DB = 'unspin.db';

// Marks an SQLite file as ours ("UNSP"), so that another program's database is never mistaken for a store.
const APPLICATION_ID = 0x554e5350;
// A second process waits this long for a lock instead of failing at once.
const BUSY_TIMEOUT_MS = 10_000;
const SCHEMA_RETRY_MS = 50;

export interface StoreOptions {
  /** Open an existing store without writing to it; a missing file is an error instead of a new store. */
  readonly readonly?: boolean;
  /** A missing file is an error instead of a new store (implied by readonly). */
  readonly existing?: boolean;
}

/** Turns SQLite's failures into one-line user errors naming the file; anything else stays an internal error. */
function storeError(path: string, error: unknown): unknown {
  if (error instanceof UnspinError || !(error instanceof Database.SqliteError)) return error;
  switch (error.code) {
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return new UnspinError('E_BAD_FORMAT', `${path} is not an Unspin store (not an SQLite database, or a damaged one)`);
    case 'SQLITE_CANTOPEN':
      return new UnspinError('E_FILE_UNREADABLE', `cannot open the store ${path} (is its folder there and writable?)`);
    case 'SQLITE_READONLY':
      return new UnspinError('E_FILE_UNREADABLE', `cannot write to the store ${path}: it is read-only`);
    case 'SQLITE_BUSY':
      return new UnspinError('E_FILE_UNREADABLE', `the store ${path} stayed locked by another process for ${BUSY_TIMEOUT_MS / 1000} s`);
    default:
      return error;
  }
}

function hasTables(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' LIMIT 1").get() !== undefined;
}

/** Checks that the file is a store this build understands and brings its schema up to date. */
function prepareSchema(db: Database.Database, path: string, readonly: boolean): void {
  // The first read of the file: a file that is not SQLite fails here, before anything is written.
  // Read in one transaction, so that another process creating the store cannot commit between the reads.
  const { applicationId, version, fresh } = db.transaction(() => {
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    return { applicationId, version, fresh: applicationId === 0 && version === 0 && !hasTables(db) };
  })();
  if (applicationId !== APPLICATION_ID && !fresh) {
    throw new UnspinError('E_BAD_FORMAT', `${path} is an SQLite database of another program, not an Unspin store`);
  }
  if (version > SCHEMA_VERSION) {
    throw new UnspinError('E_BAD_FORMAT', `${path} was written by a newer Unspin (store schema ${version}; this one reads up to ${SCHEMA_VERSION})`);
  }
  if (readonly) {
    if (version < SCHEMA_VERSION) {
      throw new UnspinError('E_BAD_FORMAT', `${path} has an older store schema (${version}); any command that writes to it upgrades it`);
    }
    return;
  }
  // Large pages hold several 3 KB texts each; they can only be chosen before the first table is made.
  if (fresh) db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  // IMMEDIATE takes the write lock first, so two processes opening a new store migrate it one after the other.
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    for (const script of MIGRATIONS.slice(current)) db.exec(script);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

/**
 * prepareSchema, waiting while another process holds the lock. SQLite's busy timeout does not cover every step:
 * when two processes open a new store at the same moment, switching it to WAL can fail at once with SQLITE_BUSY.
 */
function prepareSchemaWaiting(db: Database.Database, path: string, readonly: boolean): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; ; waited += SCHEMA_RETRY_MS) {
    try {
      prepareSchema(db, path, readonly);
      return;
    } catch (error) {
      const busy = error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY');
      if (!busy || waited >= BUSY_TIMEOUT_MS) throw error;
      Atomics.wait(pause, 0, 0, SCHEMA_RETRY_MS);
    }
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Opens (or, unless readonly or existing, creates) the SQLite store at path. Close it when done. */
export function openStore(path: string, options: StoreOptions = {}): Store {
  const readonly = options.readonly ?? false;
  if ((readonly || options.existing) && !existsSync(path)) throw new UnspinError('E_FILE_NOT_FOUND', `no store at ${path}`);
  let db: Database.Database;
  try {
    // A read-only SQLite connection cannot tidy up the WAL's side files when it closes; query_only keeps a
    // read-write one from writing, so SQLite's own read-only mode is kept for files we may not write.
    db = new Database(path, { readonly: readonly && !writable(path), fileMustExist: readonly, timeout: BUSY_TIMEOUT_MS });
    if (readonly) db.pragma('query_only = ON');
  } catch (error) {
    throw storeError(path, error);
  }
  try {
    prepareSchemaWaiting(db, path, readonly);
    db.pragma('foreign_keys = ON');
    // WAL with synchronous=NORMAL cannot corrupt the store; a power cut may lose the last batches, which a rerun adds.
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
  } catch (error) {
    db.close();
    throw storeError(path, error);
  }
  return new Store(db, path);
}

interface DocumentRow {
  number: number;
  id: string;
  text: string;
  title: string | null;
  author: string | null;
  date: string | null;
  url: string | null;
  words: number;
}

function toDocument(row: DocumentRow | undefined): NumberedDocument | undefined {
  if (!row) return undefined;
  const { number, id, text, words } = row;
  return {
    number,
    id,
    text,
    words,
    ...(row.title !== null ? { title: row.title } : {}),
    ...(row.author !== null ? { author: row.author } : {}),
    ...(row.date !== null ? { date: row.date } : {}),
    ...(row.url !== null ? { url: row.url } : {}),
  };
}

// Keys below 2^50 as 10 base-32 digits (0-9, a-v), two at a time from a table: Number#toString(36) is slow.
const DIGIT_PAIRS = Array.from({ length: 1024 }, (_, i) => (i >> 5).toString(32) + (i & 31).toString(32));

/** A key as the FTS5 index holds it: one token of letters and digits. */
function keyToken(key: number): string {
  const high = Math.floor(key / 2 ** 30);
  const low = key - high * 2 ** 30;
  return (
    (DIGIT_PAIRS[(high >>> 10) & 1023] as string) +
    (DIGIT_PAIRS[high & 1023] as string) +
    (DIGIT_PAIRS[(low >>> 20) & 1023] as string) +
    (DIGIT_PAIRS[(low >>> 10) & 1023] as string) +
    (DIGIT_PAIRS[low & 1023] as string)
  );
}
const keyTokens = (keys: readonly number[]): string => keys.map(keyToken).join(' ');
const DOCUMENT_COLUMNS = 'number, id, text, title, author, date, url, words';

/** Unspin's embedded store: one SQLite file that any number of processes may share. */
export class Store implements CorpusStore {
  private statements: ReturnType<Store['prepareCorpus']> | undefined;
  private meaning: MeaningIndex | undefined;
  /** Documents this process replaced, with the seq of their new vector: the older ones are deleted on close. */
  private readonly replacedVectors = new Map<number, number>();

  constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {}

  get location(): string {
    return this.path;
  }

  private prepareCorpus() {
    const db = this.db;
    return {
      existing: db.prepare('SELECT number, hash, text FROM document WHERE id = ?'),
      insert: db.prepare(
        'INSERT INTO document (id, hash, text, title, author, date, url, words, keys, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
      ),
      update: db.prepare(
        'UPDATE document SET hash = ?, text = ?, title = ?, author = ?, date = ?, url = ?, words = ?, keys = ?, added = ? WHERE number = ?',
      ),
      post: db.prepare('INSERT INTO posting (rowid, keys) VALUES (?, ?)'),
      unpost: db.prepare("INSERT INTO posting (posting, rowid, keys) VALUES ('delete', ?, ?)"),
      hash: db.prepare('SELECT hash FROM document WHERE id = ?').pluck(),
      byId: db.prepare(`SELECT ${DOCUMENT_COLUMNS} FROM document WHERE id = ?`),
      byNumber: db.prepare(`SELECT ${DOCUMENT_COLUMNS} FROM document WHERE number = ?`),
      postings: db.prepare('SELECT rowid FROM posting WHERE posting MATCH ? LIMIT ?').pluck(),
      meaning: db.prepare('INSERT INTO meaning (number, vector) VALUES (?, ?)'),
      meaningSince: db.prepare('SELECT seq, number, vector FROM meaning WHERE seq > ? ORDER BY seq LIMIT ?'),
      meaningCount: db.prepare('SELECT count(*) FROM meaning WHERE seq > ?').pluck(),
    };
  }

  private get sql(): ReturnType<Store['prepareCorpus']> {
    this.statements ??= this.guard(() => this.prepareCorpus());
    return this.statements;
  }

  async addDocuments(batch: readonly PreparedDocument[], keysOf: (text: string) => readonly number[]): Promise<AddOutcome[]> {
    const sql = this.sql;
    const added = new Date().toISOString();
    const add = this.db.transaction(() => {
      // Postings are written last; a document read twice in the batch keeps only its last keys.
      const pending = new Map<number, PreparedDocument>();
      const storedBefore = new Set<number>();
      const outcomes = batch.map((prepared): AddOutcome => {
        const { document: d, hash, words, keys } = prepared;
        const fields = [hash, d.text, d.title ?? null, d.author ?? null, d.date ?? null, d.url ?? null, words, keys.length, added];
        // New ids, the common case, take one statement; a known id is looked at first.
        const inserted = sql.insert.run(d.id, ...fields);
        if (inserted.changes === 1) {
          pending.set(Number(inserted.lastInsertRowid), prepared);
          return 'indexed';
        }
        const old = sql.existing.get(d.id) as { number: number; hash: Buffer; text: string };
        if (Buffer.compare(old.hash, hash) === 0) return 'unchanged';
        if (!pending.has(old.number)) {
          sql.unpost.run(old.number, keyTokens(keysOf(old.text)));
          storedBefore.add(old.number);
        }
        sql.update.run(...fields, old.number);
        pending.set(old.number, prepared);
        return 'replaced';
      });
      const replaced = new Map<number, number>();
      for (const [number, { keys, meaning }] of pending) {
        sql.post.run(number, keyTokens(keys));
        if (!meaning) continue;
        const written = sql.meaning.run(number, Buffer.from(meaning.buffer, meaning.byteOffset, meaning.byteLength));
        if (storedBefore.has(number)) replaced.set(number, Number(written.lastInsertRowid));
      }
      return { outcomes, replaced };
    });
    const { outcomes, replaced } = this.guard(() => add.immediate());
    for (const [number, seq] of replaced) this.replacedVectors.set(number, seq);
    return outcomes;
  }

  async document(id: string): Promise<NumberedDocument | undefined> {
    return this.guard(() => toDocument(this.sql.byId.get(id) as DocumentRow | undefined));
  }

  async contentHashes(ids: readonly string[]): Promise<(Uint8Array | undefined)[]> {
    return this.guard(() => ids.map((id) => this.sql.hash.get(id) as Buffer | undefined));
  }

  async documentsByNumber(numbers: readonly number[]): Promise<(NumberedDocument | undefined)[]> {
    return this.guard(() => numbers.map((n) => toDocument(this.sql.byNumber.get(n) as DocumentRow | undefined)));
  }

  async documentNumbers(): Promise<number[]> {
    return this.guard(() => this.db.prepare('SELECT number FROM document ORDER BY number').pluck().all() as number[]);
  }

  async postings(keys: readonly number[], limit: number): Promise<number[][]> {
    return this.guard(() => keys.map((key) => this.sql.postings.all(`"${keyToken(key)}"`, limit) as number[]));
  }

  async nearest(vector: Int8Array, limit: number): Promise<MeaningNeighbour[]> {
    return this.guard(() => this.syncedMeaning().nearest(vector, limit));
  }

  async saveMeaning(onProgress?: MeaningProgress): Promise<void> {
    this.guard(() => this.syncedMeaning(onProgress).save());
  }

  catchUpMeaning(onProgress?: MeaningProgress): Promise<void> {
    return this.saveMeaning(onProgress);
  }

  /** This process's meaning index, with every vector written since it was last synced, read a slice at a time. */
  private syncedMeaning(onProgress?: MeaningProgress): MeaningIndex {
    const meaning = (this.meaning ??= MeaningIndex.beside(this.path));
    const total = onProgress ? (this.sql.meaningCount.get(meaning.seq) as number) : 0;
    if (total > 0) onProgress?.(0, total);
    for (let added = 0; ; ) {
      const rows = this.sql.meaningSince.all(meaning.seq, MEANING_SYNC_SLICE) as { seq: number; number: number; vector: Buffer }[];
      meaning.apply(rows.map((r) => ({ seq: r.seq, number: r.number, vector: new Int8Array(r.vector.buffer, r.vector.byteOffset, r.vector.byteLength) })));
      added += rows.length;
      if (rows.length > 0) onProgress?.(Math.min(added, total), total);
      if (rows.length < MEANING_SYNC_SLICE) return meaning;
    }
  }

  async documentCount(): Promise<number> {
    return this.guard(() => this.db.prepare('SELECT count(*) FROM document').pluck().get() as number);
  }

  async corpusStats(): Promise<CorpusStats> {
    return this.guard(() => {
      // One pass over the documents for every count.
      const docs = this.db
        .prepare(
          'SELECT count(*) AS n, coalesce(sum(words), 0) AS words, coalesce(sum(length(CAST(text AS BLOB))), 0) AS bytes, coalesce(sum(keys), 0) AS keys FROM document',
        )
        .get() as { n: number; words: number; bytes: number; keys: number };
      const size = (file: string): number => (existsSync(file) ? statSync(file).size : 0);
      const storeBytes = size(this.path) + size(`${this.path}-wal`) + savedMeaningBytes(this.path);
      return {
        documents: docs.n,
        words: docs.words,
        textBytes: docs.bytes,
        postings: docs.keys,
        storeBytes,
        spinPairs: this.db.prepare('SELECT count(*) FROM spin_pair WHERE count > 0').pluck().get() as number,
        indexBytesPerDocument: docs.n > 0 ? Math.round(Math.max(0, storeBytes - docs.bytes) / docs.n) : 0,
      };
    });
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw storeError(this.path, error);
    }
  }

  /**
   * Records that a document taught these spin pairs. A pair's count is the number of distinct documents that taught
   * it, so recording the same document again changes nothing. Returns how many pairs the document newly taught.
   */
  async learnSpinPairs(pairs: readonly TaughtPair[], documentId: string): Promise<number> {
    if (documentId.trim() === '') throw new UnspinError('E_BAD_ARGUMENT', 'a spin pair needs the id of the document that taught it');
    return this.guard(() => {
      const insertPair = this.db.prepare('INSERT INTO spin_pair (tortured, expected) VALUES (?, ?) ON CONFLICT DO NOTHING');
      const pairId = this.db.prepare('SELECT id FROM spin_pair WHERE tortured = ? AND expected = ?').pluck();
      const insertSource = this.db.prepare('INSERT OR IGNORE INTO spin_pair_source (pair_id, document, first_seen) VALUES (?, ?, ?)');
      const countSource = this.db.prepare('UPDATE spin_pair SET count = count + 1 WHERE id = ?');
      const seen = new Date().toISOString();
      const learn = this.db.transaction(() => {
        let taught = 0;
        for (const pair of pairs) {
          const tortured = pair.tortured.trim();
          const expected = pair.expected.trim();
          if (tortured === '' || expected === '' || tortured === expected) continue;
          insertPair.run(tortured, expected);
          const id = pairId.get(tortured, expected) as number;
          if (insertSource.run(id, documentId, seen).changes === 0) continue;
          countSource.run(id);
          taught++;
        }
        return taught;
      });
      return learn.immediate();
    });
  }

  async spinPairs(): Promise<SpinPair[]> {
    return this.guard(
      () =>
        this.db
          .prepare('SELECT tortured, expected, count FROM spin_pair WHERE count > 0 ORDER BY count DESC, tortured, expected')
          .all() as SpinPair[],
    );
  }

  async spinPairSources(tortured: string, expected: string): Promise<string[]> {
    return this.guard(
      () =>
        this.db
          .prepare(
            `SELECT s.document FROM spin_pair_source s JOIN spin_pair p ON p.id = s.pair_id
             WHERE p.tortured = ? AND p.expected = ? ORDER BY s.first_seen, s.document`,
          )
          .pluck()
          .all(tortured, expected) as string[],
    );
  }

  async close(): Promise<void> {
    this.meaning?.save();
    this.guard(() => this.deleteReplacedVectors());
    this.db.close();
  }

  /**
   * Deletes the vectors that documents this process replaced held before, in one pass over the table (it has no index
   * by number, which would cost 14 bytes a document). Another process's index is not disturbed: it applied the old
   * vector already or never will, and applies the new one after it either way. A process that dies first leaves them,
   * which costs only their bytes.
   */
  private deleteReplacedVectors(): void {
    if (this.replacedVectors.size === 0) return;
    const db = this.db;
    db.transaction(() => {
      db.exec('CREATE TEMP TABLE replaced_vector (number INTEGER PRIMARY KEY, seq INTEGER NOT NULL)');
      const note = db.prepare('INSERT INTO replaced_vector (number, seq) VALUES (?, ?)');
      for (const [number, seq] of this.replacedVectors) note.run(number, seq);
      db.exec('DELETE FROM meaning WHERE seq < (SELECT r.seq FROM replaced_vector r WHERE r.number = meaning.number); DROP TABLE replaced_vector');
    }).immediate();
    this.replacedVectors.clear();
  }
}
