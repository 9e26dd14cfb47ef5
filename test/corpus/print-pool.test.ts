import { describe, expect, it } from 'vitest';
import { printText } from '../../src/corpus/print.js';
import { loadLexicon } from '../../src/lexicon/index.js';
import { SOURCE, UNRELATED } from '../helpers/corpus-fixtures.js';

// The pool's threads run the compiled worker (dist/, built by `npm test`), as `unspin index` does.
const { PrintPool } = (await import(new URL('../../dist/corpus/print-pool.js', import.meta.url).href)) as typeof import('../../src/corpus/print-pool.js');

describe('the print pool', () => {
  it('fingerprints texts on several threads exactly as one thread does, in order', async () => {
    const texts = [SOURCE, ...UNRELATED, 'One more short text about a bridge.', ''];
    const pool = PrintPool.start(3);
    try {
      const lexicon = loadLexicon();
      expect(await pool.print(texts)).toEqual(texts.map((text) => printText(text, lexicon)));
      expect(await pool.print([])).toEqual([]);
    } finally {
      await pool.close();
    }
  });
});
