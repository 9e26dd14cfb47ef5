import { useEffect, useState } from 'preact/hooks';

export type View = 'compare' | 'inspect' | 'corpus';

/** Where the URL's hash points: a view, or a pair of the corpus (`#/corpus/pair?a=ID&b=ID`, or `?query=1&b=ID`). */
export interface Route {
  readonly view: View;
  readonly pair?: URLSearchParams;
}

function parse(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  if (path === 'corpus/pair') return { view: 'corpus', pair: new URLSearchParams(query) };
  if (path === 'inspect' || path === 'corpus') return { view: path };
  return { view: 'compare' };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(location.hash));
  useEffect(() => {
    const changed = () => setRoute(parse(location.hash));
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}

/** The link to a pair of stored documents, or of the last search's text and a stored document. */
export function pairLink(pair: { a: string; b: string } | { query: true; b: string }): string {
  const params = new URLSearchParams('a' in pair ? { a: pair.a, b: pair.b } : { query: '1', b: pair.b });
  return `#/corpus/pair?${params}`;
}

const QUERY_KEY = 'unspin.query';
let lastQuery: string | undefined;

/** The searched text a pair link refers to: kept in memory, and for this tab in case the page is reloaded. */
export function rememberQuery(text: string): void {
  lastQuery = text;
  try {
    sessionStorage.setItem(QUERY_KEY, text);
  } catch {
    // Too large for storage, or storage refused: memory is enough until a reload.
  }
}

export function recallQuery(): string | undefined {
  if (lastQuery !== undefined) return lastQuery;
  try {
    return sessionStorage.getItem(QUERY_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}
