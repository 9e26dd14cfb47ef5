import { useRef, useState } from 'preact/hooks';
import { comparePair, PairView, type PairResult } from './comparison';
import { EXAMPLE } from './example';
import { count, wordCount } from './format';
import { TextField } from './text-field';
import type { NamedText } from './types';
import { BusyButton, Empty, ErrorAlert, Spinner } from './ui';

function Summary({ a, b, onEdit }: { a: NamedText; b: NamedText; onEdit: () => void }) {
  const describe = (letter: string, v: NamedText) => `${letter}: ${v.name ?? 'pasted text'}, ${count(wordCount(v.text))} words${v.date ? `, ${v.date}` : ''}`;
  return (
    <div class="inputs-summary">
      <span>{describe('A', a)}</span>
      <span>{describe('B', b)}</span>
      <button type="button" class="btn small" onClick={onEdit} aria-expanded="false">
        Edit texts
      </button>
    </div>
  );
}

/** Compare: two texts in, the verdict and both texts marked side by side out. */
export function CompareView() {
  const [a, setA] = useState<NamedText>({ text: '' });
  const [b, setB] = useState<NamedText>({ text: '' });
  const [editing, setEditing] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<PairResult>();
  const running = useRef<AbortController | undefined>(undefined);

  const run = async (first = a, second = b) => {
    if (!first.text.trim() || !second.text.trim()) {
      setError(new Error(`Text ${first.text.trim() ? 'B' : 'A'} is empty: paste a text or open a file.`));
      return;
    }
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setBusy(true);
    setError(undefined);
    try {
      const r = await comparePair(first, second, controller.signal);
      if (controller.signal.aborted) return;
      setResult(r);
      setEditing(false);
    } catch (e) {
      if (!controller.signal.aborted) setError(e);
    } finally {
      if (running.current === controller) setBusy(false);
    }
  };

  const example = () => {
    setA(EXAMPLE.a);
    setB(EXAMPLE.b);
    void run(EXAMPLE.a, EXAMPLE.b);
  };

  return (
    <div class="view">
      <div class="view-head">
        <h1>Compare two texts</h1>
        <p class="lede">Is one derived from the other? Which passages, which word swaps, and which came first.</p>
      </div>
      {editing || !result ? (
        <section class="card inputs" aria-label="Texts to compare">
          <div class="pair-inputs">
            <TextField id="text-a" label="Text A" value={a} onChange={setA} onSubmit={() => void run()} placeholder="Paste the first text…" withDate />
            <TextField id="text-b" label="Text B" value={b} onChange={setB} onSubmit={() => void run()} placeholder="Paste the second text…" withDate />
          </div>
          <div class="actions">
            <BusyButton primary busy={busy} label="Compare" busyLabel="Comparing…" onClick={() => void run()} />
            <span class="muted">
              or <kbd>Ctrl</kbd>+<kbd>Enter</kbd> in a text box
            </span>
            {result && (
              <button type="button" class="btn ghost" onClick={() => setEditing(false)}>
                Back to the result
              </button>
            )}
          </div>
        </section>
      ) : (
        <Summary a={result.a} b={result.b} onEdit={() => setEditing(true)} />
      )}
      {error !== undefined && <ErrorAlert error={error} retry={() => void run()} />}
      {busy && !result && (
        <p class="loading" role="status">
          <Spinner /> Comparing the texts… long texts take a few seconds.
        </p>
      )}
      {result ? (
        <div class={busy ? 'stale' : undefined} aria-busy={busy}>
          <PairView result={result} />
        </div>
      ) : (
        !busy && (
          <Empty title="Paste two texts to see how one was made from the other.">
            Aligned passages share a colour, swapped words are underlined, and phrases that look spun show their likely original.{' '}
            <button type="button" class="link" onClick={example}>
              Try an example
            </button>
          </Empty>
        )
      )}
    </div>
  );
}
