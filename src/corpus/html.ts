import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { isoDate } from './dates.js';
import type { HtmlExtract } from './types.js';

// The few DOM members used here; linkedom's and the browser's nodes both have them.
interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly childNodes: ArrayLike<DomNode>;
  readonly textContent: string | null;
}
interface DomElement extends DomNode {
  readonly parentNode: DomElement | null;
  readonly nextElementSibling: DomElement | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
}
interface DomDocument {
  readonly body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

const ELEMENT = 1;
const TEXT = 3;

// Pages nested deeper than this are not given to the DOM and Readability, whose recursion would
// overflow the stack (or take minutes): their text is taken by stripping tags instead.
const MAX_NESTING = 1000;
// Readability gives up (throws) on pages with more elements than this; the tag-stripper takes over.
const MAX_ELEMENTS = 200_000;

// Page chrome: navigation, comment widgets, ads, related-story lists, sharing buttons.
const CHROME_SELECTOR =
  'nav, aside, footer, form, iframe, script, style, noscript, template, button, [role="navigation"], [role="complementary"], [role="banner"], [role="contentinfo"], [aria-hidden="true"]';
const CHROME_NAME =
  /(^|[\s_-])(nav|navbar|navigation|menu|breadcrumbs?|comments?|disqus|related|recommended|share|sharing|social|advert|advertisement|ads?|ad-slot|sponsored|promo|newsletter|sidebar|cookie|popup|subscribe|top-of-page|back-to-top|skip-link)([\s_-]|$)/i;
const CHROME_HEADING = /^(related|more (from|on|stories|news)|read (more|next|also)|you (may|might) also like|recommended|most (read|popular)|comments?\b)/i;
const CHROME_LINE =
  /^(\^?\s*(back to |go to |return to )?top( of (the )?page)?\s*\^?|skip to (main )?content|advertisement|share (this|on)\b.*|print this (page|article)|\d+ comments?)$/i;

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
// Elements whose end tag may be left out: they would make an honest page look deeply nested.
const OPTIONAL_END = new Set(['html', 'head', 'body', 'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'rp', 'rt']);

/**
 * The main text of an HTML page (paragraphs separated by a blank line) with its title, author,
 * publication date and canonical URL, or undefined when the page has no text. Never throws.
 */
export function extractHtml(html: string, url?: string): HtmlExtract | undefined {
  if (nestingDepth(html) > MAX_NESTING) return fromText(stripTags(html), {}, url);
  try {
    const { document } = parseHTML(html) as unknown as { document: DomDocument };
    const meta = metadata(document, url);
    removeChrome(document);
    const article = new Readability(document as never, {
      maxElemsToParse: MAX_ELEMENTS,
      serializer: (node: unknown) => node as DomNode,
    }).parse();
    const root = article?.content ?? document.body;
    const text = root ? blockText(root) : '';
    return fromText(text, {
      ...meta,
      title: meta.title ?? clean(article?.title),
      author: meta.author ?? byline(article?.byline),
      date: meta.date ?? isoDate(article?.publishedTime),
    }, url);
  } catch {
    return fromText(stripTags(html), {}, url);
  }
}

function fromText(text: string, meta: Omit<HtmlExtract, 'text'>, url: string | undefined): HtmlExtract | undefined {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0 && !CHROME_LINE.test(p));
  if (paragraphs.length === 0) return undefined;
  const result: { -readonly [K in keyof HtmlExtract]: HtmlExtract[K] } = { text: paragraphs.join('\n\n') };
  if (meta.title) result.title = meta.title;
  if (meta.author) result.author = meta.author;
  if (meta.date) result.date = meta.date;
  const canonical = meta.url ?? url;
  if (canonical) result.url = canonical;
  return result;
}

/** How deeply the page's elements nest, counted on the source without building a DOM. */
function nestingDepth(html: string): number {
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(\/?)>/g;
  let depth = 0;
  let max = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const name = (m[2] ?? '').toLowerCase();
    if (VOID.has(name) || OPTIONAL_END.has(name) || m[3] === '/') continue;
    if (m[1] === '/') depth = Math.max(0, depth - 1);
    else if (++depth > max) max = depth;
  }
  return max;
}

// ---- metadata ----

function metadata(document: DomDocument, pageUrl: string | undefined): Omit<HtmlExtract, 'text'> {
  const ld = jsonLdArticle(document);
  const metaContent = (selector: string): string | undefined => clean(document.querySelector(selector)?.getAttribute('content'));
  const title = clean(stringOf(ld?.['headline'])) ?? metaContent('meta[property="og:title"]') ?? clean(document.querySelector('title')?.textContent);
  const author =
    metaContent('meta[name="author"]') ??
    personName(ld?.['author']) ??
    notUrl(metaContent('meta[property="article:author"]'));
  const date =
    isoDate(metaContent('meta[property="article:published_time"]')) ??
    isoDate(stringOf(ld?.['datePublished'])) ??
    isoDate(metaContent('meta[name="date"]')) ??
    isoDate(metaContent('meta[itemprop="datePublished"]')) ??
    isoDate(clean(document.querySelector('time[datetime]')?.getAttribute('datetime')));
  const url =
    absolute(clean(document.querySelector('link[rel="canonical"]')?.getAttribute('href')), pageUrl) ??
    absolute(metaContent('meta[property="og:url"]'), pageUrl) ??
    absolute(clean(stringOf(ld?.['url'])), pageUrl);
  const result: { -readonly [K in keyof Omit<HtmlExtract, 'text'>]: string | undefined } = { title, author, date, url };
  return result;
}

type Json = Record<string, unknown>;

const ARTICLE_TYPE = /Article|Posting|Report|BlogPosting|WebPage|CreativeWork/;

function jsonLdArticle(document: DomDocument): Json | undefined {
  const scripts = document.querySelectorAll('script[type="application/ld+json"]');
  const found: Json[] = [];
  for (let i = 0; i < scripts.length; i++) {
    let data: unknown;
    try {
      data = JSON.parse(scripts[i]?.textContent ?? '');
    } catch {
      continue;
    }
    const queue: unknown[] = [data];
    while (queue.length > 0) {
      const item = queue.shift();
      if (Array.isArray(item)) queue.push(...item);
      else if (isObject(item)) {
        if (Array.isArray(item['@graph'])) queue.push(...item['@graph']);
        found.push(item);
      }
    }
  }
  const typed = (o: Json): string => [o['@type']].flat().map(String).join(' ');
  return (
    found.find((o) => /Article|Posting|Report/.test(typed(o))) ??
    found.find((o) => ARTICLE_TYPE.test(typed(o)) && ('datePublished' in o || 'headline' in o)) ??
    found.find((o) => 'datePublished' in o || 'headline' in o)
  );
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function personName(value: unknown): string | undefined {
  const people = [value].flat();
  const names = people
    .map((p) => (typeof p === 'string' ? clean(p) : isObject(p) ? clean(stringOf(p['name'])) : undefined))
    .filter((n): n is string => n !== undefined && !/^https?:/.test(n));
  return names.length > 0 ? names.join(', ') : undefined;
}

function byline(value: string | null | undefined): string | undefined {
  return clean(value?.replace(/^\s*by\s+/i, ''));
}

function notUrl(value: string | undefined): string | undefined {
  return value && !/^https?:/.test(value) ? value : undefined;
}

function clean(value: string | null | undefined): string | undefined {
  const s = value?.replace(/\s+/g, ' ').trim();
  return s ? s : undefined;
}

function absolute(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    return new URL(href, base).href;
  } catch {
    return /^https?:/.test(href) ? href : undefined;
  }
}

// ---- text ----

function removeChrome(document: DomDocument): void {
  const body = document.body;
  if (!body) return;
  for (const el of Array.from(body.querySelectorAll(CHROME_SELECTOR))) el.remove();
  for (const el of Array.from(body.querySelectorAll('[class], [id]'))) {
    if (el.nodeName === 'ARTICLE' || el.nodeName === 'MAIN') continue;
    const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (CHROME_NAME.test(names)) el.remove();
  }
  for (const heading of Array.from(body.querySelectorAll('h2, h3, h4, h5, h6'))) {
    if (!CHROME_HEADING.test(clean(heading.textContent) ?? '')) continue;
    // The heading of a related-stories list goes, and the lists after it up to the next heading.
    for (let next = heading.nextElementSibling; next && /^(UL|OL|DIV)$/.test(next.nodeName); ) {
      const after: DomElement | null = next.nextElementSibling;
      next.remove();
      next = after;
    }
    heading.remove();
  }
}

/** The text under a node, a blank line between blocks; walks with a stack, not recursion. */
function blockText(root: DomNode): string {
  const out: string[] = [];
  const stack: Array<DomNode | 'break'> = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node === 'break') {
      out.push('\n\n');
      continue;
    }
    if (node.nodeType === TEXT) {
      out.push(node.textContent ?? '');
      continue;
    }
    if (node.nodeType !== ELEMENT && node !== root) continue;
    const block = BLOCK.has(node.nodeName);
    if (block) {
      out.push('\n\n');
      stack.push('break');
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push(child);
    }
  }
  return out.join('');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–', hellip: '…', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“' };

/** Plain text by stripping tags: the fallback for pages the DOM cannot take. */
function stripTags(html: string): string {
  const bodyStart = html.search(/<body[\s>]/i);
  const body = bodyStart >= 0 ? html.slice(bodyStart) : html;
  return body
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|noscript|template|nav|aside|footer|form|iframe|button)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<\/?(p|div|section|article|main|header|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|pre|table|tr|br|hr|figure|figcaption)\b[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}
