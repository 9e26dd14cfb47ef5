import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { tempFiles } from '../helpers/cli.js';
import { fillStore, unrelatedDocuments } from '../helpers/corpus-fixtures.js';

// The pool's threads run the compiled worker (dist/, built by `npm test`), as `unspin serve` does.
const { EnginePool } = (await import(new URL('../../dist/server/engine-pool.js', import.meta.url).href)) as typeof import('../../src/server/engine-pool.js');

const savedIndexes = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.usearch'));

describe('the engine threads of the server', () => {
  it("catch up the store's meaning index before they take a task, not at the first search", async () => {
    const dir = tempFiles({});
    const path = join(dir, 'corpus.db');
    const store = openStore(path);
    await fillStore(store, unrelatedDocuments());
    await store.close();
    // A store copied without its saved index: the thread builds it from the stored vectors and saves it.
    for (const f of savedIndexes(dir)) rmSync(join(dir, f));
    const pool = new EnginePool({ store: { db: path }, threads: 1, timeoutMs: 60_000, maxQueued: 4 });
    try {
      await pool.ready;
      // Before any task: only the warm-up can have written the index.
      expect(savedIndexes(dir)).toEqual([expect.stringMatching(/^corpus\.db\.meaning-10-\d+-\d+\.usearch$/)]);
      expect(JSON.parse(await pool.run({ verb: 'inspect', text: 'The council met on Tuesday.' }))).toHaveProperty('spinScore');
    } finally {
      await pool.close();
    }
  }, 60_000);
});
