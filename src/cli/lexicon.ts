import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { UnspinError } from '../errors.js';
import { readSpinLexicon, writeSpinLexicon } from '../spin/lexicon-file.js';
import { openCorpusStore, storeLocation, type StoreChoice } from '../store/open.js';
import { action } from './run.js';
import { storeOptions } from './store-option.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

async function runExport(flags: StoreChoice): Promise<void> {
  // A mistyped path or nothing learned yet: say how a store is made.
  const location = storeLocation(flags);
  if ('db' in location && !existsSync(location.db)) {
    throw new UnspinError('E_FILE_NOT_FOUND', `no store at ${location.db}: \`unspin compare --db\` and \`unspin lexicon import\` create one`);
  }
  const store = await openCorpusStore(flags, { readonly: true });
  try {
    const pairs = await store.spinPairs();
    process.stdout.write(writeSpinLexicon(pairs));
    process.stderr.write(`unspin: exported ${plural(pairs.length, 'spin pair')} from ${store.location}\n`);
  } finally {
    await store.close();
  }
}

async function runImport(files: readonly string[], flags: StoreChoice): Promise<void> {
  // Read every list first, so that a bad file leaves the store untouched.
  const lists = files.map((file) => ({ file, pairs: readSpinLexicon(file) }));
  const store = await openCorpusStore(flags);
  try {
    for (const { file, pairs } of lists) {
      const taught = await store.learnSpinPairs(pairs, `list:${basename(file)}`);
      process.stderr.write(`unspin: ${file}: ${plural(pairs.length, 'row')}, ${plural(taught, 'new pair')} for ${store.location}\n`);
    }
  } finally {
    await store.close();
  }
}

export function registerLexicon(program: Command): void {
  const lexicon = program
    .command('lexicon')
    .summary('the spin lexicon the store has learned: export it, import lists into it')
    .description(
      'The store (an SQLite file, --db, or a Redis Cluster, --store) keeps a spin lexicon: tortured phrases and the wording they replaced, each ' +
        'with the number of documents that taught it. `unspin compare --db` adds the swaps it verifies; ' +
        '`lexicon import` adds known lists; `lexicon export` writes it all as TSV.',
    );
  const exporting = lexicon
    .command('export')
    .description('write the learned spin lexicon to stdout as TSV (columns tortured, expected, count), most taught first')
    .addHelpText('after', '\nExample:\n  unspin lexicon export --db unspin.db > learned.tsv\n');
  storeOptions(exporting, 'the store').action(action((flags: StoreChoice) => runExport(flags)));
  const importing = lexicon
    .command('import')
    .description(
      'add the pairs of tortured-phrase lists to the store: a TSV with columns tortured and expected, or the ' +
        'Problematic Paper Screener\'s CSV export ("Fingerprint - Tortured Phrase", "Expected Text"). Each list counts ' +
        'as one teaching document, list:NAME; importing it again changes nothing.',
    )
    .argument('<file...>', 'list files (TSV or CSV)')
    .addHelpText('after', '\nExample:\n  unspin lexicon import tortured.tsv screener-export.csv --db unspin.db\n');
  storeOptions(importing, 'the store (created if missing)').action(action((files: string[], flags: StoreChoice) => runImport(files, flags)));
}
