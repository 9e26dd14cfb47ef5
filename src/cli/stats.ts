import type { Command } from 'commander';
import { DEFAULT_DB, openStore } from '../store/store.js';
import { action } from './run.js';

interface StatsFlags {
  readonly db: string;
  readonly json?: boolean;
}

function runStats(flags: StatsFlags): void {
  const store = openStore(flags.db, { readonly: true });
  let stats;
  try {
    stats = store.corpusStats();
  } finally {
    store.close();
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(stats)}\n`);
    return;
  }
  const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
  process.stdout.write(
    [
      `store        ${flags.db}`,
      `documents    ${stats.documents}`,
      `words        ${stats.words}`,
      `text         ${mb(stats.textBytes)}`,
      `postings     ${stats.postings}`,
      `on disk      ${mb(stats.storeBytes)} (${stats.indexBytesPerDocument} bytes a document beyond the text)`,
      `spin pairs   ${stats.spinPairs}`,
    ].join('\n') + '\n',
  );
}

export function registerStats(program: Command): void {
  program
    .command('stats')
    .summary("what the store holds")
    .description(
      'Count what the store holds. --json prints {documents, words, textBytes, postings, storeBytes, spinPairs, ' +
        'indexBytesPerDocument}: storeBytes is the database with its write-ahead log, and indexBytesPerDocument what ' +
        'each document costs beyond its text (fingerprints, metadata, SQLite pages).',
    )
    .option('--db <file>', 'the store', DEFAULT_DB)
    .option('--json', 'print the counts as JSON')
    .action(action((flags: StatsFlags) => runStats(flags)));
}
