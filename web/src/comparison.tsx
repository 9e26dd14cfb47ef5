import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { coverage, tallySubstitutions } from '../../src/report/describe';
import { api } from './api';
import { count, directionSentence, percent, plural, RELATION_MEANING, wordCount } from './format';
import { renderSide, type Side, stepThroughMarks } from './marked-text';
import type { Comparison, Inspection, NamedText, Substitution } from './types';
import { BusyButton, ErrorAlert, Spinner } from './ui';

/** What inspecting each text on its own found, or why it could not. */
export interface Inspected {
  readonly a?: Inspection;
  readonly b?: Inspection;
  readonly error?: unknown;
}

/** A finished comparison: the texts exactly as sent (the offsets point into them), and the verdict. */
export interface PairResult {
  readonly a: NamedText;
  readonly b: NamedText;
  readonly comparison: Comparison;
  /** The inspections, asked for with the comparison: they take longer, and the texts are marked when they come. */
  readonly inspected: Promise<Inspected>;
}

/** Compares two texts and, at the same time, inspects each on its own (asked after the comparison, which the server then takes first). */
export async function comparePair(a: NamedText, b: NamedText, signal?: AbortSignal): Promise<PairResult> {
  const input = { a: a.text, b: b.text, ...(a.date ? { dateA: a.date } : {}), ...(b.date ? { dateB: b.date } : {}) };
  const comparison = api.compare(input, signal);
  const settle = (p: Promise<Inspection>) => p.then((ok) => ({ ok }), (error: unknown) => ({ error }));
  const inspected = Promise.all([settle(api.inspect(a.text, signal)), settle(api.inspect(b.text, signal))]).then(([x, y]): Inspected => {
    const error = 'error' in x ? x.error : 'error' in y ? y.error : undefined;
    return { ...('ok' in x ? { a: x.ok } : {}), ...('ok' in y ? { b: y.ok } : {}), ...(error !== undefined ? { error } : {}) };
  });
  return { a, b, comparison: await comparison, inspected };
}

function label(side: 'A' | 'B', t: NamedText): string {
  return t.name ? `${side} (${t.name})` : side;
}

function Banner({ result, inspected, onDownload }: { result: PairResult; inspected: Inspected | undefined; onDownload: () => Promise<void> }) {
  const { comparison: c, a, b } = result;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const synonyms = c.substitutions.filter((s) => s.synonym).length;
  const kind = c.derived ? 'derived' : c.relation === 'related' ? 'related' : 'unrelated';
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onDownload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class={`banner ${kind}`} aria-label="Verdict">
      <div class="banner-main">
        <div class="verdict">
          <span class={`badge ${kind}`} title={RELATION_MEANING[c.relation]}>
            {c.relation}
          </span>
          <span class="verdict-derived">{c.derived ? 'Derived' : 'Not derived'}</span>
          <span class="verdict-direction">{directionSentence(c.direction, c.relation, c.derived, label('A', a), label('B', b))}</span>
        </div>
        <p class="explanation">{c.explanation}</p>
        <ul class="facts">
          <li>
            {plural(c.passages.length, 'aligned passage')} covering <b>{percent(coverage(c.passages.map((p) => p.a), a.text.length))}</b> of A and{' '}
            <b>{percent(coverage(c.passages.map((p) => p.b), b.text.length))}</b> of B
          </li>
          <li>
            {plural(c.substitutions.length, 'word swap')} ({plural(synonyms, 'synonym')})
          </li>
          {inspected === undefined && (
            <li class="pending">
              <Spinner /> looking for suspect phrases…
            </li>
          )}
          {inspected?.a && inspected.b && (
            <li title="0–1: how strongly each text on its own shows a spinner's fingerprints">
              spin score A <b>{inspected.a.spinScore.toFixed(2)}</b> · B <b>{inspected.b.spinScore.toFixed(2)}</b> ·{' '}
              {plural(inspected.a.findings.length + inspected.b.findings.length, 'suspect phrase')}
            </li>
          )}
        </ul>
      </div>
      <div class="banner-side">
        <div class="similarity" aria-label={`${percent(c.similarity)} similar`}>
          <span class="similarity-value">{percent(c.similarity)}</span>
          <span class="similarity-label">similar</span>
          <span class="meter" aria-hidden="true">
            <span style={{ width: percent(c.similarity) }} />
          </span>
        </div>
        <BusyButton busy={busy} label="Download report" busyLabel="Preparing…" onClick={() => void download()} />
      </div>
      {error !== undefined && <ErrorAlert error={error} retry={() => void download()} />}
    </section>
  );
}

function Legend({ inspected }: { inspected: boolean }) {
  return (
    <div class="legend" aria-label="Legend">
      <span>
        <mark class="p c0 sample">1</mark>
        <mark class="p c1 sample">2</mark> the same passage in A and B
      </span>
      <span>
        <span class="swap syn">word</span> synonym swap
      </span>
      <span>
        <span class="swap">word</span> other replaced word
      </span>
      {inspected && (
        <span>
          <span class="suspect">phrase</span> suspect phrase
        </span>
      )}
      <span class="legend-keys">
        Hover or focus a mark for details · <kbd>Tab</kbd> into a text, then <kbd>←</kbd> <kbd>→</kbd>
      </span>
    </div>
  );
}

/** Distinct swaps listed before "Show all". */
const SWAPS_SHOWN = 24;

function SwapList({ substitutions }: { substitutions: readonly Substitution[] }) {
  const rows = useMemo(() => tallySubstitutions(substitutions), [substitutions]);
  const [all, setAll] = useState(false);
  if (rows.length === 0) return null;
  return (
    <section class="card swaps" aria-label="Word swaps">
      <header class="card-head">
        <h2>
          Word swaps <span class="muted">{count(substitutions.length)}</span>
        </h2>
      </header>
      <ul class="swap-list">
        {(all ? rows : rows.slice(0, SWAPS_SHOWN)).map((r) => (
          <li>
            <span class="was">{r.a}</span> <span aria-label="became">→</span> <span class={r.synonym ? 'now syn' : 'now'}>{r.b}</span>
            {r.count > 1 && <span class="times"> ×{r.count}</span>}
            {r.synonym && <span class="tag">synonym</span>}
          </li>
        ))}
      </ul>
      {rows.length > SWAPS_SHOWN && (
        <button type="button" class="btn small ghost more" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${count(rows.length)} distinct swaps`}
        </button>
      )}
    </section>
  );
}

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * The two texts side by side. Hovering a passage lights it up on both sides; clicking or focusing it scrolls
 * its counterpart into view. Inside a text, the arrow keys step from mark to mark.
 */
function Columns({ result, inspected }: { result: PairResult; inspected: Inspected | undefined }) {
  const box = useRef<HTMLDivElement>(null);
  const { comparison: c } = result;
  const sides = useMemo(
    () => ({
      a: renderSide('a', result.a.text, c, inspected?.a?.findings ?? []),
      b: renderSide('b', result.b.text, c, inspected?.b?.findings ?? []),
    }),
    [result, inspected],
  );

  const heat = (numbers: string | undefined) => {
    const root = box.current;
    if (!root) return;
    for (const el of root.querySelectorAll('mark.hot')) el.classList.remove('hot');
    for (const n of numbers?.split(' ') ?? []) for (const el of root.querySelectorAll(`mark[data-p~="${n}"]`)) el.classList.add('hot');
  };

  /** Scrolls the other column to the counterpart of a passage mark. */
  const reveal = (mark: HTMLElement) => {
    const n = mark.dataset['p']?.split(' ')[0];
    const side = mark.closest<HTMLElement>('[data-side]')?.dataset['side'];
    const target = box.current?.querySelector<HTMLElement>(`[data-side="${side === 'a' ? 'b' : 'a'}"] mark[data-p~="${n}"]`);
    const scroller = target?.closest<HTMLElement>('.text');
    if (!target || !scroller) return;
    const top = scroller.scrollTop + target.getBoundingClientRect().top - scroller.getBoundingClientRect().top - scroller.clientHeight / 3;
    scroller.scrollTo({ top: Math.max(0, top), behavior: reducedMotion() ? 'auto' : 'smooth' });
  };

  const keys = (e: KeyboardEvent) => {
    const mark = (e.target as HTMLElement).closest<HTMLElement>('mark[data-p]');
    if (e.key === 'Enter' && mark) reveal(mark);
    else stepThroughMarks(e);
  };

  const column = (side: Side) => {
    const t = result[side];
    const letter = side === 'a' ? 'A' : 'B';
    return (
      <section class="col" data-side={side} aria-label={`Text ${letter}`}>
        <header class="col-head">
          <span class="letter">{letter}</span>
          <span class="col-name">{t.name ?? `Text ${letter}`}</span>
          <span class="muted">
            {count(wordCount(t.text))} words{t.date ? ` · ${t.date}` : ''}
          </span>
        </header>
        <div
          class="text"
          tabIndex={0}
          role="region"
          aria-label={`Text ${letter}, marked. Arrow keys step through the marks.`}
          onKeyDown={keys}
        >
          {sides[side]}
        </div>
      </section>
    );
  };

  return (
    <div
      class="cols"
      ref={box}
      onMouseOver={(e) => heat((e.target as HTMLElement).closest<HTMLElement>('mark[data-p]')?.dataset['p'])}
      onMouseLeave={() => heat(undefined)}
      onClick={(e) => {
        const mark = (e.target as HTMLElement).closest<HTMLElement>('mark[data-p]');
        if (mark) reveal(mark);
      }}
      onFocusIn={(e) => {
        const mark = (e.target as HTMLElement).closest<HTMLElement>('mark[data-p]');
        heat(mark?.dataset['p']);
        if (mark && mark === e.target) reveal(mark);
      }}
    >
      {column('a')}
      {column('b')}
    </div>
  );
}

/** Saves a Blob as a file through a temporary link. */
function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The verdict banner, a legend, both texts marked side by side, and the word swaps. */
export function PairView({ result }: { result: PairResult }) {
  const { a, b } = result;
  const [inspected, setInspected] = useState<Inspected>();
  useEffect(() => {
    let current = true;
    setInspected(undefined);
    void result.inspected.then((i) => current && setInspected(i));
    return () => {
      current = false;
    };
  }, [result]);
  const download = async () => {
    const blob = await api.report({
      a: a.text,
      b: b.text,
      ...(a.name ? { nameA: a.name.slice(0, 200) } : {}),
      ...(b.name ? { nameB: b.name.slice(0, 200) } : {}),
      ...(a.date ? { dateA: a.date } : {}),
      ...(b.date ? { dateB: b.date } : {}),
    });
    save(blob, 'unspin-report.html');
  };
  return (
    <div class="pair">
      <Banner result={result} inspected={inspected} onDownload={download} />
      {inspected?.error !== undefined && (
        <p class="note">Suspect phrases are not marked: inspecting the texts on their own failed ({inspected.error instanceof Error ? inspected.error.message : String(inspected.error)}).</p>
      )}
      <Legend inspected={inspected?.a !== undefined} />
      <Columns result={result} inspected={inspected} />
      <SwapList substitutions={result.comparison.substitutions} />
    </div>
  );
}
