import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareDocument } from '../../src/corpus/index-corpus.js';
import type { SourceDocument } from '../../src/corpus/types.js';
import { fingerprint, postingKeys } from '../../src/fingerprint/fingerprint.js';
import { openStore, type Store } from '../../src/store/store.js';
import { tempFiles } from '../helpers/cli.js';
import { SOURCE, UNRELATED } from '../helpers/corpus-fixtures.js';

const keysOf = (text: string): readonly number[] => postingKeys(fingerprint(text));
const prepared = (...documents: SourceDocument[]) => documents.map(prepareDocument);
const newStorePath = (): string => join(tempFiles({}), 'corpus.db');

/** The documents posted under one key (the store looks up many at once). */
async function postingsOf(store: Store, key: number, limit: number): Promise<number[]> {
  return (await store.postings([key], limit))[0] as number[];
}

async function withStore<T>(fn: (store: Store, path: string) => Promise<T>, path = newStorePath()): Promise<T> {
  const store = openStore(path);
  try {
    return await fn(store, path);
  } finally {
    await store.close();
  }
}

const BEES = UNRELATED[0] as string;
const BREAD = UNRELATED[1] as string;
const STARS = UNRELATED[2] as string;

describe('the corpus store', () => {
  it('indexes new documents, leaves the same ones unchanged and replaces changed ones', async () => {
    await withStore(async (store) => {
      expect(await store.addDocuments(prepared({ id: 'a', text: SOURCE }, { id: 'b', text: BEES }), keysOf)).toEqual(['indexed', 'indexed']);
      const a = await store.document('a');
      expect(await store.addDocuments(prepared({ id: 'a', text: SOURCE }, { id: 'c', text: BREAD }), keysOf)).toEqual(['unchanged', 'indexed']);
      expect(await store.addDocuments(prepared({ id: 'a', text: STARS }), keysOf)).toEqual(['replaced']);
      const replaced = await store.document('a');
      expect(replaced?.text).toBe(STARS);
      expect(replaced?.number).toBe(a?.number);
      expect(replaced?.words).toBe(fingerprint(STARS).words);
      // Metadata is part of the content: the same text with a new title is a new version.
      expect(await store.addDocuments(prepared({ id: 'a', text: STARS, title: 'Planets' }), keysOf)).toEqual(['replaced']);
      expect(await store.addDocuments(prepared({ id: 'a', text: STARS, title: 'Planets' }), keysOf)).toEqual(['unchanged']);
      expect(await store.documentCount()).toBe(3);
    });
  });

  it("removes a replaced version's postings and posts the new ones", async () => {
    await withStore(async (store) => {
      await store.addDocuments(prepared({ id: 'a', text: SOURCE }, { id: 'b', text: BEES }), keysOf);
      const number = (await store.document('a'))?.number as number;
      const oldKeys = keysOf(SOURCE);
      for (const key of oldKeys) expect(await postingsOf(store, key, 10)).toContain(number);
      await store.addDocuments(prepared({ id: 'a', text: STARS }), keysOf);
      const newKeys = new Set(keysOf(STARS));
      const gone = oldKeys.filter((k) => !newKeys.has(k));
      expect(gone.length).toBeGreaterThan(20);
      for (const key of gone) expect(await postingsOf(store, key, 10)).not.toContain(number);
      for (const key of newKeys) expect(await postingsOf(store, key, 10)).toContain(number);
      // The other document keeps its postings.
      const b = (await store.document('b'))?.number as number;
      for (const key of keysOf(BEES)) expect(await postingsOf(store, key, 10)).toContain(b);
    });
  });

  // Postings are written at the end of a batch: an id read twice in one batch must keep only its last version's.
  it('leaves no postings of a version replaced within the same batch', async () => {
    await withStore(async (store) => {
      expect(await store.addDocuments(prepared({ id: 'a', text: SOURCE }, { id: 'a', text: BEES }), keysOf)).toEqual(['indexed', 'replaced']);
      const number = (await store.document('a'))?.number as number;
      const now = new Set(keysOf(BEES));
      for (const key of keysOf(SOURCE).filter((k) => !now.has(k))) expect(await postingsOf(store, key, 10)).not.toContain(number);
    });
  });

  it('limits the postings it returns', async () => {
    await withStore(async (store) => {
      await store.addDocuments(prepared(...[0, 1, 2, 3].map((i) => ({ id: `copy-${i}`, text: SOURCE }))), keysOf);
      const key = keysOf(SOURCE)[0] as number;
      expect(await postingsOf(store, key, 10)).toHaveLength(4);
      expect(await postingsOf(store, key, 2)).toHaveLength(2);
      expect(await postingsOf(store, 12345, 10)).toEqual([]);
    });
  });

  it('round-trips metadata, leaving out what a document lacks', async () => {
    await withStore(async (store) => {
      const full = { id: 'https://example.org/bridge', text: SOURCE, title: 'Bridge to close', author: 'A. Reporter', date: '2024-03-04', url: 'https://example.org/bridge' };
      await store.addDocuments(prepared(full, { id: 'bare', text: BEES }), keysOf);
      const stored = await store.document(full.id);
      expect(stored).toEqual({ ...full, number: expect.any(Number), words: fingerprint(SOURCE).words });
      expect((await store.documentsByNumber([stored?.number as number]))[0]).toEqual(stored);
      const bare = await store.document('bare');
      expect(bare).toEqual({ id: 'bare', text: BEES, number: expect.any(Number), words: fingerprint(BEES).words });
      expect(Object.keys(bare ?? {}).sort()).toEqual(['id', 'number', 'text', 'words']);
      expect(await store.document('missing')).toBeUndefined();
      expect((await store.documentsByNumber([9999]))[0]).toBeUndefined();
      expect(await store.documentNumbers()).toEqual([stored?.number, bare?.number]);
    });
  });

  it('counts documents, words, UTF-8 text bytes and postings', async () => {
    await withStore(async (store) => {
      expect(await store.corpusStats()).toMatchObject({ documents: 0, words: 0, textBytes: 0, postings: 0, spinPairs: 0 });
      const texts = [SOURCE, BEES, 'Le café de la gare ferme à Zürich ; les habitués regrettent déjà ses croissants.'];
      await store.addDocuments(prepared(...texts.map((text, i) => ({ id: `d${i}`, text }))), keysOf);
      const stats = await store.corpusStats();
      expect(stats.documents).toBe(3);
      expect(stats.words).toBe(texts.reduce((n, t) => n + fingerprint(t).words, 0));
      expect(stats.textBytes).toBe(texts.reduce((n, t) => n + Buffer.byteLength(t), 0));
      expect(stats.postings).toBe(texts.reduce((n, t) => n + new Set(keysOf(t)).size, 0));
      expect(stats.storeBytes).toBeGreaterThan(0);
      expect(stats.spinPairs).toBe(0);
      expect(await store.documentCount()).toBe(3);
    });
  });

  it('shows its documents to a second connection, open at the same time or later', async () => {
    const path = newStorePath();
    const first = openStore(path);
    try {
      await first.addDocuments(prepared({ id: 'a', text: SOURCE }, { id: 'b', text: BEES }), keysOf);
      await withStore(async (second) => {
        expect(await second.documentCount()).toBe(2);
        expect((await second.document('a'))?.text).toBe(SOURCE);
        expect(await second.addDocuments(prepared({ id: 'a', text: SOURCE }, { id: 'c', text: BREAD }), keysOf)).toEqual(['unchanged', 'indexed']);
      }, path);
      expect(await first.documentCount()).toBe(3);
    } finally {
      await first.close();
    }
    const reader = openStore(path, { readonly: true });
    try {
      expect((await reader.corpusStats()).documents).toBe(3);
      expect(await postingsOf(reader, keysOf(BREAD)[0] as number, 10)).toEqual([(await reader.document('c'))?.number]);
      await expect(reader.addDocuments(prepared({ id: 'd', text: STARS }), keysOf)).rejects.toThrow();
    } finally {
      await reader.close();
    }
  });

  it('looks up many keys and numbers at once, in the order asked', async () => {
    await withStore(async (store) => {
      await store.addDocuments(prepared({ id: 'a', text: SOURCE }, { id: 'b', text: BEES }), keysOf);
      const a = (await store.document('a'))?.number as number;
      const b = (await store.document('b'))?.number as number;
      const [keyA, keyB] = [keysOf(SOURCE).find((k) => !keysOf(BEES).includes(k)) as number, keysOf(BEES).find((k) => !keysOf(SOURCE).includes(k)) as number];
      expect(await store.postings([keyB, 12345, keyA], 10)).toEqual([[b], [], [a]]);
      expect(await store.postings([], 10)).toEqual([]);
      expect((await store.documentsByNumber([b, 9999, a])).map((d) => d?.id)).toEqual(['b', undefined, 'a']);
      const hashes = await store.contentHashes(['b', 'missing', 'a']);
      expect(hashes).toHaveLength(3);
      expect(hashes[0]).toBeInstanceOf(Uint8Array);
      expect(hashes[1]).toBeUndefined();
      expect(Buffer.compare(hashes[2] as Uint8Array, prepareDocument({ id: 'a', text: SOURCE }).hash)).toBe(0);
    });
  });
});
