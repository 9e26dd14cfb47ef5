import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { deflateRawSync } from 'node:zlib';
import { Cluster } from 'ioredis';
import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { prepareDocument } from '../../src/corpus/index-corpus.js';
import type { SourceDocument } from '../../src/corpus/types.js';
import { fingerprint, postingKeys } from '../../src/fingerprint/fingerprint.js';
import { seededRandom } from '../../src/random.js';
import { bucketsFor, idEntry, levelOf, openRedisStore, postingEntry, type RedisStore } from '../../src/store/redis-store.js';
import { isRedisAddress, parseRedisAddress } from '../../src/store/redis-address.js';
import { connectCluster } from '../../src/store/redis-retry.js';
import { startNode, stopNode } from '../../scripts/redis-cluster.js';

const { address, ports, dir } = inject('redisCluster');
const keysOf = (text: string): readonly number[] => postingKeys(fingerprint(text));
const prepared = (...documents: SourceDocument[]) => documents.map(prepareDocument);
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

// Texts written for these tests, on unrelated subjects, each long enough to have fingerprint keys.
const LIGHTHOUSE = [
  'The last keeper of the Gull Point lighthouse retired on Friday after thirty one years of climbing the spiral',
  'stairs every evening to wind the clockwork that turned the great lens. The coastguard replaced the old lamp with',
  'a solar beacon that needs a visit only twice a year, and the cottage at the foot of the tower will become a',
  'small museum about shipwrecks along the northern cape. The keeper said that he would miss the storms most of all,',
  'because on the wildest nights he felt that the whole coast depended on one bright window.',
].join(' ');
const ORCHARD = [
  'Volunteers planted sixty apple and pear trees on the waste ground behind the railway station last weekend,',
  'turning a strip of nettles and broken bricks into the first community orchard in the district. Each tree was',
  'adopted by a family or a school class, who promised to water it through the first dry summer and to share the',
  'fruit with neighbours. A retired gardener taught the children how to stake the young trunks against the wind,',
  'and the parish council agreed to pay for a fence, two benches and a water butt beside the old signal box.',
].join(' ');
const CHESS = [
  'A fourteen year old girl from the harbour school won the county chess championship on Sunday, beating three',
  'former champions in a single afternoon of rapid games. Her coach, a postman who runs the club in the library',
  'basement, said she had studied endgames on the bus every morning for two years. The final game lasted almost',
  'ninety moves and ended when her opponent, short of time, left a rook undefended. She will travel to the national',
  'finals in March, and the club is collecting money so that her younger brother can go with her.',
].join(' ');
const MUSEUM = [
  'The railway museum in the old engine shed reopened after a long restoration with a steam locomotive that had',
  'rusted in a siding for half a century. Engineers and students rebuilt the boiler plate by plate, and a retired',
  'driver showed them how the firebox was fed on the steep climb over the moor. Visitors can now ride a short line',
  'along the canal on summer weekends, and the museum hopes to run a special train at Christmas for the children',
  'of the villages that the branch line once served before it closed in the sixties.',
].join(' ');

// Sentences for made-up documents by the hundred: eight of them, in a seeded order, and a serial.
const SENTENCES = [
  'The ferry to the island was cancelled twice this week because of high winds.',
  'A bakery on the high street has started selling bread made from rye grown on the hills nearby.',
  'Children at the primary school built a weather station from plastic bottles and old umbrellas.',
  'The choir rehearsed in the cold church until the organist arrived with a flask of tea.',
  'Farmers say the late frost damaged most of the cherry blossom in the lower valley.',
  'The library will stay open until nine on Thursdays so that shift workers can borrow books.',
  'A lost tortoise was found sleeping in a flowerpot three streets away from its home.',
  'Cyclists complained that the new lane ends suddenly at the busiest junction in town.',
  'The football club painted its stand in the colours it wore when it was founded a century ago.',
  'An amateur astronomer spotted a comet from her garden shed with a telescope she made herself.',
  'The market moved indoors for the winter, and the fishmongers kept their usual corner by the door.',
  'Builders found a row of medieval coins while digging the foundations for a supermarket.',
  'The swimming pool reopened with a new roof that lets sunlight fall on the water.',
  'Two brothers walked the whole length of the canal towpath to raise money for the hospice.',
  'A brass band played on the pier while the lifeboat crew showed visitors around their boat.',
  'The town clock stopped at a quarter past four and nobody has found the key to its case.',
  'Beekeepers warned that a wet spring has left many hives short of honey for the summer.',
  'The post office will close for a week while its counters are rebuilt for wheelchair users.',
  'A potter opened her studio to visitors and let them try the wheel for an hour each.',
  'Road workers uncovered the old tram rails when they resurfaced the avenue by the park.',
];

function madeUp(count: number, seed: number): SourceDocument[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const picked = Array.from({ length: 8 }, () => SENTENCES[Math.floor(random() * SENTENCES.length)] as string);
    return { id: `made-up-${seed}-${i}`, text: `${picked.join(' ')} This is report number ${i} of series ${seed}.` };
  });
}

/** Flushes every master, so that each test starts from an empty store. */
async function flushCluster(): Promise<Cluster> {
  const admin = new Cluster(parseRedisAddress(address), { lazyConnect: true });
  await connectCluster(admin, address);
  await Promise.all(admin.nodes('master').map((node) => node.flushall()));
  return admin;
}

let admin: Cluster;
const stores: RedisStore[] = [];
async function open(): Promise<RedisStore> {
  const store = await openRedisStore(address);
  stores.push(store);
  return store;
}

beforeEach(async () => {
  admin = await flushCluster();
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await admin.quit();
});

describe('the Redis store', () => {
  it('indexes new documents, leaves the same ones unchanged and replaces changed ones', async () => {
    const store = await open();
    expect(store.location).toBe(address);
    expect(await store.addDocuments(prepared({ id: 'a', text: LIGHTHOUSE }, { id: 'b', text: ORCHARD }), keysOf)).toEqual(['indexed', 'indexed']);
    const a = await store.document('a');
    expect(await store.addDocuments(prepared({ id: 'a', text: LIGHTHOUSE }, { id: 'c', text: CHESS }), keysOf)).toEqual(['unchanged', 'indexed']);
    expect(await store.addDocuments(prepared({ id: 'a', text: MUSEUM }), keysOf)).toEqual(['replaced']);
    const replaced = await store.document('a');
    expect(replaced?.text).toBe(MUSEUM);
    expect(replaced?.number).toBe(a?.number);
    expect(replaced?.words).toBe(fingerprint(MUSEUM).words);
    // Metadata is part of the content: the same text with a new title is a new version.
    expect(await store.addDocuments(prepared({ id: 'a', text: MUSEUM, title: 'Steam' }), keysOf)).toEqual(['replaced']);
    expect(await store.addDocuments(prepared({ id: 'a', text: MUSEUM, title: 'Steam' }), keysOf)).toEqual(['unchanged']);
    expect(await store.documentCount()).toBe(3);
    expect(await store.contentHashes(['a', 'missing'])).toEqual([Buffer.from(prepareDocument({ id: 'a', text: MUSEUM, title: 'Steam' }).hash), undefined]);
    const stats = await store.corpusStats();
    expect(stats).toMatchObject({ documents: 3, words: [MUSEUM, ORCHARD, CHESS].reduce((n, t) => n + fingerprint(t).words, 0) });
    expect(stats.postings).toBe([MUSEUM, ORCHARD, CHESS].reduce((n, t) => n + keysOf(t).length, 0));
    // What a document costs is counted beyond its text as stored, deflated (replaced versions' taken back).
    const shards = await Promise.all(Array.from({ length: 256 }, (_, shard) => admin.hget(`unspin:{d${shard}}:stats`, 'storedBytes')));
    expect(shards.reduce((n, v) => n + Number(v ?? 0), 0)).toBe([MUSEUM, ORCHARD, CHESS].reduce((n, t) => n + deflateRawSync(t).length, 0));
  });

  it('finds documents near in meaning, and another process follows every write, a replaced vector too', async () => {
    const writer = await open();
    const reader = await open();
    await writer.addDocuments(prepared({ id: 'a', text: LIGHTHOUSE }, { id: 'b', text: ORCHARD }), keysOf);
    const [a, b] = [await writer.document('a'), await writer.document('b')];
    const vector = (text: string): Int8Array => prepareDocument({ id: 'q', text }).meaning as Int8Array;
    expect((await reader.nearest(vector(ORCHARD), 1))[0]).toEqual({ number: b?.number, similarity: expect.closeTo(1, 2) });
    await writer.addDocuments(prepared({ id: 'a', text: CHESS }), keysOf);
    expect((await reader.nearest(vector(CHESS), 1))[0]?.number).toBe(a?.number);
    expect((await reader.nearest(vector(LIGHTHOUSE), 2)).map((n) => n.number).sort()).toEqual([a?.number, b?.number].sort());
  });

  it('reports how many vectors a new process takes as it catches up before its first search', async () => {
    const writer = await open();
    await writer.addDocuments(prepared({ id: 'a', text: LIGHTHOUSE }, { id: 'b', text: ORCHARD }, { id: 'c', text: CHESS }), keysOf);
    const reader = await open();
    const heard: [number, number][] = [];
    await reader.catchUpMeaning((added, total) => heard.push([added, total]));
    expect(heard).toEqual([[0, 3], [3, 3]]);
    heard.length = 0;
    await reader.catchUpMeaning((added, total) => heard.push([added, total]));
    expect(heard).toEqual([]);
    await writer.addDocuments(prepared({ id: 'd', text: MUSEUM }), keysOf);
    await reader.catchUpMeaning((added, total) => heard.push([added, total]));
    expect(heard).toEqual([[0, 1], [1, 1]]);
    const museum = (await writer.document('d'))?.number;
    expect((await reader.nearest(prepareDocument({ id: 'q', text: MUSEUM }).meaning as Int8Array, 1))[0]?.number).toBe(museum);
  });

  it("removes a replaced version's postings and posts the new ones", async () => {
    const store = await open();
    await store.addDocuments(prepared({ id: 'a', text: LIGHTHOUSE }, { id: 'b', text: ORCHARD }), keysOf);
    const number = (await store.document('a'))?.number as number;
    const oldKeys = keysOf(LIGHTHOUSE);
    for (const list of await store.postings(oldKeys, 10)) expect(list).toContain(number);
    await store.addDocuments(prepared({ id: 'a', text: MUSEUM }), keysOf);
    const newKeys = new Set(keysOf(MUSEUM));
    const gone = oldKeys.filter((k) => !newKeys.has(k));
    expect(gone.length).toBeGreaterThan(20);
    for (const list of await store.postings(gone, 10)) expect(list).not.toContain(number);
    for (const list of await store.postings([...newKeys], 10)) expect(list).toContain(number);
    // The other document keeps its postings.
    const b = (await store.document('b'))?.number as number;
    for (const list of await store.postings(keysOf(ORCHARD), 10)) expect(list).toContain(b);
  });

  it('stores the last version of an id read twice in one batch, and none of the first one’s postings', async () => {
    const store = await open();
    expect(await store.addDocuments(prepared({ id: 'a', text: LIGHTHOUSE }, { id: 'a', text: ORCHARD }), keysOf)).toEqual(['indexed', 'replaced']);
    const stored = await store.document('a');
    expect(stored?.text).toBe(ORCHARD);
    const now = new Set(keysOf(ORCHARD));
    for (const list of await store.postings(keysOf(LIGHTHOUSE).filter((k) => !now.has(k)), 10)) expect(list).not.toContain(stored?.number);
    expect(await store.addDocuments(prepared({ id: 'a', text: CHESS }, { id: 'a', text: ORCHARD }), keysOf)).toEqual(['replaced', 'replaced']);
    expect(await store.addDocuments(prepared({ id: 'a', text: ORCHARD }, { id: 'a', text: ORCHARD }), keysOf)).toEqual(['unchanged', 'unchanged']);
    expect(await store.corpusStats()).toMatchObject({ documents: 1, words: fingerprint(ORCHARD).words, postings: keysOf(ORCHARD).length });
  });

  it('returns the lowest numbers first, at most the limit of them', async () => {
    const store = await open();
    await store.addDocuments(prepared(...[0, 1, 2, 3].map((i) => ({ id: `copy-${i}`, text: CHESS }))), keysOf);
    const numbers = await store.documentNumbers();
    expect(numbers).toHaveLength(4);
    const key = keysOf(CHESS)[0] as number;
    expect(await store.postings([key, 12345], 10)).toEqual([numbers, []]);
    expect(await store.postings([key], 2)).toEqual([numbers.slice(0, 2)]);
  });

  it('round-trips metadata and non-ASCII text, leaving out what a document lacks', async () => {
    const store = await open();
    const text = `${LIGHTHOUSE} Le phare de Gull Point ferme ; 灯台守は引退した. Zürich, Kraków, naïve — 🚢⚓.`;
    const full = { id: 'https://example.org/phare', text, title: 'Le phare', author: 'Zoë Ørsted', date: '2024-03-04', url: 'https://example.org/phare' };
    // A document with nothing but an id keeps it bare; one that looks like JSON round-trips all the same.
    await store.addDocuments(prepared(full, { id: 'bare', text: ORCHARD }, { id: '{"id":"x"}', text: MUSEUM }), keysOf);
    const json = await store.document('{"id":"x"}');
    expect(json).toMatchObject({ id: '{"id":"x"}', text: MUSEUM });
    const stored = await store.document(full.id);
    expect(stored).toEqual({ ...full, number: expect.any(Number), words: fingerprint(text).words });
    const bare = await store.document('bare');
    expect(Object.keys(bare ?? {}).sort()).toEqual(['id', 'number', 'text', 'words']);
    expect(await store.documentsByNumber([stored?.number as number, bare?.number as number])).toEqual([stored, bare]);
    expect(await store.document('missing')).toBeUndefined();
    expect(await store.documentNumbers()).toEqual([stored?.number, bare?.number, json?.number]);
    expect((await store.corpusStats()).textBytes).toBe(Buffer.byteLength(text) + Buffer.byteLength(ORCHARD) + Buffer.byteLength(MUSEUM));
  });

  it('ignores postings and numbers whose document was never committed', async () => {
    const store = await open();
    // What a crash between writing a new document's postings and committing it leaves.
    const key = keysOf(MUSEUM)[0] as number;
    await admin.set('unspin:next', 4242);
    await admin.hset(...idEntry('ghost'), 4242);
    // The level of number 4,242 is one no batch has written to: its bucket count is set as a batch would.
    const buckets = bucketsFor(levelOf(4242), keysOf(MUSEUM).length);
    await admin.hset('unspin:levels', levelOf(4242), buckets);
    const entry = postingEntry(key, levelOf(4242), buckets);
    await admin.hset(entry.bucket, entry.field, 4242);
    expect(await store.postings([key], 10)).toEqual([[4242]]);
    expect(await store.documentsByNumber([4242, 999_999])).toEqual([undefined, undefined]);
    expect(await store.document('ghost')).toBeUndefined();
    expect(await store.contentHashes(['ghost'])).toEqual([undefined]);
    expect(await store.documentNumbers()).toEqual([]);
    // Adding it again, as a rerun would, commits it under the number it claimed.
    expect(await store.addDocuments(prepared({ id: 'ghost', text: MUSEUM }), keysOf)).toEqual(['indexed']);
    expect(await store.documentNumbers()).toEqual([4242]);
    expect(await store.corpusStats()).toMatchObject({ documents: 1, postings: keysOf(MUSEUM).length });
  });

  it('sets a level\'s bucket count once, from the keys per document of the batch that first writes to it', async () => {
    const store = await open();
    const short = madeUp(20, 3);
    const keysPerDocument = short.reduce((n, d) => n + keysOf(d.text).length, 0) / short.length;
    await store.addDocuments(prepared(...short), keysOf);
    expect(await admin.hgetall('unspin:levels')).toEqual({ '0': String(bucketsFor(0, keysPerDocument)) });
    // Longer documents later in the level find it set; those past number 2,048 open level 1 with their own count.
    const long = madeUp(5, 4).map((d) => ({ ...d, text: `${d.text} ${LIGHTHOUSE} ${ORCHARD} ${MUSEUM}` }));
    await store.addDocuments(prepared(...long.slice(0, 2)), keysOf);
    await admin.incrby('unspin:next', 3000);
    await store.addDocuments(prepared(...long.slice(2)), keysOf);
    const longKeys = long.slice(2).reduce((n, d) => n + keysOf(d.text).length, 0) / 3;
    expect(await admin.hgetall('unspin:levels')).toEqual({ '0': String(bucketsFor(0, keysPerDocument)), '1': String(bucketsFor(1, longKeys)) });
    expect(bucketsFor(1, longKeys)).toBeGreaterThan(bucketsFor(1, keysPerDocument));
    for (const d of [...short, ...long]) expect((await store.postings([keysOf(d.text)[0] as number], 100))[0]).toContain((await store.document(d.id))?.number);
  });

  it('counts exactly when a batch is added again, or by two processes at once', async () => {
    const [first, second] = [await open(), await open()];
    const documents = madeUp(200, 1);
    const batch = prepared(...documents);
    const outcomes = await Promise.all([first.addDocuments(batch, keysOf), second.addDocuments(batch, keysOf)]);
    // Each document was indexed by one of the two and found unchanged by the other.
    documents.forEach((_, i) => expect([outcomes[0]?.[i], outcomes[1]?.[i]].sort()).toEqual(['indexed', 'unchanged']));
    expect(await first.addDocuments(batch, keysOf)).toEqual(documents.map(() => 'unchanged'));
    const stats = await first.corpusStats();
    expect(stats).toMatchObject({
      documents: 200,
      words: batch.reduce((n, p) => n + p.words, 0),
      textBytes: documents.reduce((n, d) => n + Buffer.byteLength(d.text), 0),
      postings: batch.reduce((n, p) => n + p.keys.length, 0),
    });
    expect(stats.storeBytes).toBeGreaterThan(0);
    expect(await first.documentCount()).toBe(200);
    expect(new Set(await first.documentNumbers()).size).toBe(200);
  });

  it('runs its scripts again on nodes that lost them', async () => {
    const store = await open();
    expect(await store.addDocuments(prepared(...madeUp(20, 3)), keysOf)).toEqual(Array(20).fill('indexed'));
    // What a restarted or new node is like: it has none of the scripts the store has run on it.
    await Promise.all(admin.nodes('master').map((node) => node.script('FLUSH')));
    const documents = madeUp(20, 4);
    expect(await store.addDocuments(prepared(...documents), keysOf)).toEqual(Array(20).fill('indexed'));
    expect(await store.contentHashes(documents.map((d) => d.id))).toEqual(prepared(...documents).map((p) => Buffer.from(p.hash)));
    expect(await store.learnSpinPairs([{ tortured: 'bosom peril', expected: 'breast cancer' }], 'doc-1')).toBe(1);
    expect(await store.documentCount()).toBe(40);
  });

  it('counts a spin pair once per document that taught it', async () => {
    const store = await open();
    const pairs = [
      { tortured: 'counterfeit consciousness', expected: 'artificial intelligence' },
      { tortured: ' bosom peril ', expected: 'breast cancer' },
      { tortured: 'counterfeit consciousness', expected: 'artificial intelligence' },
      { tortured: '', expected: 'empty' },
      { tortured: 'same', expected: 'same' },
    ];
    expect(await store.learnSpinPairs(pairs, 'doc-1')).toBe(2);
    expect(await store.learnSpinPairs(pairs, 'doc-1')).toBe(0);
    expect(await store.learnSpinPairs(pairs.slice(0, 1), 'doc-2')).toBe(1);
    expect(await store.spinPairs()).toEqual([
      { tortured: 'counterfeit consciousness', expected: 'artificial intelligence', count: 2 },
      { tortured: 'bosom peril', expected: 'breast cancer', count: 1 },
    ]);
    expect(await store.spinPairSources('counterfeit consciousness', 'artificial intelligence')).toEqual(['doc-1', 'doc-2']);
    expect((await store.corpusStats()).spinPairs).toBe(2);
    await expect(store.learnSpinPairs(pairs, ' ')).rejects.toMatchObject({ code: 'E_BAD_ARGUMENT' });
  });

  it('keeps the postings of a key many documents share, across levels, the lowest numbers first', async () => {
    const store = await open();
    const copies = (from: number, to: number): SourceDocument[] => Array.from({ length: to - from }, (_, i) => ({ id: `copy-${from + i}`, text: LIGHTHOUSE }));
    // Twenty-four copies outgrow a bucket's field; numbers from 3,025 on are another level's.
    await store.addDocuments(prepared(...copies(0, 24)), keysOf);
    await admin.incrby('unspin:next', 3000);
    await store.addDocuments(prepared(...copies(24, 27)), keysOf);
    const numbers = [...Array.from({ length: 24 }, (_, i) => i + 1), 3025, 3026, 3027];
    const key = keysOf(LIGHTHOUSE)[0] as number;
    const overflow = async (level: number): Promise<string> => postingEntry(key, level, Number(await admin.hget('unspin:levels', String(level)))).overflow;
    expect(await admin.exists(await overflow(0), await overflow(levelOf(3025)))).toBe(1);
    expect(await store.postings([key, keysOf(LIGHTHOUSE).at(-1) as number], 100)).toEqual([numbers, numbers]);
    expect(await store.postings([key], 25)).toEqual([numbers.slice(0, 25)]);
    // A copy rewritten loses the keys its new text lacks, in the overflow and in a bucket alike.
    await store.addDocuments(prepared({ id: 'copy-3', text: ORCHARD }, { id: 'copy-25', text: ORCHARD }), keysOf);
    const left = numbers.filter((n) => n !== 4 && n !== 3026);
    expect(await store.postings([key, keysOf(ORCHARD)[0] as number], 100)).toEqual([left, [4, 3026]]);
    expect(await store.documentsByNumber([4, 3026, 3027])).toMatchObject([{ id: 'copy-3', text: ORCHARD }, { id: 'copy-25', text: ORCHARD }, { id: 'copy-26', text: LIGHTHOUSE }]);
  });

  it('says in one line when the cluster holds a store of another key layout', async () => {
    await admin.set('unspin:layout', '3');
    await expect(openRedisStore(address)).rejects.toMatchObject({ code: 'E_BAD_FORMAT', message: expect.stringContaining('has key layout 3; this version reads layout 4') });
  });

  it('says in one line when Redis cannot be reached', async () => {
    await expect(openRedisStore('redis://127.0.0.1:7199')).rejects.toMatchObject({
      code: 'E_STORE_UNREACHABLE',
      message: 'cannot reach Redis at 127.0.0.1:7199 (is it running? `npm run cluster:start` starts a local cluster)',
    });
  });

  it('says in one line when Redis is not a cluster', async () => {
    const server = spawn('redis-server', ['--port', '7198', '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      let log = '';
      for await (const chunk of server.stdout) if ((log += String(chunk)).includes('Ready to accept connections')) break;
      await expect(openRedisStore('redis://127.0.0.1:7198')).rejects.toMatchObject({
        code: 'E_STORE_NOT_CLUSTER',
        message: 'Redis at 127.0.0.1:7198 is not in cluster mode (Unspin needs a Redis Cluster: cluster-enabled yes)',
      });
    } finally {
      server.kill();
      await once(server, 'exit');
    }
  });

  it('gets ready when its first ready check fails, as when a node stops while it connects', async () => {
    // ioredis then reconnects and becomes ready, but never settles the promise of its connect(): awaiting that hung.
    const cluster = new Cluster(parseRedisAddress(address), { lazyConnect: true, clusterRetryStrategy: () => 50 });
    cluster.on('error', () => {});
    const client = cluster as unknown as { readyCheck(callback: (error?: Error) => void): void };
    const readyCheck = client.readyCheck.bind(cluster);
    let checks = 0;
    client.readyCheck = (callback) => (checks++ === 0 ? callback(new Error('Connection is closed.')) : readyCheck(callback));
    try {
      await connectCluster(cluster, address);
      expect(checks).toBe(2);
      expect(await cluster.ping()).toBe('PONG');
    } finally {
      cluster.disconnect();
    }
  });

  it('rides out a node that stops and starts again, storing every document once', async () => {
    const store = await open();
    const warn = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const documents = madeUp(300, 2);
    const batches = Array.from({ length: 30 }, (_, i) => prepared(...documents.slice(10 * i, 10 * i + 10)));
    const port = ports[1] as number;
    let nodeDown!: () => void;
    const stopped = new Promise<void>((resolve) => (nodeDown = resolve));
    const indexing = (async () => {
      const outcomes: string[] = [];
      for (const [i, batch] of batches.entries()) {
        // The node goes down after the third batch, so that the rest are added while it is away.
        if (i === 3) await stopped;
        outcomes.push(...(await store.addDocuments(batch, keysOf)));
      }
      return outcomes;
    })();
    try {
      await stopNode(port);
      nodeDown();
      // Longer than the cluster's node timeout (5 s): the other masters mark the cluster down too.
      await sleep(7000);
      await startNode(port, dir);
      const outcomes = await indexing;
      expect(outcomes).toHaveLength(300);
      // A commit whose reply was lost with the node is found unchanged when the batch is retried.
      expect(outcomes.every((o) => o === 'indexed' || o === 'unchanged')).toBe(true);
      expect(warn).toHaveBeenCalledWith('unspin: Redis unreachable, retrying…\n');
    } finally {
      warn.mockRestore();
    }
    expect(await store.documentCount()).toBe(300);
    expect(await store.documentNumbers()).toHaveLength(300);
    expect(await store.corpusStats()).toMatchObject({ documents: 300, words: batches.flat().reduce((n, p) => n + p.words, 0) });
    const stored = await store.documentsByNumber(await store.documentNumbers());
    expect(stored.map((d) => d?.id).sort()).toEqual(documents.map((d) => d.id).sort());
  });
});

describe('a Redis address', () => {
  it('names one node or several, the port 6379 where left out', () => {
    expect(isRedisAddress('redis://127.0.0.1:7001')).toBe(true);
    expect(isRedisAddress('unspin.db')).toBe(false);
    expect(parseRedisAddress('redis://10.0.0.5:7001,redis-b,[::1]:7003')).toEqual([
      { host: '10.0.0.5', port: 7001 },
      { host: 'redis-b', port: 6379 },
      { host: '::1', port: 7003 },
    ]);
  });

  it('is a one-line error when malformed', () => {
    for (const bad of ['redis://', 'redis://a:b', 'redis://a:70000', 'redis://a,,b', 'http://a:1', 'redis://user@a:1']) {
      expect(() => parseRedisAddress(bad)).toThrow(expect.objectContaining({ code: 'E_BAD_ARGUMENT', message: expect.stringContaining(`bad Redis address ${bad}`) }));
    }
  });
});
