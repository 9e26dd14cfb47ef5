import { UnspinError } from '../errors.js';
import type { CorpusStore } from './corpus-store.js';
import { DEFAULT_DB, openStore, type StoreOptions } from './store.js';

/** Where a command keeps its corpus: the SQLite file (`--db`), or a Redis Cluster (`--store`, or UNSPIN_STORE). */
export interface StoreChoice {
  readonly db?: string;
  readonly store?: string;
}

/** The environment variable that points every corpus command at a Redis Cluster. */
export const STORE_VARIABLE = 'UNSPIN_STORE';

/** The store a command's flags name: --store, else --db, else UNSPIN_STORE, else the default SQLite file. */
export function storeLocation(choice: StoreChoice): { readonly redis: string } | { readonly db: string } {
  if (choice.store !== undefined && choice.db !== undefined) {
    throw new UnspinError('E_BAD_ARGUMENT', '--db and --store name two stores: give one');
  }
  if (choice.store !== undefined) return { redis: choice.store };
  if (choice.db !== undefined) return { db: choice.db };
  const fromEnvironment = process.env[STORE_VARIABLE];
  return fromEnvironment ? { redis: fromEnvironment } : { db: DEFAULT_DB };
}

/** The flags that name a store again, from its location (for a thread or a worker that opens it itself). */
export function choiceOf(location: string): StoreChoice {
  return location.startsWith('redis://') ? { store: location } : { db: location };
}

/**
 * Opens the store the flags name. A Redis Cluster is reached as it is (the options are for the SQLite file: a
 * cluster is never created by opening it, and a read is never a write there).
 */
export async function openCorpusStore(choice: StoreChoice, options: StoreOptions = {}): Promise<CorpusStore> {
  const location = storeLocation(choice);
  if ('db' in location) return openStore(location.db, options);
  // Loaded only when asked for: the Redis client is not needed by the SQLite commands.
  const { openRedisStore } = await import('./redis-store.js');
  return openRedisStore(location.redis);
}
