import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_SCORE, retrieve, retrieveText } from '../../src/corpus/retrieve.js';
import { fingerprint } from '../../src/fingerprint/fingerprint.js';
import { loadLexicon } from '../../src/lexicon/index.js';
import { openStore, type Store } from '../../src/store/store.js';
import { tempFiles } from '../helpers/cli.js';
import { copiesOf, fillStore, SOURCE, UNRELATED, UNRELATED_QUERY, unrelatedDocuments, type Copies } from '../helpers/corpus-fixtures.js';

describe('retrieve', () => {
  let store: Store;
  let copies: Copies;
  let source: number;

  beforeAll(async () => {
    copies = copiesOf(loadLexicon());
    store = openStore(join(tempFiles({}), 'corpus.db'));
    await fillStore(store, [...unrelatedDocuments().slice(0, 5), { id: 'source', text: SOURCE }, ...unrelatedDocuments().slice(5)]);
    source = (await store.document('source'))?.number as number;
  });
  afterAll(async () => {
    await store.close();
  });

  it('proposes the source of a verbatim copy first, through every channel', async () => {
    const [first] = await retrieve(store, fingerprint(copies.verbatim));
    expect(first).toEqual({ number: source, words: 1, skeleton: 1, terms: expect.closeTo(1, 6), anchors: 1, score: 1, meaning: 0 });
  });

  it('proposes the source of a spun copy through the skeleton channel', async () => {
    const candidates = await retrieve(store, fingerprint(copies.spun));
    expect(candidates[0]?.number).toBe(source);
    expect(candidates[0]?.skeleton).toBeGreaterThan(0.3);
    expect(candidates[0]?.skeleton).toBeGreaterThan(candidates[0]?.words as number);
  });

  it('proposes the source of a paraphrase, through its terms at least', async () => {
    const candidates = await retrieve(store, fingerprint(copies.paraphrase));
    expect(candidates[0]?.number).toBe(source);
    expect(candidates[0]?.terms).toBeGreaterThan(0.2);
  });

  it('proposes the source of a retelling that shares none of its rare words, through the meaning channel', async () => {
    const retelling =
      'Engineers say the ancient masonry crossing on the river must shut to every vehicle for most of a year, since ' +
      'inspections after the winter flooding showed badly damaged spans. Traders worry that holidaymakers will stay away ' +
      'in the warm months, and officials have offered a free minibus and a provisional walkway for people on foot or on bicycles.';
    expect((await retrieve(store, fingerprint(retelling))).map((c) => c.number)).not.toContain(source);
    const [first] = await retrieveText(store, retelling);
    expect(first).toMatchObject({ number: source, score: 0 });
    expect(first?.meaning).toBeGreaterThan(0.5);
  });

  it('proposes the source of a one-sentence extract through its anchors', async () => {
    const sentence = SOURCE.split('. ')[1] as string;
    const candidates = await retrieve(store, fingerprint(`Tag: floods\nBridges in the news\n${sentence}.`));
    expect(candidates[0]?.number).toBe(source);
    expect(candidates[0]?.anchors).toBeGreaterThanOrEqual(0.5);
  });

  it('scores each candidate as the best of its channels, best first, none below the minimum', async () => {
    for (const text of [copies.verbatim, copies.spun, copies.paraphrase, UNRELATED_QUERY, ...UNRELATED]) {
      const candidates = await retrieve(store, fingerprint(text));
      for (const c of candidates) {
        expect(c.score).toBe(Math.max(c.words, c.skeleton, c.terms, c.anchors));
        expect(c.score).toBeGreaterThanOrEqual(MIN_SCORE);
        expect(c.score).toBeLessThanOrEqual(1 + 1e-9);
      }
      const scores = candidates.map((c) => c.score);
      expect(scores).toEqual([...scores].sort((x, y) => y - x));
    }
  });

  it('proposes at most weak candidates for a text on another subject (alignment then rejects them)', async () => {
    for (const c of await retrieve(store, fingerprint(UNRELATED_QUERY))) {
      expect(c.score).toBeLessThan(0.2);
      expect(c.words + c.skeleton).toBe(0);
    }
  });

  it('finds each stored unrelated text as itself, and only it', async () => {
    for (const [i, text] of UNRELATED.entries()) {
      const candidates = await retrieve(store, fingerprint(text));
      expect((await store.documentsByNumber(candidates.map((c) => c.number))).map((d) => d?.id)).toEqual([`unrelated-${i}`]);
    }
  });

  it('honours exclude and limit', async () => {
    expect(await retrieve(store, fingerprint(copies.verbatim), { exclude: (n) => n === source })).toEqual([]);
    const big = openStore(join(tempFiles({}), 'many.db'));
    try {
      await fillStore(big, [0, 1, 2, 3, 4].map((i) => ({ id: `copy-${i}`, text: SOURCE })));
      expect(await retrieve(big, fingerprint(SOURCE))).toHaveLength(5);
      const two = await retrieve(big, fingerprint(SOURCE), { limit: 2 });
      // Ties are broken by document number.
      expect(two.map((c) => c.number)).toEqual((await big.documentNumbers()).slice(0, 2));
    } finally {
      await big.close();
    }
  });

  it('takes candidates tied at the limit in the order of their ids, whatever order they were stored in', async () => {
    const big = openStore(join(tempFiles({}), 'reversed.db'));
    try {
      await fillStore(big, [4, 3, 2, 1, 0].map((i) => ({ id: `copy-${i}`, text: SOURCE })));
      const two = await retrieveText(big, SOURCE, { limit: 2, meaning: false });
      expect((await big.documentsByNumber(two.map((c) => c.number))).map((d) => d?.id)).toEqual(['copy-0', 'copy-1']);
    } finally {
      await big.close();
    }
  });
});
