import { useEffect, useRef, useState } from 'preact/hooks';
import { api, waitForJob } from './api';
import { useFileDrop } from './files';
import { bytes, count, matchDirection, percent, plural, RELATION_MEANING } from './format';
import { pairLink, rememberQuery } from './routes';
import { TextField } from './text-field';
import type { ClusterPage, IndexSummary, Job, Match, NamedText, Relation, Stats } from './types';
import { BusyButton, Card, Empty, ErrorAlert, Progress } from './ui';

const CORPUS_FILE_TYPES = '.txt,.md,.html,.htm,.warc,.gz,.jsonl';
const PAGE = 10;

function RelationBadge({ relation }: { relation: Relation }) {
  const kind = relation === 'related' || relation === 'unrelated' ? relation : 'derived';
  return (
    <span class={`badge small ${kind}`} title={RELATION_MEANING[relation]}>
      {relation}
    </span>
  );
}

function StatsRow({ stats, error }: { stats?: Stats; error?: unknown }) {
  if (error !== undefined) return <ErrorAlert error={error} />;
  const items: [string, string][] = stats
    ? [
        ['documents', count(stats.documents)],
        ['words', count(stats.words)],
        ['of text', bytes(stats.textBytes)],
        ['store on disk', bytes(stats.storeBytes)],
        ['learned spin pairs', count(stats.spinPairs)],
      ]
    : [];
  return (
    <dl class="stats" aria-busy={!stats}>
      {stats
        ? items.map(([label, value]) => (
            <div class="stat">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))
        : 'Loading the store’s statistics…'}
    </dl>
  );
}

type UploadState =
  | { step: 'idle' }
  | { step: 'uploading'; sent: number; total: number }
  | { step: 'indexing'; job: Job }
  | { step: 'done'; summary: IndexSummary }
  | { step: 'failed'; error: unknown };

function UploadSummary({ summary }: { summary: IndexSummary }) {
  return (
    <div class="summary" role="status">
      <ul class="counts">
        <li>
          <b>{count(summary.indexed)}</b> indexed
        </li>
        <li>
          <b>{count(summary.unchanged)}</b> unchanged
        </li>
        <li>
          <b>{count(summary.replaced)}</b> replaced
        </li>
        <li class={summary.skipped.length ? 'warn' : undefined}>
          <b>{count(summary.skipped.length)}</b> skipped
        </li>
      </ul>
      {summary.skipped.length > 0 && (
        <table class="table compact">
          <caption>Skipped inputs</caption>
          <thead>
            <tr>
              <th scope="col">Input</th>
              <th scope="col">Reason</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {summary.skipped.map((s) => (
              <tr>
                <td class="id">{s.source}</td>
                <td>{s.reason}</td>
                <td class="muted">{s.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {summary.warnings.length > 0 && (
        <ul class="warnings">
          {summary.warnings.map((w) => (
            <li>
              <span class="id">{w.source}</span>: {w.detail}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Upload({ onIndexed }: { onIndexed: () => void }) {
  const [state, setState] = useState<UploadState>({ step: 'idle' });
  const picker = useRef<HTMLInputElement>(null);
  const files = useRef<File[]>([]);

  const start = async () => {
    const chosen = files.current;
    if (chosen.length === 0) return;
    const size = chosen.reduce((n, f) => n + f.size, 0);
    setState({ step: 'uploading', sent: 0, total: size });
    try {
      const job = await api.upload(chosen, (sent, total) => setState({ step: 'uploading', sent, total: total || size }));
      setState({ step: 'indexing', job });
      const done = await waitForJob(job, (j) => setState({ step: 'indexing', job: j }));
      setState({ step: 'done', summary: done.result as IndexSummary });
    } catch (error) {
      setState({ step: 'failed', error });
    } finally {
      onIndexed();
    }
  };

  const drop = useFileDrop((list) => {
    if (!busy) choose(list);
  });

  const choose = (list: FileList | null | undefined) => {
    if (!list || list.length === 0) return;
    files.current = [...list];
    void start();
  };

  const busy = state.step === 'uploading' || state.step === 'indexing';
  const names = files.current.length === 1 ? files.current[0]!.name : plural(files.current.length, 'file');
  return (
    <Card title="Add documents">
      <div
        class={drop.over ? 'dropzone over' : 'dropzone'}
        {...drop.handlers}
      >
        <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
          <path d="M12 16V4m0 0L7 9m5-5 5 5M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
        <p>
          Drop files here, or{' '}
          <button type="button" class="link" disabled={busy} onClick={() => picker.current?.click()}>
            choose files
          </button>
        </p>
        <p class="muted small">Text, Markdown, HTML pages, WARC crawls (.warc, .warc.gz) and JSONL; a document already stored is replaced when it changed.</p>
        <input
          ref={picker}
          type="file"
          multiple
          accept={CORPUS_FILE_TYPES}
          class="visually-hidden"
          tabIndex={-1}
          aria-label="Files to add to the corpus"
          onChange={(e) => {
            choose(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
      </div>
      {state.step === 'uploading' && (
        <Progress value={state.sent} total={state.total} label={`Uploading ${names}: ${bytes(state.sent)} of ${bytes(state.total)}`} />
      )}
      {state.step === 'indexing' && (
        <Progress value={state.job.done} total={state.job.total} label={`Indexing ${names}: ${bytes(state.job.done)} of ${bytes(state.job.total)} read`} />
      )}
      {state.step === 'done' && <UploadSummary summary={state.summary} />}
      {state.step === 'failed' && <ErrorAlert error={state.error} retry={() => void start()} />}
    </Card>
  );
}

/** A page of clusters from a scan that has run. */
type ScannedPage = ClusterPage & { readonly scanned: string };

type ScanState = { step: 'loading' } | { step: 'none' } | { step: 'scanning'; job: Job } | { step: 'ready'; page: ScannedPage } | { step: 'failed'; error: unknown };

function Clusters({ documents }: { documents: number | undefined }) {
  const [state, setState] = useState<ScanState>({ step: 'loading' });

  const load = async (offset: number) => {
    try {
      const page = await api.clusters(offset, PAGE);
      const { scanned } = page;
      setState(scanned === null ? { step: 'none' } : { step: 'ready', page: { ...page, scanned } });
    } catch (error) {
      setState({ step: 'failed', error });
    }
  };

  useEffect(() => {
    void load(0);
  }, []);

  const scan = async () => {
    try {
      const { job } = await api.scan();
      setState({ step: 'scanning', job });
      await waitForJob(job, (j) => setState({ step: 'scanning', job: j }));
      await load(0);
    } catch (error) {
      setState({ step: 'failed', error });
    }
  };

  const scanning = state.step === 'scanning';
  const empty = documents === 0;
  return (
    <Card
      title="Clusters of copies"
      actions={<BusyButton primary busy={scanning} disabled={empty} label="Run scan" busyLabel="Scanning…" onClick={() => void scan()} />}
    >
      {state.step === 'scanning' && (
        <Progress value={state.job.done} total={state.job.total} label={state.job.total ? `Scanning: ${count(state.job.done)} of ${plural(state.job.total, 'document')}` : 'Starting the scan…'} />
      )}
      {state.step === 'failed' && <ErrorAlert error={state.error} retry={() => void scan()} />}
      {state.step === 'loading' && <p class="muted">Loading…</p>}
      {state.step === 'none' &&
        (empty ? (
          <Empty title="No documents yet — upload files to start." />
        ) : (
          <Empty title="No scan has run yet.">Run a scan to group the stored documents into clusters of copies, each with its likely original.</Empty>
        ))}
      {state.step === 'ready' && <ClusterList page={state.page} onPage={(offset) => void load(offset)} />}
    </Card>
  );
}

function ClusterList({ page, onPage }: { page: ScannedPage; onPage: (offset: number) => void }) {
  if (page.total === 0) {
    return (
      <Empty title="No copies found.">
        The last scan compared {plural(page.compared, 'candidate pair')} and found no document derived from another.
      </Empty>
    );
  }
  const last = Math.min(page.offset + page.clusters.length, page.total);
  return (
    <>
      <p class="muted small">
        Scan of {new Date(page.scanned).toLocaleString()}: {plural(page.total, 'cluster')} from {plural(page.compared, 'candidate pair')} compared. Open a
        copy to see it side by side with the document it was matched with.
      </p>
      <ol class="clusters" start={page.offset + 1}>
        {page.clusters.map((cluster) => (
          <li class="cluster">
            <div class="cluster-head">
              <span class="muted">Likely original</span> <span class="id strong">{cluster.original}</span>
              <span class="muted"> · {plural(cluster.members.length + 1, 'document')}</span>
              <div class="muted small">{cluster.reason}</div>
            </div>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">Copy</th>
                  <th scope="col">Relation</th>
                  <th scope="col" class="num">Similarity</th>
                  <th scope="col">Reached through</th>
                </tr>
              </thead>
              <tbody>
                {cluster.members.map((m) => {
                  return (
                    <tr>
                      <td>
                        <a class="id" href={pairLink({ a: cluster.original, b: m.id })}>
                          {m.id}
                        </a>
                        {m.title && <div class="muted small">{m.title}</div>}
                      </td>
                      <td>
                        <RelationBadge relation={m.relation} />
                      </td>
                      <td class="num">{percent(m.similarity)}</td>
                      <td class="id muted">{m.path.length > 0 ? m.path.join(' → ') : 'directly'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </li>
        ))}
      </ol>
      {page.total > page.limit && (
        <nav class="pager" aria-label="Cluster pages">
          <button type="button" class="btn small" disabled={page.offset === 0} onClick={() => onPage(Math.max(0, page.offset - page.limit))}>
            ← Previous
          </button>
          <span class="muted">
            {count(page.offset + 1)}–{count(last)} of {count(page.total)}
          </span>
          <button type="button" class="btn small" disabled={last >= page.total} onClick={() => onPage(page.offset + page.limit)}>
            Next →
          </button>
        </nav>
      )}
    </>
  );
}

function Search({ documents }: { documents: number | undefined }) {
  const [value, setValue] = useState<NamedText>({ text: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [found, setFound] = useState<{ query: string; matches: readonly Match[] }>();

  const run = async () => {
    const query = value.text;
    if (!query.trim()) {
      setError(new Error('The text is empty: paste the text to look for.'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      setFound({ query, matches: (await api.search(query)).matches });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="Find the copies of a text">
      <TextField id="search-text" label="Text to look for" value={value} onChange={setValue} onSubmit={() => void run()} placeholder="Paste a text to find its stored copies and sources…" rows={4} />
      <div class="actions">
        <BusyButton primary busy={busy} disabled={documents === 0} label="Search" busyLabel="Searching…" onClick={() => void run()} />
        {documents === 0 && <span class="muted">No documents yet — upload files to start.</span>}
      </div>
      {error !== undefined && <ErrorAlert error={error} retry={() => void run()} />}
      {found &&
        (found.matches.length === 0 ? (
          <Empty title="No stored copies of this text.">Nothing in the store was derived from it, or it from them.</Empty>
        ) : (
          <table class="table">
            <caption class="muted small">Open a document to see it side by side with your text.</caption>
            <thead>
              <tr>
                <th scope="col">Document</th>
                <th scope="col">Relation</th>
                <th scope="col" class="num">Similarity</th>
                <th scope="col">Direction</th>
              </tr>
            </thead>
            <tbody>
              {found.matches.map((m) => {
                return (
                  <tr>
                    <td>
                      <a class="id" href={pairLink({ query: true, b: m.id })} onClick={() => rememberQuery(found.query)}>
                        {m.id}
                      </a>
                    </td>
                    <td>
                      <RelationBadge relation={m.relation} />
                    </td>
                    <td class="num">{percent(m.similarity)}</td>
                    <td class="muted">{matchDirection(m.direction)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ))}
    </Card>
  );
}

/** Corpus: what the store holds, uploads, the scan's clusters and search. Stays mounted, so its state survives a visit to a pair. */
export function CorpusView({ active }: { active: boolean }) {
  const [stats, setStats] = useState<Stats>();
  const [error, setError] = useState<unknown>();
  const refresh = () => {
    api.stats().then(
      (s) => {
        setStats(s);
        setError(undefined);
      },
      (e: unknown) => setError(e),
    );
  };
  useEffect(() => {
    if (active) refresh();
  }, [active]);
  return (
    <div class="view">
      <div class="view-head">
        <h1>Corpus</h1>
        <p class="lede">Index documents, find clusters of copies with their likely original, and search for the copies of a text.</p>
      </div>
      <StatsRow {...(stats ? { stats } : {})} {...(error !== undefined ? { error } : {})} />
      <div class="corpus-grid">
        <div class="stack">
          <Upload onIndexed={refresh} />
          <Search documents={stats?.documents} />
        </div>
        <Clusters documents={stats?.documents} />
      </div>
    </div>
  );
}
