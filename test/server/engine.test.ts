import { describe, expect, it, vi } from 'vitest';
import { loadLexicon } from '../../src/lexicon/index.js';
import { runTask } from '../../src/server/engine.js';
import type { CorpusStore } from '../../src/store/corpus-store.js';
import { UnspinError } from '../../src/errors.js';

const lexicon = loadLexicon();
const TEXT = 'The council met on Tuesday and agreed to spend more on schools and roads next year.';

describe('engine tasks: the store\'s learned spin lexicon', () => {
  it('reads the lexicon of the store it serves once, not at every request', async () => {
    const spinPairs = vi.fn(async () => [{ tortured: 'irregular woodland', expected: 'random forest', count: 3 }]);
    const store = { spinPairs } as unknown as CorpusStore;
    const context = { lexicon, store: async () => store };
    for (let i = 0; i < 2; i++) {
      const inspection = JSON.parse(await runTask({ verb: 'inspect', text: TEXT }, context));
      expect(inspection).toMatchObject({ spun: false, findings: [] });
    }
    await runTask({ verb: 'restore', text: TEXT, with: [] }, context);
    expect(spinPairs).toHaveBeenCalledTimes(1);
  });

  it('inspects and restores without a lexicon while there is no store', async () => {
    const context = { lexicon, store: () => Promise.reject(new UnspinError('E_FILE_NOT_FOUND', 'no store')) };
    expect(JSON.parse(await runTask({ verb: 'inspect', text: TEXT }, context))).toHaveProperty('spinScore');
    expect(JSON.parse(await runTask({ verb: 'restore', text: TEXT, with: [] }, context)).text).toBe(TEXT);
  });
});
