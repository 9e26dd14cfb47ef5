import { accessSync, constants, existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { UnspinError } from '../errors.js';
import type { SpinPair } from '../spin/types.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

/** Where commands keep their store unless told otherwise (`--db`). */
export const DEFAULT_DB = 'unspin.db';

// Marks an SQLite file as ours ("UNSP"), so that another program's database is never mistaken for a store.
const APPLICATION_ID = 0x554e5350;
// A second process waits this long for a lock instead of failing at once.
const BUSY_TIMEOUT_MS = 10_000;

export interface StoreOptions {
  /** Open an existing store without writing to it; a missing file is an error instead of a new store. */
  readonly readonly?: boolean;
}

/** A spinner's phrase and the wording it replaced, as alignment or a list saw them. */
export interface TaughtPair {
  readonly tortured: string;
  readonly expected: string;
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
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const fresh = applicationId === 0 && version === 0 && !hasTables(db);
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
  db.pragma('journal_mode = WAL');
  // IMMEDIATE takes the write lock first, so two processes opening a new store migrate it one after the other.
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    for (const script of MIGRATIONS.slice(current)) db.exec(script);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Opens (or, unless readonly, creates) the SQLite store at path. Close it when done. */
export function openStore(path: string, options: StoreOptions = {}): Store {
  const readonly = options.readonly ?? false;
  if (readonly && !existsSync(path)) throw new UnspinError('E_FILE_NOT_FOUND', `no store at ${path}`);
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
    prepareSchema(db, path, readonly);
    db.pragma('foreign_keys = ON');
  } catch (error) {
    db.close();
    throw storeError(path, error);
  }
  return new Store(db, path);
}

/** Unspin's embedded store: one SQLite file that any number of processes may share. */
export class Store {
  constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {}

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
  learnSpinPairs(pairs: readonly TaughtPair[], documentId: string): number {
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

  /** The learned spin lexicon, the pairs taught by the most documents first. */
  spinPairs(): SpinPair[] {
    return this.guard(
      () =>
        this.db
          .prepare('SELECT tortured, expected, count FROM spin_pair WHERE count > 0 ORDER BY count DESC, tortured, expected')
          .all() as SpinPair[],
    );
  }

  /** The documents that taught a pair, earliest first. */
  spinPairSources(tortured: string, expected: string): string[] {
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

  close(): void {
    this.db.close();
  }
}
