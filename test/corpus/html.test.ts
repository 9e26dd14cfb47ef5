import { describe, expect, it } from 'vitest';
import { isoDate } from '../../src/corpus/dates.js';
import { extractHtml } from '../../src/corpus/html.js';

const BODY_1 = 'The harbour ferry will stop running on weekdays from November, the island council said on Monday after a long meeting.';
const BODY_2 = 'Residents who commute to the mainland said they would petition the council to keep at least the early morning crossing.';

function page(head: string, extra = ''): string {
  return `<!doctype html><html><head>${head}</head><body>
<nav class="site-nav"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
  <h1>Ferry cut</h1>
  <p>${BODY_1} ${BODY_1}</p>
  <p>${BODY_2} ${BODY_2}</p>
  <p><a href="#top">Top of page</a></p>
</article>
<section><h2>Related stories</h2><ul><li><a href="/a">Bus fares rise again</a></li><li><a href="/b">Bridge plan shelved</a></li></ul></section>
<div class="comments"><p>Reader42: this is a disgrace, they always do this to us.</p></div>
<div class="ad-slot">Buy cheap flights now</div>
${extra}
</body></html>`;
}

describe('extractHtml', () => {
  it('keeps the article in paragraphs and drops the page chrome', () => {
    const r = extractHtml(page('<title>Ferry cut</title>'));
    expect(r).toBeDefined();
    const text = r?.text ?? '';
    expect(text).toContain(BODY_1);
    expect(text).toContain(`${BODY_1}\n\n${BODY_2}`);
    for (const chrome of ['Home', 'Sport', 'Top of page', 'Related stories', 'Bus fares', 'Reader42', 'cheap flights']) {
      expect(text).not.toContain(chrome);
    }
  });

  it('reads title, author, date and canonical URL from meta tags', () => {
    const r = extractHtml(
      page(`<title>Ferry cut | Island News</title>
<meta property="og:title" content="Ferry cut">
<meta name="author" content="Ann Smith">
<meta property="article:published_time" content="2023-06-19T10:00:00+02:00">
<link rel="canonical" href="https://news.example/ferry-cut">`),
    );
    expect(r).toMatchObject({ title: 'Ferry cut', author: 'Ann Smith', date: '2023-06-19T08:00:00.000Z', url: 'https://news.example/ferry-cut' });
  });

  it('reads metadata from JSON-LD, and og:url resolved against the page URL', () => {
    const ld = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Island News' },
        { '@type': 'NewsArticle', headline: 'Ferry service cut', author: [{ '@type': 'Person', name: 'Bo Lind' }], datePublished: '2023-06-19' },
      ],
    });
    const r = extractHtml(page(`<title>x</title><meta property="og:url" content="/ferry"><script type="application/ld+json">${ld}</script>`), 'https://news.example/page?id=1');
    expect(r).toMatchObject({ title: 'Ferry service cut', author: 'Bo Lind', date: '2023-06-19', url: 'https://news.example/ferry' });
  });

  it('falls back to the given URL and leaves out what the page does not say', () => {
    const r = extractHtml(page(''), 'https://x.example/a');
    expect(r?.url).toBe('https://x.example/a');
    expect(r?.author).toBeUndefined();
    expect(r?.date).toBeUndefined();
  });

  it('returns undefined for a page with no text', () => {
    expect(extractHtml('<html><body><nav><a href="/">Home</a></nav></body></html>')).toBeUndefined();
    expect(extractHtml('')).toBeUndefined();
  });

  it('survives 100,000 nested divs, quickly, and still finds the text', () => {
    const deep = `<html><body>${'<div>'.repeat(100_000)}<p>Deep text here.</p>${'</div>'.repeat(100_000)}</body></html>`;
    const started = Date.now();
    const r = extractHtml(deep);
    expect(r?.text).toBe('Deep text here.');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('normalizes dates to ISO 8601', () => {
    expect(isoDate('2023-06-19')).toBe('2023-06-19');
    expect(isoDate('Mon, 19 Jun 2023 10:00:00 GMT')).toBe('2023-06-19T10:00:00.000Z');
    expect(isoDate('yesterday')).toBeUndefined();
  });
});
