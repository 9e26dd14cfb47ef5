/**
 * Spin forensics on development data: the detector's cross-validated figures on the tortured-phrase
 * list (measured by scripts/train-spin.ts and stored in the model), false alarms on clean prose that
 * training never saw (State of the Union addresses from npm), and the seed article: how many of the
 * spinner's substitutions are flagged and put back, alone and with the other copy. The seed answer key
 * (bench/seed-001-key.tsv) is our own reading of the two seeds: character offsets into 001 and the
 * wording we believe the spinner replaced. And the page verdict on labelled real web pages (the excerpt folders of
 * scripts/train-spun-page.ts), cross-validated by story, beside whole-page perplexity; restoring real spun pages with
 * no source at hand; real abstracts of papers, clean ones (bench/web-pages/science.md) and ones with tortured phrases
 * (bench/web-pages/tortured.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listAddresses, readParagraphs } from '../src/demo/corpus.js';
import { loadLexicon } from '../src/lexicon/index.js';
import { inspect, loadSpinModel } from '../src/spin/detect.js';
import { restore } from '../src/spin/restore.js';
import type { RestoreChange } from '../src/spin/types.js';
import { listedPhrases } from '../src/spin/findings.js';
import { expectedWording, SwapTable } from '../src/spin/swap-table.js';
import { analyze } from '../src/text/analyze.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compare } from '../src/compare.js';
import { indexCorpus } from '../src/corpus/index-corpus.js';
import { scan } from '../src/corpus/scan.js';
import { loadLanguageModel, wordLogProbs } from '../src/language-model/model.js';
import { openStore } from '../src/store/store.js';
import type { SpinPair } from '../src/spin/types.js';
import { crossValidated, isOrdinaryNews, readSpinPages, rocAuc, sourceOf, spinFolds, type SpinPage } from '../scripts/train-spun-page.js';
import { readTorturedList } from './spin-data.js';
import { excerptFolder, readPages, readSpinLabels, type WebPage } from './web-pages.js';
import { sharedPath } from './shared-data.js';

const CLEAN_ADDRESSES = 12;
const round = (x: number): number => Math.round(x * 1000) / 1000;
const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

interface KeyEntry {
  readonly start: number;
  readonly end: number;
  readonly original: string;
}

function readKey(): KeyEntry[] {
  return readFileSync(new URL('seed-001-key.tsv', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [start = '0', end = '0', original = ''] = line.split('\t');
      return { start: Number(start), end: Number(end), original };
    });
}

const letters = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Whether a replacement holds a wording word for word, case and punctuation aside. */
const holds = (replacement: string, wording: string): boolean => ` ${letters(replacement)} `.includes(` ${letters(wording)} `);

/** Whether a change (or a finding) over [start, end) covers it and puts `wording` there. */
const putsBack = (c: { start: number; end: number }, replacement: string, start: number, end: number, wording: string): boolean =>
  c.start <= start && c.end >= end && holds(replacement, wording);

/** Whether a change restores a substitution that alignment with the source shows (its source side, `a`). */
const restoresSubstitution = (c: RestoreChange, x: { a: string; bSpan: readonly [number, number] }): boolean => putsBack(c, c.to, x.bSpan[0], x.bSpan[1], x.a);

/** The change over a key entry puts its original wording back (or, for a dropped word, drops it). */
function restored(entry: KeyEntry, written: string, changes: readonly RestoreChange[]): boolean {
  const change = changes.find((c) => c.start <= entry.start && c.end >= entry.end);
  if (!change) return false;
  return entry.original === '' ? !holds(change.to, written) : holds(change.to, entry.original);
}

/** The labelled excerpts of one of bench/web-pages' files, from the folder its flag or variable names (none without one). */
function labelledExcerpts(file: string, flag: string, variable: string): WebPage[] {
  const folder = excerptFolder(flag, variable);
  return folder ? readPages(readSpinLabels(fileURLToPath(new URL(`web-pages/${file}`, import.meta.url))), folder) : [];
}

function cleanProse(lists: ReturnType<typeof readTorturedList>): Record<string, number> {
  const addresses = listAddresses().slice(-CLEAN_ADDRESSES);
  let words = 0;
  let bare = 0;
  let withList = 0;
  for (const address of addresses) {
    const text = readParagraphs(address, 1000).join('\n\n');
    words += wordCount(text);
    bare += inspect(text).findings.length;
    if (lists.length > 0) withList += inspect(text, { lists }).findings.length;
  }
  return {
    words,
    findingsPer1000Words: round((1000 * bare) / words),
    ...(lists.length > 0 ? { findingsPer1000WordsWithDevList: round((1000 * withList) / words) } : {}),
  };
}

const lowerWords = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];

/**
 * What the key's entries leave to candidate generation: for how many the language model, offered the key's own
 * original, reads the sentence at least ten times likelier with it (so that detection would follow from the right
 * candidate), and how many originals the other copy holds at all (what restoring with it can reach).
 */
function seedCeilings(spun: string, other: string, key: readonly KeyEntry[]): { likelierWithOriginal: number; originalInOtherCopy: number } {
  const lm = loadLanguageModel();
  const logProb = (words: readonly string[]): number => wordLogProbs(lm, words, { sentenceEnd: true }).reduce((sum, p) => sum + p, 0);
  const otherWords = ` ${lowerWords(other).join(' ')} `;
  let likelier = 0;
  let inOther = 0;
  for (const entry of key) {
    // The sentence around the entry: from after the last line break or full stop before it.
    const stop = spun.lastIndexOf('. ', entry.start - 1);
    const start = Math.max(spun.lastIndexOf('\n', entry.start - 1) + 1, stop < 0 ? 0 : stop + 2);
    const rest = spun.slice(entry.end).search(/[.!?]\s|\n/);
    const end = rest < 0 ? spun.length : entry.end + rest;
    const [left, right] = [lowerWords(spun.slice(start, entry.start)), lowerWords(spun.slice(entry.end, end))];
    const gain = logProb([...left, ...lowerWords(entry.original), ...right]) - logProb([...left, ...lowerWords(spun.slice(entry.start, entry.end)), ...right]);
    if (gain >= 1) likelier++;
    if (entry.original !== '' && otherWords.includes(` ${lowerWords(entry.original).join(' ')} `)) inOther++;
  }
  return { likelierWithOriginal: round(likelier / key.length), originalInOtherCopy: round(inOther / key.length) };
}

/** Whole-page perplexity, the plain baseline: mean log10 probability of every word, as CMU's trigram model reads it (higher = stranger). */
function pagePerplexity(text: string): number {
  const lm = loadLanguageModel();
  let sum = 0;
  let n = 0;
  for (const line of text.split(/(?<=[.!?])\s+|\n+/)) {
    const words = lowerWords(line);
    for (const p of wordLogProbs(lm, words)) sum += p;
    n += words.length;
  }
  return n > 0 ? -sum / n : 0;
}

/**
 * Real pages: does the page verdict tell spun pages from ordinary ones (originals, scrapes, extracts, independent
 * reports)? Cross-validated by story (the verdict was fitted on these pages), beside the plain baselines computed in
 * this run on the same pages: whole-page perplexity and the spin score.
 */
async function realPages(lists: readonly SpinPair[]): Promise<Record<string, unknown> | undefined> {
  const pages = readSpinPages();
  const spun = pages.filter((p) => p.label === 1);
  if (spun.length === 0) {
    console.log('  real pages: skipped (give --web-dev/--web-extra/--web-spin folders or UNSPIN_WEB_DEV/UNSPIN_WEB_EXTRA/UNSPIN_WEB_SPIN)');
    return undefined;
  }
  const { probability, calledSpun } = crossValidated(pages);
  const ordinary = pages.filter(isOrdinaryNews);
  const abstracts = pages.filter((p) => p.set === 'science');
  const aucOf = (score: (p: SpinPage) => number): number => round(rocAuc(spun.map(score), ordinary.map(score)));
  const ordinaryWords = ordinary.reduce((n, p) => n + wordCount(p.text), 0);
  const perThousandWords = (findings: (p: SpinPage) => number): number => round((1000 * ordinary.reduce((n, p) => n + findings(p), 0)) / Math.max(1, ordinaryWords));
  const figures = {
    pages: pages.length,
    spun: spun.length,
    ordinary: ordinary.length,
    auc: aucOf((p) => probability.get(p) ?? 0),
    aucPagePerplexity: aucOf((p) => pagePerplexity(p.text)),
    aucSpinScore: aucOf((p) => inspect(p.text).spinScore),
    spunCalledSpun: spun.filter((p) => calledSpun.get(p)).length,
    ordinaryCalledSpun: ordinary.filter((p) => calledSpun.get(p)).length,
    devOrdinaryCalledSpun: ordinary.filter((p) => p.set === 'dev' && calledSpun.get(p)).map((p) => p.id),
    abstracts: abstracts.length,
    abstractsCalledSpun: abstracts.filter((p) => calledSpun.get(p)).length,
    abstractProbabilities: abstracts.map((p) => round(probability.get(p) ?? 0)),
    ordinaryWords,
    ordinaryFindingsPer1000: perThousandWords((p) => inspect(p.text).findings.length),
    ...(lists.length > 0 ? { ordinaryFindingsPer1000WithDevList: perThousandWords((p) => inspect(p.text, { lists }).findings.length) } : {}),
    learning: await learning(pages),
    restoring: restoringRealPages(pages),
  };
  console.log(`  real pages (${figures.spun} spun, ${figures.ordinary} ordinary; cross-validated by story): ROC AUC ${figures.auc} (target ≥ .95); ` +
    `baselines in this run: page perplexity ${figures.aucPagePerplexity}, spin score ${figures.aucSpinScore}`);
  console.log(`    spun: true on ${figures.spunCalledSpun} of ${figures.spun} spun pages and ${figures.ordinaryCalledSpun} of ${figures.ordinary} ordinary ones` +
    ` (dev set: ${figures.devOrdinaryCalledSpun.length === 0 ? 'none' : figures.devOrdinaryCalledSpun.join(', ')}; target none)` +
    (figures.abstracts > 0 ? `; ${figures.abstractsCalledSpun} of ${figures.abstracts} scientific abstracts (negatives in training too)` : ''));
  console.log(`    ordinary pages (${ordinaryWords} words): ${figures.ordinaryFindingsPer1000} findings per 1,000 words with no list` +
    (figures.ordinaryFindingsPer1000WithDevList !== undefined ? `, ${figures.ordinaryFindingsPer1000WithDevList} with the dev list (target ≤ 1 each)` : ' (target ≤ 1)'));
  const l = figures.learning;
  console.log(`  learning from the corpus (each fold inspected with the lexicon a scan of the other folds taught, ${l['learnedPairsPerFold']} pairs): ` +
    `spinner swaps flagged on spun pages with their source ${l['flaggedBare']} with no lexicon, ${l['flaggedLearned']} with the learned one (of ${l['spinnerSwaps']}), ` +
    `restored alone ${l['restoredBare']} and ${l['restoredLearned']}; ` +
    `ordinary pages ${l['ordinaryFindingsPer1000Bare']} → ${l['ordinaryFindingsPer1000Learned']} findings per 1,000 words`);
  const r = figures.restoring;
  const share = (x: number): number => round(x / Math.max(1, r.spinnerSwaps));
  console.log(`  restoring spun pages with no source (${r.pages} pages with their source and other copies in the set, ${r.spinnerSwaps} spinner swaps): ` +
    `alone ${share(r.aloneRestored)} restored (${r.aloneRight} of ${r.aloneChanges} judged changes right, ${r.aloneHarmful} on the source's own words); ` +
    `with the other copies ${share(r.copiesRestored)} (${r.copiesRight} of ${r.copiesChanges} right, ${r.copiesHarmful} on the source's own words)`);
  return figures;
}

/**
 * Restoring real spun pages whose source is in the set, with no source at hand: alone, and with the other copies of
 * the same source the set holds (paraphrases, translations, other spins; never the source or a verbatim copy of it).
 * Alignment with the source shows the spinner's swaps (restored: a change over one names its original) and which
 * changes can be judged (those inside passages aligned with the source): right where they restore a substitution,
 * harmful where they change words the source has too.
 */
type RestoringFigures = Record<
  'pages' | 'spinnerSwaps' | 'aloneRestored' | 'aloneChanges' | 'aloneRight' | 'aloneHarmful' | 'copiesRestored' | 'copiesChanges' | 'copiesRight' | 'copiesHarmful',
  number
>;

function restoringRealPages(pages: readonly SpinPage[]): RestoringFigures {
  const tally: RestoringFigures = { pages: 0, spinnerSwaps: 0, aloneRestored: 0, aloneChanges: 0, aloneRight: 0, aloneHarmful: 0, copiesRestored: 0, copiesChanges: 0, copiesRight: 0, copiesHarmful: 0 };
  for (const page of pages) {
    const source = page.label === 1 ? sourceOf(page, pages) : undefined;
    const others = source ? pages.filter((q) => q !== page && q.cluster === page.cluster && !/^original|^verbatim/.test(q.kind)).map((q) => q.text) : [];
    if (!source || others.length === 0) continue;
    const comparison = compare({ name: 'source', text: source.text }, { name: 'spun', text: page.text });
    if (!comparison.derived) continue;
    tally.pages++;
    const swaps = comparison.substitutions.filter((x) => x.synonym);
    const judge = (changes: readonly RestoreChange[]): { restored: number; changes: number; right: number; harmful: number } => {
      const judged = changes.filter((c) => comparison.passages.some((p) => c.start >= p.b[0] && c.end <= p.b[1]));
      return {
        restored: swaps.filter((x) => changes.some((c) => restoresSubstitution(c, x))).length,
        changes: judged.length,
        right: judged.filter((c) => comparison.substitutions.some((x) => restoresSubstitution(c, x))).length,
        harmful: judged.filter((c) => !comparison.substitutions.some((x) => c.start < x.bSpan[1] && c.end > x.bSpan[0])).length,
      };
    };
    tally.spinnerSwaps += swaps.length;
    for (const [mode, judged] of [['alone', judge(restore(page.text).changes)], ['copies', judge(restore(page.text, { others }).changes)]] as const) {
      tally[`${mode}Restored`] += judged.restored;
      tally[`${mode}Changes`] += judged.changes;
      tally[`${mode}Right`] += judged.right;
      tally[`${mode}Harmful`] += judged.harmful;
    }
  }
  return tally;
}

/**
 * Abstracts of published papers (bench/web-pages/science.md; excerpts in --science DIR or UNSPIN_SCIENCE): what the
 * detector says of a tortured-phrase list's own field when the text is not known to be spun.
 */
function scienceAbstracts(lists: readonly SpinPair[], pages: readonly WebPage[]): Record<string, number> | undefined {
  if (pages.length === 0) {
    console.log('  scientific abstracts: skipped (give --science DIR or UNSPIN_SCIENCE; see bench/web-pages/science.md)');
    return undefined;
  }
  const words = pages.reduce((n, p) => n + wordCount(p.text), 0);
  const bare = pages.map((p) => inspect(p.text));
  const listed = lists.length > 0 ? pages.map((p) => inspect(p.text, { lists })) : [];
  const per1000 = (inspections: readonly { findings: readonly unknown[] }[]): number => round((1000 * inspections.reduce((n, i) => n + i.findings.length, 0)) / Math.max(1, words));
  const figures = {
    abstracts: pages.length,
    words,
    calledSpun: bare.filter((i) => i.spun).length,
    findingsPer1000: per1000(bare),
    ...(lists.length > 0 ? { findingsPer1000WithDevList: per1000(listed), ofListField: listed.filter((i) => (i.listField ?? 0) >= 0.5).length } : {}),
  };
  console.log(`  scientific abstracts (${figures.abstracts}, ${figures.words} words, not known to be spun; the page verdict learned from them, cross-validated above): spun: true on ${figures.calledSpun}; ` +
    `${figures.findingsPer1000} findings per 1,000 words with no list` +
    (figures.findingsPer1000WithDevList !== undefined ? `, ${figures.findingsPer1000WithDevList} with the dev list (${figures.ofListField} read as of its field)` : ''));
  return figures;
}

/** Our reading of the tortured abstracts (bench/tortured-key.tsv): per abstract, character offsets of each tortured phrase and its wording in plain English. */
function readTorturedKey(): Map<string, KeyEntry[]> {
  const key = new Map<string, KeyEntry[]>();
  const lines = readFileSync(new URL('tortured-key.tsv', import.meta.url), 'utf8').trim().split('\n').slice(1);
  for (const line of lines) {
    const [id = '', start = '0', end = '0', original = ''] = line.split('\t');
    key.set(id, [...(key.get(id) ?? []), { start: Number(start), end: Number(end), original }]);
  }
  return key;
}

/**
 * Real published abstracts with tortured phrases (bench/web-pages/tortured.md; excerpts in --tortured DIR or
 * UNSPIN_TORTURED), against the clean abstracts: the page verdict (the clean ones' cross-validated, since it learned from
 * them) beside page perplexity. And our key's tortured phrases (bench/tortured-key.tsv, the gatherer's reading): how
 * many are flagged and restored (a finding over the phrase whose suggestion holds the plain wording) with no list, with
 * the dev list, and with the dev list less every pair of the plain wordings the abstract holds (as the training's
 * cross-validation holds phrases out). Findings off the key are counted too; not all are false, the key being one
 * reader's.
 */
function torturedAbstracts(lists: readonly SpinPair[], clean: readonly WebPage[], cleanProbabilities: readonly number[]): Record<string, number> | undefined {
  const pages = labelledExcerpts('tortured.md', '--tortured', 'UNSPIN_TORTURED');
  if (pages.length === 0) {
    console.log('  tortured abstracts: skipped (give --tortured DIR or UNSPIN_TORTURED, see bench/web-pages/tortured.md)');
    return undefined;
  }
  const key = readTorturedKey();
  const probabilities: number[] = [];
  const perplexities: number[] = [];
  const modes = ['bare', 'list', 'heldOut'] as const;
  // The plain baseline: the dev list's phrases found word for word.
  const lexicon = loadLexicon();
  const table = lists.length > 0 ? new SwapTable(lists, lexicon) : undefined;
  const tally = { abstracts: pages.length, words: 0, phrases: 0, calledSpun: 0, listedWordForWord: 0 };
  const found = { bare: 0, list: 0, heldOut: 0 };
  const restoredBy = { bare: 0, list: 0, heldOut: 0 };
  const other = { bare: 0, list: 0, heldOut: 0 };
  for (const page of pages) {
    const phrases = key.get(page.id) ?? [];
    const plain = new Set(phrases.map((k) => letters(k.original)));
    const inspections = {
      bare: inspect(page.text),
      list: lists.length > 0 ? inspect(page.text, { lists }) : undefined,
      heldOut: lists.length > 0 ? inspect(page.text, { lists: lists.filter((p) => !plain.has(letters(expectedWording(p.expected)))) }) : undefined,
    };
    probabilities.push(inspections.bare.spunProbability);
    perplexities.push(pagePerplexity(page.text));
    tally.words += wordCount(page.text);
    tally.phrases += phrases.length;
    tally.calledSpun += inspections.bare.spun ? 1 : 0;
    if (table) {
      const doc = analyze(page.text, lexicon);
      const listed = listedPhrases(doc, table).map((l): [number, number] => [doc.tokens[l.first]?.span[0] ?? 0, doc.tokens[l.last - 1]?.span[1] ?? 0]);
      tally.listedWordForWord += phrases.filter((k) => listed.some(([start, end]) => start < k.end && end > k.start)).length;
    }
    for (const mode of modes) {
      const findings = inspections[mode]?.findings ?? [];
      found[mode] += phrases.filter((k) => findings.some((f) => f.start < k.end && f.end > k.start)).length;
      restoredBy[mode] += phrases.filter((k) => findings.some((f) => putsBack(f, f.suggestion, k.start, k.end, k.original))).length;
      other[mode] += findings.filter((f) => !phrases.some((k) => f.start < k.end && f.end > k.start)).length;
    }
  }
  const verdictAuc = cleanProbabilities.length > 0 ? round(rocAuc(probabilities, cleanProbabilities)) : Number.NaN;
  const perplexityAuc = clean.length > 0 ? round(rocAuc(perplexities, clean.map((p) => pagePerplexity(p.text)))) : Number.NaN;
  const share = (x: number): number => round(x / Math.max(1, tally.phrases));
  const per1000 = (x: number): number => round((1000 * x) / Math.max(1, tally.words));
  const figures: Record<string, number> = { ...tally, verdictAuc, perplexityAuc };
  for (const mode of modes) {
    figures[`${mode}Flagged`] = share(found[mode]);
    figures[`${mode}Restored`] = share(restoredBy[mode]);
    figures[`${mode}OtherPer1000`] = per1000(other[mode]);
  }
  const said = (mode: (typeof modes)[number]): string =>
    `${figures[`${mode}Flagged`]} flagged, ${figures[`${mode}Restored`]} restored, ${figures[`${mode}OtherPer1000`]} findings off the key per 1,000 words`;
  console.log(`  tortured abstracts (${tally.abstracts} real published abstracts, ${tally.words} words, ${tally.phrases} tortured phrases in our key): ` +
    `spun: true on ${tally.calledSpun}; against the clean abstracts, ROC AUC of the page verdict ${verdictAuc} (page perplexity ${perplexityAuc})`);
  console.log(`    with no list ${said('bare')}` +
    (lists.length > 0
      ? `; with the dev list ${said('list')}; with the dev list less the abstract's own plain wordings ${said('heldOut')}; ` +
        `the plain baseline, the dev list's phrases word for word, finds ${share(tally.listedWordForWord)}`
      : ''));
  return figures;
}

/** The spin lexicon a scan of these pages teaches a fresh store. */
async function learnedLexicon(pages: readonly SpinPage[]): Promise<SpinPair[]> {
  const dir = mkdtempSync(join(tmpdir(), 'unspin-eval-learn-'));
  try {
    const store = openStore(join(dir, 'learn.db'));
    await indexCorpus(store, (async function* () {
      for (const p of pages) yield { kind: 'document' as const, document: { id: p.id, text: p.text } };
    })());
    await scan(store);
    const pairs = await store.spinPairs();
    await store.close();
    return pairs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Learning from the corpus: each fold of stories is inspected with the spin lexicon that a scan of the other folds
 * taught the store (as `scan` then `inspect --db` would), beside inspection with no lexicon. On spun pages whose
 * source is in the set, the spinner's swaps are known (the substitutions of their alignment with the source): how many
 * are flagged and how many `restore` puts back. On ordinary pages: how many findings per 1,000 words (false alarms).
 */
async function learning(pages: readonly SpinPage[]): Promise<Record<string, number>> {
  const foldOf = spinFolds(pages);
  const folds = [...new Set(foldOf.values())];
  const tally = {
    learnedPairs: 0,
    swaps: 0,
    flaggedBare: 0,
    flaggedLearned: 0,
    restoredBare: 0,
    restoredLearned: 0,
    ordinaryWords: 0,
    ordinaryBare: 0,
    ordinaryLearned: 0,
  };
  for (const f of folds) {
    const learned = await learnedLexicon(pages.filter((p) => foldOf.get(p.story) !== f));
    tally.learnedPairs += learned.length / folds.length;
    const held = pages.filter((p) => foldOf.get(p.story) === f);
    for (const page of held) {
      if (page.label === 1) {
        const source = sourceOf(page, held);
        if (!source) continue;
        const swaps = compare({ name: 'source', text: source.text }, { name: 'spun', text: page.text }).substitutions.filter((x) => x.synonym);
        const flagged = (findings: readonly { start: number; end: number }[]): number =>
          swaps.filter((x) => findings.some((g) => g.start < x.bSpan[1] && g.end > x.bSpan[0])).length;
        const restoredBy = (changes: readonly RestoreChange[]): number =>
          swaps.filter((x) => changes.some((c) => restoresSubstitution(c, x))).length;
        tally.swaps += swaps.length;
        tally.flaggedBare += flagged(inspect(page.text).findings);
        tally.flaggedLearned += flagged(inspect(page.text, { learned }).findings);
        tally.restoredBare += restoredBy(restore(page.text).changes);
        tally.restoredLearned += restoredBy(restore(page.text, { learned }).changes);
      } else if (isOrdinaryNews(page)) {
        tally.ordinaryWords += wordCount(page.text);
        tally.ordinaryBare += inspect(page.text).findings.length;
        tally.ordinaryLearned += inspect(page.text, { learned }).findings.length;
      }
    }
  }
  const share = (x: number): number => round(tally.swaps > 0 ? x / tally.swaps : 0);
  const per1000 = (x: number): number => round((1000 * x) / Math.max(1, tally.ordinaryWords));
  return {
    learnedPairsPerFold: Math.round(tally.learnedPairs),
    spinnerSwaps: tally.swaps,
    flaggedBare: share(tally.flaggedBare),
    flaggedLearned: share(tally.flaggedLearned),
    restoredBare: share(tally.restoredBare),
    restoredLearned: share(tally.restoredLearned),
    ordinaryFindingsPer1000Bare: per1000(tally.ordinaryBare),
    ordinaryFindingsPer1000Learned: per1000(tally.ordinaryLearned),
  };
}

export async function evalSpin(): Promise<Record<string, unknown>> {
  console.log('Spin forensics');
  const model = loadSpinModel();
  const pick = (mode: string, threshold: number): Record<string, number> =>
    Object.fromEntries(
      Object.entries(model.estimates)
        .filter(([k]) => k.startsWith(`${mode}@${threshold}.`))
        .map(([k, v]) => [k.slice(`${mode}@${threshold}.`.length), v]),
    );
  const crossValidated = {
    withDevList: { threshold: model.thresholds.withList, ...pick('list', model.thresholds.withList) },
    withDevListUngated: pick('listUngated', model.thresholds.withList),
    withoutList: { threshold: model.thresholds.withoutList, ...pick('bare', model.thresholds.withoutList) },
    inDocuments: pick('documents', model.thresholds.withList),
    inDocumentsAtTrainingOdds: pick('documentsTrainingOdds', model.thresholds.withList),
  };
  const documentFigures = (f: Record<string, number>): string =>
    `recall ${f['recall']}, restore@1 ${f['restoreAt1']} (in place ${f['restoreInPlace']}), precision ${f['precision']}, ${f['falseFindingsPer1000Words']} false findings per 1,000 words`;
  console.log('  tortured phrases (dev list in neutral sentences, 5 folds split by expected phrase; measured in training):');
  console.log(`    with the other folds as --lexicon: ${JSON.stringify(crossValidated.withDevList)}`);
  console.log(`    the same without the list's field gate: ${JSON.stringify(crossValidated.withDevListUngated)}`);
  console.log(`    with no list:                      ${JSON.stringify(crossValidated.withoutList)}`);
  console.log(`    in documents of 60 sentences, 3 of them tortured, with the list: ${documentFigures(crossValidated.inDocuments)}` +
    ` (read at the training's odds, not the document's own: ${documentFigures(crossValidated.inDocumentsAtTrainingOdds)})`);

  const listPath = sharedPath('data/tortured-phrases/pairs.tsv');
  const lists = listPath ? readTorturedList(listPath) : [];
  loadLexicon();
  const clean = cleanProse(lists);
  console.log(`  clean prose (last ${CLEAN_ADDRESSES} State of the Union addresses, ${clean.words} words): ${clean.findingsPer1000Words} findings per 1,000 words` +
    (clean.findingsPer1000WordsWithDevList !== undefined ? `, ${clean.findingsPer1000WordsWithDevList} with the dev list` : ''));

  const pages = await realPages(lists);
  const abstracts = labelledExcerpts('science.md', '--science', 'UNSPIN_SCIENCE');
  const science = scienceAbstracts(lists, abstracts);
  const tortured = torturedAbstracts(lists, abstracts, (pages?.['abstractProbabilities'] as number[] | undefined) ?? []);
  const dir = sharedPath('seeds');
  if (!dir) return { crossValidated, clean, pages, science, tortured };
  const [cleanSeed, spunSeed] = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  if (!cleanSeed || !spunSeed) return { crossValidated, clean, pages, science, tortured };
  const paraphrase = readFileSync(`${dir}/${cleanSeed}`, 'utf8');
  const spun = readFileSync(`${dir}/${spunSeed}`, 'utf8');
  const key = readKey();
  const started = performance.now();
  const inspection = inspect(spun);
  const inspectMs = performance.now() - started;
  const flagged = key.filter((e) => inspection.findings.some((f) => f.start < e.end && f.end > e.start)).length;
  // A finding over the substitution whose suggestion holds the original wording (guesses included: restore leaves those).
  const suggested = key.filter((e) => e.original !== '' && inspection.findings.some((f) => putsBack(f, f.suggestion, e.start, e.end, e.original))).length;
  const alone = restore(spun).changes;
  const withOther = restore(spun, { others: [paraphrase] }).changes;
  const seeds = {
    substitutions: key.length,
    flagged: round(flagged / key.length),
    suggested: round(suggested / key.length),
    restoredAlone: round(key.filter((e) => restored(e, spun.slice(e.start, e.end), alone)).length / key.length),
    restoredWithOther: round(key.filter((e) => restored(e, spun.slice(e.start, e.end), withOther)).length / key.length),
    spun001: inspection.spun,
    spunProbability001: inspection.spunProbability,
    spun000: inspect(paraphrase).spun,
    spunProbability000: inspect(paraphrase).spunProbability,
    findings001: inspection.findings.length,
    spinScore001: inspection.spinScore,
    findings000: inspect(paraphrase).findings.length,
    spinScore000: inspect(paraphrase).spinScore,
    inspectMs: Math.round(inspectMs),
    ...seedCeilings(spun, paraphrase, key),
  };
  console.log(`  seed ${spunSeed}: ${key.length} spinner substitutions (our key); flagged ${seeds.flagged} (the suggestion names the original for ${seeds.suggested}), restored alone ${seeds.restoredAlone}, with ${cleanSeed} ${seeds.restoredWithOther}`);
  console.log(`    ceilings: offered the key's original, the language model reads the sentence at least 10 times likelier for ${seeds.likelierWithOriginal} ` +
    `(what detection could reach with the right candidate); ${cleanSeed} holds ${seeds.originalInOtherCopy} of the originals at all (what restoring with it can reach)`);
  console.log(`  page verdict: spun ${seeds.spun001} (${seeds.spunProbability001}) on the spun seed, spun ${seeds.spun000} (${seeds.spunProbability000}) on the paraphrase`);
  console.log(`  spin score ${seeds.spinScore001} (${seeds.findings001} findings) on the spun seed, ${seeds.spinScore000} (${seeds.findings000} findings) on the clean paraphrase`);
  return { crossValidated, clean, pages, science, tortured, seeds };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await evalSpin();
