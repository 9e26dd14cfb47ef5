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

function withStore<T>(fn: (store: Store, path: string) => T, path = newStorePath()): T {
  const store = openStore(path);
  try {
    return fn(store, path);
  } finally {
    store.close();
  }
}

const BEES = UNRELATED[0] as string;
const BREAD = UNRELATED[1] as string;
const STARS = UNRELATED[2] as string;

describe('the corpus store', () => {
  it('indexes new documents, leaves the same ones unchanged and replaces changed ones', () => {
    withStore((store) => {
      expect(store.addDocuments(prepared({ id: 'a', text: SOURCE }, { id: 'b', text: BEES }), keysOf)).toEqual(['indexed', 'indexed']);
      const a = store.document('a');
      expect(store.addDocuments(prepared({ id: 'a', text: SOURCE }, { id: 'c', text: BREAD }), keysOf)).toEqual(['unchanged', 'indexed']);
      expect(store.addDocuments(prepared({ id: 'a', text: STARS }), keysOf)).toEqual(['replaced']);
      const replaced = store.document('a');
      expect(replaced?.text).toBe(STARS);
      expect(replaced?.number).toBe(a?.number);
      expect(replaced?.words).toBe(fingerprint(STARS).words);
      // Metadata is part of the content: the same text with a new title is a new version.
      expect(store.addDocuments(prepared({ id: 'a', text: STARS, title: 'Planets' }), keysOf)).toEqual(['replaced']);
      expect(store.addDocuments(prepared({ id: 'a', text: STARS, title: 'Planets' }), keysOf)).toEqual(['unchanged']);
      expect(store.documentCount()).toBe(3);
    });
  });

  it("removes a replaced version's postings and posts the new ones", () => {
    withStore((store) => {
      store.addDocuments(prepared({ id: 'a', text: SOURCE }, { id: 'b', text: BEES }), keysOf);
      const number = store.document('a')?.number as number;
      const oldKeys = keysOf(SOURCE);
      for (const key of oldKeys) expect(store.postings(key, 10)).toContain(number);
      store.addDocuments(prepared({ id: 'a', text: STARS }), keysOf);
      const newKeys = new Set(keysOf(STARS));
      const gone = oldKeys.filter((k) => !newKeys.has(k));
      expect(gone.length).toBeGreaterThan(20);
      for (const key of gone) expect(store.postings(key, 10)).not.toContain(number);
      for (const key of newKeys) expect(store.postings(key, 10)).toContain(number);
      // The other document keeps its postings.
      const b = store.document('b')?.number as number;
      for (const key of keysOf(BEES)) expect(store.postings(key, 10)).toContain(b);
    });
  });

  // Postings are written at the end of a batch: an id read twice in one batch must keep only its last version's.
  it('leaves no postings of a version replaced within the same batch', () => {
    withStore((store) => {
      expect(store.addDocuments(prepared({ id: 'a', text: SOURCE }, { id: 'a', text: BEES }), keysOf)).toEqual(['indexed', 'replaced']);
      const number = store.document('a')?.number as number;
      const now = new Set(keysOf(BEES));
      for (const key of keysOf(SOURCE).filter((k) => !now.has(k))) expect(store.postings(key, 10)).not.toContain(number);
    });
  });

  it('limits the postings it returns', () => {
    withStore((store) => {
      store.addDocuments(prepared(...[0, 1, 2, 3].map((i) => ({ id: `copy-${i}`, text: SOURCE }))), keysOf);
      const key = keysOf(SOURCE)[0] as number;
      expect(store.postings(key, 10)).toHaveLength(4);
      expect(store.postings(key, 2)).toHaveLength(2);
      expect(store.postings(12345, 10)).toEqual([]);
    });
  });

  it('round-trips metadata, leaving out what a document lacks', () => {
    withStore((store) => {
      const full = { id: 'https://example.org/bridge', text: SOURCE, title: 'Bridge to close', author: 'A. Reporter', date: '2024-03-04', url: 'https://example.org/bridge' };
      store.addDocuments(prepared(full, { id: 'bare', text: BEES }), keysOf);
      const stored = store.document(full.id);
      expect(stored).toEqual({ ...full, number: expect.any(Number), words: fingerprint(SOURCE).words });
      expect(store.documentByNumber(stored?.number as number)).toEqual(stored);
      const bare = store.document('bare');
      expect(bare).toEqual({ id: 'bare', text: BEES, number: expect.any(Number), words: fingerprint(BEES).words });
      expect(Object.keys(bare ?? {}).sort()).toEqual(['id', 'number', 'text', 'words']);
      expect(store.document('missing')).toBeUndefined();
      expect(store.documentByNumber(9999)).toBeUndefined();
      expect(store.documentNumbers()).toEqual([stored?.number, bare?.number]);
    });
  });

  it('counts documents, words, UTF-8 text bytes and postings', () => {
    withStore((store) => {
      expect(store.corpusStats()).toMatchObject({ documents: 0, words: 0, textBytes: 0, postings: 0, spinPairs: 0 });
      const texts = [SOURCE, BEES, 'Le café de la gare ferme à Zürich ; les habitués regrettent déjà ses croissants.'];
      store.addDocuments(prepared(...texts.map((text, i) => ({ id: `d${i}`, text }))), keysOf);
      const stats = store.corpusStats();
      expect(stats.documents).toBe(3);
      expect(stats.words).toBe(texts.reduce((n, t) => n + fingerprint(t).words, 0));
      expect(stats.textBytes).toBe(texts.reduce((n, t) => n + Buffer.byteLength(t), 0));
      expect(stats.postings).toBe(texts.reduce((n, t) => n + new Set(keysOf(t)).size, 0));
      expect(stats.storeBytes).toBeGreaterThan(0);
      expect(stats.spinPairs).toBe(0);
      expect(store.documentCount()).toBe(3);
    });
  });

  it('shows its documents to a second connection, open at the same time or later', () => {
    const path = newStorePath();
    const first = openStore(path);
    try {
      first.addDocuments(prepared({ id: 'a', text: SOURCE }, { id: 'b', text: BEES }), keysOf);
      withStore((second) => {
        expect(second.documentCount()).toBe(2);
        expect(second.document('a')?.text).toBe(SOURCE);
        expect(second.addDocuments(prepared({ id: 'a', text: SOURCE }, { id: 'c', text: BREAD }), keysOf)).toEqual(['unchanged', 'indexed']);
      }, path);
      expect(first.documentCount()).toBe(3);
    } finally {
      first.close();
    }
    const reader = openStore(path, { readonly: true });
    try {
      expect(reader.corpusStats().documents).toBe(3);
      expect(reader.postings(keysOf(BREAD)[0] as number, 10)).toEqual([reader.document('c')?.number]);
      expect(() => reader.addDocuments(prepared({ id: 'd', text: STARS }), keysOf)).toThrow();
    } finally {
      reader.close();
    }
  });
});
