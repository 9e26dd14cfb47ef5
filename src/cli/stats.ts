import type { Command } from 'commander';
import { openCorpusStore, type StoreChoice } from '../store/open.js';
import { action } from './run.js';
import { storeOptions } from './store-option.js';

interface StatsFlags extends StoreChoice {
  readonly json?: boolean;
}

async function runStats(flags: StatsFlags): Promise<void> {
  const store = await openCorpusStore(flags, { readonly: true });
  let stats;
  try {
    stats = await store.corpusStats();
  } finally {
    await store.close();
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(stats)}\n`);
    return;
  }
  const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
  process.stdout.write(
    [
      `store        ${store.location}`,
      `documents    ${stats.documents}`,
      `words        ${stats.words}`,
      `text         ${mb(stats.textBytes)}`,
      `postings     ${stats.postings}`,
      `${store.location.startsWith('redis://') ? 'in memory' : 'on disk  '}    ${mb(stats.storeBytes)} (${stats.indexBytesPerDocument} bytes a document beyond the text)`,
      `spin pairs   ${stats.spinPairs}`,
    ].join('\n') + '\n',
  );
}

export function registerStats(program: Command): void {
  const command = program
    .command('stats')
    .summary("what the store holds")
    .description(
      'Count what the store holds. --json prints {documents, words, textBytes, postings, storeBytes, spinPairs, ' +
        'indexBytesPerDocument}: storeBytes is the database with its write-ahead log (in a Redis Cluster: the memory its ' +
        'masters use for data), and indexBytesPerDocument what each document costs beyond its text (fingerprints, ' +
        'metadata, SQLite pages or Redis keys).',
    )
    .option('--json', 'print the counts as JSON');
  storeOptions(command, 'the store');
  command.action(action((flags: StatsFlags) => runStats(flags)));
}
