#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerAlign } from './align.js';
import { registerCompare } from './compare.js';
import { registerDemo } from './demo.js';
import { registerIndex } from './index-corpus.js';
import { registerInspect } from './inspect.js';
import { registerLexicon } from './lexicon.js';
import { registerObfuscate } from './obfuscate.js';
import { registerPairs } from './pairs.js';
import { registerRestore } from './restore.js';
import { registerScan } from './scan.js';
import { registerSearch } from './search.js';
import { registerServe } from './serve.js';
import { registerStats } from './stats.js';
import { registerClusterWork } from './cluster-work.js';
import { EXIT_USER, reportError, setDebug } from './run.js';

// A reader that stops early (`unspin search … | head`) closes the pipe: that ends the output, it is no error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command('unspin')
  .description('Find where a text came from, even after it was rewritten (verbatim, spun or paraphrased).')
  .version(pkg.version)
  .option('--debug', 'show stack traces for errors')
  .showSuggestionAfterError()
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(`unspin: ${text.replace(/^error: /, '')}`) })
  .hook('preAction', (cmd) => setDebug(Boolean(cmd.opts()['debug'])));

registerCompare(program);
registerPairs(program);
registerAlign(program);
registerInspect(program);
registerRestore(program);
registerIndex(program);
registerSearch(program);
registerScan(program);
registerStats(program);
registerServe(program);
registerClusterWork(program);
registerDemo(program);
registerLexicon(program);
registerObfuscate(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version exit through here with code 0.
    process.exitCode = error.exitCode === 0 ? 0 : EXIT_USER;
  } else {
    reportError(error);
  }
}
