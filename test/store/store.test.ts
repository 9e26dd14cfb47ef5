import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { prepareDocument } from '../../src/corpus/index-corpus.js';
import { meaningVector } from '../../src/fingerprint/meaning.js';
import { loadLexicon } from '../../src/lexicon/index.js';
import { writeSpinLexicon } from '../../src/spin/lexicon-file.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/store.js';
import { tempFiles } from '../helpers/cli.js';
import { fillStore, SOURCE, UNRELATED } from '../helpers/corpus-fixtures.js';

const SPUN = [
  { tortured: 'counterfeit consciousness', expected: 'artificial intelligence' },
  { tortured: 'huge information', expected: 'big data' },
];

describe('the store', () => {
  it('learns spin pairs, counting each teaching document once', async () => {
    const path = join(tempFiles({}), 'unspin.db');
    const store = openStore(path);
    try {
      expect(await store.learnSpinPairs(SPUN, 'doc-1')).toBe(2);
      expect(await store.learnSpinPairs(SPUN, 'doc-1')).toBe(0);
      const twice = [{ tortured: 'huge information', expected: 'big data' }, ...SPUN];
      expect(await store.learnSpinPairs(twice, 'doc-2')).toBe(2);
      expect(await store.learnSpinPairs([{ tortured: ' huge information ', expected: 'big data' }], 'doc-3')).toBe(1);
      expect(await store.learnSpinPairs([{ tortured: 'same', expected: 'same' }, { tortured: '', expected: 'x' }], 'doc-4')).toBe(0);
      expect(await store.spinPairs()).toEqual([
        { tortured: 'huge information', expected: 'big data', count: 3 },
        { tortured: 'counterfeit consciousness', expected: 'artificial intelligence', count: 2 },
      ]);
      expect(await store.spinPairSources('huge information', 'big data')).toEqual(['doc-1', 'doc-2', 'doc-3']);
      expect(await store.spinPairSources('no such', 'pair')).toEqual([]);
      await expect(store.learnSpinPairs(SPUN, ' ')).rejects.toThrow(expect.objectContaining({ code: 'E_BAD_ARGUMENT' }));
    } finally {
      await store.close();
    }
  });

  it('keeps its data when reopened, also read-only, and exports it as TSV', async () => {
    const path = join(tempFiles({}), 'unspin.db');
    const first = openStore(path);
    await first.learnSpinPairs(SPUN, 'doc-1');
    await first.close();
    await openStore(path).close();
    const again = openStore(path, { readonly: true });
    try {
      expect(writeSpinLexicon(await again.spinPairs())).toBe(
        'tortured\texpected\tcount\ncounterfeit consciousness\tartificial intelligence\t1\nhuge information\tbig data\t1\n',
      );
      await expect(again.learnSpinPairs(SPUN, 'doc-2')).rejects.toThrow();
    } finally {
      await again.close();
    }
  });

  it('creates nothing when opened read-only', () => {
    const path = join(tempFiles({}), 'missing.db');
    expect(() => openStore(path, { readonly: true })).toThrow(expect.objectContaining({ code: 'E_FILE_NOT_FOUND' }));
  });

  it('refuses a file that is not SQLite, in one line naming it, and leaves it alone', () => {
    const dir = tempFiles({ 'notes.db': 'tortured\texpected\nnot a database at all\n' });
    const path = join(dir, 'notes.db');
    for (const readonly of [false, true]) {
      expect(() => openStore(path, { readonly })).toThrow(expect.objectContaining({ code: 'E_BAD_FORMAT', message: expect.stringMatching(/^\S*notes\.db is not an Unspin store[^\n]*$/) }));
    }
    expect(readFileSync(path, 'utf8')).toBe('tortured\texpected\nnot a database at all\n');
  });

  it("refuses another program's SQLite database without touching it", () => {
    const path = join(tempFiles({}), 'other.db');
    const other = new Database(path);
    other.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')");
    other.close();
    expect(() => openStore(path)).toThrow(expect.objectContaining({ code: 'E_BAD_FORMAT', message: expect.stringContaining('another program') }));
    const check = new Database(path, { readonly: true });
    expect(check.prepare('SELECT body FROM notes').pluck().all()).toEqual(['keep me']);
    expect(check.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all()).toEqual(['notes']);
    check.close();
  });

  it('refuses a store written by a newer version', async () => {
    const path = join(tempFiles({}), 'future.db');
    await openStore(path).close();
    const raw = new Database(path);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openStore(path)).toThrow(/newer Unspin/);
  });

  it("follows a replaced document's meaning in every process, and keeps one vector a document once the writer closes", async () => {
    const path = join(tempFiles({}), 'corpus.db');
    const lexicon = loadLexicon();
    const nearestTo = async (store: ReturnType<typeof openStore>, text: string): Promise<string | undefined> => {
      const [first] = await store.nearest(meaningVector(text, lexicon) as Int8Array, 1);
      return first ? (await store.documentsByNumber([first.number]))[0]?.id : undefined;
    };
    const writer = openStore(path);
    const reader = openStore(path);
    await fillStore(writer, [{ id: 'a', text: SOURCE }, { id: 'b', text: UNRELATED[0] as string }]);
    expect(await nearestTo(reader, SOURCE)).toBe('a');
    await fillStore(writer, [{ id: 'a', text: UNRELATED[1] as string }]);
    expect(await nearestTo(reader, UNRELATED[1] as string)).toBe('a');
    expect(await nearestTo(reader, SOURCE)).not.toBe('a');
    await writer.close();
    await reader.close();
    const raw = new Database(path);
    expect(raw.prepare('SELECT number, count(*) AS n FROM meaning GROUP BY number HAVING n > 1').all()).toEqual([]);
    expect(raw.prepare('SELECT count(*) FROM meaning').pluck().get()).toBe(2);
    raw.close();
  });

  it('reports how many vectors its meaning index has taken while it catches up', async () => {
    const path = join(tempFiles({}), 'corpus.db');
    const writer = openStore(path);
    await fillStore(writer, [{ id: 'a', text: SOURCE }, ...UNRELATED.slice(0, 3).map((text, i) => ({ id: `u${i}`, text }))]);
    const heard: [number, number][] = [];
    await writer.saveMeaning((added, total) => heard.push([added, total]));
    expect(heard).toEqual([[0, 4], [4, 4]]);
    heard.length = 0;
    await writer.saveMeaning((added, total) => heard.push([added, total]));
    expect(heard).toEqual([]);
    await writer.close();
  });

  it('keeps the meaning vectors and their order when it upgrades a store from schema 3', async () => {
    const path = join(tempFiles({}), 'old.db');
    const raw = new Database(path);
    raw.pragma('page_size = 16384');
    for (const script of MIGRATIONS.slice(0, 3)) raw.exec(script);
    raw.pragma(`application_id = ${0x554e5350}`);
    raw.pragma('user_version = 3');
    // As schema 3 left them: a replaced vector took a new seq, and the row of the last seq (5) went with its document.
    const insert = raw.prepare('INSERT INTO meaning (seq, number, vector) VALUES (?, ?, ?)');
    insert.run(2, 7, Buffer.alloc(100, 1));
    insert.run(3, 8, Buffer.alloc(100, 2));
    raw.exec("UPDATE sqlite_sequence SET seq = 5 WHERE name = 'meaning'");
    raw.close();
    const store = openStore(path);
    await store.addDocuments([prepareDocument({ id: 'b', text: UNRELATED[0] as string })], () => []);
    await store.close();
    const upgraded = new Database(path);
    expect(upgraded.prepare('SELECT seq, number, length(vector) AS bytes FROM meaning ORDER BY seq').all()).toEqual([
      { seq: 2, number: 7, bytes: 100 },
      { seq: 3, number: 8, bytes: 100 },
      { seq: 6, number: 1, bytes: 100 },
    ]);
    upgraded.close();
  });
});
