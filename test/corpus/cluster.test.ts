import { describe, expect, it } from 'vitest';
import { formClusters, type PairVerdict } from '../../src/corpus/cluster.js';
import type { NumberedDocument } from '../../src/store/corpus-store.js';

const copy = (share = 0.9): PairVerdict => ({ derived: true, relation: 'paraphrase', similarity: share, shared: [share, share], lean: 0 });
// The first text of the pair (the lower number) holds a short extract of the second.
const extractIn = (): PairVerdict => ({ derived: true, relation: 'partial', similarity: 0.5, shared: [0.2, 0.8], lean: 0 });
const apart: PairVerdict = { derived: false, relation: 'related', similarity: 0.1, shared: [0.1, 0.1], lean: 0 };

const names = ['', 'story-x', 'x-copy', 'story-y', 'y-copy', 'hub'];
const documents = new Map<number, NumberedDocument>(names.map((id, n) => [n, { number: n, id, text: '', words: 0 }]));

/** Clusters from the pairs the scan compared, and the verdicts of any pair compared later (the rest not derived). */
async function cluster(scanned: Record<string, PairVerdict>, later: Record<string, PairVerdict> = {}, mayBeOriginal?: (n: number) => boolean) {
  const derived = new Map(Object.entries(scanned).filter(([, v]) => v.derived));
  const compared: string[] = [];
  const clusters = await formClusters(derived, {
    documents,
    verdict: async (a, b) => {
      const k = `${a}:${b}`;
      if (k in scanned) return scanned[k];
      compared.push(k);
      const v = later[k] ?? apart;
      if (v.derived) derived.set(k, v);
      return v;
    },
    ...(mayBeOriginal ? { mayBeOriginal } : {}),
  });
  return { clusters, compared };
}

describe('clusters', async () => {
  it('never makes two stories one through a page that carries snippets of both', async () => {
    // The hub (5) holds an extract of x-copy (2) and one of story-y (3): two weak edges between two stories.
    const { clusters } = await cluster({ '1:2': copy(), '3:4': copy(), '2:5': extractIn(), '3:5': extractIn() }, { '1:5': extractIn() });
    const groups = clusters.map((c) => [c.original, ...c.members.map((m) => m.id)].sort());
    expect(groups).toHaveLength(2);
    expect(groups.some((g) => g.includes('story-x') && g.includes('story-y'))).toBe(false);
    expect(groups.flat().filter((id) => id === 'hub')).toHaveLength(1);
  });

  it('verifies every member against the original, and keeps the path the scan first reached it by', async () => {
    // x-copy is an extract of story-x, and the hub quotes a bit of x-copy. The scan compared the hub with x-copy
    // only: the hub and story-x are compared when clustering.
    const extract: PairVerdict = { derived: true, relation: 'partial', similarity: 0.6, shared: [0.4, 0.95], lean: 0 };
    const quoted: PairVerdict = { derived: true, relation: 'partial', similarity: 0.35, shared: [0.5, 0.2], lean: 0 };
    const { clusters, compared } = await cluster({ '1:2': extract, '2:5': quoted }, { '1:5': extractIn() });
    expect(compared).toEqual(['1:5']);
    const [c] = clusters;
    expect(c?.original).toBe('story-x');
    expect(c?.members.find((m) => m.id === 'hub')).toMatchObject({ relation: 'partial', path: ['x-copy'] });
    expect(c?.members.find((m) => m.id === 'x-copy')).toMatchObject({ relation: 'partial', path: [] });
  });

  it('leaves out a document that only a copy, not the original, was found close to', async () => {
    const { clusters } = await cluster({ '1:2': copy(0.95), '1:3': copy(0.9), '2:5': copy(0.4) });
    const ids = [clusters[0]?.original, ...(clusters[0]?.members.map((m) => m.id) ?? [])];
    expect(ids).toContain('story-x');
    expect(ids).not.toContain('hub');
  });

  it('does not name as original a page that credits another outlet for its story, unless every candidate does', async () => {
    // x-copy (2) says a little more of story-x (1) than story-x says of it, but it credits a paper for the story.
    const rewrite: PairVerdict = { derived: true, relation: 'paraphrase', similarity: 0.7, shared: [0.75, 0.7], lean: 0 };
    const credited = new Map(documents);
    credited.set(2, { number: 2, id: 'x-copy', text: 'The mayor resigned on Friday, according to the Springfield Herald.', words: 10 });
    const verdict = async (a: number, b: number) => (a === 1 && b === 2 ? rewrite : apart);
    const derived = new Map([['1:2', rewrite]]);
    expect((await formClusters(derived, { documents, verdict }))[0]?.original).toBe('x-copy');
    expect((await formClusters(derived, { documents: credited, verdict }))[0]?.original).toBe('story-x');
    credited.set(1, { number: 1, id: 'story-x', text: 'The mayor quit, reports the Springfield Herald.', words: 7 });
    expect((await formClusters(derived, { documents: credited, verdict }))[0]?.original).toBe('x-copy');
  });

  it('takes the original from the reference set when one is given', async () => {
    const { clusters } = await cluster({ '1:2': copy(0.95), '2:3': copy(0.9) }, { '1:3': apart }, (n) => n === 2);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]?.original).toBe('x-copy');
  });
});
