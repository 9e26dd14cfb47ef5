import type { Command } from 'commander';
import { readTextFile } from '../corpus/read-text.js';
import { UnspinError } from '../errors.js';
import { loadLexicon } from '../lexicon/index.js';
import { obfuscate } from '../spin/obfuscate.js';
import { action } from './run.js';

interface ObfuscateFlags {
  readonly spin: number;
  readonly paraphrase?: boolean;
  readonly seed: number;
  readonly json?: boolean;
}

/** Parses a flag's value as a number; obfuscate() itself checks the range. */
function numberFlag(flag: string): (value: string) => number {
  return (value) => {
    const n = value.trim() === '' ? Number.NaN : Number(value);
    if (Number.isNaN(n)) throw new UnspinError('E_BAD_ARGUMENT', `${flag} wants a number, not "${value}"`);
    return n;
  };
}

function runObfuscate(file: string, flags: ObfuscateFlags): void {
  const text = readTextFile(file);
  const result = obfuscate(text, { spin: flags.spin, paraphrase: flags.paraphrase === true, seed: flags.seed }, loadLexicon());
  process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : result.text);
}

export function registerObfuscate(program: Command): void {
  program
    .command('obfuscate')
    .summary('make an artificially spun or reworded copy of a text, to test detection (benchmarks, the demo)')
    .description(
      'An artificial obfuscator that exists to test detection, for benchmarks and the demo; it is not a writing tool. ' +
        'In the manner of the PAN plagiarism corpora it swaps words for WordNet synonyms blind to their sense, as real ' +
        'spinners do, and with --paraphrase first rewords the text (splits and merges sentences, moves clauses, swaps ' +
        'neighbouring sentences, drops filler words, contracts "do not"). Prints the copy; with --json also every swap ' +
        'with its character offsets in the copy, the ground truth a benchmark scores a detector against. ' +
        'The same text, options and seed always give the same copy.',
    )
    .argument('<file>', 'text file to obfuscate (UTF-8 plain text), or - for standard input')
    .option('--spin <rate>', 'share of the words that have synonyms to swap, from 0 to 1', numberFlag('--spin'), 0.3)
    .option('--paraphrase', 'also reword: split and merge sentences, move clauses, reorder neighbours, drop fillers, contract')
    .option('--seed <n>', 'picks the random edits; the same seed gives the same copy', numberFlag('--seed'), 1)
    .option('--json', 'print {text, swaps} as JSON: swaps are {start, end, from, to}, offsets into the copy')
    .addHelpText(
      'after',
      '\nExamples:\n  unspin obfuscate article.txt --spin 0.3 > spun.txt\n  unspin obfuscate article.txt --spin 0.1 --paraphrase --seed 7 > reworded.txt\n  unspin obfuscate article.txt --json > spun.json\n',
    )
    .action(action((file: string, flags: ObfuscateFlags) => runObfuscate(file, flags)));
}
