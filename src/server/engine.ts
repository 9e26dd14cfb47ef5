/**
 * The work the API hands to its engine threads: the CLI's verbs, each a plain task in and text out (JSON, or the
 * HTML report), so that nothing larger than a string crosses between threads.
 */
import { compare, type Document } from '../compare.js';
import { search } from '../corpus/search.js';
import { UnspinError } from '../errors.js';
import type { Lexicon } from '../lexicon/types.js';
import { renderHtml } from '../report/html.js';
import { toJson } from '../report/json.js';
import { inspect } from '../spin/detect.js';
import { restore } from '../spin/restore.js';
import type { SpinPair } from '../spin/types.js';
import type { CorpusStore } from '../store/corpus-store.js';

export type EngineTask =
  | { readonly verb: 'compare'; readonly a: Document; readonly b: Document }
  | { readonly verb: 'report'; readonly a: Document; readonly b: Document }
  | { readonly verb: 'inspect'; readonly text: string; readonly threshold?: number }
  | { readonly verb: 'restore'; readonly text: string; readonly with: readonly string[] }
  | { readonly verb: 'extract'; readonly html: string; readonly url?: string }
  | { readonly verb: 'search'; readonly text: string; readonly limit?: number }
  | { readonly verb: 'matches'; readonly id: string };

export interface EngineContext {
  readonly lexicon: Lexicon;
  /** The store, opened on first use (read-only in an engine thread). */
  readonly store: () => Promise<CorpusStore>;
}

/** How long a thread keeps the store's learned spin lexicon before reading it again (a scan may teach it meanwhile). */
const LEARNED_KEPT_MS = 30_000;
const learned = new WeakMap<CorpusStore, { readonly pairs: readonly SpinPair[]; readonly at: number }>();

/**
 * The store's learned spin lexicon, as `inspect --db` uses it (on texts that read spun); none while there is no store.
 * The same array until it is read again, so that its swap table is built once.
 */
async function learnedLexicon(store: EngineContext['store']): Promise<readonly SpinPair[]> {
  const opened = await store().catch(() => undefined);
  if (!opened) return [];
  const kept = learned.get(opened);
  if (kept && performance.now() - kept.at < LEARNED_KEPT_MS) return kept.pairs;
  const pairs = await opened.spinPairs();
  learned.set(opened, { pairs, at: performance.now() });
  return pairs;
}

/** Runs one task; user mistakes throw UnspinError. */
export async function runTask(task: EngineTask, { lexicon, store }: EngineContext): Promise<string> {
  switch (task.verb) {
    case 'compare':
      return toJson(compare(task.a, task.b, { lexicon }));
    case 'report': {
      const c = compare(task.a, task.b, { lexicon });
      return renderHtml(task.a, task.b, c, { inspections: { a: inspect(task.a.text, { lexicon }), b: inspect(task.b.text, { lexicon }) } });
    }
    case 'inspect':
      return JSON.stringify(
        inspect(task.text, { lexicon, lists: [], learned: await learnedLexicon(store), ...(task.threshold !== undefined ? { threshold: task.threshold } : {}) }),
      );
    case 'restore':
      return JSON.stringify(restore(task.text, { lexicon, lists: [], learned: await learnedLexicon(store), others: task.with }));
    case 'extract': {
      const { extractHtml } = await import('../corpus/html.js');
      const page = extractHtml(task.html, task.url);
      if (!page) throw new UnspinError('E_EMPTY_INPUT', 'body.html has no main text');
      return JSON.stringify(page);
    }
    case 'search':
      return JSON.stringify(await search(await store(), { id: 'query', text: task.text }, { lexicon, ...(task.limit !== undefined ? { limit: task.limit } : {}) }));
    case 'matches': {
      const d = await (await store()).document(task.id);
      if (!d) throw new UnspinError('E_FILE_NOT_FOUND', `no document with id ${JSON.stringify(task.id)}`);
      return JSON.stringify(await search(await store(), d, { lexicon }));
    }
  }
}
