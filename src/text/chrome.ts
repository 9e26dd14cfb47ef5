/**
 * Page chrome: the lines a web page wraps around its article (share buttons, "Read more" lists, bylines, photo
 * credits, cookie and comment-form lines, section labels, datelines). Copies and independent reports of one story
 * often sit on pages with the same chrome, and a scraper's page has its own: it is evidence of neither, so the
 * analysis marks it and the alignment and the judge leave it out.
 */

// A line opening with one of these is navigation, a call to act, a credit or a comment form.
const CHROME_OPENINGS = new RegExp(
  '^(?:' +
    [
      String.raw`read (?:more|also|next|the full (?:story|article))`,
      String.raw`also read`,
      String.raw`see also\b`,
      String.raw`related(?: articles| stories| posts| news| coverage| topics)?\s*:`,
      String.raw`(?:more|latest|top) (?:from|stories|news|videos)\b`,
      String.raw`recommended(?: for you| stories)?\s*$`,
      String.raw`you (?:may|might) (?:also )?like`,
      String.raw`most (?:read|popular|viewed|shared)\b`,
      String.raw`trending(?: now| stories)?\s*:?\s*$`,
      String.raw`editor'?s picks`,
      String.raw`don'?t miss\b`,
      String.raw`click here`,
      String.raw`sign up\b`,
      String.raw`subscribe(?: to| now| for)?\b`,
      String.raw`advertisement\s*$`,
      String.raw`sponsored(?: content)?\s*$`,
      String.raw`skip to\b`,
      String.raw`jump (?:directly )?to\b`,
      String.raw`follow us\b`,
      String.raw`share (?:on|this|via|article|story)\b`,
      String.raw`leave a (?:reply|comment)`,
      String.raw`post a comment`,
      String.raw`your email address will not be published`,
      String.raw`required fields are marked`,
      String.raw`cancel reply`,
      String.raw`(?:\(\s*)?(?:©|\(c\)|copyright\b)`,
      String.raw`all rights reserved`,
      String.raw`(?:photo|image|picture|video)(?: credit)?s?\s*:`,
      String.raw`credits?\s*:`,
      String.raw`getty images`,
      String.raw`posted (?:in|on|by)\b`,
      String.raw`filed under\b`,
      String.raw`tags?\s*:`,
      String.raw`categor(?:y|ies)\s*:`,
      String.raw`(?:last )?updated\b`,
      String.raw`published\s*:`,
      String.raw`(?:previous|next) (?:article|post|story)\b`,
      String.raw`back to top`,
      String.raw`we use cookies`,
      String.raw`(?:cookie|privacy) (?:policy|settings|notice)`,
      String.raw`this (?:story|article) (?:originally )?(?:appeared|was (?:originally )?published)`,
      String.raw`(?:all )?(?:stock )?quotes (?:are )?delayed\b`,
      String.raw`market data (?:provided|powered|delayed)\b`,
    ].join('|') +
    ')',
  'i',
);

// Short lines holding one of these anywhere are legal or cookie notices.
const CHROME_ANYWHERE = /©|all rights reserved|cookies?\b.*\b(?:consent|accept|policy)/i;
const SHORT_NOTICE_WORDS = 25;
// "By Jane Doe", "By CBSMiami.com Team", "By Jane Doe and John Roe, Reuters": a byline.
const BYLINE = /^by\s+\p{Lu}[\p{L}.'-]*(?:\s+(?:\p{Lu}[\p{L}.'-]*|and|&|,|de|van|von|al))*(?:\s*[,|-]\s*[\p{L} .'-]+)?$/u;
const BYLINE_WORDS = 12;
// A line that is only a date or a time ("June 27, 2024 1:49pm", "2024-07-01", "Updated 11:46 a.m. ET").
const DATE_ONLY = /^(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)[a-z]*,?\s*)?(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?(?:\s+\d{4})?|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?(?:\s+\d{4})?)(?:[\s,|-]*(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?$/i;
// A line that is one slug of three or more hyphen-joined parts, bullet and all ("• medium-wide-browser-and-larger"):
// layout names and addresses, never prose.
const SLUG = /^[\p{P}\p{S}\s]*[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+){2,}[\p{P}\p{S}\s]*$/u;
// Section labels, menu items and share buttons: a line of a few words that does not end like a sentence.
const LABEL_WORDS = 3;
const LABEL_CHARACTERS = 30;
const SENTENCE_END = /[.!?:;"')\]。！？]$/;

// A heading of the lists that follow an article ("Most read", "You may also like", comment forms): the rest is chrome.
const TAIL_HEADING =
  /^(?:most (?:read|popular|viewed|shared)|you (?:may|might) (?:also )?like|related (?:articles|stories|posts|news|coverage|content)|recommended|more (?:from|stories|news)|leave a (?:reply|comment)|trending|latest news|top stories|editor'?s picks)\b/i;
const TAIL_HEADING_WORDS = 8;
// A photo caption ends with its credit: "…at Melbourne AirportCredit: Reuters", "(AP Photo/Jane Doe)".
const CAPTION_CREDIT = /(?:credit|photograph|photo|image|picture)s?\s*:\s*[^.!?]{1,60}$|\((?:ap|afp|reuters|getty|photo|file)\b[^)]{0,60}\)$|(?:ap photo|getty images|reuters)\/[^.!?]{0,60}$/i;
// A credit is short: it lies within a line's last characters, and a long paragraph need not be searched whole.
const CAPTION_CREDIT_REACH = 200;

function endsWithCredit(text: string): boolean {
  return CAPTION_CREDIT.test(text.length > CAPTION_CREDIT_REACH ? text.slice(-CAPTION_CREDIT_REACH) : text);
}

/** The number of words of a text, counted no further than `cap`: only short lines need an exact count. */
function wordsUpTo(text: string, cap: number): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length && words <= cap; i++) {
    const space = /\s/.test(text[i] as string);
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/**
 * Which lines of a page are chrome: each line by itself, then by its place (everything after a heading of the
 * lists that follow an article; a caption's text repeated just before the caption with its credit). A text that
 * would be all chrome is not a page but a text of its own (a headline, a note): none of it is chrome.
 */
export function chromeLines(lines: readonly string[]): boolean[] {
  const chrome = lines.map(isChromeLine);
  const tail = lines.findIndex((line) => TAIL_HEADING.test(line.trim()) && line.trim().split(/\s+/).length <= TAIL_HEADING_WORDS);
  if (tail >= 0) chrome.fill(true, tail);
  lines.forEach((line, i) => {
    const text = line.trim();
    if (!endsWithCredit(text)) return;
    chrome[i] = true;
    const before = lines[i - 1]?.trim();
    if (before && text.startsWith(before)) chrome[i - 1] = true;
  });
  const article = lines.some((line, i) => !chrome[i] && line.trim().length > 0);
  return article ? chrome : chrome.map(() => false);
}

/** Whether one line of a page (its text, trimmed) is page chrome rather than article text. */
export function isChromeLine(line: string): boolean {
  const text = line.trim();
  if (text.length === 0) return false;
  const words = wordsUpTo(text, SHORT_NOTICE_WORDS);
  if (CHROME_OPENINGS.test(text)) return true;
  if (words <= SHORT_NOTICE_WORDS && CHROME_ANYWHERE.test(text)) return true;
  if (words <= BYLINE_WORDS && BYLINE.test(text)) return true;
  if (DATE_ONLY.test(text) || SLUG.test(text)) return true;
  return words <= LABEL_WORDS && text.length <= LABEL_CHARACTERS && !SENTENCE_END.test(text);
}

/** The text without its lines of chrome, for what reads raw text rather than an analysis (fingerprints). */
export function withoutChrome(text: string): string {
  const lines = text.split('\n');
  const chrome = chromeLines(lines);
  return chrome.includes(true) ? lines.filter((_, i) => !chrome[i]).join('\n') : text;
}
