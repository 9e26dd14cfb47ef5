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

const CREDIT = new RegExp(
  [
    String.raw`\b(?:originally|first)\s+(?:appeared|published|posted|ran)\s+(?:on|in|at)\b`,
    String.raw`\b(?:[Aa]ccording to|[Rr]eports?|[Rr]eported(?: by)?|[Pp]er|[Cc]iting)\s+${OUTLET}`,
    String.raw`(?:^|\n)\s*[-–—]{1,2}\s*(?:[Aa]gencies|${OUTLET})\s*$`,
    String.raw`\(\s*[Ww]ith inputs from\b`,
  ].join('|'),
  'm',
);

/** Whether a text credits another outlet for its story. */
export function creditsAnotherOutlet(text: string): boolean {
  return CREDIT.test(text);
}
