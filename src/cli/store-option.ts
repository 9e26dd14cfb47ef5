import type { Command } from 'commander';
import { STORE_VARIABLE } from '../store/open.js';
import { DEFAULT_DB } from '../store/store.js';

/** --db and --store, the two ways a corpus command names its store. */
export function storeOptions(command: Command, db: string): Command {
  return command
    .option('--db <file>', `${db} (SQLite; default ${DEFAULT_DB})`)
    .option('--store <address>', `a Redis Cluster to use instead: redis://host:port[,host:port…] (or set ${STORE_VARIABLE})`);
}
