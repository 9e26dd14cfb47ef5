import { UnspinError } from '../errors.js';
import { buildLexiconCache } from './build.js';
import { parseCache, readCache } from './cache-file.js';
import { lexiconCachePath } from './cache-path.js';
import { CachedLexicon } from './cached-lexicon.js';
import type { Lexicon } from './types.js';

export type { Kinship, Lexicon } from './types.js';
export { lexiconCachePath } from './cache-path.js';

let loaded: { readonly lexicon: Lexicon; readonly memory: SharedArrayBuffer } | undefined;

/** The lexicon, read from its cache; the first run ever builds the cache from the npm data packages. */
export function loadLexicon(): Lexicon {
  loaded ??= openLexicon();
  return loaded.lexicon;
}

/** The loaded lexicon's memory, for other threads to share (`adoptLexicon`) instead of reading a copy each. */
export function lexiconMemory(): SharedArrayBuffer {
  loaded ??= openLexicon();
  return loaded.memory;
}

/** In a worker thread: the lexicon over the memory another thread loaded (`lexiconMemory`). */
export function adoptLexicon(memory: SharedArrayBuffer): void {
  const cache = parseCache(memory);
  if (!cache) throw new UnspinError('E_INTERNAL', 'the shared lexicon memory is not a lexicon cache');
  loaded = { lexicon: new CachedLexicon(cache), memory };
}

function openLexicon(): { lexicon: Lexicon; memory: SharedArrayBuffer } {
  const path = lexiconCachePath();
  let cache = readCache(path);
  if (!cache) {
    process.stderr.write(`unspin: building the lexicon cache once at ${path} (about a minute)...\n`);
    try {
      buildLexiconCache(path);
    } catch (error) {
      if (error instanceof UnspinError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      const hint = 'set UNSPIN_CACHE_DIR to a writable folder';
      throw new UnspinError('E_INTERNAL', `cannot build the lexicon cache at ${path} (${reason}); ${hint}`, { cause: error });
    }
    cache = readCache(path);
    if (!cache) throw new UnspinError('E_INTERNAL', `the lexicon cache at ${path} cannot be read back`);
  }
  return { lexicon: new CachedLexicon(cache), memory: cache.memory };
}
