import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { UnspinError } from '../errors.js';
import { readSpinLexicon, writeSpinLexicon } from '../spin/lexicon-file.js';
import { DEFAULT_DB, openStore } from '../store/store.js';
import { action } from './run.js';

interface StoreFlags {
  readonly db: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function runExport(flags: StoreFlags): void {
  // A mistyped path or nothing learned yet: say how a store is made.
  if (!existsSync(flags.db)) {
    throw new UnspinError('E_FILE_NOT_FOUND', `no store at ${flags.db}: \`unspin compare --db\` and \`unspin lexicon import\` create one`);
  }
  const store = openStore(flags.db, { readonly: true });
  try {
    const pairs = store.spinPairs();
    process.stdout.write(writeSpinLexicon(pairs));
    process.stderr.write(`unspin: exported ${plural(pairs.length, 'spin pair')} from ${flags.db}\n`);
  } finally {
    store.close();
  }
}

function runImport(files: readonly string[], flags: StoreFlags): void {
  // Read every list first, so that a bad file leaves the store untouched.
  const lists = files.map((file) => ({ file, pairs: readSpinLexicon(file) }));
  const store = openStore(flags.db);
  try {
    for (const { file, pairs } of lists) {
      const taught = store.learnSpinPairs(pairs, `list:${basename(file)}`);
      process.stderr.write(`unspin: ${file}: ${plural(pairs.length, 'row')}, ${plural(taught, 'new pair')} for ${flags.db}\n`);
    }
  } finally {
    store.close();
  }
}

export function registerLexicon(program: Command): void {
  const lexicon = program
    .command('lexicon')
    .summary('the spin lexicon the store has learned: export it, import lists into it')
    .description(
      'The store (an SQLite file, --db) keeps a spin lexicon: tortured phrases and the wording they replaced, each ' +
        'with the number of documents that taught it. `unspin compare --db` adds the swaps it verifies; ' +
        '`lexicon import` adds known lists; `lexicon export` writes it all as TSV.',
    );
  lexicon
    .command('export')
    .description('write the learned spin lexicon to stdout as TSV (columns tortured, expected, count), most taught first')
    .option('--db <file>', 'the store', DEFAULT_DB)
    .addHelpText('after', '\nExample:\n  unspin lexicon export --db unspin.db > learned.tsv\n')
    .action(action((flags: StoreFlags) => runExport(flags)));
  lexicon
    .command('import')
    .description(
      'add the pairs of tortured-phrase lists to the store: a TSV with columns tortured and expected, or the ' +
        'Problematic Paper Screener\'s CSV export ("Fingerprint - Tortured Phrase", "Expected Text"). Each list counts ' +
        'as one teaching document, list:NAME; importing it again changes nothing.',
    )
    .argument('<file...>', 'list files (TSV or CSV)')
    .option('--db <file>', 'the store (created if missing)', DEFAULT_DB)
    .addHelpText('after', '\nExample:\n  unspin lexicon import tortured.tsv screener-export.csv --db unspin.db\n')
    .action(action((files: string[], flags: StoreFlags) => runImport(files, flags)));
}
