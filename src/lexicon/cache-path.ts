import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_FORMAT_VERSION } from './cache-file.js';

/** The folder holding Unspin's package.json: the nearest one above this module, from src/ or dist/ alike. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('unspin: cannot find its package.json');
    dir = parent;
  }
  return dir;
}

/** Where the caches built from npm data live: $UNSPIN_CACHE_DIR, else .cache/ in the package root. */
export function cacheDirectory(): string {
  return process.env['UNSPIN_CACHE_DIR'] || join(packageRoot(), '.cache');
}

/** Where the lexicon cache lives. */
export function lexiconCachePath(): string {
  return join(cacheDirectory(), `lexicon-v${CACHE_FORMAT_VERSION}.bin`);
}
