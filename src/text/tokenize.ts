import type { NormalizedText, TokenKind } from './types.js';

/** A token before sentence assignment and lemmatization; offsets are into the normalized text. */
export interface RawToken {
  readonly text: string;
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  /** A line break separates it from the previous token. */
  readonly afterNewline: boolean;
}

// Order matters: dotted acronyms before words, numbers before words, clitics split off words.
const TOKEN = new RegExp(
  [
    String.raw`(?<acronym>\b(?:\p{L}\.){2,})`,
    String.raw`(?<number>\p{N}+(?:[.,:]\p{N}+)*%?)`,
    // Scripts written without spaces: one character per token so that verbatim matching still works.
    String.raw`(?<ideograph>[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}])`,
    String.raw`(?<clitic>'(?:s|t|re|ve|ll|d|m)(?![\p{L}\p{N}]))`,
    String.raw`(?<word>[\p{L}\p{M}\p{N}]+(?:'(?!(?:s|t|re|ve|ll|d|m)(?![\p{L}\p{N}]))[\p{L}\p{M}]+)*)`,
    String.raw`(?<punct>\.{3}|[^\s])`,
  ].join('|'),
  'gu',
);

export function tokenize(norm: NormalizedText): RawToken[] {
  const tokens: RawToken[] = [];
  const text = norm.text;
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index ?? 0;
    const groups = m.groups ?? {};
    const kind: TokenKind = groups['number'] !== undefined ? 'number' : groups['punct'] !== undefined ? 'punct' : 'word';
    const gap = text.slice(last, start);
    tokens.push({ text: m[0], kind, start, end: start + m[0].length, afterNewline: gap.includes('\n') });
    last = start + m[0].length;
  }
  return tokens;
}
