import type { ComponentChildren } from 'preact';
import { percent } from './format';
import { type Mark, runs, segment } from '../../src/report/segments';
import type { Comparison, Finding, Substitution } from './types';

/** Passage colours cycle through this many tints (.c0–.c7 in the style sheet). */
const PALETTE = 8;

export type Side = 'a' | 'b';

/** A suspect phrase's tip: the likely original, how sure, and why. */
export function findingTip(f: Finding): string {
  return `Suspect phrase → likely original “${f.suggestion}”\n${percent(f.confidence)} confident: ${f.evidence}`;
}

function swapTip(side: Side, swaps: readonly Substitution[], c: Comparison): string {
  const otherIsSource = (side === 'b' && c.direction === 'b-from-a') || (side === 'a' && c.direction === 'a-from-b');
  const other = side === 'a' ? 'B' : 'A';
  return swaps
    .map((s) => {
      const word = side === 'a' ? s.b : s.a;
      const head = otherIsSource ? `original: “${word}”` : `in ${other}: “${word}”`;
      return `${head}\n${s.synonym ? 'a synonym swap, as a spinner makes' : 'replaced by a different word'}`;
    })
    .join('\n');
}

/**
 * One side of a comparison as a few hundred elements, not one per word: each run of text covered by
 * the same passages is one <mark>, suspect phrases nest inside, swapped words inside those. Every mark
 * is focusable by the arrow keys (tabindex -1, `data-k`) and carries its tip.
 */
export function renderSide(side: Side, text: string, c: Comparison, findings: readonly Finding[]): ComponentChildren {
  const other = side === 'a' ? 'B' : 'A';
  const marks: Mark[] = [];
  c.passages.forEach((p, id) => marks.push({ kind: 'passage', id, span: p[side] }));
  c.substitutions.forEach((s, id) => marks.push({ kind: 'swap', id, span: side === 'a' ? s.aSpan : s.bSpan }));
  findings.forEach((f, id) => marks.push({ kind: 'suspect', id, span: [f.start, f.end] }));
  const segments = segment(text.length, marks);
  const started = new Set<number>();

  return runs(segments, (s) => s.passage.join(' ')).map((run) => {
    const inner = runs(run, (s) => s.suspect.join(' ')).map((phrase) => {
      const words = phrase.map((seg) => {
        const piece = text.slice(seg.start, seg.end);
        const swaps = seg.swap.map((i) => c.substitutions[i]).filter((s): s is Substitution => s !== undefined);
        if (swaps.length === 0) return piece;
        return (
          <span class={swaps.some((s) => s.synonym) ? 'swap syn' : 'swap'} data-k="" tabIndex={-1} data-tip={swapTip(side, swaps, c)}>
            {piece}
          </span>
        );
      });
      const found = phrase[0]!.suspect.map((i) => findings[i]).filter((f): f is Finding => f !== undefined);
      if (found.length === 0) return words;
      return (
        <span class="suspect" data-k="" tabIndex={-1} data-tip={found.map(findingTip).join('\n')}>
          {words}
        </span>
      );
    });
    const ids = run[0]!.passage;
    const primary = ids[0];
    if (primary === undefined) return inner;
    const fresh = ids.filter((id) => !started.has(id));
    for (const id of fresh) started.add(id);
    const numbers = ids.map((id) => id + 1);
    const tip = numbers
      .map((n) => {
        const p = c.passages[n - 1]!;
        return `Passage ${n} · ${p.relation} · ${percent(p.similarity)} similar\nClick or press Enter to find it in ${other}`;
      })
      .join('\n');
    return (
      <mark
        class={`p c${primary % PALETTE}${ids.length > 1 ? ' overlap' : ''}`}
        data-p={numbers.join(' ')}
        data-n={fresh.length > 0 ? String(fresh[0]! + 1) : undefined}
        data-k=""
        tabIndex={-1}
        data-tip={tip}
      >
        {inner}
      </mark>
    );
  });
}

const MOVES: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, Home: -Infinity, End: Infinity };

/**
 * Keyboard for a marked text (one tab stop): the arrow keys step from mark to mark, Home and End go to
 * the first and last, Escape goes back to the text itself.
 */
export function stepThroughMarks(e: KeyboardEvent): void {
  const box = e.currentTarget as HTMLElement;
  if (e.key === 'Escape' && document.activeElement !== box) {
    box.focus();
    return;
  }
  const move = MOVES[e.key];
  if (move === undefined || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  const items = [...box.querySelectorAll<HTMLElement>('[data-k]')];
  if (items.length === 0) return;
  e.preventDefault();
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next =
    move === -Infinity ? 0 : move === Infinity ? items.length - 1 : at < 0 ? (move > 0 ? 0 : items.length - 1) : Math.max(0, Math.min(items.length - 1, at + move));
  items[next]?.focus();
}
