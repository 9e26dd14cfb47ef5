/**
 * Trains the spin detector (models/spin.json.gz) on the development half of the tortured-phrase list
 * (../shared/data/tortured-phrases/pairs.tsv, each phrase set in neutral sentences of our own) and
 * clean news sentences (MRPC) and clean sentences of a list's field (the Clough-Stevenson texts on computing
 * topics). Folds are split by expected phrase, so a fold's phrases are new to
 * the spin lexicon it is inspected with, as in the held-out measurement. The features of every
 * training row are computed with a lexicon that lacks the row's own fold (cross-fitting), so the
 * model learns how far a lexicon generalizes, not how to look phrases up. The list's field gate (list-field.ts) is fitted
 * on texts of the field (the Clough-Stevenson answers and Wikipedia articles on computing) against texts of others
 * (State of the Union paragraphs that the clean-prose measure does not read, MRPC news sentences that training does
 * not), with each fold's list. Deterministic.
 *
 *   npx tsx scripts/train-spin.ts
 */
import { fileURLToPath } from 'node:url';
import { DEFAULT_BOOST, train, type BoostOptions, type Ensemble } from '../src/model/trees.js';
import { writeModelFile } from '../src/model/file.js';
import { loadLexicon } from '../src/lexicon/index.js';
import { CandidateFinder, FEATURE_NAMES, type Candidate } from '../src/spin/candidates.js';
import { scoreCandidates, scoreWithList, SPIN_MODEL_FORMAT, SPIN_MODEL_URL, type SpinModel } from '../src/spin/detect.js';
import { assembleFindings, listedPhrases, type ListedPhrase, type Suspect } from '../src/spin/findings.js';
import type { Finding } from '../src/spin/types.js';
import { obfuscate, type Swap } from '../src/spin/obfuscate.js';
import { expectedWording, SwapTable } from '../src/spin/swap-table.js';
import type { SpinPair } from '../src/spin/types.js';
import { analyze } from '../src/text/analyze.js';
import type { Analysis } from '../src/text/types.js';
import { foldOf, placePhrases, readNewsSentences, readTorturedList, type PlacedPhrase } from '../bench/spin-data.js';
import { cloughData } from '../bench/reuse-data.js';
import { seededRandom } from '../src/random.js';
import { listAddresses, readParagraphs } from '../src/demo/corpus.js';
import { fieldProbability, fitFieldGate, ListField, type FieldGate } from '../src/spin/list-field.js';

const FOLDS = 5;
/** Each phrase goes into this many neutral sentences: more contexts to learn from. */
const CARRIERS_PER_PHRASE = 2;
const NEWS_SENTENCES = 4500;
/** Sentences after the clean ones, spun by the obfuscator: what a sense-blind spinner does to news. */
const SPUN_NEWS_SENTENCES = 1500;
const SPUN_NEWS_RATE = 0.3;
/** The list model's threshold keeps this precision on the folds; the bare model's keeps news this quiet. */
const LIST_PRECISION = 0.61;
const NEWS_FINDINGS_PER_1000 = 0.8;
const BOOST: BoostOptions = { ...DEFAULT_BOOST, rounds: 350, depth: 5 };
const THRESHOLDS = [0.1, 0.12, 0.15, 0.2, 0.22, 0.25, 0.27, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8];
const DATA = new URL('../../shared/data/', import.meta.url);
/** The field gate's other texts: paragraphs of every tenth address before the last ones (bench/eval-spin.ts reads those). */
const FIELD_ADDRESS_STEP = 10;
const LAST_ADDRESSES_KEPT = 12;
const FIELD_PARAGRAPHS = 30;
const FIELD_NEWS_SENTENCES = 2000;
/**
 * Documents of each fold for the measure at a realistic share of spun sentences: this many documents of SPUN_IN_DOCUMENT
 * tortured phrases (each in its carrier) among CLEAN_IN_DOCUMENT carriers with the expected wording.
 */
const DOCUMENTS_PER_FOLD = 40;
const SPUN_IN_DOCUMENT = 3;
const CLEAN_IN_DOCUMENT = 57;

interface Text {
  readonly text: string;
  readonly doc: Analysis;
  readonly fold: number;
  /** The tortured phrase in it, when there is one. */
  readonly phrase?: PlacedPhrase;
  /** In a document of many carriers: each tortured phrase in it, with its place in the document's text. */
  readonly phrases?: readonly { readonly placed: PlacedPhrase; readonly start: number; readonly end: number }[];
  /** The obfuscator's swaps, for spun news. */
  readonly swaps?: readonly Swap[];
  readonly kind: 'spun' | 'clean' | 'news' | 'science' | 'spunNews' | 'document';
}

interface Row {
  readonly features: number[];
  readonly label: number;
}

const lexicon = loadLexicon();

function labelOf(text: Text, c: Candidate): number {
  const start = text.doc.tokens[c.first]?.span[0] ?? 0;
  const end = text.doc.tokens[c.last - 1]?.span[1] ?? 0;
  if (text.kind === 'spunNews') return text.swaps?.some((s) => s.start < end && s.end > start) ? 1 : 0;
  const phrase = text.phrase;
  if (text.kind !== 'spun' || !phrase) return 0;
  if (start < phrase.start || end > phrase.end) return 0;
  const expected = new Set(expectedWording(phrase.pair.expected).toLowerCase().split(/[\s-]+/));
  return c.unit.split(' ').every((w) => !expected.has(w)) ? 1 : 0;
}

const pairsWithout = (pairs: readonly SpinPair[], folds: readonly number[]): SpinPair[] => pairs.filter((p) => !folds.includes(foldOf(p.expected, FOLDS)));

/** The spin lexicon of the list without the given folds: each row once, however many sentences carry it. */
function tableWithout(pairs: readonly SpinPair[], folds: readonly number[]): SwapTable {
  return new SwapTable(pairsWithout(pairs, folds), lexicon);
}

/** Texts of the list's field and of others, for the field gate. */
function fieldTexts(news: readonly string[]): { field: Analysis[]; other: Analysis[] } {
  const clough = cloughData();
  if (!clough) throw new Error('../shared/data/clough-stevenson is missing');
  const named = [...clough.originals.map((o) => ({ name: o.id.replace(/^cs\//, ''), text: o.text })), ...clough.answers.map((a) => ({ name: a.file, text: a.text }))];
  const field = named.sort((x, y) => (x.name < y.name ? -1 : 1)).map((t) => analyze(t.text, lexicon));
  const addresses = listAddresses().slice(0, -LAST_ADDRESSES_KEPT).filter((_, i) => i % FIELD_ADDRESS_STEP === 0);
  const other = [...addresses.flatMap((a) => readParagraphs(a, FIELD_PARAGRAPHS)), ...news].map((t) => analyze(t, lexicon));
  return { field, other };
}

/** The field gate for a list (list-field.ts), and how many of its own texts it tells right. */
function fieldGateOf(field: ListField, texts: { field: readonly Analysis[]; other: readonly Analysis[] }): FieldGate & { accuracy: number } {
  const fieldEvidence = texts.field.map((d) => field.evidence(d));
  const otherEvidence = texts.other.map((d) => field.evidence(d));
  const gate = fitFieldGate(fieldEvidence, otherEvidence);
  const right = fieldEvidence.filter((e) => fieldProbability(e, gate) >= 0.5).length + otherEvidence.filter((e) => fieldProbability(e, gate) < 0.5).length;
  return { ...gate, accuracy: Math.round((1000 * right) / (fieldEvidence.length + otherEvidence.length)) / 1000 };
}

function rowsOf(texts: readonly Text[], table: SwapTable | undefined): Row[] {
  const finder = new CandidateFinder(lexicon, table);
  return texts.flatMap((t) => finder.candidates(t.doc).map((c) => ({ features: c.features, label: labelOf(t, c) })));
}

function fit(rows: readonly Row[]): Ensemble {
  return train(
    rows.map((r) => r.features),
    rows.map((r) => r.label),
    BOOST,
  );
}

interface Tally {
  swaps: number;
  swapsFlagged: number;
  phrases: number;
  found: number;
  restored: number;
  restoredWithNote: number;
  restoredInPlace: number;
  hits: number;
  falseFindings: number;
  newsFindings: number;
  newsWords: number;
  scienceFindings: number;
  scienceWords: number;
  words: number;
}

function emptyTally(): Tally {
  return { swaps: 0, swapsFlagged: 0, phrases: 0, found: 0, restored: 0, restoredWithNote: 0, restoredInPlace: 0, hits: 0, falseFindings: 0, newsFindings: 0, newsWords: 0, scienceFindings: 0, scienceWords: 0, words: 0 };
}

interface ScoredText {
  readonly text: Text;
  readonly scored: Suspect[];
  readonly listed: ListedPhrase[];
}

/**
 * Each text's scored candidates: with a list, re-weighed from the training rows' share to the text's own (detect.ts), as
 * `inspect` does; with no share given, as the model reads them.
 */
function scoreFold(texts: readonly Text[], table: SwapTable | undefined, model: Ensemble, list?: { share: number; field?: ListField; gate?: FieldGate }): ScoredText[] {
  const finder = new CandidateFinder(lexicon, table);
  return texts.map((t) => {
    const candidates = finder.candidates(t.doc);
    const chance = list?.field && list.gate ? fieldProbability(list.field.evidence(t.doc), list.gate) : 1;
    const scored = table && list ? scoreWithList(candidates, { withList: model, listShare: list.share }, chance) : scoreCandidates(candidates, model);
    return { text: t, scored, listed: table ? listedPhrases(t.doc, table) : [] };
  });
}

/** Share of rows that are a spinner's swap. */
const shareOf = (rows: readonly Row[]): number => rows.reduce((n, r) => n + r.label, 0) / Math.max(1, rows.length);

/** A fold's documents: its tortured phrases, a few to a document, among its carriers with the expected wording. */
function documentsOf(placed: readonly PlacedPhrase[], fold: number): Text[] {
  const random = seededRandom(fold + 1);
  const own = placed.filter((p) => p.fold === fold);
  const pick = (): PlacedPhrase => own[Math.floor(random() * own.length)] as PlacedPhrase;
  return Array.from({ length: DOCUMENTS_PER_FOLD }, (): Text => {
    const sentences: { text: string; placed?: PlacedPhrase }[] = Array.from({ length: CLEAN_IN_DOCUMENT }, () => ({ text: pick().clean }));
    for (let i = 0; i < SPUN_IN_DOCUMENT; i++) {
      const placedPhrase = pick();
      sentences.splice(Math.floor(random() * (sentences.length + 1)), 0, { text: placedPhrase.spun, placed: placedPhrase });
    }
    let text = '';
    const phrases: { placed: PlacedPhrase; start: number; end: number }[] = [];
    for (const sentence of sentences) {
      if (sentence.placed) phrases.push({ placed: sentence.placed, start: text.length + sentence.placed.start, end: text.length + sentence.placed.end });
      text += `${sentence.text} `;
    }
    return { text, doc: analyze(text, lexicon), fold, phrases, kind: 'document' };
  });
}

const normalized = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The findings over a phrase, applied, read the expected wording there and leave the rest of what they cover as it
 * was: a finding extended over its noun phrase, or two findings over one phrase, restore it too.
 */
function restoredInPlace(text: string, findings: readonly Finding[], start: number, end: number, expected: string): boolean {
  const over = findings.filter((f) => f.start < end && f.end > start).sort((x, y) => x.start - y.start);
  const first = over[0];
  if (!first) return false;
  const from = Math.min(start, first.start);
  const to = Math.max(end, ...over.map((f) => f.end));
  let applied = '';
  let at = from;
  for (const f of over) {
    if (f.start < at) return false;
    applied += text.slice(at, f.start) + f.suggestion;
    at = f.end;
  }
  applied += text.slice(at, to);
  return normalized(applied) === normalized(text.slice(from, start) + expected + text.slice(end, to));
}

function tallyFold(tally: Tally, texts: readonly ScoredText[], table: SwapTable | undefined, threshold: number): void {
  for (const { text: t, scored, listed } of texts) {
    const findings = assembleFindings(t.text, t.doc, scored, threshold, listed, table);
    tally.words += t.doc.tokens.filter((k) => k.kind === 'word').length;
    if (t.kind === 'spunNews') {
      const swaps = t.swaps ?? [];
      tally.swaps += swaps.length;
      tally.swapsFlagged += swaps.filter((s) => findings.some((f) => f.start < s.end && f.end > s.start)).length;
      tally.newsWords += t.doc.tokens.filter((k) => k.kind === 'word').length;
      continue;
    }
    if (t.kind === 'document') {
      const phrases = t.phrases ?? [];
      const hitting = (p: (typeof phrases)[number]): typeof findings => findings.filter((f) => f.start < p.end && f.end > p.start);
      tally.phrases += phrases.length;
      tally.found += phrases.filter((p) => hitting(p).length > 0).length;
      tally.restored += phrases.filter((p) => hitting(p).some((f) => f.suggestion.toLowerCase() === expectedWording(p.placed.pair.expected).toLowerCase())).length;
      tally.restoredWithNote += phrases.filter((p) => hitting(p).some((f) => f.suggestion.toLowerCase() === p.placed.pair.expected.toLowerCase())).length;
      tally.restoredInPlace += phrases.filter((p) => restoredInPlace(t.text, findings, p.start, p.end, expectedWording(p.placed.pair.expected))).length;
      const onPhrases = findings.filter((f) => phrases.some((p) => f.start < p.end && f.end > p.start)).length;
      tally.hits += onPhrases;
      tally.falseFindings += findings.length - onPhrases;
      continue;
    }
    if (t.kind === 'science') {
      tally.scienceFindings += findings.length;
      tally.scienceWords += t.doc.tokens.filter((k) => k.kind === 'word').length;
      tally.falseFindings += findings.length;
      continue;
    }
    if (t.kind === 'news') {
      tally.newsFindings += findings.length;
      tally.newsWords += t.doc.tokens.filter((k) => k.kind === 'word').length;
      tally.falseFindings += findings.length;
      continue;
    }
    const phrase = t.phrase;
    if (t.kind === 'clean' || !phrase) {
      tally.falseFindings += findings.length;
      continue;
    }
    tally.phrases++;
    const hitting = findings.filter((f) => f.start < phrase.end && f.end > phrase.start);
    tally.hits += hitting.length;
    tally.falseFindings += findings.length - hitting.length;
    if (hitting.length > 0) tally.found++;
    const wanted = expectedWording(phrase.pair.expected).toLowerCase();
    if (hitting.some((f) => f.suggestion.toLowerCase() === wanted)) tally.restored++;
    if (hitting.some((f) => f.suggestion.toLowerCase() === phrase.pair.expected.toLowerCase())) tally.restoredWithNote++;
    if (restoredInPlace(t.text, findings, phrase.start, phrase.end, wanted)) tally.restoredInPlace++;
  }
}

function summary(t: Tally): Record<string, number> {
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    recall: r(t.found / t.phrases),
    precision: r(t.hits / Math.max(1, t.hits + t.falseFindings)),
    restoreAt1: r(t.restored / t.phrases),
    restoreAt1Literal: r(t.restoredWithNote / t.phrases),
    restoreInPlace: r(t.restoredInPlace / t.phrases),
    newsFindingsPer1000Words: r((1000 * t.newsFindings) / Math.max(1, t.newsWords)),
    scienceFindingsPer1000Words: r((1000 * t.scienceFindings) / Math.max(1, t.scienceWords)),
    falseFindingsPer1000Words: r((1000 * t.falseFindings) / Math.max(1, t.words)),
    spunNewsSwapsFlagged: r(t.swapsFlagged / Math.max(1, t.swaps)),
  };
}

function main(): void {
  const pairs: SpinPair[] = readTorturedList(fileURLToPath(new URL('tortured-phrases/pairs.tsv', DATA)));
  const placed = placePhrases(pairs, FOLDS, CARRIERS_PER_PHRASE);
  const allNews = readNewsSentences(fileURLToPath(new URL('paraphrase/mrpc-train.tsv', DATA)), NEWS_SENTENCES + SPUN_NEWS_SENTENCES + FIELD_NEWS_SENTENCES);
  const news = allNews.slice(0, NEWS_SENTENCES + SPUN_NEWS_SENTENCES);
  const gateTexts = fieldTexts(allNews.slice(NEWS_SENTENCES + SPUN_NEWS_SENTENCES));
  const texts: Text[] = [
    ...placed.flatMap((p): Text[] => [
      { text: p.spun, doc: analyze(p.spun, lexicon), fold: p.fold, phrase: p, kind: 'spun' },
      { text: p.clean, doc: analyze(p.clean, lexicon), fold: p.fold, phrase: p, kind: 'clean' },
    ]),
    ...news.slice(0, NEWS_SENTENCES).map((s, i): Text => ({ text: s, doc: analyze(s, lexicon), fold: i % FOLDS, kind: 'news' })),
    // Clean prose of a list's field: the Clough-Stevenson texts on computing topics, a sentence at a time like the
    // rest (a whole text's features, such as its nearness to the list's field, would otherwise tell them apart).
    ...gateTexts.field.flatMap((doc, i) =>
      doc.sentences
        .filter((sentence) => !sentence.chrome)
        .map((sentence): Text => {
          const text = doc.original.slice(sentence.span[0], sentence.span[1]);
          return { text, doc: analyze(text, lexicon), fold: i % FOLDS, kind: 'science' };
        }),
    ),
    ...news.slice(NEWS_SENTENCES).map((s, i): Text => {
      const spun = obfuscate(s, { spin: SPUN_NEWS_RATE, paraphrase: false, seed: i + 1 }, lexicon);
      return { text: spun.text, doc: analyze(spun.text, lexicon), fold: i % FOLDS, swaps: spun.swaps, kind: 'spunNews' };
    }),
  ];
  const inFold = (k: number): Text[] => texts.filter((t) => t.fold === k);
  process.stderr.write(`${placed.length} phrases, ${news.length} news sentences\n`);

  // Rows for fold j, with a lexicon that lacks fold j and, for nested cross-validation, fold k too. The
  // spun news is for the model without a list: with a list, it would teach the list's model to flag
  // ordinary words of scientific text.
  const listed = (j: number): Text[] => inFold(j).filter((t) => t.kind !== 'spunNews');
  const listRows = (j: number, k?: number): Row[] => rowsOf(listed(j), tableWithout(pairs, k === undefined ? [j] : [j, k]));
  const bareRows = new Map<number, Row[]>();
  for (let j = 0; j < FOLDS; j++) bareRows.set(j, rowsOf(inFold(j), undefined));

  const tallies = new Map<string, Tally>();
  const gates: Record<string, number> = {};
  const tally = (key: string, scored: readonly ScoredText[], table: SwapTable | undefined): void => {
    for (const threshold of THRESHOLDS) {
      const t = tallies.get(`${key}@${threshold}`) ?? emptyTally();
      tallyFold(t, scored, table, threshold);
      tallies.set(`${key}@${threshold}`, t);
    }
  };
  for (let k = 0; k < FOLDS; k++) {
    const others = [...Array(FOLDS).keys()].filter((j) => j !== k);
    const trainingRows = others.flatMap((j) => listRows(j, k));
    const listShare = shareOf(trainingRows);
    const withList = fit(trainingRows);
    const withoutList = fit(others.flatMap((j) => bareRows.get(j) ?? []));
    const table = tableWithout(pairs, [k]);
    const field = new ListField(pairsWithout(pairs, [k]), lexicon);
    const gate = fieldGateOf(field, gateTexts);
    process.stderr.write(`fold ${k + 1}: field gate ${JSON.stringify(gate)}\n`);
    for (const [name, value] of Object.entries(gate)) gates[`gate.fold${k + 1}.${name}`] = value;
    tally('list', scoreFold(inFold(k), table, withList, { share: listShare, field, gate }), table);
    tally('listUngated', scoreFold(inFold(k), table, withList, { share: listShare }), table);
    tally('bare', scoreFold(inFold(k), undefined, withoutList), undefined);
    // Documents at a realistic share of tortured phrases, read as `inspect` reads them and with the training's odds.
    const documents = documentsOf(placed, k);
    tally('documents', scoreFold(documents, table, withList, { share: listShare, field, gate }), table);
    tally('documentsTrainingOdds', scoreFold(documents, table, withList), table);
    process.stderr.write(`fold ${k + 1}/${FOLDS} done\n`);
  }
  const estimates: Record<string, number> = { ...gates };
  for (const [key, tally] of tallies) {
    const s = summary(tally);
    console.log(key.padEnd(10), JSON.stringify(s));
    for (const [name, value] of Object.entries(s)) estimates[`${key}.${name}`] = value;
  }
  const at = (mode: string, t: number, name: string): number => estimates[`${mode}@${t}.${name}`] ?? 0;
  const listThreshold = THRESHOLDS.find((t) => at('list', t, 'precision') >= LIST_PRECISION) ?? THRESHOLDS[THRESHOLDS.length - 1] ?? 0.5;
  const bareThreshold =
    THRESHOLDS.find((t) => at('bare', t, 'newsFindingsPer1000Words') <= NEWS_FINDINGS_PER_1000) ?? THRESHOLDS[THRESHOLDS.length - 1] ?? 0.5;
  console.log(`thresholds: with a list ${listThreshold}, without ${bareThreshold}`);

  const all = [...Array(FOLDS).keys()];
  const rows = all.flatMap((j) => listRows(j));
  const { accuracy, ...gate } = fieldGateOf(new ListField(pairs, lexicon), gateTexts);
  console.log(`field gate: ${JSON.stringify(gate)} (accuracy on its own texts ${accuracy})`);
  const model: SpinModel = {
    format: SPIN_MODEL_FORMAT,
    features: [...FEATURE_NAMES],
    withList: fit(rows),
    listShare: Math.round(shareOf(rows) * 1e4) / 1e4,
    field: gate,
    withoutList: fit(all.flatMap((j) => bareRows.get(j) ?? [])),
    thresholds: { withList: listThreshold, withoutList: bareThreshold },
    estimates,
  };
  writeModelFile(SPIN_MODEL_URL, model);
  process.stderr.write(`wrote ${fileURLToPath(SPIN_MODEL_URL)}\n`);
}

main();
