import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { api } from './api';
import { count, percent, plural, wordCount } from './format';
import { findingTip, stepThroughMarks } from './marked-text';
import { runs, segment } from '../../src/report/segments';
import { TextField } from './text-field';
import type { Finding, Inspection, NamedText, Restoration, RestoreChange } from './types';
import { BusyButton, Card, Empty, ErrorAlert, Spinner } from './ui';

function verdict(i: Inspection): string {
  if (i.spun) return `Reads as a spinner's output (${percent(i.spunProbability)} likely)`;
  if (i.findings.length === 0) return 'No spinner fingerprints found';
  if (i.spinScore < 0.2) return 'A few phrases look spun';
  if (i.spinScore < 0.5) return 'Likely spun in places';
  return 'Strong signs of spinning';
}

/** The text with each finding marked and numbered. */
function markFindings(text: string, findings: readonly Finding[]): ComponentChildren {
  const segments = segment(
    text.length,
    findings.map((f, id) => ({ kind: 'suspect' as const, id, span: [f.start, f.end] as const })),
  );
  const numbered = new Set<number>();
  return runs(segments, (s) => s.suspect.join(' ')).map((run) => {
    const piece = text.slice(run[0]!.start, run[run.length - 1]!.end);
    const found = run[0]!.suspect;
    if (found.length === 0) return piece;
    const first = found.find((i) => !numbered.has(i));
    if (first !== undefined) numbered.add(first);
    const tips = found.map((i) => findings[i]).filter((f): f is Finding => f !== undefined);
    return (
      <span class="suspect finding" data-k="" data-finding={String(found[0])} tabIndex={-1} data-tip={tips.map(findingTip).join('\n')} data-n={first === undefined ? undefined : String(first + 1)}>
        {piece}
      </span>
    );
  });
}

/** Where each change landed in the restored text, found by walking the changes in order. */
function placeChanges(restored: string, changes: readonly RestoreChange[]): { start: number; end: number; change: RestoreChange }[] {
  const placed: { start: number; end: number; change: RestoreChange }[] = [];
  let shift = 0;
  for (const change of [...changes].sort((x, y) => x.start - y.start)) {
    const start = change.start + shift;
    shift += change.to.length - (change.end - change.start);
    if (restored.slice(start, start + change.to.length) === change.to) placed.push({ start, end: start + change.to.length, change });
  }
  return placed;
}

function markChanges(restored: string, changes: readonly RestoreChange[]): ComponentChildren {
  const out: ComponentChildren[] = [];
  let at = 0;
  for (const { start, end, change } of placeChanges(restored, changes)) {
    if (start < at) continue;
    out.push(restored.slice(at, start));
    out.push(
      <ins class="restored" data-k="" tabIndex={-1} data-tip={`was “${change.from}”\n${percent(change.confidence)} confident: ${change.evidence}`}>
        {restored.slice(start, end)}
      </ins>,
    );
    at = end;
  }
  out.push(restored.slice(at));
  return out;
}

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && isSecureContext) return navigator.clipboard.writeText(text);
  // Plain HTTP beyond loopback has no clipboard API: the old way still works there.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('The browser refused to copy: select the text and copy it by hand.');
}

function Restored({ restoration }: { restoration: Restoration }) {
  const [copied, setCopied] = useState<'yes' | 'no'>();
  const [error, setError] = useState<unknown>();
  const copy = async () => {
    setError(undefined);
    try {
      await copyText(restoration.text);
      setCopied('yes');
      setTimeout(() => setCopied(undefined), 2000);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card
      class="restored-card"
      title={
        <>
          Restored wording <span class="muted">{plural(restoration.changes.length, 'change')}</span>
        </>
      }
      actions={
        <button type="button" class="btn small" onClick={() => void copy()}>
          {copied === 'yes' ? 'Copied ✓' : 'Copy text'}
        </button>
      }
    >
      {error !== undefined && <ErrorAlert error={error} />}
      {restoration.changes.length === 0 ? (
        <Empty title="Nothing to restore.">No phrase looked spun enough to change.</Empty>
      ) : (
        <div class="split">
          <div class="text reading" tabIndex={0} role="region" aria-label="Restored text. Arrow keys step through the changes." onKeyDown={stepThroughMarks}>
            {markChanges(restoration.text, restoration.changes)}
          </div>
          <ol class="changes" aria-label="Changes">
            {restoration.changes.map((ch) => (
              <li>
                <div>
                  <del>{ch.from}</del> <span aria-label="became">→</span> <ins>{ch.to}</ins> <span class="muted">{percent(ch.confidence)}</span>
                </div>
                <div class="evidence">
                  {ch.source === 'copies' ? 'From the other copies. ' : ''}
                  {ch.evidence}
                </div>
              </li>
            ))}
          </ol>
        </div>
      )}
    </Card>
  );
}

interface InspectResult {
  readonly text: string;
  readonly inspection: Inspection;
}

/** Inspect: one text on its own → its suspect phrases, each with the likely original; then the restored wording. */
export function InspectView() {
  const [value, setValue] = useState<NamedText>({ text: '' });
  const [busy, setBusy] = useState<'inspect' | 'restore'>();
  const [error, setError] = useState<{ error: unknown; retry?: () => void }>();
  const [result, setResult] = useState<InspectResult>();
  const [restoration, setRestoration] = useState<Restoration>();
  const textBox = useRef<HTMLDivElement>(null);

  const inspect = async () => {
    const text = value.text;
    if (!text.trim()) {
      setError({ error: new Error('The text is empty: paste a text or open a file.') });
      return;
    }
    setBusy('inspect');
    setError(undefined);
    try {
      const inspection = await api.inspect(text);
      setResult({ text, inspection });
      setRestoration(undefined);
    } catch (e) {
      setError({ error: e, retry: () => void inspect() });
    } finally {
      setBusy(undefined);
    }
  };

  const restore = async () => {
    if (!result) return;
    setBusy('restore');
    setError(undefined);
    try {
      setRestoration(await api.restore(result.text));
    } catch (e) {
      setError({ error: e, retry: () => void restore() });
    } finally {
      setBusy(undefined);
    }
  };

  const show = (i: number) => {
    const el = textBox.current?.querySelector<HTMLElement>(`[data-finding="${i}"]`);
    el?.focus();
  };

  const findings = result?.inspection.findings ?? [];
  return (
    <div class="view">
      <div class="view-head">
        <h1>Inspect a text</h1>
        <p class="lede">Does this text, alone, show a spinner's fingerprints? Which phrases, and what did they most likely say?</p>
      </div>
      <section class="card inputs" aria-label="Text to inspect">
        <TextField id="inspect-text" label="Text" value={value} onChange={setValue} onSubmit={() => void inspect()} placeholder="Paste a text that may have been spun…" rows={8} />
        <div class="actions">
          <BusyButton primary busy={busy === 'inspect'} disabled={busy !== undefined} label="Inspect" busyLabel="Inspecting…" onClick={() => void inspect()} />
          <span class="muted">
            or <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
          </span>
        </div>
      </section>
      {error && <ErrorAlert error={error.error} {...(error.retry ? { retry: error.retry } : {})} />}
      {!result && busy === 'inspect' && (
        <p class="loading" role="status">
          <Spinner /> Inspecting the text…
        </p>
      )}
      {!result && busy !== 'inspect' && (
        <Empty title="Paste a text to look for spun phrases.">
          A spinner swaps words for dictionary synonyms blind to their sense: “Secretary of Point out” for Secretary of State, “counterfeit consciousness” for
          artificial intelligence. Each suspect phrase is shown with its likely original and the evidence.
        </Empty>
      )}
      {result && (
        <>
          <section class={`banner ${findings.length ? 'derived' : 'unrelated'}`} aria-label="Verdict">
            <div class="banner-main">
              <div class="verdict">
                <span class="verdict-derived">{verdict(result.inspection)}</span>
              </div>
              <p class="explanation">
                {plural(findings.length, 'suspect phrase')} in {count(wordCount(result.text))} words.
                {findings.length > 0 && ' Hover or focus a marked phrase for the likely original and the evidence.'}
              </p>
            </div>
            <div class="banner-side">
              <div class="similarity" title="0–1: how strongly the whole text shows a spinner's fingerprints, comparable across lengths">
                <span class="similarity-value">{result.inspection.spinScore.toFixed(2)}</span>
                <span class="similarity-label">spin score</span>
                <span class="meter" aria-hidden="true">
                  <span style={{ width: percent(result.inspection.spinScore) }} />
                </span>
              </div>
              <BusyButton
                primary
                busy={busy === 'restore'}
                disabled={busy !== undefined}
                label="Restore original wording"
                busyLabel="Restoring…"
                onClick={() => void restore()}
              />
            </div>
          </section>
          <div class="split">
            <Card title="Text">
              <div class="text reading" ref={textBox} tabIndex={0} role="region" aria-label="Inspected text. Arrow keys step through the suspect phrases." onKeyDown={stepThroughMarks}>
                {markFindings(result.text, findings)}
              </div>
            </Card>
            <Card
              title={
                <>
                  Suspect phrases <span class="muted">{count(findings.length)}</span>
                </>
              }
            >
              {findings.length === 0 ? (
                <Empty title="None found.">Nothing in this text looks like a spinner's work.</Empty>
              ) : (
                <ol class="findings">
                  {findings.map((f, i) => (
                    <li>
                      <button type="button" class="finding-item" onClick={() => show(i)}>
                        <span class="num">{i + 1}</span>
                        <span>
                          <span class="phrase">{f.text}</span> <span aria-label="likely original">→</span> <span class="suggestion">{f.suggestion}</span>{' '}
                          <span class="muted">{percent(f.confidence)}</span>
                          <span class="evidence">{f.evidence}</span>
                        </span>
                      </button>
                    </li>
                  ))}
                </ol>
              )}
            </Card>
          </div>
          {restoration && <Restored restoration={restoration} />}
        </>
      )}
    </div>
  );
}
