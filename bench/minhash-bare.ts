/**
 * "Bare Node MinHash loop": the speed floor for MinHash indexing in Node.
 * Lowercase whitespace tokens -> word 5-gram shingles -> 32-bit FNV-1a ->
 * 128 (a*x+b) mod 2^32 permutations min-reduced into a Uint32Array.
 * No LSH, no storage: anything an indexer adds on top costs more than this.
 *
 * CLI: npx tsx bench/minhash-bare.ts CORPUS.jsonl  -> one JSON line.
 * Reading and JSON-parsing the file happen before the clock starts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const NUM_PERM = 128;
const NGRAM = 5;

// Fixed-seed permutations so runs are comparable; `a` odd keeps x -> a*x+b
// a bijection on 32-bit values (mulberry32 PRNG).
const PERM_A = new Uint32Array(NUM_PERM);
const PERM_B = new Uint32Array(NUM_PERM);
{
  let s = 1;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  for (let i = 0; i < NUM_PERM; i++) {
    PERM_A[i] = next() | 1;
    PERM_B[i] = next();
  }
}

/** FNV-1a over UTF-16 units, continuing from `h`, so a shingle is hashed
 *  token by token (with ' ' between) without building the joined string;
 *  the result equals FNV-1a of tokens.join(' '). */
function fnv(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** MinHash signature of one text; `out` is reused across documents. */
function signature(text: string, out: Uint32Array): void {
  const toks = text.toLowerCase().split(/\s+/).filter((t) => t.length > 0);
  out.fill(0xffffffff);
  const n = Math.max(1, toks.length - NGRAM + 1); // < 5 words: one shingle
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    const end = Math.min(i + NGRAM, toks.length);
    for (let j = i; j < end; j++) {
      if (j > i) h = Math.imul(h ^ 0x20, 0x01000193);
      h = fnv(h, toks[j]!);
    }
    h >>>= 0;
    for (let k = 0; k < NUM_PERM; k++) {
      const v = (Math.imul(PERM_A[k]!, h) + PERM_B[k]!) >>> 0;
      if (v < out[k]!) out[k] = v;
    }
  }
}

export function bareMinHash(texts: readonly string[]): { docs: number; seconds: number; docsPerSecond: number } {
  const sig = new Uint32Array(NUM_PERM);
  let sink = 0; // keeps the JIT from treating the signatures as dead
  const t0 = process.hrtime.bigint();
  for (const text of texts) {
    signature(text, sig);
    sink ^= sig[0]!;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (sink === 0x7fffffff + 2) console.error('unreachable');
  return { docs: texts.length, seconds, docsPerSecond: texts.length / seconds };
}

const invokedDirectly =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);

if (invokedDirectly) {
  const path = process.argv[2];
  if (!path) {
    console.error('usage: npx tsx bench/minhash-bare.ts CORPUS.jsonl');
    process.exit(2);
  }
  const texts = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => (JSON.parse(l) as { text: string }).text);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
  const r = bareMinHash(texts);
  console.log(
    JSON.stringify({
      docs: r.docs,
      bytes,
      seconds: Number(r.seconds.toFixed(4)),
      docsPerSecond: Number(r.docsPerSecond.toFixed(1)),
    }),
  );
}
