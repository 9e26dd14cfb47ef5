import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { UnspinError } from '../errors.js';
import { readSpinLexicon } from '../spin/lexicon-file.js';
import type { SpinPair } from '../spin/types.js';
import { openStore } from '../store/store.js';
import { progress, type Progress } from './progress.js';

/** Flags that `inspect` and `restore` share. */
export interface SpinFlags {
  readonly lexicon?: string[];
  readonly db?: string;
  readonly threshold?: string;
  readonly json?: boolean;
}

/** Repeatable options: each use adds one value. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function addSpinOptions(command: Command): Command {
  return command
    .option(
      '--lexicon <file>',
      'a known tortured-phrase list to use as well (TSV with columns tortured and expected, or the Problematic Paper ' +
        "Screener's CSV export); repeatable. Its word swaps generalize to phrases it does not list",
      collect,
    )
    .option(
      '--db <file>',
      "also use the spin lexicon this store has learned (see `unspin lexicon`), on a text that reads spun (on ordinary prose a spinner's everyday swaps are the author's own words)",
    )
    .option('--threshold <p>', 'report suspects from this probability (0–1; default: the model\'s, tuned for precision)');
}

/** The pairs of every --lexicon list (`lists`) and of the store's learned lexicon (`learned`), as InspectOptions takes them. */
export async function spinLists(flags: SpinFlags): Promise<{ lists: SpinPair[]; learned: SpinPair[] }> {
  const lists = (flags.lexicon ?? []).flatMap((file) => readSpinLexicon(file));
  if (flags.db === undefined) return { lists, learned: [] };
  if (!existsSync(flags.db)) throw new UnspinError('E_FILE_NOT_FOUND', `no store at ${flags.db}`);
  const store = openStore(flags.db, { readonly: true });
  try {
    return { lists, learned: await store.spinPairs() };
  } finally {
    await store.close();
  }
}

/** Texts with at least this many sentences get a progress bar (on a terminal). */
const LONG_TEXT_SENTENCES = 400;

/** A progress bar for inspecting a long text, started on the first report once the length is known. */
export function inspectionProgress(label: string): { onProgress: (done: number, total: number) => void; stop: () => void } {
  let bar: Progress | undefined;
  let started = false;
  return {
    onProgress: (done, total) => {
      if (!started) {
        started = true;
        if (total >= LONG_TEXT_SENTENCES) bar = progress(label, total);
      }
      bar?.tick();
    },
    stop: () => bar?.stop(),
  };
}

export function thresholdOf(flags: SpinFlags): number | undefined {
  if (flags.threshold === undefined) return undefined;
  const value = Number(flags.threshold);
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new UnspinError('E_BAD_ARGUMENT', `--threshold wants a probability from 0 to 1, not "${flags.threshold}"`);
  }
  return value;
}
