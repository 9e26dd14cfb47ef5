import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { Cluster, Redis } from 'ioredis';
import { UnspinError } from '../errors.js';
import type { SpinPair } from '../spin/types.js';
import type { AddOutcome, CorpusStats, CorpusStore, NumberedDocument, PreparedDocument, TaughtPair } from './corpus-store.js';
import { parseRedisAddress } from './redis-address.js';
import { retryWhileUnreachable } from './redis-retry.js';

/*
 * Every key starts with `unspin:`. A key's {tag} picks its cluster slot, so the keys one Lua script touches share one:
 * - unspin:next                      INCRBY hands out document numbers (1, 2, 3…; a retry may skip some)
 * - unspin:id:<id>                   the document's number, claimed with SET NX
 * - unspin:{d<n % 1024>}:doc:<n>     HASH of the committed document n (its text deflated), written by COMMIT
 * - unspin:{d<s>}:docs               ZSET of the committed numbers of shard s (score = member = number)
 * - unspin:{d<s>}:stats              HASH of shard s's counts: documents, words, textBytes, postings
 * - unspin:p:<key in base 36>        ZSET of the numbers posted under a fingerprint key (score = member = number)
 * - unspin:{spin}:pairs              HASH "tortured\0expected" → how many documents taught the pair
 * - unspin:{spin}:src:<pair>         ZSET of the documents that taught it, scored by when (ms)
 */
const PREFIX = 'unspin:';
const NEXT = `${PREFIX}next`;
const SHARDS = 1024;
const SPIN_PAIRS = `${PREFIX}{spin}:pairs`;
const idKey = (id: string): string => `${PREFIX}id:${id}`;
const shardOf = (number: number): string => `${PREFIX}{d${number % SHARDS}}`;
const docKey = (number: number): string => `${shardOf(number)}:doc:${number}`;
const docsKey = (shard: number): string => `${PREFIX}{d${shard}}:docs`;
const statsKey = (shard: number): string => `${PREFIX}{d${shard}}:stats`;
const postingKey = (key: number): string => `${PREFIX}p:${key.toString(36)}`;
const pairField = (tortured: string, expected: string): string => `${tortured}\0${expected}`;
const sourcesKey = (field: string): string => `${PREFIX}{spin}:src:${field}`;
const SHARD_LIST = Array.from({ length: SHARDS }, (_, shard) => shard);

/**
 * Commits a document whose postings are written: KEYS doc, docs, stats of its shard; ARGV number, hash, words, keys,
 * bytes, then its other fields as name, value pairs. The same content hash changes nothing, so a retried batch
 * counts nothing twice; a new version replaces the old one's fields and counts.
 */
const COMMIT = `
local old = redis.call('HMGET', KEYS[1], 'hash', 'words', 'keys', 'bytes')
if old[1] == ARGV[2] then return 'unchanged' end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'hash', ARGV[2], 'words', ARGV[3], 'keys', ARGV[4], 'bytes', ARGV[5], unpack(ARGV, 6))
redis.call('ZADD', KEYS[2], ARGV[1], ARGV[1])
redis.call('HINCRBY', KEYS[3], 'documents', old[1] and 0 or 1)
redis.call('HINCRBY', KEYS[3], 'words', tonumber(ARGV[3]) - (tonumber(old[2]) or 0))
redis.call('HINCRBY', KEYS[3], 'postings', tonumber(ARGV[4]) - (tonumber(old[3]) or 0))
redis.call('HINCRBY', KEYS[3], 'textBytes', tonumber(ARGV[5]) - (tonumber(old[4]) or 0))
return old[1] and 'replaced' or 'indexed'
`;

/** Counts a spin pair once per teaching document: KEYS pairs, sources; ARGV pair field, document, time. */
const TEACH = `
if redis.call('ZADD', KEYS[2], 'NX', ARGV[3], ARGV[2]) == 0 then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
return 1
`;

interface Scripts {
  commit(doc: string, docs: string, stats: string, ...args: (string | number | Buffer)[]): Promise<AddOutcome>;
  teach(pairs: string, sources: string, field: string, document: string, time: number): Promise<number>;
}
type ScriptedCluster = Cluster & Scripts;

// The fields of a stored document, in the order read.
const FIELDS = ['id', 'text', 'words', 'title', 'author', 'date', 'url'] as const;
const OPTIONAL = ['title', 'author', 'date', 'url'] as const;

function toDocument(number: number, [id, text, words, title, author, date, url]: (Buffer | null)[]): NumberedDocument | undefined {
  // A number without a committed document: its postings were written but the commit never ran.
  if (!id || !text || !words) return undefined;
  return {
    number,
    id: id.toString(),
    text: inflateRawSync(text).toString(),
    words: Number(words),
    ...(title ? { title: title.toString() } : {}),
    ...(author ? { author: author.toString() } : {}),
    ...(date ? { date: date.toString() } : {}),
    ...(url ? { url: url.toString() } : {}),
  };
}

/** Posting writes sent at once: enough for one large pipeline per node, few enough to keep memory flat. */
const WRITE_SLICE = 5000;
const PROBE_TIMEOUT_MS = 3000;

const sum = (values: readonly (string | null)[]): number => values.reduce((n, v) => n + Number(v ?? 0), 0);

/** The corpus store in a Redis Cluster, which many processes on many machines may share. */
export class RedisStore implements CorpusStore {
  private warned = false;

  constructor(
    private readonly redis: ScriptedCluster,
    readonly location: string,
  ) {}

  /** Runs an idempotent operation, again while the cluster is unreachable (for up to two minutes), saying so once. */
  private retrying<T>(operation: () => Promise<T>): Promise<T> {
    return retryWhileUnreachable(this.location, operation, () => {
      if (!this.warned) process.stderr.write('unspin: Redis unreachable, retrying…\n');
      this.warned = true;
    });
  }

  addDocuments(batch: readonly PreparedDocument[], keysOf: (text: string) => readonly number[]): Promise<AddOutcome[]> {
    return batch.length === 0 ? Promise.resolve([]) : this.retrying(() => this.add(batch, keysOf));
  }

  /** The numbers of these ids: those stored, and new ones claimed for the rest. */
  private async numbers(ids: readonly string[]): Promise<{ numbers: number[]; claimed: Set<number> }> {
    const r = this.redis;
    const found = await Promise.all(ids.map((id) => r.get(idKey(id))));
    const fresh = ids.filter((_, i) => found[i] === null);
    const claimed = new Set<number>();
    if (fresh.length > 0) {
      // One INCRBY numbers them all; a number whose claim loses to another process goes unused.
      const first = (await r.incrby(NEXT, fresh.length)) - fresh.length + 1;
      const won = await Promise.all(fresh.map((id, j) => r.set(idKey(id), first + j, 'NX')));
      const theirs = await Promise.all(fresh.map((id, j) => (won[j] === 'OK' ? null : r.get(idKey(id)))));
      let j = 0;
      found.forEach((number, i) => {
        if (number !== null) return;
        if (won[j] === 'OK') claimed.add(first + j);
        found[i] = won[j] === 'OK' ? String(first + j) : theirs[j] ?? null;
        j++;
      });
    }
    return { numbers: found.map(Number), claimed };
  }

  private async add(batch: readonly PreparedDocument[], keysOf: (text: string) => readonly number[]): Promise<AddOutcome[]> {
    const r = this.redis;
    // Only an id's last version in the batch is stored; `seen` counts each id's versions.
    const latest = new Map(batch.map((prepared, at) => [prepared.document.id, { prepared, at }]));
    const seen = new Map<string, number>();
    for (const { document } of batch) seen.set(document.id, (seen.get(document.id) ?? 0) + 1);
    const ids = [...latest.keys()];
    const { numbers, claimed } = await this.numbers(ids);
    const stored = await Promise.all(numbers.map((n) => (claimed.has(n) ? null : r.hgetBuffer(docKey(n), 'hash'))));

    // Outcomes as if the batch were added one document after the other.
    const current = new Map(ids.map((id, i) => [id, stored[i] ?? undefined]));
    const outcomes = batch.map(({ document: { id }, hash }): AddOutcome => {
      const before = current.get(id);
      current.set(id, Buffer.from(hash));
      if (!before) return 'indexed';
      return Buffer.compare(before, hash) === 0 ? 'unchanged' : 'replaced';
    });

    // The documents to write: each id's last version, unless it is the one stored.
    const changed = ids.flatMap((id, i) => {
      const { prepared, at } = latest.get(id) as { prepared: PreparedDocument; at: number };
      const old = stored[i];
      return old && Buffer.compare(old, prepared.hash) === 0 ? [] : [{ prepared, at, number: numbers[i] as number, replacing: Boolean(old) }];
    });
    const oldTexts = await Promise.all(changed.map(({ number, replacing }) => (replacing ? r.hgetBuffer(docKey(number), 'text') : null)));

    // Postings first, so that a committed document is always found; the old version's keys that the new one lacks go.
    // A key that several documents of the batch share takes one command.
    const adds = new Map<number, number[]>();
    const removes = new Map<number, number[]>();
    const note = (lists: Map<number, number[]>, key: number, number: number): void => {
      const list = lists.get(key);
      if (list) list.push(number);
      else lists.set(key, [number]);
    };
    changed.forEach(({ prepared: { keys }, number }, i) => {
      const oldText = oldTexts[i];
      if (oldText) {
        const now = new Set(keys);
        for (const key of keysOf(inflateRawSync(oldText).toString())) if (!now.has(key)) note(removes, key, number);
      }
      for (const key of keys) note(adds, key, number);
    });
    const writes = [
      ...[...removes].map(([key, numbers]) => () => r.zrem(postingKey(key), ...numbers)),
      ...[...adds].map(([key, numbers]) => () => r.zadd(postingKey(key), ...numbers.flatMap((n) => [n, n]))),
    ];
    // A slice at a time: every pending command holds memory, and hundreds of thousands at once mostly feed the GC.
    for (let i = 0; i < writes.length; i += WRITE_SLICE) await Promise.all(writes.slice(i, i + WRITE_SLICE).map((write) => write()));

    const committed = await Promise.all(
      changed.map(({ prepared: { document: d, hash, words, keys }, number }) => {
        const shard = number % SHARDS;
        const optional = OPTIONAL.flatMap((name) => (d[name] === undefined ? [] : [name, d[name]]));
        const text = deflateRawSync(d.text);
        return r.commit(docKey(number), docsKey(shard), statsKey(shard), number, Buffer.from(hash), words, keys.length, Buffer.byteLength(d.text), 'id', d.id, 'text', text, ...optional);
      }),
    );
    // An id the batch has once takes the commit's own outcome, which another process may have made 'unchanged'.
    changed.forEach(({ prepared, at }, i) => {
      if (seen.get(prepared.document.id) === 1) outcomes[at] = committed[i] as AddOutcome;
    });
    return outcomes;
  }

  private async read(numbers: readonly (number | undefined)[]): Promise<(NumberedDocument | undefined)[]> {
    const values = await Promise.all(numbers.map((n) => (n === undefined ? null : this.redis.hmgetBuffer(docKey(n), ...FIELDS))));
    return values.map((v, i) => (v ? toDocument(numbers[i] as number, v) : undefined));
  }

  private async numbersOf(ids: readonly string[]): Promise<(number | undefined)[]> {
    const found = await Promise.all(ids.map((id) => this.redis.get(idKey(id))));
    return found.map((n) => (n === null ? undefined : Number(n)));
  }

  document(id: string): Promise<NumberedDocument | undefined> {
    return this.retrying(async () => (await this.read(await this.numbersOf([id])))[0]);
  }

  contentHashes(ids: readonly string[]): Promise<(Uint8Array | undefined)[]> {
    return this.retrying(async () => {
      const numbers = await this.numbersOf(ids);
      const hashes = await Promise.all(numbers.map((n) => (n === undefined ? null : this.redis.hgetBuffer(docKey(n), 'hash'))));
      return hashes.map((h) => h ?? undefined);
    });
  }

  documentsByNumber(numbers: readonly number[]): Promise<(NumberedDocument | undefined)[]> {
    return this.retrying(() => this.read(numbers));
  }

  documentNumbers(): Promise<number[]> {
    return this.retrying(async () => {
      const shards = await Promise.all(SHARD_LIST.map((shard) => this.redis.zrange(docsKey(shard), 0, -1)));
      return shards.flat().map(Number).sort((a, b) => a - b);
    });
  }

  postings(keys: readonly number[], limit: number): Promise<number[][]> {
    if (limit <= 0) return Promise.resolve(keys.map(() => []));
    return this.retrying(async () => {
      const lists = await Promise.all(keys.map((key) => this.redis.zrange(postingKey(key), 0, limit - 1)));
      return lists.map((list) => list.map(Number));
    });
  }

  documentCount(): Promise<number> {
    return this.retrying(async () => sum(await Promise.all(SHARD_LIST.map((shard) => this.redis.hget(statsKey(shard), 'documents')))));
  }

  async learnSpinPairs(pairs: readonly TaughtPair[], documentId: string): Promise<number> {
    if (documentId.trim() === '') throw new UnspinError('E_BAD_ARGUMENT', 'a spin pair needs the id of the document that taught it');
    const fields = pairs.flatMap(({ tortured, expected }) => {
      const [t, e] = [tortured.trim(), expected.trim()];
      return t === '' || e === '' || t === e ? [] : [pairField(t, e)];
    });
    const seen = Date.now();
    return this.retrying(async () => {
      const taught = await Promise.all(fields.map((field) => this.redis.teach(SPIN_PAIRS, sourcesKey(field), field, documentId, seen)));
      return taught.reduce((n, t) => n + t, 0);
    });
  }

  spinPairs(): Promise<SpinPair[]> {
    return this.retrying(async () => {
      const counts = await this.redis.hgetall(SPIN_PAIRS);
      return Object.entries(counts)
        .map(([field, count]) => {
          const [tortured = '', expected = ''] = field.split('\0');
          return { tortured, expected, count: Number(count) };
        })
        .filter((pair) => pair.count > 0)
        .sort((a, b) => b.count - a.count || compare(a.tortured, b.tortured) || compare(a.expected, b.expected));
    });
  }

  spinPairSources(tortured: string, expected: string): Promise<string[]> {
    // Scored by first-seen time; equal times come in the documents' order, as in SQLite.
    return this.retrying(() => this.redis.zrange(sourcesKey(pairField(tortured, expected)), 0, -1));
  }

  corpusStats(): Promise<CorpusStats> {
    return this.retrying(async () => {
      const r = this.redis;
      const stats = await Promise.all(SHARD_LIST.map((shard) => r.hmget(statsKey(shard), 'documents', 'words', 'textBytes', 'postings')));
      const column = (i: number): number => sum(stats.map((s) => s[i] ?? null));
      // Redis does not say what one prefix's keys take: storeBytes is the whole dataset of every master
      // (used_memory_dataset: memory less the server's own overhead), so other keys in the cluster count too.
      const memory = await Promise.all(r.nodes('master').map((node) => node.info('memory')));
      const storeBytes = sum(memory.map((info) => /used_memory_dataset:(\d+)/.exec(info)?.[1] ?? null));
      const [documents, words, textBytes, postings] = [0, 1, 2, 3].map(column) as [number, number, number, number];
      return {
        documents,
        words,
        textBytes,
        postings,
        storeBytes,
        // The script counts a pair when it first adds a source, so every field counts at least 1.
        spinPairs: await r.hlen(SPIN_PAIRS),
        indexBytesPerDocument: documents > 0 ? Math.round(Math.max(0, storeBytes - textBytes) / documents) : 0,
      };
    });
  }

  async close(): Promise<void> {
    // QUIT waits for replies from every node; one that is down would keep it waiting, so drop the connections then.
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** UTF-16 order: the UTF-8 byte order of SQLite's BINARY collation, but for characters above U+E000 against astral ones. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Checks the first node that answers: unreachable on every address, not in cluster mode, or a cluster that is not
 * ready are one-line errors, before a Cluster client (which would retry for ever) is made.
 */
export async function probeCluster(nodes: readonly { host: string; port: number }[]): Promise<void> {
  for (const { host, port } of nodes) {
    const redis = new Redis({ host, port, connectTimeout: PROBE_TIMEOUT_MS, maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
    redis.on('error', () => {});
    try {
      await redis.connect();
    } catch {
      continue;
    }
    try {
      const where = `${host}:${port}`;
      if (!/cluster_enabled:1/.test(await redis.info('cluster'))) {
        throw new UnspinError('E_STORE_NOT_CLUSTER', `Redis at ${where} is not in cluster mode (Unspin needs a Redis Cluster: cluster-enabled yes)`);
      }
      const state = /cluster_state:(\w+)/.exec((await redis.cluster('INFO')) as string)?.[1];
      if (state !== 'ok') {
        throw new UnspinError('E_STORE_UNREACHABLE', `the Redis Cluster at ${where} is not ready (cluster_state:${state ?? 'unknown'}): are all its nodes up and its slots assigned?`);
      }
      return;
    } finally {
      redis.disconnect();
    }
  }
  const where = nodes.map(({ host, port }) => `${host}:${port}`).join(', ');
  throw new UnspinError('E_STORE_UNREACHABLE', `cannot reach Redis at ${where} (is it running? \`npm run cluster:start\` starts a local cluster)`);
}

/** Connects to the Redis Cluster at `redis://host:port[,host:port…]`. Close the store when done. */
export async function openRedisStore(address: string): Promise<RedisStore> {
  const nodes = parseRedisAddress(address);
  await probeCluster(nodes);
  const cluster = new Cluster(nodes, {
    // Concurrent commands go out as one pipeline per node: a batch's thousands of commands take a few round trips.
    enableAutoPipelining: true,
    // Reconnect to the cluster for ever, at most 2 s apart; while it is away, commands fail at once instead of
    // waiting in a queue for ever, and the store's own retries decide when to give up. (A command to a node that is
    // down fails too: ioredis drops the node's connection and makes a new one when the slots are next read.)
    clusterRetryStrategy: (times) => Math.min(100 * times, 2000),
    enableOfflineQueue: false,
    redisOptions: { connectTimeout: PROBE_TIMEOUT_MS },
    lazyConnect: true,
    scripts: { commit: { lua: COMMIT, numberOfKeys: 3 }, teach: { lua: TEACH, numberOfKeys: 2 } },
  });
  // Failures reach the commands that meet them; without listeners ioredis would print every one.
  cluster.on('error', () => {});
  cluster.on('node error', () => {});
  try {
    await cluster.connect();
  } catch (error) {
    // The cluster went away since the probe.
    cluster.disconnect();
    throw new UnspinError('E_STORE_UNREACHABLE', `cannot connect to the Redis Cluster at ${address} (${(error as Error).message})`, { cause: error });
  }
  return new RedisStore(cluster as ScriptedCluster, address);
}
