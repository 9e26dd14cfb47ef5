import type { Passage, Substitution } from '../align/types.js';
import type { Document } from '../compare.js';
import type { Comparison } from '../judge/types.js';
import type { Finding, Inspection } from '../spin/types.js';
import { percent } from '../judge/explain.js';
import { coverage, describeDirection, type SwapTally, tallySubstitutions } from './describe.js';
import { type Mark, runs, type Segment, segment } from './segments.js';

type Side = 'a' | 'b';

export interface HtmlOptions {
  /** What `inspect` found in each text on its own: suspect phrases are marked, spin scores shown. */
  readonly inspections?: { readonly a: Inspection; readonly b: Inspection };
}

// Passage colours cycle through this many palette entries (see .c0–.c7 in the style sheet).
const PALETTE_SIZE = 8;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** The passages (numbered from 1), swaps and suspect phrases of one side, as marks to cut its text by. */
function marksFor(side: Side, c: Comparison, findings: readonly Finding[]): Mark[] {
  return [
    ...c.passages.map((p, i): Mark => ({ kind: 'passage', id: i + 1, span: p[side] })),
    ...c.substitutions.map((s, i): Mark => ({ kind: 'swap', id: i, span: side === 'a' ? s.aSpan : s.bSpan })),
    ...findings.map((f, i): Mark => ({ kind: 'suspect', id: i, span: [f.start, f.end] })),
  ];
}

function swapTip(side: Side, swaps: readonly Substitution[]): string {
  return swaps
    .map((s) => {
      const kind = s.synonym ? 'synonym' : 'different word';
      return side === 'a' ? `“${s.a}” became “${s.b}” (${kind})` : `was “${s.a}” (${kind})`;
    })
    .join('; ');
}

function suspectTip(findings: readonly Finding[]): string {
  return findings.map((f) => `suspect phrase → "${f.suggestion}" (${percent(f.confidence)}): ${f.evidence}`).join('\n');
}

function renderSegment(text: string, seg: Segment, side: Side, c: Comparison): string {
  const body = escapeHtml(text.slice(seg.start, seg.end));
  if (seg.swap.length === 0) return body;
  const swaps = seg.swap.map((i) => c.substitutions[i]).filter((s): s is Substitution => s !== undefined);
  // Synonym swaps are the spinner's fingerprint and stand out; other replaced words stay quiet so the text remains readable.
  const kind = swaps.some((s) => s.synonym) ? 'syn' : 'other';
  return `<span class="swap swap-${side} ${kind}" title="${escapeHtml(swapTip(side, swaps))}">${body}</span>`;
}

function passageTitle(numbers: readonly number[], passages: readonly Passage[]): string {
  return numbers
    .map((n) => {
      const p = passages[n - 1];
      return p ? `Passage ${n} · ${p.relation} · ${percent(p.similarity)} similar` : `Passage ${n}`;
    })
    .join('\n');
}

/** Consecutive segments inside the same findings share one suspect <span>, with the swaps inside it. */
function renderSuspects(text: string, segments: readonly Segment[], side: Side, c: Comparison, findings: readonly Finding[]): string {
  return runs(segments, (seg) => seg.suspect.join(' '))
    .map((run) => {
      const inner = run.map((seg) => renderSegment(text, seg, side, c)).join('');
      const found = run[0]!.suspect.map((i) => findings[i]).filter((f): f is Finding => f !== undefined);
      return found.length === 0 ? inner : `<span class="suspect" title="${escapeHtml(suspectTip(found))}">${inner}</span>`;
    })
    .join('');
}

/**
 * One column's text as HTML. Consecutive segments covered by the same passages share one <mark>,
 * so each passage is one element unless another passage overlaps it; findings nest inside, swaps inside those.
 */
function renderColumn(side: Side, text: string, c: Comparison, findings: readonly Finding[]): string {
  const segments = segment(text.length, marksFor(side, c, findings));
  const labelled = new Set<number>();
  return runs(segments, (seg) => seg.passage.join(' '))
    .map((run) => {
      const inner = renderSuspects(text, run, side, c, findings);
      const numbers = run[0]!.passage;
      if (numbers.length === 0) return inner;
      const label = numbers.find((n) => !labelled.has(n));
      if (label !== undefined) labelled.add(label);
      const primary = numbers[0]!;
      const classes = `p c${(primary - 1) % PALETTE_SIZE}${numbers.length > 1 ? ' overlap' : ''}`;
      const anchor = label === undefined ? '' : ` id="${side}-p${label}" data-label="${label}"`;
      return `<mark class="${classes}"${anchor} data-p="${numbers.join(' ')}" title="${escapeHtml(passageTitle(numbers, c.passages))}">${inner}</mark>`;
    })
    .join('');
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summary(a: Document, b: Document, c: Comparison, inspections: HtmlOptions['inspections']): string {
  const counts = new Map<string, number>();
  for (const p of c.passages) counts.set(p.relation, (counts.get(p.relation) ?? 0) + 1);
  const kinds = [...counts].map(([relation, n]) => `${n} ${relation}`).join(', ');
  const passages = c.passages.length === 1 ? '1 passage' : `${c.passages.length} passages`;
  const synonyms = c.substitutions.filter((s) => s.synonym).length;
  const swaps = `${c.substitutions.length} substitution${c.substitutions.length === 1 ? '' : 's'} (${synonyms} synonym${synonyms === 1 ? '' : 's'})`;
  const inA = percent(coverage(c.passages.map((p) => p.a), a.text.length));
  const inB = percent(coverage(c.passages.map((p) => p.b), b.text.length));
  const suspects = inspections
    ? ` · ${plural(inspections.a.findings.length, 'suspect phrase')} in A, ${inspections.b.findings.length} in B`
    : '';
  return `${passages}${kinds ? ` (${kinds})` : ''} covering ${inA} of A and ${inB} of B · ${swaps}${suspects}`;
}

/** Each text's spin score, as `inspect` gives it with no other text at hand. */
function spinScores(inspections: HtmlOptions['inspections']): string {
  if (!inspections) return '';
  const score = (i: Inspection) => `<b>${i.spinScore.toFixed(2)}</b>`;
  return `\n<span class="fact" title="0–1: how strongly each text on its own shows a spinner's fingerprints">spin score A ${score(inspections.a)} · B ${score(inspections.b)}</span>`;
}

function renderHeader(a: Document, b: Document, c: Comparison, inspections: HtmlOptions['inspections']): string {
  const verdict = c.derived ? 'derived' : 'not derived';
  return `<header>
<h1><span class="brand">Unspin</span> comparison</h1>
<div class="verdict">
<span class="badge ${c.derived ? 'badge-derived' : 'badge-independent'}">${escapeHtml(c.relation)}</span>
<span class="fact"><b>${percent(c.similarity)}</b> similar</span>
<span class="fact">${verdict}</span>
<span class="fact">${escapeHtml(describeDirection(c.direction, a, b))}</span>${spinScores(inspections)}
</div>
<p class="explanation">${escapeHtml(c.explanation)}</p>
<p class="summary">${escapeHtml(summary(a, b, c, inspections))}</p>
</header>`;
}

function renderLegend(inspected: boolean): string {
  const suspect = inspected
    ? '\n<span><span class="suspect">phrase</span> suspect phrase: looks spun even on its own (hover for the likely original)</span>'
    : '';
  return `<section class="legend" aria-label="Legend">
<span><mark class="p c0 sample">1</mark><mark class="p c1 sample">2</mark> same number and colour: the same passage in A and B (hover or click to find the counterpart)</span>
<span><span class="swap swap-a syn">word</span> → <span class="swap swap-b syn">synonym</span> swapped for a synonym (hover for the other side)</span>
<span><span class="swap swap-a other">word</span> → <span class="swap swap-b other">other</span> replaced by a different word</span>
<span><mark class="p c2 sample overlap">striped</mark> passages overlap</span>${suspect}
</section>`;
}

function renderColumnBox(side: Side, doc: Document, c: Comparison, findings: readonly Finding[]): string {
  const letter = side.toUpperCase();
  return `<section class="col" aria-label="Text ${letter}">
<h2><span class="letter">${letter}</span> ${escapeHtml(doc.name)} <small>${wordCount(doc.text).toLocaleString('en-US')} words</small></h2>
<div class="text" id="text-${side}">${renderColumn(side, doc.text, c, findings)}</div>
</section>`;
}

function swapList(title: string, tallies: readonly SwapTally[]): string {
  if (tallies.length === 0) return '';
  const total = tallies.reduce((n, t) => n + t.count, 0);
  const items = tallies
    .map((t) => `<li><span class="was">${escapeHtml(t.a)}</span> → <span class="now">${escapeHtml(t.b)}</span>${t.count > 1 ? ` <span class="times">×${t.count}</span>` : ''}</li>`)
    .join('\n');
  return `<h2>${title} <small>${total}</small></h2>\n<ul>\n${items}\n</ul>`;
}

/** The swaps listed once each: synonym swaps (a spinner's fingerprint) apart from other replaced words. */
function renderSwapLists(c: Comparison): string {
  if (c.substitutions.length === 0) return '';
  const tallies = tallySubstitutions(c.substitutions);
  return `<section class="swaps">
${swapList('Synonym swaps', tallies.filter((t) => t.synonym))}
${swapList('Other replaced words', tallies.filter((t) => !t.synonym))}
</section>`;
}

const STYLE = `
:root{--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bg:#f8fafc;--panel:#fff;--accent:#1d4ed8}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1600px;margin:0 auto;padding:20px 24px 40px}
header{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:16px 20px;margin-bottom:14px}
h1{font-size:18px;margin:0 0 10px;font-weight:600;color:var(--muted)}
.brand{color:var(--ink);font-weight:700}
.verdict{display:flex;flex-wrap:wrap;align-items:center;gap:8px 18px}
.badge{font-size:20px;font-weight:700;padding:2px 12px;border-radius:999px;text-transform:uppercase;letter-spacing:.04em}
.badge-derived{background:#fee2e2;color:#991b1b}
.badge-independent{background:#e5e7eb;color:#374151}
.fact{color:var(--muted)}.fact b{color:var(--ink);font-size:18px}
.explanation{margin:10px 0 4px;font-size:16px}
.summary{margin:0;color:var(--muted);font-size:14px}
.legend{display:flex;flex-wrap:wrap;gap:6px 24px;font-size:13px;color:var(--muted);margin:0 2px 12px}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:14px}
.col{background:var(--panel);border:1px solid var(--line);border-radius:10px;min-width:0;display:flex;flex-direction:column}
.col h2{font-size:14px;font-weight:600;margin:0;padding:10px 16px;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
.col h2 small{color:var(--muted);font-weight:400;margin-left:6px}
.letter{display:inline-block;width:22px;height:22px;line-height:22px;text-align:center;border-radius:50%;background:var(--ink);color:#fff;font-size:12px;margin-right:4px}
.text{position:relative;white-space:pre-wrap;overflow-wrap:break-word;overflow-y:auto;max-height:72vh;padding:14px 18px;font-family:Charter,"Iowan Old Style",Georgia,Cambria,serif;font-size:16px;line-height:1.7}
mark.p{color:inherit;border-radius:3px;padding:1px 0;cursor:pointer;transition:box-shadow .12s}
mark.p[data-label]::before{content:attr(data-label);font:600 10px/1 system-ui,sans-serif;color:#fff;background:#475569;border-radius:3px;padding:2px 4px;margin-right:3px;vertical-align:2px}
mark.p.hot{box-shadow:0 0 0 2px #1e293b;filter:saturate(2.2)}
mark.sample{cursor:default;padding:1px 4px}
.c0{background:#dbeafe}.c1{background:#dcfce7}.c2{background:#fef3c7}.c3{background:#fce7f3}
.c4{background:#ede9fe}.c5{background:#cffafe}.c6{background:#ffedd5}.c7{background:#e0e7ff}
.overlap{background-image:repeating-linear-gradient(135deg,transparent 0 5px,rgba(0,0,0,.07) 5px 10px)}
.swap{border-radius:2px;cursor:help}
.swap-a.syn{color:#b91c1c;text-decoration:line-through;text-decoration-color:rgba(185,28,28,.5);text-decoration-thickness:1.5px}
.swap-b.syn{color:#065f46;font-weight:600;text-decoration:underline;text-decoration-color:#059669;text-decoration-thickness:2px;text-underline-offset:3px}
.swap.other{text-decoration:underline dotted #94a3b8;text-decoration-thickness:1.5px;text-underline-offset:3px}
.suspect{text-decoration:underline wavy #dc2626;text-decoration-thickness:1.5px;text-underline-offset:5px;text-decoration-skip-ink:none;cursor:help}
#tip{position:fixed;z-index:10;max-width:340px;white-space:pre-line;background:#111827;color:#f9fafb;font:13px/1.4 system-ui,sans-serif;padding:6px 9px;border-radius:6px;pointer-events:none;box-shadow:0 4px 14px rgba(0,0,0,.25)}
#tip[hidden]{display:none}
.swaps{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:12px 18px;margin-top:14px}
.swaps h2{font-size:15px;margin:6px 0 8px}.swaps h2 small{color:var(--muted);font-weight:400;margin-left:4px}
.swaps ul{list-style:none;margin:0 0 10px;padding:0;columns:4 220px;column-gap:28px;font-size:14px}
.swaps li{break-inside:avoid;padding:2px 0;border-bottom:1px solid #f1f5f9;color:var(--muted);overflow-wrap:anywhere}
.swaps .was{color:#b91c1c}.swaps .now{color:#065f46;font-weight:600}.swaps .times{font-size:12px}
footer{margin-top:16px;color:var(--muted);font-size:12px;overflow-wrap:anywhere}
@media (max-width:860px){.cols{grid-template-columns:1fr}.text{max-height:60vh}main{padding:12px}}
@media print{.text{max-height:none;overflow:visible}body{background:#fff}#tip{display:none}}
`;

// Hover lights up a passage in both columns; click scrolls the other column to it; titles of swaps and suspect
// phrases become instant tooltips, a swap's and the suspect phrase around it shown together.
const SCRIPT = `
(()=>{const byP=new Map();
for(const el of document.querySelectorAll('mark[data-p]'))for(const p of el.dataset.p.split(' ')){if(!byP.has(p))byP.set(p,[]);byP.get(p).push(el)}
let hot=[];const heat=k=>{for(const el of hot)el.classList.remove('hot');hot=k?[...new Set(k.split(' ').flatMap(p=>byP.get(p)||[]))]:[];for(const el of hot)el.classList.add('hot')};
const tip=document.getElementById('tip');
for(const el of document.querySelectorAll('.swap[title],.suspect[title]')){el.dataset.tip=el.title;el.removeAttribute('title')}
document.addEventListener('mouseover',e=>{const m=e.target.closest('mark[data-p]');heat(m&&m.dataset.p);
const s=e.target.closest('[data-tip]');if(!s){tip.hidden=true;return}
const tips=[];for(let t=s;t;t=t.parentElement.closest('[data-tip]'))tips.push(t.dataset.tip);
tip.textContent=tips.join('\\n');tip.hidden=false;const r=s.getBoundingClientRect();
tip.style.left=Math.max(8,Math.min(r.left,innerWidth-tip.offsetWidth-8))+'px';tip.style.top=(r.top>50?r.top-tip.offsetHeight-6:r.bottom+6)+'px'});
document.addEventListener('click',e=>{const m=e.target.closest('mark[data-p]');if(!m||!m.closest('.text'))return;const own=m.closest('.text');
const other=(byP.get(m.dataset.p.split(' ')[0])||[]).find(x=>x.closest('.text')!==own);if(!other)return;const box=other.closest('.text');
box.scrollTo({top:other.offsetTop-box.clientHeight/3,behavior:'smooth'})})})();
`;

/**
 * One self-contained HTML page: the verdict, both texts side by side with passages and swaps highlighted,
 * and, given the inspections, each text's suspect phrases marked with the likely original.
 */
export function renderHtml(a: Document, b: Document, c: Comparison, options: HtmlOptions = {}): string {
  const { inspections } = options;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Unspin: ${escapeHtml(a.name)} vs ${escapeHtml(b.name)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${renderHeader(a, b, c, inspections)}
${renderLegend(inspections !== undefined)}
<div class="cols">
${renderColumnBox('a', a, c, inspections?.a.findings ?? [])}
${renderColumnBox('b', b, c, inspections?.b.findings ?? [])}
</div>
${renderSwapLists(c)}
<footer>Made by Unspin. Character offsets and the full verdict: <code>unspin compare A B --json</code>.</footer>
</main>
<div id="tip" role="tooltip" hidden></div>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
