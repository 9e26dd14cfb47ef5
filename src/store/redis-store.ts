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
 * - unspin:{i<g>}:ids                HASH id → the document's number, claimed with HSETNX (g: idGroup)
 * - unspin:{d<n % GROUPS>}:doc:<n>   HASH of the committed document n (its text deflated), written by COMMIT
 * - unspin:{d<s>}:docs               ZSET of the committed numbers of shard s (score = member = number)
 * - unspin:{d<s>}:stats              HASH of shard s's counts: documents, words, textBytes, postings
 * - unspin:{p<g>}<q>                 ZSET of the numbers posted under the fingerprint key q · GROUPS + g, g and q in
 *                                    base 36 (score = member = number)
 * - unspin:{spin}:pairs              HASH "tortured\0expected" → how many documents taught the pair
 * - unspin:{spin}:src:<pair>         ZSET of the documents that taught it, scored by when (ms)
 *
 * A batch sends a command per tag, not per key: an HMGET and a CLAIM per id group, a POST per posting group (all that
 * group's postings) and a COMMIT per document shard. The client's cost is per command and per argument, so a batch of
 * 2,000 new documents takes some 1,300 commands, where it took one for each of its 175,000 postings.
 */
const PREFIX = 'unspin:';
const NEXT = `${PREFIX}next`;
/**
 * How many tags each kind of key (posting keys, ids, documents) is spread over. Few, as a command costs the client
 * tens of microseconds whatever it holds: a full batch takes at most this many of each kind of call (256 POSTs of
 * some 700 postings each), and indexing took 10% less client CPU than with 1,024. Enough for the cluster to spread
 * them over its masters: 256 of the 16,384 slots are some 85 a master of three, a dozen a master of twenty.
 */
const GROUPS = 256;
const SPIN_PAIRS = `${PREFIX}{spin}:pairs`;
const shardOf = (number: number): string => `${PREFIX}{d${number % GROUPS}}`;
const docKey = (number: number): string => `${shardOf(number)}:doc:${number}`;
const docsKey = (shard: number): string => `${PREFIX}{d${shard}}:docs`;
const statsKey = (shard: number): string => `${PREFIX}{d${shard}}:stats`;
const idsKey = (group: number): string => `${PREFIX}{i${group}}:ids`;
const pairField = (tortured: string, expected: string): string => `${tortured}\0${expected}`;
const sourcesKey = (field: string): string => `${PREFIX}{spin}:src:${field}`;
const SHARD_LIST = Array.from({ length: GROUPS }, (_, shard) => shard);

// Base 36 two digits at a time: Number#toString(36) takes half a microsecond, and a batch names thousands of keys.
const PAIR = 36 * 36;
const SHORT = Array.from({ length: PAIR }, (_, n) => n.toString(36));
const PADDED = SHORT.map((digits) => digits.padStart(2, '0'));
/** A non-negative integer in base 36, as Number#toString(36) writes it. */
function base36(n: number): string {
  if (n < PAIR) return SHORT[n] as string;
  let out = PADDED[n % PAIR] as string;
  for (n = Math.floor(n / PAIR); n >= PAIR; n = Math.floor(n / PAIR)) out = (PADDED[n % PAIR] as string) + out;
  return (SHORT[n] as string) + out;
}

const POSTING_TAGS = Array.from({ length: GROUPS }, (_, group) => `${PREFIX}{p${base36(group)}}`);
/**
 * The posting key of a fingerprint key. The group is in the tag and the rest after it: a posting key mostly holds one
 * number, so its name is a good part of what it costs, and at some 19 characters this one takes no more memory than
 * a plain `unspin:p:<key in base 36>` would.
 */
export const postingKey = (key: number): string => (POSTING_TAGS[key % GROUPS] as string) + base36(Math.floor(key / GROUPS));

/** An id's group: FNV-1a of its UTF-16 code units. Every client must agree on it, so it never changes. */
function idGroup(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % GROUPS;
}

/** Where an id's number is kept: the hash and its field. */
export const idEntry = (id: string): readonly [key: string, field: string] => [idsKey(idGroup(id)), id];

/** Items grouped by a number: the groups in the order first met, each with its items in order. */
function groupBy<T>(items: Iterable<T>, groupOf: (item: T) => number): T[][] {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groupOf(item);
    const list = groups.get(group);
    if (list) list.push(item);
    else groups.set(group, [item]);
  }
  return [...groups.values()];
}

/**
 * Claims numbers for ids of one group: KEYS the group's ids hash; ARGV id, number pairs. Returns each id's number: the
 * one offered, or the one another process claimed first.
 */
const CLAIM = `
local numbers = {}
for i = 1, #ARGV, 2 do
  if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) == 1 then
    numbers[#numbers + 1] = ARGV[i + 1]
  else
    numbers[#numbers + 1] = redis.call('HGET', KEYS[1], ARGV[i])
  end
end
return numbers
`;

/**
 * Writes postings of one group: KEYS a posting key for each posting (a key twice where two documents share it); ARGV[1]
 * their numbers, apart by spaces, a number to remove written negative. ZADD and ZREM are idempotent, so a retried
 * batch changes nothing twice.
 */
const POST = `
local k = 0
for n in string.gmatch(ARGV[1], '%S+') do
  k = k + 1
  if string.byte(n) == 45 then
    redis.call('ZREM', KEYS[k], string.sub(n, 2))
  else
    redis.call('ZADD', KEYS[k], n, n)
  end
end
return k
`;

/** The content hash of each document: KEYS document keys of one shard. */
const HASHES = `
local hashes = {}
for i = 1, #KEYS do hashes[i] = redis.call('HGET', KEYS[i], 'hash') end
return hashes
`;

/**
 * Commits documents of one shard whose postings are written: KEYS docs, stats, then each document's key; ARGV for each
 * document its number, hash, words, keys, bytes, how many values follow, then its other fields as name, value pairs.
 * The same content hash changes nothing, so a retried batch counts nothing twice; a new version replaces the old one's
 * fields and counts. Returns each document's outcome.
 */
const COMMIT = `
local outcomes = {}
local a = 1
for k = 3, #KEYS do
  local number, hash, words, keys, bytes, more = ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4], tonumber(ARGV[a + 5])
  local fields = {}
  for i = 1, more do fields[i] = ARGV[a + 5 + i] end
  a = a + 6 + more
  local old = redis.call('HMGET', KEYS[k], 'hash', 'words', 'keys', 'bytes')
  if old[1] == hash then
    outcomes[#outcomes + 1] = 'unchanged'
  else
    redis.call('DEL', KEYS[k])
    redis.call('HSET', KEYS[k], 'hash', hash, 'words', words, 'keys', keys, 'bytes', bytes, unpack(fields))
    redis.call('ZADD', KEYS[1], number, number)
    redis.call('HINCRBY', KEYS[2], 'documents', old[1] and 0 or 1)
    redis.call('HINCRBY', KEYS[2], 'words', tonumber(words) - (tonumber(old[2]) or 0))
    redis.call('HINCRBY', KEYS[2], 'postings', tonumber(keys) - (tonumber(old[3]) or 0))
    redis.call('HINCRBY', KEYS[2], 'textBytes', tonumber(bytes) - (tonumber(old[4]) or 0))
    outcomes[#outcomes + 1] = old[1] and 'replaced' or 'indexed'
  end
end
return outcomes
`;

/** Counts a spin pair once per teaching document: KEYS pairs, sources; ARGV pair field, document, time. */
const TEACH = `
if redis.call('ZADD', KEYS[2], 'NX', ARGV[3], ARGV[2]) == 0 then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
return 1
`;

/** The scripts, as ioredis defines them; those with a variable number of keys take the count, then the keys. */
interface Scripts {
  claim(ids: string, ...idNumberPairs: (string | number)[]): Promise<string[]>;
  post(count: number, keys: string[], numbers: string): Promise<number>;
  hashesBuffer(count: number, keys: string[]): Promise<(Buffer | null)[]>;
  commit(count: number, keys: string[], args: (string | number | Buffer)[]): Promise<AddOutcome[]>;
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

const PROBE_TIMEOUT_MS = 3000;

const sum = (values: readonly (string | null)[]): number => values.reduce((n, v) => n + Number(v ?? 0), 0);

/** A document of a batch to write: its last version in the batch, under its number. */
interface Change {
  readonly prepared: PreparedDocument;
  /** Where in the batch that version is. */
  readonly at: number;
  readonly number: number;
  readonly replacing: boolean;
}

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

  /** The numbers stored for these ids: one HMGET per id group. */
  private async numbersOf(ids: readonly string[]): Promise<(number | undefined)[]> {
    const numbers: (number | undefined)[] = ids.map(() => undefined);
    await Promise.all(
      groupBy(ids.keys(), (i) => idGroup(ids[i] as string)).map(async (group) => {
        const found = await this.redis.hmget(idsKey(idGroup(ids[group[0] as number] as string)), ...group.map((i) => ids[i] as string));
        group.forEach((i, j) => {
          const number = found[j];
          if (number !== null && number !== undefined) numbers[i] = Number(number);
        });
      }),
    );
    return numbers;
  }

  /** The numbers of these ids: those stored, and new ones claimed for the rest. */
  private async numbers(ids: readonly string[]): Promise<{ numbers: number[]; claimed: Set<number> }> {
    const found = await this.numbersOf(ids);
    const fresh = ids.flatMap((_, i) => (found[i] === undefined ? [i] : []));
    const claimed = new Set<number>();
    if (fresh.length > 0) {
      // One INCRBY numbers them all; a number whose claim loses to another process goes unused.
      const first = (await this.redis.incrby(NEXT, fresh.length)) - fresh.length + 1;
      const offered = new Map(fresh.map((i, j) => [i, first + j]));
      await Promise.all(
        groupBy(fresh, (i) => idGroup(ids[i] as string)).map(async (group) => {
          const key = idsKey(idGroup(ids[group[0] as number] as string));
          const numbers = await this.redis.claim(key, ...group.flatMap((i) => [ids[i] as string, offered.get(i) as number]));
          group.forEach((i, j) => {
            const number = Number(numbers[j]);
            found[i] = number;
            if (number === offered.get(i)) claimed.add(number);
          });
        }),
      );
    }
    return { numbers: found as number[], claimed };
  }

  /** The content hash of each numbered document that is committed: one script call per document shard. */
  private async hashesOf(numbers: readonly (number | undefined)[]): Promise<(Buffer | undefined)[]> {
    const hashes: (Buffer | undefined)[] = numbers.map(() => undefined);
    const wanted = numbers.flatMap((n, i) => (n === undefined ? [] : [i]));
    await Promise.all(
      groupBy(wanted, (i) => (numbers[i] as number) % GROUPS).map(async (group) => {
        const found = await this.redis.hashesBuffer(group.length, group.map((i) => docKey(numbers[i] as number)));
        group.forEach((i, j) => (hashes[i] = found[j] ?? undefined));
      }),
    );
    return hashes;
  }

  private async add(batch: readonly PreparedDocument[], keysOf: (text: string) => readonly number[]): Promise<AddOutcome[]> {
    // Only an id's last version in the batch is stored; `seen` counts each id's versions.
    const latest = new Map(batch.map((prepared, at) => [prepared.document.id, { prepared, at }]));
    const seen = new Map<string, number>();
    for (const { document } of batch) seen.set(document.id, (seen.get(document.id) ?? 0) + 1);
    const ids = [...latest.keys()];
    const { numbers, claimed } = await this.numbers(ids);
    const stored = await this.hashesOf(numbers.map((n) => (claimed.has(n) ? undefined : n)));

    // Outcomes as if the batch were added one document after the other.
    const current = new Map(ids.map((id, i) => [id, stored[i]]));
    const outcomes = batch.map(({ document: { id }, hash }): AddOutcome => {
      const before = current.get(id);
      current.set(id, Buffer.from(hash));
      if (!before) return 'indexed';
      return Buffer.compare(before, hash) === 0 ? 'unchanged' : 'replaced';
    });

    // The documents to write: each id's last version, unless it is the one stored.
    const changed = ids.flatMap((id, i): Change[] => {
      const { prepared, at } = latest.get(id) as { prepared: PreparedDocument; at: number };
      const old = stored[i];
      return old && Buffer.compare(old, prepared.hash) === 0 ? [] : [{ prepared, at, number: numbers[i] as number, replacing: Boolean(old) }];
    });
    if (changed.length === 0) return outcomes;
    const oldTexts = await Promise.all(changed.map(({ number, replacing }) => (replacing ? this.redis.hgetBuffer(docKey(number), 'text') : null)));

    // Postings first, so that a committed document is always found; the old version's keys that the new one lacks go.
    // Each group's postings, a key and a number (negative to remove it) each, take one POST.
    const groups: { keys: number[]; numbers: number[] }[] = [];
    const note = (key: number, number: number): void => {
      const group = (groups[key % GROUPS] ??= { keys: [], numbers: [] });
      group.keys.push(key);
      group.numbers.push(number);
    };
    changed.forEach(({ prepared: { keys }, number }, i) => {
      const oldText = oldTexts[i];
      if (oldText) {
        const now = new Set(keys);
        for (const key of keysOf(inflateRawSync(oldText).toString())) if (!now.has(key)) note(key, -number);
      }
      for (const key of keys) note(key, number);
    });
    await Promise.all(groups.flatMap((group) => (group ? [this.redis.post(group.keys.length, group.keys.map(postingKey), group.numbers.join(' '))] : [])));

    // Then the commits, one script call per document shard.
    const committed: AddOutcome[] = [];
    await Promise.all(
      groupBy(changed.keys(), (i) => (changed[i] as Change).number % GROUPS).map(async (group) => {
        const shard = (changed[group[0] as number] as Change).number % GROUPS;
        const args = group.flatMap((i) => {
          const { prepared: { document: d, hash, words, keys }, number } = changed[i] as Change;
          const fields = ['id', d.id, 'text', deflateRawSync(d.text), ...OPTIONAL.flatMap((name) => (d[name] === undefined ? [] : [name, d[name]]))];
          return [number, Buffer.from(hash), words, keys.length, Buffer.byteLength(d.text), fields.length, ...fields];
        });
        const docs = group.map((i) => docKey((changed[i] as Change).number));
        const outcomes = await this.redis.commit(docs.length + 2, [docsKey(shard), statsKey(shard), ...docs], args);
        group.forEach((i, j) => (committed[i] = outcomes[j] as AddOutcome));
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

  document(id: string): Promise<NumberedDocument | undefined> {
    return this.retrying(async () => (await this.read(await this.numbersOf([id])))[0]);
  }

  contentHashes(ids: readonly string[]): Promise<(Uint8Array | undefined)[]> {
    return this.retrying(async () => this.hashesOf(await this.numbersOf(ids)));
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
    // One ZRANGE a key, auto-pipelined: one script call per group of keys measured no faster for a query's hundred or
    // so keys, most groups holding one of them.
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
    // Concurrent commands go out as one pipeline per node: a batch's hundreds of HMGETs or CLAIMs, a query's hundreds of
    // ZRANGEs take a round trip.
    enableAutoPipelining: true,
    // Reconnect to the cluster for ever, at most 2 s apart; while it is away, commands fail at once instead of
    // waiting in a queue for ever, and the store's own retries decide when to give up. (A command to a node that is
    // down fails too: ioredis drops the node's connection and makes a new one when the slots are next read.)
    clusterRetryStrategy: (times) => Math.min(100 * times, 2000),
    enableOfflineQueue: false,
    redisOptions: { connectTimeout: PROBE_TIMEOUT_MS },
    lazyConnect: true,
    scripts: { claim: { lua: CLAIM, numberOfKeys: 1 }, post: { lua: POST }, hashes: { lua: HASHES }, commit: { lua: COMMIT }, teach: { lua: TEACH, numberOfKeys: 2 } },
    // Auto-pipelining files a command by its first argument, which for a script taking a variable number of keys is the
    // count, not a key: its pipeline would fail. These go one by one, a few hundred a batch.
    autoPipeliningIgnoredCommands: ['post', 'hashes', 'commit'],
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
