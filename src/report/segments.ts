/** What a marked stretch of text is: an aligned passage, a swapped word or a suspect phrase. */
export type MarkKind = 'passage' | 'swap' | 'suspect';

export interface Mark {
  readonly kind: MarkKind;
  /** Index into the list the mark came from (passages, substitutions, findings). */
  readonly id: number;
  /** Character offsets [start, end) into the text. */
  readonly span: readonly [number, number];
}

/** A stretch of text between two consecutive mark boundaries, with the marks covering it (ids ascending). */
export interface Segment {
  readonly start: number;
  readonly end: number;
  readonly passage: readonly number[];
  readonly swap: readonly number[];
  readonly suspect: readonly number[];
}

/**
 * Cuts a text at every mark boundary, so overlapping marks become flat, non-overlapping segments.
 * Spans outside the text are clamped; empty ones dropped. One sort and one sweep: fast on long texts.
 */
export function segment(length: number, marks: readonly Mark[]): Segment[] {
  const events: { pos: number; open: boolean; mark: Mark }[] = [];
  for (const mark of marks) {
    const start = Math.max(0, Math.min(length, mark.span[0]));
    const end = Math.max(0, Math.min(length, mark.span[1]));
    if (end <= start) continue;
    events.push({ pos: start, open: true, mark }, { pos: end, open: false, mark });
  }
  events.sort((x, y) => x.pos - y.pos);
  const open: Record<MarkKind, Set<number>> = { passage: new Set(), swap: new Set(), suspect: new Set() };
  const ids = (kind: MarkKind) => [...open[kind]].sort((x, y) => x - y);
  const segments: Segment[] = [];
  let at = 0;
  let i = 0;
  while (at < length) {
    while (i < events.length && events[i]!.pos <= at) {
      const { open: opening, mark } = events[i++]!;
      if (opening) open[mark.kind].add(mark.id);
      else open[mark.kind].delete(mark.id);
    }
    const next = Math.min(events[i]?.pos ?? length, length);
    segments.push({ start: at, end: next, passage: ids('passage'), swap: ids('swap'), suspect: ids('suspect') });
    at = next;
  }
  return segments;
}

/** Splits a list into runs of consecutive items with the same key. */
export function runs<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const out: T[][] = [];
  let previous: string | undefined;
  for (const item of items) {
    const k = key(item);
    const last = out[out.length - 1];
    if (last && k === previous) last.push(item);
    else out.push([item]);
    previous = k;
  }
  return out;
}
