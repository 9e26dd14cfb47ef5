import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import { comparePair, PairView, type PairResult } from './comparison';
import { count, wordCount } from './format';
import { recallQuery } from './routes';
import type { NamedText, StoredDocument } from './types';
import { Empty, ErrorAlert, Spinner } from './ui';

function fromDocument(d: StoredDocument): NamedText {
  return { text: d.text, name: d.id, ...(d.date ? { date: d.date.slice(0, 10) } : {}) };
}

async function loadPair(params: URLSearchParams, signal: AbortSignal): Promise<PairResult | undefined> {
  const a = params.get('a');
  const b = params.get('b');
  if (!b) return undefined;
  if (a) {
    const [da, db] = await Promise.all([api.document(a, signal), api.document(b, signal)]);
    return comparePair(fromDocument(da), fromDocument(db), signal);
  }
  const query = recallQuery();
  if (query === undefined) return undefined;
  return comparePair({ text: query, name: 'searched text' }, fromDocument(await api.document(b, signal)), signal);
}

/** The texts of a pair, read-only, behind a disclosure: the pair view shows them marked below. */
function Texts({ result }: { result: PairResult }) {
  return (
    <details class="card inputs readonly">
      <summary>
        <span>
          A: <span class="id">{result.a.name}</span>, {count(wordCount(result.a.text))} words
        </span>
        <span>
          B: <span class="id">{result.b.name}</span>, {count(wordCount(result.b.text))} words
        </span>
        <span class="muted">Show the plain texts</span>
      </summary>
      <div class="pair-inputs">
        {(['a', 'b'] as const).map((side) => (
          <label class="field">
            <span class="field-label">{side.toUpperCase()}</span>
            <textarea readOnly rows={8} value={result[side].text} />
          </label>
        ))}
      </div>
    </details>
  );
}

/** Two documents of the corpus (or the searched text and a document) compared, as in the Compare view. */
export function CorpusPair({ params }: { params: URLSearchParams }) {
  const [state, setState] = useState<{ result?: PairResult; error?: unknown; loading: boolean }>({ loading: true });
  const key = params.toString();
  useEffect(() => {
    const controller = new AbortController();
    setState({ loading: true });
    loadPair(params, controller.signal).then(
      (result) => !controller.signal.aborted && setState({ loading: false, ...(result ? { result } : {}) }),
      (error: unknown) => !controller.signal.aborted && setState({ loading: false, error }),
    );
    return () => controller.abort();
  }, [key]);

  return (
    <div class="view">
      <div class="view-head">
        <a class="back" href="#/corpus">
          ← Corpus
        </a>
        <h1>{params.get('a') ? 'Pair of documents' : 'Searched text and a stored document'}</h1>
      </div>
      {state.loading && (
        <p class="loading" role="status">
          <Spinner /> Comparing the pair…
        </p>
      )}
      {state.error !== undefined && <ErrorAlert error={state.error} />}
      {!state.loading && !state.error && !state.result && (
        <Empty title="Nothing to compare.">This link names no pair, or the searched text is gone with a reload. Go back to the corpus and open a pair again.</Empty>
      )}
      {state.result && (
        <>
          <Texts result={state.result} />
          <PairView result={state.result} />
        </>
      )}
    </div>
  );
}
