import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexCorpus, type IndexProgress } from '../../src/corpus/index-corpus.js';
import type { ReadEvent } from '../../src/corpus/types.js';
import { openStore } from '../../src/store/store.js';
import { tempFiles } from '../helpers/cli.js';
import { SOURCE, UNRELATED } from '../helpers/corpus-fixtures.js';

async function* stream(events: readonly ReadEvent[]): AsyncGenerator<ReadEvent> {
  for (const e of events) yield e;
}

const EVENTS: ReadEvent[] = [
  { kind: 'document', document: { id: 'bridge.txt', text: SOURCE, date: '2024-03-04' } },
  { kind: 'progress', bytes: 1500 },
  { kind: 'skip', skip: { source: 'photo.txt', reason: 'binary', detail: 'looks like a binary file, not text' } },
  { kind: 'progress', bytes: 300 },
  { kind: 'warning', source: 'bees.txt', detail: 'invalid UTF-8: 1 replacement character (U+FFFD) put in' },
  { kind: 'document', document: { id: 'bees.txt', text: `${UNRELATED[0]} \uFFFD` } },
  { kind: 'progress', bytes: 1000 },
  { kind: 'skip', skip: { source: 'feed.jsonl:3', reason: 'bad-json', detail: 'line 3: not JSON' } },
  { kind: 'document', document: { id: 'feed.jsonl:1', text: UNRELATED[1] as string, title: 'Bread' } },
  { kind: 'document', document: { id: 'feed.jsonl:2', text: 'Café déjà vu à Zürich.' } },
  { kind: 'progress', bytes: 2000 },
];
const TEXT_BYTES = EVENTS.reduce((n, e) => n + (e.kind === 'document' ? Buffer.byteLength(e.document.text) : 0), 0);

describe('indexCorpus', () => {
  it('stores the documents and reports counts, skips and warnings', async () => {
    const store = openStore(join(tempFiles({}), 'c.db'));
    try {
      const summary = await indexCorpus(store, stream(EVENTS));
      expect(summary).toEqual({
        indexed: 4,
        unchanged: 0,
        replaced: 0,
        skipped: [
          { source: 'photo.txt', reason: 'binary', detail: 'looks like a binary file, not text' },
          { source: 'feed.jsonl:3', reason: 'bad-json', detail: 'line 3: not JSON' },
        ],
        warnings: [{ source: 'bees.txt', detail: 'invalid UTF-8: 1 replacement character (U+FFFD) put in' }],
        textBytes: TEXT_BYTES,
      });
      expect(await store.documentCount()).toBe(4);
      expect(await store.document('bridge.txt')).toMatchObject({ text: SOURCE, date: '2024-03-04' });
      expect((await store.document('feed.jsonl:1'))?.title).toBe('Bread');
    } finally {
      await store.close();
    }
  });

  it('leaves everything unchanged when the same stream comes again, and replaces a changed document', async () => {
    const store = openStore(join(tempFiles({}), 'c.db'));
    try {
      await indexCorpus(store, stream(EVENTS));
      const postings = (await store.corpusStats()).postings;
      const again = await indexCorpus(store, stream(EVENTS));
      expect(again).toMatchObject({ indexed: 0, unchanged: 4, replaced: 0 });
      expect(again.skipped).toHaveLength(2);
      expect(await store.corpusStats()).toMatchObject({ documents: 4, postings });
      const changed = EVENTS.map((e) => (e.kind === 'document' && e.document.id === 'feed.jsonl:2' ? { ...e, document: { ...e.document, text: 'Café fermé à Zürich.' } } : e));
      expect(await indexCorpus(store, stream(changed))).toMatchObject({ indexed: 0, unchanged: 3, replaced: 1 });
      expect((await store.document('feed.jsonl:2'))?.text).toBe('Café fermé à Zürich.');
    } finally {
      await store.close();
    }
  });

  it('stores the newest version of a document that comes again in the next batch, while the one before is being written', async () => {
    const store = openStore(join(tempFiles({}), 'c.db'));
    const doc = (id: string, text: string): ReadEvent => ({ kind: 'document', document: { id, text } });
    // A batch is 2,000 documents: the first version of the bridge ends one, the second starts the next.
    const fillers = Array.from({ length: 1999 }, (_, i) => doc(`note${i}`, `Note ${i} on the ferry timetable for the ${i % 7}th pier.`));
    try {
      await indexCorpus(store, stream([doc('bridge', SOURCE)]));
      const summary = await indexCorpus(store, stream([...fillers, doc('bridge', UNRELATED[0] as string), doc('bridge', SOURCE)]));
      expect(summary).toMatchObject({ indexed: 1999, unchanged: 0, replaced: 2 });
      expect((await store.document('bridge'))?.text).toBe(SOURCE);
    } finally {
      await store.close();
    }
  });

  it('reports progress for each input and each committed batch', async () => {
    const store = openStore(join(tempFiles({}), 'c.db'));
    const seen: IndexProgress[] = [];
    try {
      await indexCorpus(store, stream(EVENTS), { onProgress: (p) => seen.push(p) });
    } finally {
      await store.close();
    }
    // Four progress events and one batch at the end.
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(seen[0]).toEqual({ documents: 1, inputBytes: 1500, textBytes: Buffer.byteLength(SOURCE) });
    expect(seen.at(-1)).toEqual({ documents: 4, inputBytes: 4800, textBytes: TEXT_BYTES });
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.documents).toBeGreaterThanOrEqual(seen[i - 1]!.documents);
      expect(seen[i]!.inputBytes).toBeGreaterThanOrEqual(seen[i - 1]!.inputBytes);
    }
  });

  it('stores nothing and reports nothing for an empty stream', async () => {
    const store = openStore(join(tempFiles({}), 'c.db'));
    try {
      expect(await indexCorpus(store, stream([]))).toEqual({ indexed: 0, unchanged: 0, replaced: 0, skipped: [], warnings: [], textBytes: 0 });
      expect(await store.documentCount()).toBe(0);
    } finally {
      await store.close();
    }
  });
});
