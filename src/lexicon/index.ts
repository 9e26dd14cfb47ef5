import { UnspinError } from '../errors.js';
import { buildLexiconCache } from './build.js';
import { readCache } from './cache-file.js';
import { lexiconCachePath } from './cache-path.js';
import { CachedLexicon } from './cached-lexicon.js';
import type { Lexicon } from './types.js';

export type { Kinship, Lexicon } from './types.js';
export { lexiconCachePath } from './cache-path.js';

let loaded: Lexicon | undefined;

/** The lexicon, read from its cache; the first run ever builds the cache from the npm data packages. */
export function loadLexicon(): Lexicon {
  loaded ??= openLexicon();
  return loaded;
}

function openLexicon(): Lexicon {
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
  return new CachedLexicon(cache);
}
