import type { NormalizedText } from './types.js';

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/u;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/u;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/u;
// Soft hyphen, zero-width space/joiners, word joiner, BOM: invisible, often inserted to defeat matching.
const INVISIBLE = /[\u00AD\u200B\u200C\u200D\u2060\uFEFF]/u;
const SPACE = /\s/u;

/** One code point of input → its normalized replacement ('' to drop it). */
function mapCodePoint(ch: string): string {
  if (INVISIBLE.test(ch)) return '';
  if (SINGLE_QUOTES.test(ch)) return "'";
  if (DOUBLE_QUOTES.test(ch)) return '"';
  if (DASHES.test(ch)) return '-';
  if (ch === '\u2026') return '...';
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x80) return ch;
  return ch.normalize('NFKC');
}

/**
 * Cleans the text so that rewrites compare equal where only typography differs,
 * keeping for every output character the index of the input character it came from.
 */
export function normalize(original: string): NormalizedText {
  const out: string[] = [];
  const origin: number[] = [];
  const originEnd: number[] = [];
  let pendingSpace: { at: number; newline: boolean } | undefined;
  // A run of whitespace becomes one space (or one newline) before the next visible character.
  const emitPendingSpace = (): void => {
    if (pendingSpace && out.length > 0) {
      out.push(pendingSpace.newline ? '\n' : ' ');
      origin.push(pendingSpace.at);
      originEnd.push(pendingSpace.at + 1);
    }
    pendingSpace = undefined;
  };

  for (let i = 0; i < original.length; ) {
    const code = original.charCodeAt(i);
    // Fast path: printable ASCII needs no mapping (most of an English text).
    if (code > 0x20 && code < 0x7f && code !== 0x60) {
      emitPendingSpace();
      out.push(original[i] ?? '');
      origin.push(i);
      originEnd.push(i + 1);
      i++;
      continue;
    }
    const cp = original.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    const width = ch.length;
    if (SPACE.test(ch)) {
      const newline = ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029';
      if (pendingSpace) pendingSpace.newline ||= newline;
      else pendingSpace = { at: i, newline };
      i += width;
      continue;
    }
    const mapped = mapCodePoint(ch);
    if (mapped.length > 0) {
      emitPendingSpace();
      for (const unit of mapped) {
        for (let k = 0; k < unit.length; k++) {
          out.push(unit[k] ?? '');
          origin.push(i);
          originEnd.push(i + width);
        }
      }
    }
    i += width;
  }
  return { text: out.join(''), origin: Int32Array.from(origin), originEnd: Int32Array.from(originEnd) };
}

/** Maps a normalized [start, end) range (end > start) back to the original input. */
export function toOriginal(norm: NormalizedText, start: number, end: number): [number, number] {
  return [norm.origin[start] ?? 0, norm.originEnd[end - 1] ?? 0];
}
