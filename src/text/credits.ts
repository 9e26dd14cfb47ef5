/**
 * Credits: the lines in which a page says its text came from another outlet ("originally appeared on …", "reports
 * the AP", "according to The Hill", "-- Agencies"). A page that credits an outlet for its story is not that story's
 * original, whatever else it holds; a quote's source ("told Reuters") is not such a credit.
 */

// News agencies, named as pages credit them.
const AGENCIES = [
  'AP',
  'Associated Press',
  'Reuters',
  'AFP',
  'Agence France-Presse',
  'Bloomberg',
  'UPI',
  'PA Media',
  'Press Association',
  'ANI',
  'PTI',
  'IANS',
  'Xinhua',
  'Kyodo',
  'Yonhap',
  'dpa',
  'EFE',
  'ANSA',
  'TASS',
  'Interfax',
];

// The last word of a newspaper's, broadcaster's or site's name.
const OUTLET_ENDINGS = [
  'News',
  'Times',
  'Post',
  'Journal',
  'Herald',
  'Tribune',
  'Telegraph',
  'Guardian',
  'Gazette',
  'Chronicle',
  'Hill',
  'Newsweek',
  'Politico',
  'Axios',
  'Insider',
  'Mail',
  'Express',
  'Independent',
  'Mirror',
  'Reporter',
  'CNN',
  'BBC',
  'CNBC',
  'NBC',
  'CBS',
  'ABC',
  'NPR',
  'MSNBC',
];

const OUTLET = String.raw`(?:the\s+)?(?:${AGENCIES.join('|')}|(?:[A-Z][\w.&'-]*\s+){0,3}(?:${OUTLET_ENDINGS.join('|')}))\b`;

// Each way of crediting; the named outlet (or the site's address) is the first group where there is one.
const CREDITS = [
  String.raw`\b(?:originally|first)\s+(?:appeared|published|posted|ran)\s+(?:on|in|at)\b(?:\s+((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+))?`,
  String.raw`\b(?:[Aa]ccording to|[Rr]eports?|[Rr]eported(?: by)?|[Pp]er|[Cc]iting)\s+(${OUTLET})`,
  String.raw`(?:^|\n)\s*[-–—]{1,2}\s*(?:[Aa]gencies|(${OUTLET}))\s*$`,
  String.raw`\(\s*[Ww]ith inputs from\b()`,
].map((pattern) => new RegExp(pattern, 'gm'));

// The same, for a yes or no: without the global flag, a test keeps no position between texts.
const CREDIT_TESTS = CREDITS.map((credit) => new RegExp(credit.source, 'm'));

/** Whether a text credits another outlet for its story. */
export function creditsAnotherOutlet(text: string): boolean {
  return CREDIT_TESTS.some((credit) => credit.test(text));
}

/** A name or address as the label of a web address would spell it: letters and digits, lower case. */
const compact = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Whether a text credits the outlet whose page is at this address: the outlet named ("according to The Hill"), or the
 * site given ("originally appeared on thehill.com"), spelled as one label of the address's host (thehill.com,
 * www.cnn.com), with or without its "the".
 */
export function creditsPageAt(text: string, url: string | undefined): boolean {
  if (!url) return false;
  let labels: string[];
  try {
    labels = new URL(url).hostname.toLowerCase().split('.');
  } catch {
    return false;
  }
  for (const credit of CREDITS) {
    for (const match of text.matchAll(credit)) {
      const named = match[1]?.trim();
      if (!named) continue;
      const site = /\./.test(named) && !/\s/.test(named) ? compact(named.replace(/^www\./, '').split('.')[0] ?? '') : undefined;
      const spellings = site ? [site] : [compact(named), compact(named.replace(/^the\s+/i, ''))];
      if (spellings.some((s) => s.length >= 3 && labels.includes(s))) return true;
    }
  }
  return false;
}
