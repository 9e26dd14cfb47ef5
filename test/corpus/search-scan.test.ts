import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/corpus/scan.js';
import { search } from '../../src/corpus/search.js';
import type { SourceDocument } from '../../src/corpus/types.js';
import { loadLexicon } from '../../src/lexicon/index.js';
import type { Lexicon } from '../../src/lexicon/types.js';
import { openStore, type Store } from '../../src/store/store.js';
import { tempFiles } from '../helpers/cli.js';
import { copiesOf, fillStore, SOURCE, UNRELATED, UNRELATED_QUERY, unrelatedDocuments, unrelatedIds, type Copies } from '../helpers/corpus-fixtures.js';

let lexicon: Lexicon;
let copies: Copies;
const stores: Store[] = [];

beforeAll(() => {
  lexicon = loadLexicon();
  copies = copiesOf(lexicon);
});
afterAll(async () => {
  for (const s of stores) await s.close();
});

async function newStore(documents: readonly SourceDocument[]): Promise<Store> {
  const store = openStore(join(tempFiles({}), 'corpus.db'));
  stores.push(store);
  await fillStore(store, documents);
  return store;
}

describe('search', () => {
  let store: Store;
  beforeAll(async () => {
    store = await newStore([...unrelatedDocuments(), { id: 'source', text: SOURCE }]);
  });

  it.each(['verbatim', 'spun', 'paraphrase'] as const)('finds the source of a %s copy, derived', async (kind) => {
    const result = await search(store, { id: `query-${kind}`, text: copies[kind] }, { lexicon });
    expect(result.query).toBe(`query-${kind}`);
    expect(result.matches.length).toBeGreaterThanOrEqual(1);
    const [best] = result.matches;
    expect(best).toMatchObject({ id: 'source', derived: true });
    expect(best?.similarity).toBeGreaterThan(0.5);
    expect(best?.passages.length).toBeGreaterThan(0);
    expect(result.matches.filter((m) => unrelatedIds.includes(m.id))).toEqual([]);
    if (kind === 'verbatim') expect(best).toMatchObject({ relation: 'duplicate', similarity: 1 });
  });

  it('gives each match the documented shape, with passages inside both texts', async () => {
    const { matches } = await search(store, { id: 'q', text: copies.spun }, { lexicon });
    const m = matches[0];
    expect(Object.keys(m ?? {}).sort()).toEqual(['derived', 'direction', 'id', 'passages', 'relation', 'similarity']);
    expect(['query-from-match', 'match-from-query', 'common-source', 'unknown']).toContain(m?.direction);
    for (const p of m?.passages ?? []) {
      expect(p.a[1]).toBeLessThanOrEqual(copies.spun.length);
      expect(p.b[1]).toBeLessThanOrEqual(SOURCE.length);
      expect(p.a[0]).toBeLessThan(p.a[1]);
    }
  });

  it('finds nothing for a text on another subject', async () => {
    expect(await search(store, { id: 'knitting', text: UNRELATED_QUERY }, { lexicon })).toEqual({ query: 'knitting', matches: [] });
  });

  it('never matches a stored document with itself', async () => {
    expect((await search(store, { id: 'source', text: SOURCE }, { lexicon })).matches).toEqual([]);
    expect((await search(store, { id: 'unrelated-3', text: UNRELATED[3] as string }, { lexicon })).matches).toEqual([]);
  });

  it('keeps to the limit', async () => {
    const many = await newStore([0, 1, 2].map((i) => ({ id: `copy-${i}`, text: SOURCE })));
    expect((await search(many, { id: 'q', text: copies.spun }, { lexicon })).matches).toHaveLength(3);
    expect((await search(many, { id: 'q', text: copies.spun }, { lexicon, limit: 1 })).matches).toHaveLength(1);
  });
});

describe('scan', () => {
  const copyDocuments = (dates: { source?: string; verbatim?: string; spun?: string; paraphrase?: string }): SourceDocument[] =>
    (['spun', 'verbatim', 'paraphrase'] as const).map((kind) => ({ id: kind, text: copies[kind], ...(dates[kind] ? { date: dates[kind] } : {}) }));

  let dated: Store;
  beforeAll(async () => {
    // The copies are indexed before their source: the original is chosen by date, not by order.
    dated = await newStore([
      ...copyDocuments({ verbatim: '2024-03-05', spun: '2024-03-06', paraphrase: '2024-03-07' }),
      ...unrelatedDocuments(true),
      { id: 'source', text: SOURCE, date: '2024-03-04' },
    ]);
  });

  it('puts the source and its copies in one cluster, the earliest as original, and leaves the rest out', async () => {
    const result = await scan(dated, { lexicon });
    expect(result.compared).toBeGreaterThanOrEqual(3);
    expect(result.clusters).toHaveLength(1);
    const [cluster] = result.clusters;
    expect(cluster?.original).toBe('source');
    expect(cluster?.reason).toContain('2024-03-04');
    expect(cluster?.members.map((m) => m.id).sort()).toEqual(['paraphrase', 'spun', 'verbatim']);
    const ids = new Set(['source', 'spun', 'verbatim', 'paraphrase']);
    for (const m of cluster?.members ?? []) {
      for (const between of m.path) expect(ids.has(between) && between !== m.id).toBe(true);
      expect(m.similarity).toBeGreaterThan(0.5);
      expect(m.date).toMatch(/^2024-03-0[5-7]$/);
    }
    expect(cluster?.members.find((m) => m.id === 'verbatim')).toMatchObject({ relation: 'duplicate', similarity: 1 });
  });

  it("teaches the store's spin lexicon the copy's word swaps, each once", async () => {
    const store = await newStore([{ id: 'source', text: SOURCE, date: '2024-03-04' }, ...copyDocuments({ spun: '2024-03-06' }).filter((d) => d.id === 'spun')]);
    const first = await scan(store, { lexicon });
    expect(first.clusters[0]).toMatchObject({ original: 'source', members: [{ id: 'spun' }] });
    expect(first.spinPairsLearned).toBeGreaterThan(0);
    const learned = await store.spinPairs();
    expect(learned).toHaveLength(first.spinPairsLearned);
    for (const pair of learned) {
      expect(copies.spun.toLowerCase()).toContain(pair.tortured);
      expect(SOURCE.toLowerCase()).toContain(pair.expected);
    }
    expect((await scan(store, { lexicon })).spinPairsLearned).toBe(0);
    expect(await store.spinPairs()).toEqual(learned);
  });

  it('takes the earliest dated member as original, whichever it is', async () => {
    const store = await newStore([
      { id: 'source', text: SOURCE, date: '2024-05-01' },
      ...copyDocuments({ verbatim: '2024-04-01', spun: '2024-02-01', paraphrase: '2024-03-01' }),
    ]);
    const [cluster] = (await scan(store, { lexicon })).clusters;
    expect(cluster?.original).toBe('spun');
    expect(cluster?.reason).toContain('2024-02-01');
  });

  it('without dates on every member, names the original from the directions instead', async () => {
    const store = await newStore([{ id: 'source', text: SOURCE, date: '2024-05-01' }, ...copyDocuments({}), ...unrelatedDocuments()]);
    const { clusters } = await scan(store, { lexicon });
    expect(clusters).toHaveLength(1);
    expect(clusters[0]?.reason).not.toMatch(/published first/);
    expect([clusters[0]?.original, ...(clusters[0]?.members.map((m) => m.id) ?? [])].sort()).toEqual(['paraphrase', 'source', 'spun', 'verbatim']);
  });

  it('in reference mode, compares only reference documents with the others', async () => {
    const full = await scan(dated, { lexicon });
    const progress: Array<[number, number]> = [];
    const result = await scan(dated, { lexicon, reference: new Set(['spun']), onProgress: (done, total) => progress.push([done, total]) });
    expect(progress).toEqual([[1, 1]]);
    expect(result.compared).toBeLessThanOrEqual((await dated.documentCount()) - 1);
    expect(result.compared).toBeLessThan(full.compared);
    expect(result.clusters).toHaveLength(1);
    const [cluster] = result.clusters;
    expect([cluster?.original, ...(cluster?.members.map((m) => m.id) ?? [])].sort()).toEqual(['paraphrase', 'source', 'spun', 'verbatim']);
    // The reference document is the original, and every member was verified against it directly.
    expect(cluster?.original).toBe('spun');
    for (const m of cluster?.members ?? []) expect(m.path).toEqual([]);
  });

  it('in reference mode, finds no cluster when the reference has no copies', async () => {
    const result = await scan(dated, { lexicon, reference: new Set(['unrelated-2', 'unrelated-7', 'not-stored']) });
    expect(result.clusters).toEqual([]);
  });

  it('finds no clusters in a corpus of unrelated texts', async () => {
    const store = await newStore(unrelatedDocuments(true));
    const progress: number[] = [];
    const result = await scan(store, { lexicon, onProgress: (done) => progress.push(done) });
    expect(result.clusters).toEqual([]);
    expect(progress).toEqual(UNRELATED.map((_, i) => i + 1));
  });
});
