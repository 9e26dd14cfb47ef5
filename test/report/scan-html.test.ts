import { describe, expect, it } from 'vitest';
import type { ClusterMember, ScanResult } from '../../src/corpus/types.js';
import { renderScanHtml, type ScanHtmlOptions } from '../../src/report/scan-html.js';

const HOSTILE = '<script>alert("x")</script>';

function member(id: string, extra: Partial<ClusterMember> = {}): ClusterMember {
  return { id, relation: 'spun', similarity: 0.874, path: [], ...extra };
}

const result: ScanResult = {
  compared: 12408,
  spinPairsLearned: 0,
  clusters: [
    {
      original: 'wire/original.txt',
      reason: 'earliest date, and the others read as rewritten from it',
      members: [
        member('blog/copy.txt', { title: 'Copied story', url: 'https://blog.example/copy', date: '2024-03-05T10:00:00Z' }),
        member('farm/spun.txt', { relation: 'duplicate', similarity: 0.99, url: 'javascript:alert(1)' }),
        member('farm/second.txt', { relation: 'paraphrase', similarity: 0.61, path: ['farm/spun.txt'], url: 'ftp://files.example/x' }),
      ],
    },
    {
      original: HOSTILE,
      reason: `chosen because ${HOSTILE}`,
      members: [member(`a"b'<img src=x onerror=alert(1)>`, { relation: 'partial', path: [HOSTILE], title: HOSTILE })],
    },
  ],
};

function options(overrides: Partial<ScanHtmlOptions> = {}): ScanHtmlOptions {
  return {
    pairHref: (m) => (m.id === 'blog/copy.txt' ? 'pairs/1-blog-copy.html' : undefined),
    documents: new Map([
      ['wire/original.txt', { title: 'Council approves budget', url: 'https://wire.example/budget', date: '2024-03-01' }],
      [HOSTILE, { title: HOSTILE, url: 'data:text/html,<b>x</b>' }],
    ]),
    scanned: 'unspin.db, 12,408 documents',
    ...overrides,
  };
}

/** Every href in the page. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? '');
}

describe('renderScanHtml', () => {
  const html = renderScanHtml(result, options());

  it('is one self-contained page with no script and no external resources', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/@import|url\(/i);
    // Tags with their quoted values removed: no external resources, no event handlers.
    const tags = (html.match(/<[^>]*>/g) ?? []).map((t) => t.replace(/"[^"]*"/g, '""'));
    for (const tag of tags) {
      expect(tag).not.toMatch(/^<(link|img|iframe|object|embed|script)\b/i);
      expect(tag).not.toMatch(/\s(src|on[a-z]+)=/i);
    }
  });

  it('shows what was scanned and the counts in the header', () => {
    expect(html).toContain('unspin.db, 12,408 documents');
    expect(html).toMatch(/Clusters<\/dt><dd>2</);
    // wire/original.txt + 3 members, the hostile original + 1 member
    expect(html).toMatch(/Documents in clusters<\/dt><dd>6</);
    expect(html).toMatch(/Pairs compared<\/dt><dd>12,408</);
  });

  it('escapes hostile ids, titles and reasons', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('a&quot;b&#39;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('chosen because &lt;script&gt;');
    expect(html).toContain('<title>Unspin scan: unspin.db, 12,408 documents</title>');
  });

  it('links only http(s) urls', () => {
    const links = hrefs(html);
    expect(links).toContain('https://blog.example/copy');
    expect(links).toContain('https://wire.example/budget');
    expect(links.some((h) => /^(javascript|data|ftp):/i.test(h))).toBe(false);
    // The other urls are still shown, as text.
    expect(html).toContain('<span class="url">javascript:alert(1)</span>');
    expect(html).toContain('<span class="url">ftp://files.example/x</span>');
  });

  it('links a member to its pair view only when pairHref gives one', () => {
    expect(html).toContain('<a class="id" href="pairs/1-blog-copy.html"');
    expect(html).toContain('<span class="id">farm/spun.txt</span>');
    expect(hrefs(html).filter((h) => h.startsWith('pairs/'))).toEqual(['pairs/1-blog-copy.html']);
    const none = renderScanHtml(result, options({ pairHref: () => undefined }));
    expect(hrefs(none).some((h) => h.startsWith('pairs/'))).toBe(false);
    expect(none).not.toContain('<a class="id"');
  });

  it('escapes pair hrefs and refuses non-http schemes', () => {
    const odd = renderScanHtml(result, options({ pairHref: (m) => (m.id === 'blog/copy.txt' ? 'pairs/a"b&c.html' : 'javascript:alert(1)') }));
    expect(odd).toContain('href="pairs/a&quot;b&amp;c.html"');
    expect(hrefs(odd).some((h) => h.startsWith('javascript:'))).toBe(false);
  });

  it('shows relation badges, percentages, dates and the path a member was reached by only where it was not direct', () => {
    expect(html).toContain('class="badge rel-spun"');
    expect(html).toContain('class="badge rel-duplicate"');
    expect(html).toContain('class="badge rel-paraphrase"');
    expect(html).toContain('class="badge rel-partial"');
    expect(html).toContain('>87%<');
    expect(html).toContain('>99%<');
    expect(html).toContain('<time datetime="2024-03-05T10:00:00Z" title="2024-03-05T10:00:00Z">2024-03-05</time>');
    expect(html).toContain('<td class="via"><span class="id">farm/spun.txt</span></td>');
    expect(html).toContain('<th scope="col">Reached through</th>');
    const direct = renderScanHtml({ compared: 1, spinPairsLearned: 0, clusters: [{ original: 'o', reason: 'r', members: [member('m')] }] }, options());
    expect(direct).not.toContain('Reached through');
    expect(direct).not.toContain('class="via"');
  });

  it('keeps the given order of clusters', () => {
    expect(html.indexOf('wire/original.txt')).toBeLessThan(html.indexOf('&lt;script&gt;'));
    expect(html).toContain('id="cluster-1"');
    expect(html).toContain('id="cluster-2"');
  });

  it('uses real table headers', () => {
    expect(html).toContain('<th scope="col">Document</th>');
    expect(html).toContain('<th scope="row" class="doc">');
    expect(html).toContain('<caption>');
  });

  it('shows a clear empty state', () => {
    const empty = renderScanHtml({ clusters: [], compared: 0, spinPairsLearned: 0 }, options({ documents: new Map() }));
    expect(empty).toContain('No clusters: no two documents were found derived from one another.');
    expect(empty).not.toContain('<table');
    expect(empty).not.toMatch(/<script/i);
    expect(empty).toMatch(/Clusters<\/dt><dd>0</);
  });
});
