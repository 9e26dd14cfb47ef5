import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { readTextFile } from '../corpus/read-text.js';
import { renderChanges } from '../report/inspection.js';
import { restore } from '../spin/restore.js';
import type { Restoration } from '../spin/types.js';
import { openStore } from '../store/store.js';
import { action } from './run.js';
import { addSpinOptions, collect, inspectionProgress, spinLists, thresholdOf, type SpinFlags } from './spin-options.js';

interface RestoreFlags extends SpinFlags {
  readonly with?: string[];
}

/** Teaches the store the swaps the other copies confirmed by alignment: only those are verified. */
async function learn(db: string, restoration: Restoration, paths: readonly string[]): Promise<void> {
  const verified = restoration.changes
    .filter((c) => c.source === 'copies')
    .map((c) => ({ tortured: c.from.toLowerCase().replace(/\s+/g, ' '), expected: c.to.toLowerCase().replace(/\s+/g, ' ') }));
  const store = openStore(db);
  try {
    const taught = await store.learnSpinPairs(verified, paths.map((p) => resolve(p)).join(' ~ '));
    process.stderr.write(`unspin: ${db}: learned ${verified.length} spun pairs (${taught} new)\n`);
  } finally {
    await store.close();
  }
}


async function runRestore(path: string, flags: RestoreFlags): Promise<void> {
  const text = readTextFile(path);
  const withFiles = flags.with ?? [];
  const others = withFiles.map((file) => readTextFile(file));
  const threshold = thresholdOf(flags);
  // With other copies, a store that does not exist yet is about to be made: it has nothing to teach this run.
  const newStore = flags.db !== undefined && others.length > 0 && !existsSync(flags.db);
  const { lists, learned } = await spinLists(newStore ? { ...flags, db: undefined } : flags);
  const bar = inspectionProgress('inspecting');
  const restoration = restore(text, { lists, learned, others, onProgress: bar.onProgress, ...(threshold !== undefined ? { threshold } : {}) });
  bar.stop();
  if (flags.db !== undefined && others.length > 0) await learn(flags.db, restoration, [path, ...withFiles]);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(restoration, null, 2)}\n`);
    return;
  }
  process.stdout.write(restoration.text.endsWith('\n') ? restoration.text : `${restoration.text}\n`);
  process.stderr.write(renderChanges(restoration));
}

export function registerRestore(program: Command): void {
  const command = program
    .command('restore')
    .summary('put back the most likely original wording of a spun text')
    .description(
      'Print the most likely original of a spun text on stdout (the list of changes goes to stderr). Alone, the ' +
        "findings of `unspin inspect` are applied, except its guesses. With other copies of the same source (--with: other " +
        'spins, paraphrases, scrapes), all copies are aligned and each place where they disagree gets the wording ' +
        'the copies agree on, that does not look spun, and that is the commoner expression. --json gives ' +
        '{text, changes: [{start, end, from, to, confidence, evidence, source}]} with offsets into FILE. With --db ' +
        'and --with, the swaps the other copies confirmed are added to the store\'s spin lexicon.',
    )
    .argument('<file>', 'the spun text (UTF-8 plain text; - for standard input)')
    .option('--with <file>', 'another copy of the same source; repeatable', collect);
  addSpinOptions(command)
    .option('--json', 'print the restored text and its changes as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  unspin restore spun.txt > restored.txt\n  unspin restore spun.txt --with other-copy.txt --with paraphrase.txt --json\n',
    )
    .action(action((path: string, flags: RestoreFlags) => runRestore(path, flags)));
}
