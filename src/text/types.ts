/** Half-open character range [start, end) into the ORIGINAL input text. */
export type Span = [start: number, end: number];

/** The input after Unicode clean-up, with a map back to the original characters. */
export interface NormalizedText {
  /** NFKC, straight quotes, ASCII dashes, no soft hyphens or zero-width marks, whitespace runs collapsed ('\n' kept for line breaks). */
  readonly text: string;
  /** origin[i] = index in the original input of the character normalized char i came from. */
  readonly origin: Int32Array;
  /** originEnd[i] = end (exclusive) in the original input of that character. */
  readonly originEnd: Int32Array;
}

export type TokenKind = 'word' | 'number' | 'punct';

export interface Token {
  /** Position in the document's token list. */
  readonly index: number;
  /** Index of the sentence holding it. */
  readonly sentence: number;
  /** Normalized surface form, case kept ("Blinken", "U.S.", "2023"). */
  readonly text: string;
  /** Lower-case surface form. */
  readonly lower: string;
  /** Dictionary form of `lower` ("talks" → "talk"); equals `lower` when unknown. */
  readonly lemma: string;
  readonly kind: TokenKind;
  /** A closed-class word (the, of, and, he, was...): rewriters keep or shuffle these, they carry no content. */
  readonly isFunction: boolean;
  /** Capitalized content word not at a sentence start, or an all-caps acronym: a likely name. */
  readonly isName: boolean;
  /** Character range in the original input. */
  readonly span: Span;
}

export interface Sentence {
  readonly index: number;
  /** Character range in the original input. */
  readonly span: Span;
  /** Token index range [first, last+1). */
  readonly tokens: [start: number, end: number];
  /** Starts a paragraph (first sentence, or after a blank line or a line break). */
  readonly paragraphStart: boolean;
  /** On a line of page chrome (navigation, bylines, credits, "Read more"): not evidence of anything. */
  readonly chrome: boolean;
}

/** One analyzed document: what every later stage reads. */
export interface Analysis {
  /** The input exactly as given. */
  readonly original: string;
  readonly normalized: NormalizedText;
  readonly sentences: readonly Sentence[];
  readonly tokens: readonly Token[];
}
