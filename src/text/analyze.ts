import type { Lexicon } from '../lexicon/types.js';
import { chromeLines } from './chrome.js';
import { FUNCTION_WORDS } from './function-words.js';
import { normalize, toOriginal } from './normalize.js';
import { segment } from './segment.js';
import { tokenize, type RawToken } from './tokenize.js';
import type { Analysis, Sentence, Token } from './types.js';

// Beyond this frequency rank a capitalized sentence-initial word is more likely a name than a common word.
const COMMON_WORD_RANK = 30_000;

function lemmaOf(raw: RawToken, lower: string, lexicon: Lexicon | undefined): string {
  if (raw.kind === 'number') return lower.replace(/,/g, '');
  if (raw.kind !== 'word' || !lexicon || FUNCTION_WORDS.has(lower)) return lower;
  return lexicon.lemma(lower);
}

function isCapitalized(text: string): boolean {
  const c = text[0] ?? '';
  return c !== c.toLowerCase();
}

function looksLikeName(raw: RawToken, lower: string, sentenceInitial: boolean, lexicon: Lexicon | undefined): boolean {
  if (raw.kind !== 'word' || FUNCTION_WORDS.has(lower) || !isCapitalized(raw.text)) return false;
  if (raw.text.length > 1 && raw.text === raw.text.toUpperCase()) return true;
  if (!sentenceInitial) return true;
  const rank = lexicon?.rank(lower);
  return rank === undefined || rank > COMMON_WORD_RANK;
}

/** The tokens of the given sentences, in order. */
export function sentenceTokens(doc: Analysis, sentences: readonly number[]): Token[] {
  return sentences.flatMap((k) => {
    const s = doc.sentences[k];
    return s ? doc.tokens.slice(s.tokens[0], s.tokens[1]) : [];
  });
}

/** Text in, sentences and tokens out, every offset pointing into the original input. */
export function analyze(original: string, lexicon?: Lexicon): Analysis {
  const normalized = normalize(original);
  const raw = tokenize(normalized);
  const bounds = segment(raw);
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];

  bounds.forEach((b, s) => {
    let firstWord = true;
    for (let i = b.start; i < b.end; i++) {
      const r = raw[i];
      if (!r) continue;
      const lower = r.text.toLowerCase();
      tokens.push({
        index: i,
        sentence: s,
        text: r.text,
        lower,
        lemma: lemmaOf(r, lower, lexicon),
        kind: r.kind,
        isFunction: r.kind === 'word' && FUNCTION_WORDS.has(lower),
        isName: looksLikeName(r, lower, firstWord, lexicon),
        span: toOriginal(normalized, r.start, r.end),
      });
      if (r.kind !== 'punct') firstWord = false;
    }
    const first = raw[b.start];
    const last = raw[b.end - 1];
    if (!first || !last) return;
    sentences.push({
      index: s,
      span: toOriginal(normalized, first.start, last.end),
      tokens: [b.start, b.end],
      paragraphStart: b.paragraphStart,
      chrome: false,
    });
  });
  return { original, normalized, sentences: markChrome(normalized.text, raw, sentences), tokens };
}

/** Sentences of chrome lines marked: a segment ends at every line break, so a line is a run of sentences from one paragraph start to the next. */
function markChrome(text: string, raw: readonly RawToken[], sentences: readonly Sentence[]): Sentence[] {
  const lines: Array<{ start: number; end: number; text: string }> = [];
  for (let start = 0; start < sentences.length; ) {
    let end = start + 1;
    while (end < sentences.length && !sentences[end]?.paragraphStart) end++;
    const first = raw[sentences[start]?.tokens[0] ?? 0];
    const last = raw[(sentences[end - 1]?.tokens[1] ?? 1) - 1];
    lines.push({ start, end, text: first && last ? text.slice(first.start, last.end) : '' });
    start = end;
  }
  const chrome = chromeLines(lines.map((l) => l.text));
  const marked = [...sentences];
  lines.forEach((line, i) => {
    if (!chrome[i]) return;
    for (let k = line.start; k < line.end; k++) marked[k] = { ...(marked[k] as Sentence), chrome: true };
  });
  return marked;
}
