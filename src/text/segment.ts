import type { RawToken } from './tokenize.js';

// Words that end with a period without ending the sentence (lower-case, no period).
const ABBREVIATIONS = new Set(
  `mr mrs ms dr prof sr jr st mt messrs gen gov sen rep col lt sgt capt cmdr adm maj pres supt insp
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
inc corp ltd co bros llc plc vs v no nos fig figs vol vols pp approx dept est univ assn ave blvd rd
op cf al ed eds rev hon ft mi oz lb lbs`.split(/\s+/),
);

// Capitalized words that, after a dotted acronym like "U.S.", show a new sentence began.
const SENTENCE_OPENERS = new Set(
  `the a an he she it they we i you this that these those there his her its their our but and so yet
in on at for if when while after before as however meanwhile still some many most`.split(/\s+/),
);

const CLOSERS = new Set(['"', "'", ')', ']', '}', '»']);
const OPENERS = new Set(['"', "'", '(', '[', '{', '«', '-']);

function startsUpper(t: RawToken | undefined): boolean {
  if (!t) return true;
  if (t.kind === 'number') return true;
  const c = t.text[0] ?? '';
  if (OPENERS.has(c)) return true;
  return c !== c.toLowerCase();
}

/** Index past the closing quotes and brackets glued to token i ('."' ends with the quote). */
function pastClosers(tokens: readonly RawToken[], i: number): number {
  let next = i + 1;
  while (CLOSERS.has(tokens[next]?.text ?? '') && tokens[next]?.start === tokens[next - 1]?.end) next++;
  return next;
}

/** True when a sentence ends after token i (before any closing quotes that follow it). */
function endsSentence(tokens: readonly RawToken[], i: number): boolean {
  const t = tokens[i];
  if (!t) return false;
  const after = tokens[pastClosers(tokens, i)];
  if (t.text === '!' || t.text === '?' || t.text === '...') return startsUpper(after);
  if (t.kind === 'word' && t.text.endsWith('.') && t.text.length > 2) {
    // Dotted acronym ("U.S."): a sentence end only when a typical opener follows.
    if (after === undefined || after.afterNewline) return true;
    return startsUpper(after) && SENTENCE_OPENERS.has(after.text.toLowerCase());
  }
  if (t.text !== '.') return false;
  const prev = tokens[i - 1];
  if (prev && prev.end === t.start && prev.kind === 'word') {
    const word = prev.text.toLowerCase();
    if (ABBREVIATIONS.has(word)) return false;
    // A lone capital ("J. Smith") is an initial.
    if (prev.text.length === 1 && prev.text !== prev.text.toLowerCase()) return false;
  }
  return startsUpper(after);
}

/** Sentence boundaries as token ranges; a line break always ends a sentence (headlines have no period). */
export function segment(tokens: readonly RawToken[]): Array<{ start: number; end: number; paragraphStart: boolean }> {
  const sentences: Array<{ start: number; end: number; paragraphStart: boolean }> = [];
  let start = 0;
  let paragraphStart = true;
  const close = (end: number, nextParagraph: boolean): void => {
    if (end > start) sentences.push({ start, end, paragraphStart });
    start = end;
    paragraphStart = nextParagraph || (tokens[end]?.afterNewline ?? false);
  };
  for (let i = 0; i < tokens.length; i++) {
    if (i > start && tokens[i]?.afterNewline) close(i, true);
    if (endsSentence(tokens, i)) {
      const end = pastClosers(tokens, i);
      close(end, false);
      i = end - 1;
    }
  }
  close(tokens.length, false);
  return sentences;
}
