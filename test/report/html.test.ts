import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { cleanInspection, copy, copyInspection, source, spanOf, spunComparison } from './fixtures.js';

/** The visible text of an HTML fragment, entities decoded. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function column(html: string, side: 'a' | 'b'): string {
  const match = new RegExp(`<div class="text" id="text-${side}">([\\s\\S]*?)</div>`).exec(html);
  if (!match?.[1]) throw new Error(`no column ${side}`);
  return match[1];
}

describe('renderHtml', () => {
  const html = renderHtml(source, copy, spunComparison());

  it('is one self-contained page with the verdict in its header', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<link|src=|@import|url\(/);
    expect(html).toContain('spun');
    expect(html).toContain('87%');
    expect(html).toContain('B is A with words swapped for dictionary synonyms.');
  });

  it('carries a script that parses', () => {
    const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? '';
    expect(script).toContain('data-tip');
    expect(() => new Function(script)).not.toThrow();
  });

  it('shows both texts in full, in their own columns', () => {
    expect(textOf(column(html, 'a'))).toBe(source.text);
    expect(textOf(column(html, 'b'))).toBe(copy.text);
  });

  it('gives each passage one element with the same id on both sides', () => {
    for (const n of [1, 2]) {
      expect(html.match(new RegExp(`id="a-p${n}"`, 'g'))).toHaveLength(1);
      expect(html.match(new RegExp(`id="b-p${n}"`, 'g'))).toHaveLength(1);
    }
    expect(column(html, 'a').match(/<mark /g)).toHaveLength(2);
    expect(column(html, 'b').match(/<mark /g)).toHaveLength(2);
  });

  it('marks a substitution and names its counterpart in the tooltip', () => {
    const b = column(html, 'b');
    expect(b).toMatch(/<span class="swap swap-b syn" title="was “State” \(synonym\)">Point out<\/span>/);
    expect(column(html, 'a')).toMatch(/title="“State” became “Point out” \(synonym\)">State<\/span>/);
  });

  it('escapes markup in the texts, names and explanation', () => {
    const evil = { name: '<img src=x onerror=alert(1)>', text: 'Hello <script>alert("x")</script> & "friends".' };
    const page = renderHtml(evil, evil, {
      ...spunComparison(),
      explanation: '<script>alert(2)</script>',
      passages: [{ a: spanOf(evil.text, '<script>'), b: spanOf(evil.text, '<script>'), relation: 'verbatim', similarity: 1, sentenceLinks: 1 }],
      substitutions: [{ a: '"><script>', b: "'x'", aSpan: [0, 5], bSpan: [0, 5], synonym: false }],
    });
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img');
    expect(column(page, 'a')).toContain('alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;friends&quot;.');
    expect(textOf(column(page, 'a'))).toBe(evil.text);
    expect(page.match(/<script>/g)).toHaveLength(1);
  });

  it('copes with overlapping passages and spans outside the text', () => {
    const text = 'one two three four five';
    const page = renderHtml({ name: 'a', text }, { name: 'b', text }, {
      ...spunComparison(),
      passages: [
        { a: [0, 13], b: [0, 13], relation: 'verbatim', similarity: 1, sentenceLinks: 1 },
        { a: [8, 23], b: [8, 99], relation: 'verbatim', similarity: 1, sentenceLinks: 1 },
      ],
      substitutions: [{ a: 'two', b: 'two', aSpan: [4, 7], bSpan: [4, 7], synonym: true }],
    });
    expect(textOf(column(page, 'b'))).toBe(text);
    expect(column(page, 'b')).toContain('data-p="1 2"');
    expect(page).toContain('id="b-p2"');
  });

  it('renders two 10,000-word texts with many marks quickly', () => {
    const words = Array.from({ length: 10_000 }, (_, i) => `word${i % 97}`);
    const text = words.join(' ');
    const passages = Array.from({ length: 500 }, (_, i) => ({ a: [i * 120, i * 120 + 100] as [number, number], b: [i * 120, i * 120 + 100] as [number, number], relation: 'spun' as const, similarity: 0.9, sentenceLinks: 1 }));
    const substitutions = Array.from({ length: 2000 }, (_, i) => ({ a: 'x', b: 'y', aSpan: [i * 30, i * 30 + 4] as [number, number], bSpan: [i * 30, i * 30 + 4] as [number, number], synonym: true }));
    const findings = Array.from({ length: 1000 }, (_, i) => ({ start: i * 60 + 2, end: i * 60 + 20, text: 'x', suggestion: 'y', confidence: 0.8, evidence: 'e' }));
    const inspection = { spun: false, spunProbability: 0.2, spinScore: 0.5, findings };
    const started = performance.now();
    const page = renderHtml({ name: 'a', text }, { name: 'b', text }, { ...spunComparison(), passages, substitutions }, { inspections: { a: inspection, b: inspection } });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(textOf(column(page, 'a'))).toBe(text);
  });
});

describe('renderHtml with inspections', () => {
  const html = renderHtml(source, copy, spunComparison(), { inspections: { a: cleanInspection, b: copyInspection() } });

  it('marks a finding as a suspect phrase with its suggestion, confidence and evidence in the title', () => {
    const b = column(html, 'b');
    expect(b).toMatch(/<span class="suspect" title="suspect phrase → &quot;said&quot; \(55%\): &quot;said&quot; fits better\.">(<[^>]*>)*claimed(<\/span>)+/);
    expect(b.match(/class="suspect"/g)).toHaveLength(2);
    expect(column(html, 'a')).not.toContain('suspect');
  });

  it('keeps a finding that spans a swap one element, with the swap inside it, and the text whole', () => {
    const b = column(html, 'b');
    expect(b).toContain(
      '<span class="suspect" title="suspect phrase → &quot;State Antony&quot; (91%): &quot;Point out&quot; is a sense-blind synonym of &quot;State&quot;.">' +
        '<span class="swap swap-b syn" title="was “State” (synonym)">Point out</span> Antony</span>',
    );
    expect(textOf(b)).toBe(copy.text);
    expect(b.match(/<mark /g)).toHaveLength(2);
  });

  it("shows each side's spin score and a legend entry", () => {
    expect(textOf(html)).toContain('spin score A 0.05 · B 0.62');
    expect(textOf(html)).toContain('0 suspect phrases in A, 2 in B');
    expect(html).toMatch(/<section class="legend"[\s\S]*class="suspect"[\s\S]*<\/section>/);
  });

  it('has no suspect marks or spin scores without inspections', () => {
    const plain = renderHtml(source, copy, spunComparison());
    expect(plain).not.toContain('class="suspect"');
    expect(plain).not.toContain('spin score');
  });

  it('escapes the finding and copes with overlapping findings and spans outside the text', () => {
    const text = 'one <two> three four';
    const doc = { name: 'a', text };
    const finding = { start: 4, end: 9, text: '<two>', suggestion: '"><script>alert(1)</script>', confidence: 0.7, evidence: "it's <b>odd</b> & spun" };
    const page = renderHtml(doc, doc, { ...spunComparison(), passages: [], substitutions: [] }, {
      inspections: {
        a: { spun: false, spunProbability: 0.2, spinScore: 0.5, findings: [finding, { ...finding, start: 6, end: 15, suggestion: 'second' }] },
        b: { spun: false, spunProbability: 0.1, spinScore: 0.1, findings: [{ ...finding, start: 10, end: 999 }] },
      },
    });
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<b>odd');
    expect(page).toContain('title="suspect phrase → &quot;&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot; (70%): it&#39;s &lt;b&gt;odd&lt;/b&gt; &amp; spun"');
    expect(textOf(column(page, 'a'))).toBe(text);
    expect(textOf(column(page, 'b'))).toBe(text);
    // Where the two findings overlap, one mark names both.
    expect(column(page, 'a')).toMatch(/title="suspect phrase → [^"]*\nsuspect phrase → &quot;second&quot;[^"]*">wo&gt;<\/span>/);
  });
});
