import { UnspinError } from '../errors.js';
import type { Lexicon } from '../lexicon/types.js';
import { type Random, seededRandom } from '../random.js';
import { analyze } from '../text/analyze.js';
import { FUNCTION_WORDS } from '../text/function-words.js';
import { matchCase } from '../text/case.js';
import { inflectionOf } from '../text/inflect.js';

/**
 * Artificial obfuscation in the manner of the PAN corpora: copies made to test detection (benchmarks, the demo),
 * with the ground truth of every swap, never meant as a writing aid.
 */
export interface ObfuscateOptions {
  /** 0–1: the share of the words that have usable synonyms which the spinner swaps (0.3 ≈ 30%). */
  readonly spin: number;
  /** Also reword before spinning: split and merge sentences, move clauses, reorder neighbours, drop fillers, contract. */
  readonly paraphrase: boolean;
  /** The same text, options and seed always give the same copy. A whole number ≥ 0. */
  readonly seed: number;
}

/** One synonym swap the spinner made. */
export interface Swap {
  /** Character offsets of `to` in the obfuscated text, [start, end). */
  readonly start: number;
  readonly end: number;
  /** The word as it stood before the swap (after any rewording). */
  readonly from: string;
  /** The synonym written in its place: one word or two ("point out"). */
  readonly to: string;
}

export interface Obfuscation {
  readonly text: string;
  /** Every swap, in text order. */
  readonly swaps: readonly Swap[];
}

function chance(random: Random, p: number): boolean {
  return random() < p;
}

// --- synonym spinning -------------------------------------------------------------------------

// Letter runs; hyphenated compounds are spun part by part ("military-to-military" → "army-to-military"), as spinners do.
const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;
// A spinner's thesaurus lists the common senses first; it picks among the first few, blind to which sense is meant.
const CHOICES = 4;
// Single words or two-word phrases in plain lower-case letters ("point out"); longer ones read as obvious noise.
const USABLE_SYNONYM = /^[a-z]+(?:[ -][a-z]+)?$/;
/** Synonyms a spinner would use: not the word again ("thanks" → "give thanks"), not led by a function word ("the states"). */
function synonymChoices(lemma: string, lexicon: Lexicon): string[] {
  return lexicon
    .synonyms(lemma)
    .filter((s) => {
      const words = s.split(/[ -]/);
      return USABLE_SYNONYM.test(s) && !FUNCTION_WORDS.has(words[0] ?? '') && !words.some((w) => lexicon.lemma(w) === lemma);
    })
    .slice(0, CHOICES);
}

/** What the spinner may write for a word, in the word's form and case; empty when the word is not eligible. */
function replacementsFor(word: string, lexicon: Lexicon): string[] {
  const lower = word.toLowerCase();
  const acronym = word.length > 1 && word === word.toUpperCase();
  if (lower.length < 3 || acronym || FUNCTION_WORDS.has(lower) || /['’]/.test(lower)) return [];
  const lemma = lexicon.lemma(lower);
  const inflect = inflectionOf(lower, lemma);
  if (!inflect) return [];
  return synonymChoices(lemma, lexicon).map((synonym) => matchCase(word, inflect(synonym)));
}

/** A sense-blind spinner: swaps about `rate` of the eligible words for WordNet synonyms ("State" → "Point out"), recording each swap. */
function spin(text: string, lexicon: Lexicon, random: Random, rate: number): Obfuscation {
  const swaps: Swap[] = [];
  let out = '';
  let copied = 0;
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const replacements = replacementsFor(word, lexicon);
    if (replacements.length === 0 || !chance(random, rate)) continue;
    const to = replacements[Math.floor(random() * replacements.length)] ?? word;
    out += text.slice(copied, match.index);
    swaps.push({ start: out.length, end: out.length + to.length, from: word, to });
    out += to;
    copied = match.index + word.length;
  }
  return { text: out + text.slice(copied), swaps };
}

// --- rewording --------------------------------------------------------------------------------

const SUBORDINATE = /^(When|If|Because|Although|While|After|Before|Since|Once|Until|Unless|Though) ([^,]{8,}), (.+?)([.!?])$/;
const ATTRIBUTION = /^(.{12,}), ((?:the )?\p{Lu}[\p{L}. ]{1,40}?) (said|says|added|noted)([.!?])$/u;
const FRONTED = /^((?:In|For|On|At|During|After|Before|With|Over|Since|By|Through|Across|Under|Within|Throughout) [^,]{3,40}|Tonight|Today|Now|Again|Together), (.+?)([.!?])$/;
const SPLIT_POINT = /, and |; /;
// A half that starts like a clause ("we have...") can stand alone; list items after a semicolon cannot.
const CLAUSE_START = /^(?:I|we|they|he|she|it|you|the|this|these|those|our|their|there|that|its|his|her)\b/i;
const SHORT_SENTENCE_WORDS = 14;
const MIN_PART_WORDS = 5;
// Blank lines separate paragraphs; rewording stays inside a paragraph and keeps the separators as they were.
const PARAGRAPH_SEPARATOR = /(\n[ \t]*\n\s*)/;

// Each pattern captures the word that keeps its case ("Do not" → "Don't", "Will not" → "Won't").
const CONTRACTIONS: ReadonlyArray<[RegExp, (kept: string) => string]> = [
  [/\b(do|does|did|is|are|was|were|has|have|could|should|would) not\b/gi, (w) => `${w}n't`],
  [/\b(can)not\b/gi, (w) => `${w}'t`],
  [/\b(w)ill not\b/gi, (w) => `${w}on't`],
  [/\b(it|that|there|what|here) is\b/gi, (w) => `${w}'s`],
  [/\b(we|they|you) are\b/gi, (w) => `${w}'re`],
  [/\b(I|we|they|you) will\b/gi, (w) => `${w}'ll`],
  [/\b(I) am\b/g, (w) => `${w}'m`],
];

// Words a rewriter drops without changing the meaning.
const DROPPABLE = / (very|really|just|truly|indeed|simply|certainly|clearly|actually|deeply|quite|all)(?= )|(?<= (?:know|believe|think|said|says)) that(?= )/gi;

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Lower-cases the first word when it is a function word ("The", "We"), never a name or "I". */
function decapitalize(text: string): string {
  const first = /^\S+/.exec(text)?.[0] ?? '';
  return first !== 'I' && FUNCTION_WORDS.has(first.toLowerCase()) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** "When A, B." → "B when A.", "In 2018, B." → "B in 2018." and "X, Y said." → "Y said x.": the clause moves, the words stay. */
function moveClause(sentence: string): string {
  const sub = SUBORDINATE.exec(sentence);
  if (sub) return `${capitalize(sub[3] ?? '')} ${(sub[1] ?? '').toLowerCase()} ${sub[2] ?? ''}${sub[4] ?? ''}`;
  const fronted = FRONTED.exec(sentence);
  if (fronted) return `${capitalize(fronted[2] ?? '')} ${(fronted[1] ?? '').replace(/^\S+/, (w) => w.toLowerCase())}${fronted[3] ?? ''}`;
  const said = ATTRIBUTION.exec(sentence);
  if (said) return `${capitalize(said[2] ?? '')} ${said[3] ?? ''} ${decapitalize(said[1] ?? '')}${said[4] ?? ''}`;
  return sentence;
}

/** "A, and B." → ["A.", "B."] when both halves are real sentences. */
function splitSentence(sentence: string): string[] {
  const m = SPLIT_POINT.exec(sentence);
  if (!m) return [sentence];
  const head = sentence.slice(0, m.index);
  const tail = sentence.slice(m.index + m[0].length);
  if (wordCount(head) < MIN_PART_WORDS || wordCount(tail) < MIN_PART_WORDS || !/[.!?]$/.test(tail) || !CLAUSE_START.test(tail)) return [sentence];
  return [`${head}.`, capitalize(tail)];
}

/** Two short sentences joined: "A. B." → "A, and b." */
function mergeShort(sentences: readonly string[], random: Random): string[] {
  const out: string[] = [];
  for (const sentence of sentences) {
    const previous = out[out.length - 1];
    const short = previous !== undefined && wordCount(previous) <= SHORT_SENTENCE_WORDS && wordCount(sentence) <= SHORT_SENTENCE_WORDS;
    if (short && previous.endsWith('.') && chance(random, 0.5)) out[out.length - 1] = `${previous.slice(0, -1)}, and ${decapitalize(sentence)}`;
    else out.push(sentence);
  }
  return out;
}

/** One pair of neighbouring sentences trades places. */
function swapNeighbours(sentences: string[], random: Random): string[] {
  if (sentences.length < 2) return sentences;
  const i = Math.floor(random() * (sentences.length - 1));
  const swapped = [...sentences];
  [swapped[i], swapped[i + 1]] = [sentences[i + 1] ?? '', sentences[i] ?? ''];
  return swapped;
}

function contract(text: string, random: Random): string {
  return CONTRACTIONS.reduce(
    (t, [pattern, contracted]) => t.replace(pattern, (match: string, kept: string) => (chance(random, 0.7) ? contracted(kept) : match)),
    text,
  );
}

function dropFillers(text: string, random: Random): string {
  return text.replace(DROPPABLE, (m) => (chance(random, 0.6) ? '' : m));
}

function sentencesOf(paragraph: string): string[] {
  return analyze(paragraph).sentences.map((s) => paragraph.slice(s.span[0], s.span[1]));
}

/** The paragraph's sentences restructured and rejoined on one line, the white space around the paragraph kept. */
function rewordParagraph(paragraph: string, random: Random): string {
  const sentences = sentencesOf(paragraph);
  if (sentences.length === 0) return paragraph;
  const restructured = sentences.map(moveClause).flatMap((s) => (chance(random, 0.7) ? splitSentence(s) : [s]));
  const reordered = swapNeighbours(mergeShort(restructured, random), random);
  const before = /^\s*/.exec(paragraph)?.[0] ?? '';
  const after = /\s*$/.exec(paragraph)?.[0] ?? '';
  return `${before}${dropFillers(contract(reordered.join(' '), random), random)}${after}`;
}

/** A human-style rewrite, paragraph by paragraph: sentences reordered, split and merged, clauses moved, fillers dropped, contractions. */
function reword(text: string, random: Random): string {
  return text
    .split(PARAGRAPH_SEPARATOR)
    .map((part, i) => (i % 2 === 1 ? part : rewordParagraph(part, random)))
    .join('');
}

// --- the entry point --------------------------------------------------------------------------

function checkOptions(options: ObfuscateOptions): void {
  if (!(options.spin >= 0 && options.spin <= 1)) {
    throw new UnspinError('E_BAD_ARGUMENT', `the spin rate must be from 0 to 1 (0.3 swaps about 30% of the words that have synonyms), not ${options.spin}`);
  }
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) {
    throw new UnspinError('E_BAD_ARGUMENT', `the seed must be a whole number ≥ 0, not ${options.seed}`);
  }
}

/**
 * An artificially obfuscated copy of `text`, to test detection: rewording first when asked, then sense-blind synonym
 * swaps, so that every swap's offsets point into the final text.
 */
export function obfuscate(text: string, options: ObfuscateOptions, lexicon: Lexicon): Obfuscation {
  checkOptions(options);
  const random = seededRandom(options.seed);
  return spin(options.paraphrase ? reword(text, random) : text, lexicon, random, options.spin);
}
