import { randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { Cluster, Redis } from 'ioredis';
import { UnspinError } from '../errors.js';
import type { SpinPair } from '../spin/types.js';
import type { AddOutcome, CorpusStats, CorpusStore, MeaningNeighbour, MeaningProgress, NumberedDocument, PreparedDocument, TaughtPair } from './corpus-store.js';
import { MEANING_SYNC_SLICE, MeaningIndex } from './meaning-index.js';
import { parseRedisAddress } from './redis-address.js';
import { connectCluster, retryWhileUnreachable } from './redis-retry.js';

/*
 * Every key starts with `unspin:`. A key's {tag} picks its cluster slot, so the keys one Lua script touches share one:
 * - unspin:layout                    "<layout> <token>": the layout of the keys below and a token of the store, set by
 *                                    the first client to open an empty cluster (see storeToken)
 * - unspin:next                      INCRBY hands out document numbers (1, 2, 3…; a retry may skip some)
 * - unspin:levels                    HASH level → how many buckets the level's postings have (see bucketsFor)
 * - unspin:{i<g>}:ids                HASH id → the document's number, claimed with HSETNX (g: idGroup)
 * - unspin:{d<n % GROUPS>}#<n>       STRING, the committed document n (n in base 36; see encodeDocument), written by COMMIT
 * - unspin:{d<s>}:docs               STRING, a bit for each number of shard s (bit n / GROUPS): set once committed
 * - unspin:{d<s>}:stats              HASH of shard s's counts: documents, words, textBytes, postings, and
 *                                    storedBytes (the texts deflated, as the documents hold them)
 * - unspin:{p<g>}<L>:<b>             HASH, a bucket of level L's postings: field 16 bits of a fingerprint key's high part
 *                                    (see postingEntry), value the numbers of level L posted under it, ascending and apart
 *                                    by spaces, or "+" once they outgrow a field and move to the ZSET
 *                                    unspin:{p<g>}<L>+<b>:<field> (score = member = number)
 * - unspin:{d<b % GROUPS>}:meaning:<b> STRING, the meaning vectors of numbers from MEANING_BUCKET·b on, one fixed
 *                                    slot each (all zeros: none), created at full size by VECTORS
 * - unspin:{meaning}:log             LIST of the numbers whose vectors were written, in order
 * - unspin:{spin}:pairs              HASH "tortured\0expected" → how many documents taught the pair
 * - unspin:{spin}:src:<pair>         ZSET of the documents that taught it, scored by when (ms)
 *
 * A batch sends a command per tag, not per key: an HMGET and a CLAIM per id group, a POST per posting group (all that
 * group's postings) and a COMMIT per document shard. The client's cost is per command and per argument, so a batch of
 * 2,000 new documents takes some 1,300 commands, where it took one for each of its 175,000 postings.
 *
 * Postings are bucketed by level, so that memory goes to postings and not to keys. A key of its own costs Redis some
 * 150 bytes with its place in the keyspace, where a field of a small hash, kept in one compact listpack, costs 10–20
 * (a posting took 108 bytes as a key of its own, some 12 in a bucket). But a fixed number of buckets is either too
 * many for a small corpus (one posting a bucket) or too few for a large one (hashes beyond Redis's default listpack
 * limits of 128 fields and 64-byte values are stored loosely again). So each level has buckets for its own documents:
 * level 0 the numbers below 2,048, level L ≥ 1 the numbers [2^(10+L), 2^(11+L)). The batch that first writes to a
 * level sets its bucket count from its own keys per document, for some 64 postings a bucket once the level is full:
 * short documents take fewer keys of their own, long ones keep their buckets compact. (Twice as many buckets as
 * numbers, the count of layout 2, spent a key on every 45 postings of the bench's documents, and let documents of over
 * 250 keys outgrow the listpacks.) A level's count never changes, and its buckets never split or move, as a document's
 * number fixes where its postings go. A lookup reads a key at every level there is (14 at 10 million documents), one
 * script call per posting group; lower levels hold lower numbers, so reading them in order gives the lowest numbers
 * first.
 */
const PREFIX = 'unspin:';
const NEXT = `${PREFIX}next`;
/**
 * The key layout a store was written in: this build reads and writes layout 4 (bucketed postings under 16-bit
 * fields, documents as strings under short keys, meaning vectors in fixed slots).
 */
const LAYOUT = `${PREFIX}layout`;
const LAYOUT_VERSION = '4';
/**
 * How many tags ids and documents are spread over. Few, as a command costs the client tens of microseconds whatever
 * it holds: a full batch takes at most this many of each kind of call, and indexing took 10% less client CPU than with
 * 1,024. Enough for the cluster to spread them over its masters: 256 of the 16,384 slots are some 85 a master of
 * three, a dozen a master of twenty.
 */
const GROUPS = 256;
const SPIN_PAIRS = `${PREFIX}{spin}:pairs`;
const shardOf = (number: number): string => `${PREFIX}{d${number % GROUPS}}`;
const docKey = (number: number): string => `${shardOf(number)}#${base36(number)}`;
const docsKey = (shard: number): string => `${PREFIX}{d${shard}}:docs`;
const statsKey = (shard: number): string => `${PREFIX}{d${shard}}:stats`;
const idsKey = (group: number): string => `${PREFIX}{i${group}}:ids`;
const pairField = (tortured: string, expected: string): string => `${tortured}\0${expected}`;
const sourcesKey = (field: string): string => `${PREFIX}{spin}:src:${field}`;
const SHARD_LIST = Array.from({ length: GROUPS }, (_, shard) => shard);
/**
 * Meaning vectors (src/fingerprint/meaning.ts), MEANING_BUCKET numbers to a string of fixed slots, and the log of the
 * numbers written, in order: each process's nearest-neighbour index applies the log's entries after the last one it
 * holds (src/store/meaning-index.ts). A vector costs its own bytes: 80 slots of 100 bytes fill an 8 KB allocation. (In
 * a hash, a field of 100 bytes is beyond the listpack's 64, and the hash took some 155 bytes a document.)
 */
const MEANING_BUCKET = 80;
const meaningKey = (number: number): string => {
  const bucket = Math.floor(number / MEANING_BUCKET);
  return `${PREFIX}{d${bucket % GROUPS}}:meaning:${bucket}`;
};
const MEANING_LOG = `${PREFIX}{meaning}:log`;

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

/**
 * How many tags postings are spread over: fewer still, as a lookup takes a script call per group its keys fall in (a
 * query's hundred or so keys took 2.6 ms in 64 groups, 3.1 ms in 256); 64 masters can share them.
 */
const POSTING_GROUPS = 64;
const POSTING_TAGS = Array.from({ length: POSTING_GROUPS }, (_, group) => `${PREFIX}{p${base36(group)}}`);
/** Numbers below this are level 0. */
const LEVEL_ZERO_END = 2048;
/** The level of a document number: 0 below 2,048, then one more each time the numbers double. */
export function levelOf(number: number): number {
  if (number < LEVEL_ZERO_END) return 0;
  const log2 = number < 2 ** 31 ? 31 - Math.clz32(number) : Math.floor(Math.log2(number));
  return log2 - 10;
}
/** How many numbers a level has. */
const numbersIn = (level: number): number => (level === 0 ? LEVEL_ZERO_END : 2 ** (10 + level));
/** Postings a full bucket should hold: half the 128 fields a listpack takes, room for the spread between buckets. */
const POSTINGS_PER_BUCKET = 64;
/** A level's bucket count for documents of this many keys: a multiple of the posting groups, so that a bucket keeps its
 * key's tag. */
export function bucketsFor(level: number, keysPerDocument: number): number {
  const groups = Math.ceil((numbersIn(level) * Math.max(1, keysPerDocument)) / (POSTINGS_PER_BUCKET * POSTING_GROUPS));
  return groups * POSTING_GROUPS;
}
const LEVELS = `${PREFIX}levels`;
/** A posting list longer than this many characters leaves its bucket for a ZSET (a listpack holds values of up to 64 bytes). */
const LONGEST_FIELD = 48;

/**
 * A field keeps 16 bits of its key beyond the bucket, as a signed number: a listpack entry holds it in 4 bytes where
 * the whole residue (some 20 bits) took 5, a byte a posting. Two keys of a bucket share a field once in some 1,000 lookups
 * (a bucket holds some 64 of the 65,536 fields), and then share its postings: a candidate gains a key it lacks.
 */
const FIELD_MASK = 0xffff;
const FIELD_OFFSET = 0x8000;

/** The bucket of a level that a fingerprint key's postings go to, as a number below the level's count of buckets. */
const bucketOf = (key: number, buckets: number): number => key % buckets;
/** The bucket's name: the key's low bits pick the bucket, and its group the tag. */
const bucketName = (bucket: number, level: number): string => `${POSTING_TAGS[bucket % POSTING_GROUPS] as string}${base36(level)}:${base36(Math.floor(bucket / POSTING_GROUPS))}`;
/** The key's field in its bucket: 16 bits of it beyond the bucket, as a signed number. */
const fieldOf = (key: number, buckets: number): number => (Math.floor(key / buckets) & FIELD_MASK) - FIELD_OFFSET;

/**
 * Where the postings of a fingerprint key at a level are: the bucket, the field in it, and the ZSET that takes them when
 * they outgrow the field (named by bucket and field, as keys that share a field share its postings). A bucket's count
 * is a multiple of the posting groups, so the key's group is its bucket's, and all three share a slot.
 */
export function postingEntry(key: number, level: number, buckets: number): { bucket: string; field: string; overflow: string } {
  const bucket = bucketName(bucketOf(key, buckets), level);
  const field = String(fieldOf(key, buckets));
  const colon = bucket.lastIndexOf(':');
  return { bucket, field, overflow: `${bucket.slice(0, colon)}+${bucket.slice(colon + 1)}:${field}` };
}

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
 * The name of a field's overflow ZSET in Lua, from its bucket's name and the field, as postingEntry names it: the
 * bucket's last ':' becomes '+', and ':field' follows. The scripts that write and read postings both start with it.
 */
const OVERFLOW_OF = `
local function overflowOf(bucket, field)
  local head, tail = string.match(bucket, '^(.*):([^:]*)$')
  return head .. '+' .. tail .. ':' .. field
end
`;

/**
 * Writes postings of one group, a bucket at a time: KEYS the group's buckets (see postingEntry); ARGV how many fields
 * each bucket is sent, then for each bucket its fields and what each takes, "n,n,-n": numbers to add, a number to remove
 * written negative, applied in order. A bucket takes one HMGET and one HSET whatever it is sent: a call per posting cost
 * Redis some 6 µs a posting, most of it the call itself, where this takes some 1.6 into empty buckets and 2.6 into
 * buckets of 60 fields, most of it the HMGET's and the HSET's search of the bucket's listpack. A field's
 * overflow ZSET is not a declared key: it shares the bucket's tag, and so its slot, and is named from it. Adding a
 * number present and removing one absent change nothing, so a retried batch changes nothing twice.
 */
const POST = `${OVERFLOW_OF}
local function later(a, b) return tonumber(a) < tonumber(b) end
local a = #KEYS + 1
for k = 1, #KEYS do
  local bucket, count = KEYS[k], tonumber(ARGV[k])
  local values = {}
  for from = 0, count - 1, 1000 do
    local part = redis.call('HMGET', bucket, unpack(ARGV, a + from, a + math.min(from + 999, count - 1)))
    for i = 1, #part do values[from + i] = part[i] end
  end
  local writes, deletes = {}, {}
  for i = 1, count do
    local field, value, op = ARGV[a + i - 1], values[i], ARGV[a + count + i - 1]
    if not value and not string.find(op, '[,-]') then
      -- The common case: a new field takes a number.
      writes[#writes + 1] = field
      writes[#writes + 1] = op
    else
      local overflow = overflowOf(bucket, field)
      local numbers, present, moved, changed = {}, {}, value == '+', false
      if value and not moved then
        for m in string.gmatch(value, '%S+') do numbers[#numbers + 1] = m; present[m] = true end
      end
      for n in string.gmatch(op, '[^,]+') do
        local remove = string.byte(n) == 45
        if remove then n = string.sub(n, 2) end
        if moved then
          if remove then redis.call('ZREM', overflow, n) else redis.call('ZADD', overflow, n, n) end
        elseif remove and present[n] then
          present[n] = nil
          changed = true
          local kept = {}
          for _, m in ipairs(numbers) do if m ~= n then kept[#kept + 1] = m end end
          numbers = kept
        elseif not remove and not present[n] then
          present[n] = true
          changed = true
          numbers[#numbers + 1] = n
          table.sort(numbers, later)
          if #table.concat(numbers, ' ') > ${LONGEST_FIELD} then
            for _, m in ipairs(numbers) do redis.call('ZADD', overflow, m, m) end
            moved = true
          end
        end
      end
      if moved and value ~= '+' then
        writes[#writes + 1] = field
        writes[#writes + 1] = '+'
      elseif changed and not moved then
        if #numbers == 0 then deletes[#deletes + 1] = field else
          writes[#writes + 1] = field
          writes[#writes + 1] = table.concat(numbers, ' ')
        end
      end
    end
  end
  for from = 1, #writes, 1000 do redis.call('HSET', bucket, unpack(writes, from, math.min(from + 999, #writes))) end
  for from = 1, #deletes, 1000 do redis.call('HDEL', bucket, unpack(deletes, from, math.min(from + 999, #deletes))) end
  a = a + 2 * count
end
return #KEYS
`;

/**
 * Reads postings of one group at every level: KEYS the bucket of each key at each level, key by key; ARGV the limit,
 * the number of levels, then each of those buckets' field. A field moved to its overflow ZSET is read there, named from
 * its bucket as POST names it. Returns each key's numbers, the lowest first, at most the limit, apart by spaces.
 */
const POSTINGS = `${OVERFLOW_OF}
local limit, levels = tonumber(ARGV[1]), tonumber(ARGV[2])
local lists = {}
local k = 0
for i = 1, #KEYS / levels do
  local numbers = {}
  for level = 1, levels do
    k = k + 1
    if #numbers < limit then
      local field = ARGV[2 + k]
      local value = redis.call('HGET', KEYS[k], field)
      if value == '+' then
        for _, m in ipairs(redis.call('ZRANGE', overflowOf(KEYS[k], field), 0, limit - #numbers - 1)) do numbers[#numbers + 1] = m end
      elseif value then
        for m in string.gmatch(value, '%S+') do
          if #numbers < limit then numbers[#numbers + 1] = m end
        end
      end
    end
  end
  lists[i] = table.concat(numbers, ' ')
end
return lists
`;

/**
 * Writes meaning vectors into their slots: KEYS a bucket; ARGV the bucket's size in bytes, then an offset and a vector
 * for each. A new bucket is made at its full size at once: a string that SETRANGE grows takes twice the room it needs.
 */
const VECTORS = `
local size = tonumber(ARGV[1])
local length = redis.call('STRLEN', KEYS[1])
if length == 0 then
  redis.call('SETRANGE', KEYS[1], size - 1, '\\0')
elseif length ~= size then
  return redis.error_reply('E_BAD_FORMAT meaning vectors of another length are stored here')
end
for i = 2, #ARGV, 2 do redis.call('SETRANGE', KEYS[1], ARGV[i], ARGV[i + 1]) end
return (#ARGV - 1) / 2
`;

/** The content hash of each document: KEYS document keys of one shard. */
const HASHES = `
local hashes = {}
for i = 1, #KEYS do
  local hash = redis.call('GETRANGE', KEYS[i], 0, 19)
  hashes[i] = hash ~= '' and hash
end
return hashes
`;

/**
 * Commits documents of one shard whose postings are written: KEYS docs, stats, then each document's key; ARGV for each
 * document its number, hash and encoded value. The same content hash changes nothing, so a retried batch counts nothing
 * twice; a new version replaces the old one and its counts. Returns each document's outcome.
 */
const COMMIT = `
local outcomes = {}
local a = 1
for k = 3, #KEYS do
  local number, hash, value = ARGV[a], ARGV[a + 1], ARGV[a + 2]
  a = a + 3
  local old = redis.call('GETRANGE', KEYS[k], 0, 99)
  if string.sub(old, 1, 20) == hash then
    outcomes[#outcomes + 1] = 'unchanged'
  else
    -- The deflated text is what follows the counts line and the metadata.
    -- The counts are in base 36 (see encodeDocument).
    local words, keys, bytes, meta, lineEnd = string.match(value, '^(%w+) (%w+) (%w+) (%w+)\\n()', 21)
    local stored = #value - lineEnd + 1 - tonumber(meta, 36)
    local oldWords, oldKeys, oldBytes, oldMeta, oldLineEnd = string.match(old, '^(%w+) (%w+) (%w+) (%w+)\\n()', 21)
    local before = function(count) return count and tonumber(count, 36) or 0 end
    local oldStored = old ~= '' and redis.call('STRLEN', KEYS[k]) - oldLineEnd + 1 - tonumber(oldMeta, 36) or 0
    redis.call('SET', KEYS[k], value)
    redis.call('SETBIT', KEYS[1], math.floor(tonumber(number) / ${GROUPS}), 1)
    redis.call('HINCRBY', KEYS[2], 'documents', old ~= '' and 0 or 1)
    redis.call('HINCRBY', KEYS[2], 'words', tonumber(words, 36) - before(oldWords))
    redis.call('HINCRBY', KEYS[2], 'postings', tonumber(keys, 36) - before(oldKeys))
    redis.call('HINCRBY', KEYS[2], 'textBytes', tonumber(bytes, 36) - before(oldBytes))
    redis.call('HINCRBY', KEYS[2], 'storedBytes', stored - oldStored)
    outcomes[#outcomes + 1] = old ~= '' and 'replaced' or 'indexed'
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
  post(count: number, keys: string[], args: (string | number)[]): Promise<number>;
  postingLists(count: number, keys: string[], args: (string | number)[]): Promise<string[]>;
  hashesBuffer(count: number, keys: string[]): Promise<(Buffer | null)[]>;
  commit(count: number, keys: string[], args: (string | number | Buffer)[]): Promise<AddOutcome[]>;
  vectors(bucket: string, size: number, ...offsetVectorPairs: (number | Buffer)[]): Promise<number>;
  teach(pairs: string, sources: string, field: string, document: string, time: number): Promise<number>;
}
type ScriptedCluster = Cluster & Scripts;

/** What a document's value holds besides its counts and text. */
interface Metadata {
  readonly id: string;
  readonly title?: string;
  readonly author?: string;
  readonly date?: string;
  readonly url?: string;
}

const HASH_BYTES = 20;

/**
 * A stored document as one string, which costs Redis far less than a hash of fields: its content hash (20 bytes), then
 * "words keys bytes metadataBytes" in base 36 and a line break, the metadata, and the text deflated. The metadata is the
 * bare id where the document has nothing else and its id does not start with "{", else JSON.
 */
function encodeDocument({ document: d, hash, words, keys }: PreparedDocument): Buffer {
  const bare = d.title === undefined && d.author === undefined && d.date === undefined && d.url === undefined && !d.id.startsWith('{');
  const metadata: Metadata = { id: d.id, title: d.title, author: d.author, date: d.date, url: d.url };
  const written = Buffer.from(bare ? d.id : JSON.stringify(metadata));
  const counts = Buffer.from(`${[words, keys.length, Buffer.byteLength(d.text), written.length].map(base36).join(' ')}\n`);
  return Buffer.concat([hash, counts, written, deflateRawSync(d.text)]);
}

/** Where an encoded document's parts are: its counts (words, keys, bytes, metadata bytes), metadata and deflated text. */
function documentParts(value: Buffer): { counts: number[]; metadataAt: number; textAt: number } {
  const lineEnd = value.indexOf(10, HASH_BYTES);
  const counts = value.subarray(HASH_BYTES, lineEnd).toString().split(' ').map((c) => parseInt(c, 36));
  const metadataAt = lineEnd + 1;
  return { counts, metadataAt, textAt: metadataAt + (counts[3] as number) };
}

function metadataOf(value: Buffer, metadataAt: number, textAt: number): Metadata {
  const written = value.subarray(metadataAt, textAt).toString();
  return written.startsWith('{') ? (JSON.parse(written) as Metadata) : { id: written };
}

const documentText = (value: Buffer, textAt = documentParts(value).textAt): string => inflateRawSync(value.subarray(textAt)).toString();

function decodeDocument(number: number, value: Buffer): NumberedDocument {
  const { counts, metadataAt, textAt } = documentParts(value);
  return { number, ...metadataOf(value, metadataAt, textAt), text: documentText(value, textAt), words: counts[0] as number };
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
  private meaning = MeaningIndex.inMemory();

  constructor(
    private readonly redis: ScriptedCluster,
    readonly location: string,
    /** The token of the store this process opened (see storeToken). */
    private token: string,
  ) {}

  /**
   * Checks that the cluster still holds the store this process opened. One emptied under it (FLUSHALL while a job ran)
   * takes the layout again under a new token, and this process forgets what it held of the old store (its meaning
   * index): the writes that follow make a store of this layout again.
   */
  private async sameStore(): Promise<void> {
    const token = await storeToken(this.redis, this.location);
    if (token === this.token) return;
    this.token = token;
    this.meaning = MeaningIndex.inMemory();
  }

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

  /**
   * The levels' bucket counts as the cluster holds them now, read afresh by every batch and lookup (one call): a
   * cluster emptied under a long-lived process holds none, and the corpus indexed next sets its own.
   */
  private async levelCounts(): Promise<Map<number, number>> {
    return new Map(Object.entries(await this.redis.hgetall(LEVELS)).map(([level, buckets]) => [Number(level), Number(buckets)]));
  }

  /**
   * Sets the count of each level a batch writes to that no writer has set yet, from the batch's keys (the first to set
   * one wins); then reads them all.
   */
  private async settleLevels(levels: Iterable<number>, keysPerDocument: number): Promise<Map<number, number>> {
    await Promise.all([...new Set(levels)].map((level) => this.redis.hsetnx(LEVELS, String(level), bucketsFor(level, keysPerDocument))));
    return this.levelCounts();
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
    await this.sameStore();
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
    const oldValues = await Promise.all(changed.map(({ number, replacing }) => (replacing ? this.redis.getBuffer(docKey(number)) : null)));

    // Postings first, so that a committed document is always found; the old version's keys that the new one lacks go.
    // Each group's postings take one POST: its buckets, and in each its fields with the numbers they take (negative to
    // remove one), in order.
    const keysPerDocument = changed.reduce((n, c) => n + c.prepared.keys.length, 0) / changed.length;
    const counts = await this.settleLevels(changed.map((c) => levelOf(c.number)), keysPerDocument);
    // By group, the buckets written (by level and bucket number), each with its fields and the numbers they take.
    const groups: Map<number, { name: string; fields: Map<number, string> }>[] = [];
    const note = (key: number, number: number): void => {
      const level = levelOf(Math.abs(number));
      const count = counts.get(level) as number;
      const at = bucketOf(key, count);
      const buckets = (groups[at % POSTING_GROUPS] ??= new Map());
      const id = at * 64 + level; // a bucket of a level: there are fewer than 64 levels
      let bucket = buckets.get(id);
      if (!bucket) buckets.set(id, (bucket = { name: bucketName(at, level), fields: new Map() }));
      const field = fieldOf(key, count);
      const numbers = bucket.fields.get(field);
      bucket.fields.set(field, numbers === undefined ? String(number) : `${numbers},${number}`);
    };
    changed.forEach(({ prepared: { keys }, number }, i) => {
      const oldValue = oldValues[i];
      if (oldValue) {
        const now = new Set(keys);
        for (const key of keysOf(documentText(oldValue))) if (!now.has(key)) note(key, -number);
      }
      for (const key of keys) note(key, number);
    });
    await Promise.all(
      groups.flatMap((buckets) => {
        if (!buckets) return [];
        const written = [...buckets.values()];
        const args: (string | number)[] = written.map((bucket) => bucket.fields.size);
        for (const { fields } of written) args.push(...fields.keys(), ...fields.values());
        return [this.redis.post(written.length, written.map((bucket) => bucket.name), args)];
      }),
    );

    // Then the commits, one script call per document shard.
    const committed: AddOutcome[] = [];
    await Promise.all(
      groupBy(changed.keys(), (i) => (changed[i] as Change).number % GROUPS).map(async (group) => {
        const shard = (changed[group[0] as number] as Change).number % GROUPS;
        const args = group.flatMap((i) => {
          const { prepared, number } = changed[i] as Change;
          return [number, Buffer.from(prepared.hash), encodeDocument(prepared)];
        });
        const docs = group.map((i) => docKey((changed[i] as Change).number));
        const outcomes = await this.redis.commit(docs.length + 2, [docsKey(shard), statsKey(shard), ...docs], args);
        group.forEach((i, j) => (committed[i] = outcomes[j] as AddOutcome));
      }),
    );
    // Then the meaning vectors of the documents written, and their numbers in the log (a retried batch logs them again:
    // applying a vector twice leaves the index as it was).
    const vectors = changed.flatMap(({ prepared: { meaning }, number }, i) => (meaning && committed[i] !== 'unchanged' ? [{ number, meaning }] : []));
    await Promise.all(
      groupBy(vectors, (v) => Math.floor(v.number / MEANING_BUCKET)).map((bucket) => {
        const [{ number: first, meaning: { length: width } }] = bucket as [(typeof vectors)[number]];
        const slots = bucket.flatMap(({ number, meaning }) => [(number % MEANING_BUCKET) * width, Buffer.from(meaning.buffer, meaning.byteOffset, meaning.byteLength)]);
        return this.redis.vectors(meaningKey(first), MEANING_BUCKET * width, ...slots);
      }),
    );
    if (vectors.length > 0) await this.redis.rpush(MEANING_LOG, ...vectors.map((v) => v.number));
    // An id the batch has once takes the commit's own outcome, which another process may have made 'unchanged'.
    changed.forEach(({ prepared, at }, i) => {
      if (seen.get(prepared.document.id) === 1) outcomes[at] = committed[i] as AddOutcome;
    });
    return outcomes;
  }

  private async read(numbers: readonly (number | undefined)[]): Promise<(NumberedDocument | undefined)[]> {
    const values = await Promise.all(numbers.map((n) => (n === undefined ? null : this.redis.getBuffer(docKey(n)))));
    return values.map((v, i) => (v ? decodeDocument(numbers[i] as number, v) : undefined));
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
      const shards = await Promise.all(SHARD_LIST.map((shard) => this.redis.getBuffer(docsKey(shard))));
      const numbers: number[] = [];
      shards.forEach((bits, shard) => {
        // Redis numbers a string's bits from the first byte's highest.
        for (let i = 0; i < (bits?.length ?? 0); i++) {
          for (let bit = 0, byte = bits?.[i] ?? 0; byte !== 0; bit++, byte = (byte << 1) & 0xff) {
            if (byte & 0x80) numbers.push((i * 8 + bit) * GROUPS + shard);
          }
        }
      });
      return numbers.sort((a, b) => a - b);
    });
  }

  postings(keys: readonly number[], limit: number): Promise<number[][]> {
    if (limit <= 0 || keys.length === 0) return Promise.resolve(keys.map(() => []));
    // Every level up to that of the last number handed out; one script call per posting group.
    return this.retrying(async () => {
      const [next, counts] = await Promise.all([this.redis.get(NEXT), this.levelCounts(), this.sameStore()]);
      const last = Number(next ?? 0);
      if (last === 0) return keys.map(() => []);
      // A level whose count no writer has set yet holds no postings.
      const levels = Array.from({ length: levelOf(last) + 1 }, (_, level) => level).filter((level) => counts.has(level));
      if (levels.length === 0) return keys.map(() => []);
      const lists: number[][] = keys.map(() => []);
      await Promise.all(
        groupBy(keys.keys(), (i) => (keys[i] as number) % POSTING_GROUPS).map(async (group) => {
          const buckets: string[] = [];
          const fields: string[] = [];
          for (const i of group) {
            for (const level of levels) {
              const count = counts.get(level) as number;
              buckets.push(bucketName(bucketOf(keys[i] as number, count), level));
              fields.push(String(fieldOf(keys[i] as number, count)));
            }
          }
          const found = await this.redis.postingLists(buckets.length, buckets, [limit, levels.length, ...fields]);
          group.forEach((i, j) => (lists[i] = found[j] ? (found[j] as string).split(' ').map(Number) : []));
        }),
      );
      return lists;
    });
  }

  nearest(vector: Int8Array, limit: number): Promise<MeaningNeighbour[]> {
    return this.retrying(async () => {
      await this.syncMeaning();
      return this.meaning.nearest(vector, limit);
    });
  }

  /** Nothing to save: each process builds its own meaning index at its first lookup (a worker that only indexes, never). */
  async saveMeaning(): Promise<void> {}

  catchUpMeaning(onProgress?: MeaningProgress): Promise<void> {
    return this.retrying(async () => this.syncMeaning(onProgress));
  }

  /** Applies the log's entries after the last one this process's index holds, a slice at a time (a new worker reads them all). */
  private async syncMeaning(onProgress?: MeaningProgress): Promise<void> {
    await this.sameStore();
    const logged = await this.redis.llen(MEANING_LOG);
    const from = this.meaning.seq;
    if (logged > from) onProgress?.(0, logged - from);
    while (this.meaning.seq < logged) {
      await this.applyMeaningLog(this.meaning.seq, Math.min(logged, this.meaning.seq + MEANING_SYNC_SLICE));
      onProgress?.(this.meaning.seq - from, logged - from);
    }
  }

  /** The vectors of the log's entries from..to-1, a bucket at a time; a slot of zeros holds none (a write since lost). */
  private async applyMeaningLog(from: number, to: number): Promise<void> {
    const numbers = (await this.redis.lrange(MEANING_LOG, from, to - 1)).map(Number);
    const buckets = new Map<number, Buffer | null>();
    await Promise.all(
      [...new Set(numbers.map((n) => Math.floor(n / MEANING_BUCKET)))].map(async (bucket) => {
        buckets.set(bucket, await this.redis.getBuffer(meaningKey(bucket * MEANING_BUCKET)));
      }),
    );
    this.meaning.apply(
      numbers.flatMap((number, i) => {
        const bucket = buckets.get(Math.floor(number / MEANING_BUCKET));
        if (!bucket) return [];
        const width = bucket.length / MEANING_BUCKET;
        const vector = new Int8Array(bucket.buffer, bucket.byteOffset + (number % MEANING_BUCKET) * width, width);
        return vector.some((x) => x !== 0) ? [{ seq: from + i + 1, number, vector }] : [];
      }),
    );
    this.meaning.skipTo(to);
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
      const stats = await Promise.all(SHARD_LIST.map((shard) => r.hmget(statsKey(shard), 'documents', 'words', 'textBytes', 'postings', 'storedBytes')));
      const column = (i: number): number => sum(stats.map((s) => s[i] ?? null));
      // Redis does not say what one prefix's keys take: storeBytes is the whole dataset of every master
      // (used_memory_dataset: memory less the server's own overhead), so other keys in the cluster count too.
      const memory = await Promise.all(r.nodes('master').map((node) => node.info('memory')));
      const storeBytes = sum(memory.map((info) => /used_memory_dataset:(\d+)/.exec(info)?.[1] ?? null));
      const [documents, words, textBytes, postings, storedBytes] = [0, 1, 2, 3, 4].map(column) as [number, number, number, number, number];
      return {
        documents,
        words,
        textBytes,
        postings,
        storeBytes,
        // The script counts a pair when it first adds a source, so every field counts at least 1.
        spinPairs: await r.hlen(SPIN_PAIRS),
        // Beyond the text as the documents hold it, deflated.
        indexBytesPerDocument: documents > 0 ? Math.round(Math.max(0, storeBytes - storedBytes) / documents) : 0,
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
    scripts: { claim: { lua: CLAIM, numberOfKeys: 1 }, post: { lua: POST }, postingLists: { lua: POSTINGS }, hashes: { lua: HASHES }, commit: { lua: COMMIT }, vectors: { lua: VECTORS, numberOfKeys: 1 }, teach: { lua: TEACH, numberOfKeys: 2 } },
    // Auto-pipelining files a command by its first argument, which for a script taking a variable number of keys is the
    // count, not a key: its pipeline would fail. These go one by one, a few hundred a batch.
    autoPipeliningIgnoredCommands: ['post', 'postingLists', 'hashes', 'commit'],
  });
  // Failures reach the commands that meet them; without listeners ioredis would print every one.
  cluster.on('error', () => {});
  cluster.on('node error', () => {});
  try {
    await connectCluster(cluster, address);
    return new RedisStore(cluster as ScriptedCluster, address, await retryWhileUnreachable(address, () => storeToken(cluster, address)));
  } catch (error) {
    cluster.disconnect();
    throw error;
  }
}

/**
 * The token of the store the cluster holds, from its layout key ("<layout> <token>"): an empty cluster takes this build's
 * layout under a new token (the first process to set it wins); a store another layout wrote is a one-line error, not
 * wrong answers.
 */
async function storeToken(cluster: Cluster, address: string): Promise<string> {
  let value = await cluster.get(LAYOUT);
  if (value === null) {
    await cluster.set(LAYOUT, `${LAYOUT_VERSION} ${randomBytes(6).toString('hex')}`, 'NX');
    value = (await cluster.get(LAYOUT)) ?? '';
  }
  const [layout = '', token = ''] = value.split(' ');
  if (layout !== LAYOUT_VERSION) {
    throw new UnspinError('E_BAD_FORMAT', `the Unspin store in the Redis Cluster at ${address} has key layout ${layout}; this version reads layout ${LAYOUT_VERSION} (index the corpus again into an empty cluster)`);
  }
  return token;
}
