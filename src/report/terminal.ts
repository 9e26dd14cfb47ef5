import pc from 'picocolors';
import type { Substitution } from '../align/types.js';
import type { Document } from '../compare.js';
import type { Comparison } from '../judge/types.js';
import type { Span } from '../text/types.js';
import { percent } from '../judge/explain.js';
import { describeDirection, tallySubstitutions } from './describe.js';

type Colors = ReturnType<typeof pc.createColors>;

export interface TerminalOptions {
  readonly color: boolean;
  /** Terminal width in columns. */
  readonly width: number;
}

// Caps that keep a report of two long texts to a few screens.
const MAX_PASSAGES = 20;
const MAX_LINES_PER_PASSAGE = 12;
const MAX_SWAPS = 25;
const MIN_WIDTH = 60;
const GUTTER = ' │ ';

/** Synonym swaps are the spinner's fingerprint and get the loud colours; other replaced words a quiet one. */
type Style = 'plain' | 'removed' | 'added' | 'replaced';

/** A stretch of one column's text and how to show it. */
interface Piece {
  readonly text: string;
  readonly style: Style;
}

/** A word as wrapped: its pieces (one word can mix styles, as in "army-to-[military]"). */
type Word = Piece[];

/** Control characters in the input could drive the terminal; whitespace runs are folded for wrapping. */
function sanitize(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

function visibleLength(word: Word): number {
  return word.reduce((n, p) => n + p.text.length, 0);
}

function styled(piece: Piece, colors: Colors): string {
  if (piece.style === 'removed') return colors.red(colors.strikethrough(piece.text));
  if (piece.style === 'added') return colors.green(colors.bold(piece.text));
  if (piece.style === 'replaced') return colors.yellow(piece.text);
  return piece.text;
}

/** Without colour the swap is spelled out in brackets: "[State]" in A, "[State→Point out]" in B. */
function markedText(text: string, side: 'a' | 'b', swap: Substitution, color: boolean): string {
  if (color) return text;
  return side === 'a' ? `[${text}]` : `[${swap.a}→${text}]`;
}

/** The passage's text split into plain and substituted pieces. */
function passagePieces(text: string, span: Span, swaps: readonly Substitution[], side: 'a' | 'b', color: boolean): Piece[] {
  const inside = swaps
    .map((s) => ({ swap: s, at: side === 'a' ? s.aSpan : s.bSpan }))
    .filter(({ at }) => at[0] >= span[0] && at[1] <= span[1] && at[1] > at[0])
    .sort((x, y) => x.at[0] - y.at[0]);
  const pieces: Piece[] = [];
  let cursor = span[0];
  for (const { swap, at } of inside) {
    if (at[0] < cursor) continue; // overlaps the previous swap
    pieces.push({ text: text.slice(cursor, at[0]), style: 'plain' });
    const style: Style = !swap.synonym ? 'replaced' : side === 'a' ? 'removed' : 'added';
    pieces.push({ text: markedText(text.slice(at[0], at[1]), side, swap, color), style });
    cursor = at[1];
  }
  pieces.push({ text: text.slice(cursor, span[1]), style: 'plain' });
  return pieces.map((p) => ({ text: sanitize(p.text), style: p.style }));
}

/** Pieces regrouped into whitespace-separated words. */
function toWords(pieces: readonly Piece[]): Word[] {
  const words: Word[] = [];
  let current: Word = [];
  for (const piece of pieces) {
    for (const part of piece.text.split(/(\s+)/)) {
      if (part === '') continue;
      if (/^\s+$/.test(part)) {
        if (current.length > 0) words.push(current);
        current = [];
      } else {
        current.push({ text: part, style: piece.style });
      }
    }
  }
  if (current.length > 0) words.push(current);
  return words;
}

/** A word wider than the column, cut into column-wide chunks. */
function hardSplit(word: Word, width: number): Word[] {
  const chunks: Word[] = [];
  let chunk: Word = [];
  let used = 0;
  for (const piece of word) {
    let rest = piece.text;
    while (rest.length > 0) {
      const take = Math.min(rest.length, width - used);
      chunk.push({ text: rest.slice(0, take), style: piece.style });
      rest = rest.slice(take);
      used += take;
      if (used === width) {
        chunks.push(chunk);
        chunk = [];
        used = 0;
      }
    }
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** Greedy word wrap; each line is a list of words. */
function wrap(words: readonly Word[], width: number): Word[][] {
  const lines: Word[][] = [];
  let line: Word[] = [];
  let used = 0;
  for (const word of words.flatMap((w) => (visibleLength(w) > width ? hardSplit(w, width) : [w]))) {
    const length = visibleLength(word);
    if (line.length > 0 && used + 1 + length > width) {
      lines.push(line);
      line = [];
      used = 0;
    }
    used += (line.length > 0 ? 1 : 0) + length;
    line.push(word);
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/** Lines of one column, padded to its width, at most `maxLines` of them. */
function columnLines(words: readonly Word[], width: number, maxLines: number, colors: Colors): string[] {
  let lines = wrap(words, width);
  let more = '';
  if (lines.length > maxLines) {
    more = `… ${lines.length - maxLines + 1} more lines`;
    lines = lines.slice(0, maxLines - 1);
  }
  const rendered = lines.map((line) => {
    const length = line.reduce((n, w) => n + visibleLength(w), 0) + Math.max(0, line.length - 1);
    const text = line.map((w) => w.map((p) => styled(p, colors)).join('')).join(' ');
    return text + ' '.repeat(Math.max(0, width - length));
  });
  if (more) rendered.push(colors.dim(more.slice(0, width)) + ' '.repeat(Math.max(0, width - more.length)));
  return rendered;
}

function sideBySide(left: readonly string[], right: readonly string[], width: number, colors: Colors): string[] {
  const blank = ' '.repeat(width);
  const rows = Math.max(left.length, right.length);
  const out: string[] = [];
  for (let i = 0; i < rows; i++) out.push(`${left[i] ?? blank}${colors.dim(GUTTER)}${right[i] ?? ''}`.trimEnd());
  return out;
}

/** A label cut to a column's width. */
function fit(text: string, width: number): string {
  const clean = sanitize(text);
  return clean.length <= width ? clean.padEnd(width) : `${clean.slice(0, width - 1)}…`;
}

function header(a: Document, b: Document, c: Comparison, width: number, colors: Colors): string[] {
  const relation = c.derived ? colors.bold(colors.red(c.relation)) : colors.bold(c.relation);
  const explanation = wrap(toWords([{ text: sanitize(c.explanation), style: 'plain' }]), width - 2);
  return [
    colors.bold(`Unspin: ${sanitize(a.name)} vs ${sanitize(b.name)}`),
    `  relation    ${relation}${c.derived ? ' (derived)' : ' (not derived)'}`,
    `  direction   ${sanitize(describeDirection(c.direction, a, b))}`,
    `  similarity  ${percent(c.similarity)}`,
    ...explanation.map((line) => `  ${line.map((w) => w.map((p) => p.text).join('')).join(' ')}`),
  ];
}

function passageSection(a: Document, b: Document, c: Comparison, column: number, colors: Colors): string[] {
  if (c.passages.length === 0) return ['', colors.dim('No shared passages.')];
  const out = ['', `${colors.bold(fit(`A: ${a.name}`, column))}${colors.dim(GUTTER)}${colors.bold(fit(`B: ${b.name}`, column)).trimEnd()}`];
  c.passages.slice(0, MAX_PASSAGES).forEach((p, i) => {
    const title = `── ${i + 1} · ${p.relation} · ${percent(p.similarity)} similar · A ${p.a[0]}–${p.a[1]} · B ${p.b[0]}–${p.b[1]} `;
    out.push('', colors.cyan(title + '─'.repeat(Math.max(0, column * 2 + GUTTER.length - title.length))));
    const left = columnLines(toWords(passagePieces(a.text, p.a, c.substitutions, 'a', colors.isColorSupported)), column, MAX_LINES_PER_PASSAGE, colors);
    const right = columnLines(toWords(passagePieces(b.text, p.b, c.substitutions, 'b', colors.isColorSupported)), column, MAX_LINES_PER_PASSAGE, colors);
    out.push(...sideBySide(left, right, column, colors));
  });
  const hidden = c.passages.length - MAX_PASSAGES;
  if (hidden > 0) out.push('', colors.dim(`… and ${hidden} more passage${hidden === 1 ? '' : 's'} (use --html or --json to see them all)`));
  return out;
}

function swapSection(c: Comparison, colors: Colors): string[] {
  if (c.substitutions.length === 0) return [];
  const tallies = tallySubstitutions(c.substitutions);
  const out = ['', colors.bold(`Substitutions: ${c.substitutions.length} (${tallies.length} distinct)`)];
  for (const t of tallies.slice(0, MAX_SWAPS)) {
    const times = t.count > 1 ? ` ×${t.count}` : '';
    const kind = t.synonym ? 'synonym' : 'different word';
    out.push(`  ${colors.red(sanitize(t.a))} → ${colors.green(sanitize(t.b))}${times} ${colors.dim(`(${kind})`)}`);
  }
  const hidden = tallies.length - MAX_SWAPS;
  if (hidden > 0) out.push(colors.dim(`  … and ${hidden} more`));
  return out;
}

/** A readable report of a comparison: verdict, aligned passages side by side, and the word swaps. */
export function renderTerminal(a: Document, b: Document, c: Comparison, options: TerminalOptions): string {
  const colors = pc.createColors(options.color);
  const width = Math.max(MIN_WIDTH, Math.floor(options.width));
  const column = Math.floor((width - GUTTER.length) / 2);
  const lines = [...header(a, b, c, width, colors), ...passageSection(a, b, c, column, colors), ...swapSection(c, colors)];
  return `${lines.join('\n')}\n`;
}
