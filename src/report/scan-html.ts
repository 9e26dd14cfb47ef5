import type { Cluster, ClusterMember, ScanResult } from '../corpus/types.js';
import { percent } from '../judge/explain.js';
import type { Relation } from '../judge/types.js';
import { escapeHtml } from './html.js';

/** Facts about one document, when the store knows them. */
export interface DocumentFacts {
  readonly title?: string;
  readonly url?: string;
  readonly date?: string;
}

export interface ScanHtmlOptions {
  /** Relative link to the pair view of a member (the member against the cluster's original); undefined when none was written. */
  readonly pairHref: (member: ClusterMember) => string | undefined;
  /** Facts about the original of each cluster, by id (title, url, date), when known. */
  readonly documents: ReadonlyMap<string, DocumentFacts>;
  /** What was scanned, for the heading, e.g. "unspin.db, 12,408 documents". */
  readonly scanned: string;
}

const EMPTY = 'No clusters: no two documents were found derived from one another.';

const RELATION_NOTE: Partial<Record<Relation, string>> = {
  duplicate: 'a copy with minor edits',
  spun: 'words swapped for synonyms',
  paraphrase: 'reworded throughout',
  partial: 'part of the text reused',
};

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${count(n)} ${n === 1 ? word : many}`;
}

/** The URL itself when it is an absolute http(s) URL, else undefined: nothing else becomes a link. */
function webUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const trimmed = url.trim();
  if (!/^https?:\/\//i.test(trimmed)) return undefined;
  try {
    const parsed = new URL(trimmed);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? trimmed : undefined;
  } catch {
    return undefined;
  }
}

/** A link to a pair page: relative paths and http(s) URLs only, never another scheme (javascript:, data:, …). */
function pairLink(href: string | undefined): string | undefined {
  if (href === undefined || href.trim() === '') return undefined;
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(href);
  if (scheme && !/^https?$/i.test(scheme[1] ?? '')) return undefined;
  return href;
}

/** A URL shown as a link when it is http(s), as plain text otherwise. */
function renderUrl(url: string | undefined): string {
  if (url === undefined || url === '') return '';
  const web = webUrl(url);
  return web
    ? `<a class="url" href="${escapeHtml(web)}" rel="noopener noreferrer nofollow">${escapeHtml(url)}</a>`
    : `<span class="url">${escapeHtml(url)}</span>`;
}

/** A date as given, shortened to its day when it is an ISO timestamp; the full value stays in the title. */
function renderDate(date: string | undefined): string {
  if (date === undefined || date === '') return '<span class="none" aria-label="no date">—</span>';
  const iso = /^(\d{4}-\d{2}-\d{2})[T ]/.exec(date);
  if (iso?.[1]) return `<time datetime="${escapeHtml(date)}" title="${escapeHtml(date)}">${iso[1]}</time>`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return `<time datetime="${date}">${date}</time>`;
  return escapeHtml(date);
}

function badge(relation: Relation): string {
  const known = RELATION_NOTE[relation] !== undefined;
  const note = RELATION_NOTE[relation];
  return `<span class="badge ${known ? `rel-${relation}` : 'rel-other'}"${note ? ` title="${escapeHtml(note)}"` : ''}>${escapeHtml(relation)}</span>`;
}

function similarity(x: number): string {
  const clamped = Number.isFinite(x) ? Math.max(0, Math.min(1, x)) : 0;
  const width = Math.round(clamped * 100);
  return `<span class="sim">${escapeHtml(percent(clamped))}</span><span class="bar" aria-hidden="true"><span style="width:${width}%"></span></span>`;
}

function renderMember(member: ClusterMember, cluster: Cluster, showVia: boolean, options: ScanHtmlOptions): string {
  const href = pairLink(options.pairHref(member));
  const id = escapeHtml(member.id);
  const name = href
    ? `<a class="id" href="${escapeHtml(href)}" title="Compare with ${escapeHtml(cluster.original)}">${id}</a>`
    : `<span class="id">${id}</span>`;
  const title = member.title ? `<span class="title">${escapeHtml(member.title)}</span>` : '';
  const url = member.url ? `<span class="link">${renderUrl(member.url)}</span>` : '';
  const via = !showVia
    ? ''
    : member.path.length === 0
      ? '<td class="via"><span class="none">directly</span></td>'
      : `<td class="via">${member.path.map((id) => `<span class="id">${escapeHtml(id)}</span>`).join(' → ')}</td>`;
  return `<tr>
<th scope="row" class="doc">${name}${title}${url}</th>
<td>${badge(member.relation)}</td>
<td class="num">${similarity(member.similarity)}</td>
<td class="date">${renderDate(member.date)}</td>${via ? `\n${via}` : ''}
</tr>`;
}

function renderCluster(cluster: Cluster, index: number, options: ScanHtmlOptions): string {
  const n = index + 1;
  const facts = options.documents.get(cluster.original) ?? {};
  const showVia = cluster.members.some((m) => m.path.length > 0);
  const title = facts.title ? `<p class="title">${escapeHtml(facts.title)}</p>` : '';
  const meta = [
    facts.url ? renderUrl(facts.url) : '',
    facts.date ? `published ${renderDate(facts.date)}` : '',
  ].filter(Boolean);
  const rows = cluster.members.map((m) => renderMember(m, cluster, showVia, options)).join('\n');
  return `<section class="cluster" id="cluster-${n}" aria-labelledby="cluster-${n}-h">
<h2 id="cluster-${n}-h"><span class="num-tag">${n}</span> Cluster of ${plural(cluster.members.length + 1, 'document')}</h2>
<div class="original">
<p class="label">Original, most likely</p>
<p class="orig-id">${escapeHtml(cluster.original)}</p>
${title}${meta.length > 0 ? `<p class="meta">${meta.join(' · ')}</p>` : ''}
<p class="reason"><span class="why">Why:</span> ${escapeHtml(cluster.reason)}</p>
</div>
<div class="table-wrap">
<table>
<caption>${plural(cluster.members.length, 'document')} derived in cluster ${n}</caption>
<thead><tr><th scope="col">Document</th><th scope="col">Relation</th><th scope="col" class="num">Similarity</th><th scope="col">Date</th>${showVia ? '<th scope="col">Reached through</th>' : ''}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>
</section>`;
}

function documentsInClusters(result: ScanResult): number {
  const ids = new Set<string>();
  for (const c of result.clusters) {
    ids.add(c.original);
    for (const m of c.members) ids.add(m.id);
  }
  return ids.size;
}

function renderHeader(result: ScanResult, scanned: string): string {
  const stat = (value: number, label: string) => `<div class="stat"><dt>${label}</dt><dd>${count(value)}</dd></div>`;
  return `<header>
<h1><span class="brand">Unspin</span> scan</h1>
<p class="scanned">${escapeHtml(scanned)}</p>
<dl class="stats">
${stat(result.clusters.length, 'Clusters')}
${stat(documentsInClusters(result), 'Documents in clusters')}
${stat(result.compared, 'Pairs compared')}
</dl>
</header>`;
}

const LEGEND = `<section class="legend" aria-label="Relations">
<span>${badge('duplicate')} ${RELATION_NOTE.duplicate}</span>
<span>${badge('spun')} ${RELATION_NOTE.spun}</span>
<span>${badge('paraphrase')} ${RELATION_NOTE.paraphrase}</span>
<span>${badge('partial')} ${RELATION_NOTE.partial}</span>
</section>`;

const STYLE = `
:root{--ink:#1f2937;--muted:#4b5563;--line:#e5e7eb;--bg:#f8fafc;--panel:#fff;--accent:#1d4ed8}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1200px;margin:0 auto;padding:20px 24px 40px}
header,.cluster,.empty{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:16px 20px;margin-bottom:14px}
h1{font-size:18px;margin:0 0 2px;font-weight:600;color:var(--muted)}
.brand{color:var(--ink);font-weight:700}
.scanned{margin:0 0 12px;color:var(--muted);overflow-wrap:anywhere}
.stats{display:flex;flex-wrap:wrap;gap:10px 40px;margin:0}
.stat{display:flex;flex-direction:column-reverse}
.stat dt{color:var(--muted);font-size:13px}
.stat dd{margin:0;font-size:26px;font-weight:700;line-height:1.2;font-variant-numeric:tabular-nums}
.legend{display:flex;flex-wrap:wrap;gap:6px 24px;font-size:13px;color:var(--muted);margin:0 2px 12px}
.cluster h2{font-size:17px;margin:0 0 10px;display:flex;align-items:center;gap:8px}
.num-tag{display:inline-block;min-width:24px;height:24px;line-height:24px;padding:0 6px;text-align:center;border-radius:12px;background:var(--ink);color:#fff;font-size:12px}
.original{border-left:4px solid var(--ink);background:#f1f5f9;border-radius:0 8px 8px 0;padding:10px 14px;margin-bottom:12px}
.original p{margin:0}
.label{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);font-weight:600}
.orig-id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:14px;font-weight:600;overflow-wrap:anywhere}
.original .title{font-family:Charter,"Iowan Old Style",Georgia,Cambria,serif;font-size:18px;margin-top:2px}
.meta{color:var(--muted);font-size:13px;overflow-wrap:anywhere}
.original .reason{margin-top:6px;font-size:14px}
.why{font-weight:600}
a{color:var(--accent)}
a:focus-visible{outline:2px solid var(--accent);outline-offset:2px;border-radius:2px}
.table-wrap{overflow-x:auto}
table{width:100%;border-collapse:collapse;font-size:14px}
caption{text-align:left;color:var(--muted);font-size:13px;padding:0 0 6px}
thead th{text-align:left;font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);font-weight:600;border-bottom:2px solid var(--line);padding:6px 10px}
td,tbody th{padding:8px 10px;border-bottom:1px solid var(--line);vertical-align:top;text-align:left}
tbody tr:last-child td,tbody tr:last-child th{border-bottom:0}
tbody tr:hover{background:#f8fafc}
.doc{font-weight:400;min-width:220px;overflow-wrap:anywhere}
.doc .id,.via .id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
.doc a.id{font-weight:600}
.doc .title{display:block;font-family:Charter,"Iowan Old Style",Georgia,Cambria,serif;font-size:15px;margin-top:2px}
.doc .link{display:block;font-size:12px;color:var(--muted)}
.via{overflow-wrap:anywhere;max-width:260px}
.num{text-align:right;white-space:nowrap}
thead th.num{text-align:right}
.sim{font-variant-numeric:tabular-nums;font-weight:600;display:inline-block;min-width:3.2em}
.bar{display:inline-block;width:60px;height:6px;background:var(--line);border-radius:3px;margin-left:6px;vertical-align:middle;overflow:hidden}
.bar span{display:block;height:100%;background:#475569}
.date{white-space:nowrap;font-variant-numeric:tabular-nums}
.none{color:var(--muted)}
.badge{display:inline-block;font-size:12px;font-weight:700;padding:1px 9px;border-radius:999px;text-transform:uppercase;letter-spacing:.04em;white-space:nowrap;border:1px solid transparent}
.rel-duplicate{background:#fee2e2;color:#991b1b;border-color:#fecaca}
.rel-spun{background:#ffedd5;color:#9a3412;border-color:#fed7aa}
.rel-paraphrase{background:#ede9fe;color:#5b21b6;border-color:#ddd6fe}
.rel-partial{background:#dbeafe;color:#1e40af;border-color:#bfdbfe}
.rel-other{background:#e5e7eb;color:#374151}
.empty{text-align:center;padding:40px 20px;font-size:17px;color:var(--muted)}
footer{margin-top:16px;color:var(--muted);font-size:12px;overflow-wrap:anywhere}
@media (max-width:700px){main{padding:12px}.bar{display:none}}
@media print{body{background:#fff}.cluster{break-inside:avoid-page}tbody tr:hover{background:none}}
`;

/**
 * One self-contained HTML page for a scan: what was scanned and how much was found, then one section per
 * cluster (in the order given) with its original and a table of the documents derived from it. No scripts,
 * no external resources; every string from the data is escaped and only http(s) URLs become links.
 */
export function renderScanHtml(result: ScanResult, options: ScanHtmlOptions): string {
  const body =
    result.clusters.length === 0
      ? `<p class="empty" role="status">${EMPTY}</p>`
      : `${LEGEND}\n${result.clusters.map((c, i) => renderCluster(c, i, options)).join('\n')}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Unspin scan: ${escapeHtml(options.scanned)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${renderHeader(result, options.scanned)}
${body}
<footer>Made by Unspin.${result.clusters.length > 0 ? ' A linked document opens its pair view, side by side with the document it was compared with.' : ''} The full result: <code>unspin scan --json</code>.</footer>
</main>
</body>
</html>
`;
}
