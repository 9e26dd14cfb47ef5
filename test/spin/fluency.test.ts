import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../src/lexicon/index.js';
import { FluencyFinder, SWAP_FEATURES, swapDensity, swapMass } from '../../src/spin/fluency.js';
import { likeliestOriginal, loadSpunPageModel, SPUN_PAGE_FEATURES, spinnerSwapProbability, spunProbability } from '../../src/spin/page-verdict.js';
import { inspect } from '../../src/spin/detect.js';
import { restore } from '../../src/spin/restore.js';
import { analyze } from '../../src/text/analyze.js';

const lexicon = loadLexicon();
const finder = new FluencyFinder(lexicon);
const swapsOf = (text: string) => finder.swaps(analyze(text, lexicon));

describe('FluencyFinder', () => {
  it("finds a spinner's synonym where the language model expects the common word", () => {
    const swaps = swapsOf('The two leaders did not concur on the trade deal, officials said on Tuesday.');
    expect(swaps.map((s) => [s.written, s.alternative])).toContainEqual(['concur', 'agree']);
    expect(swaps.find((s) => s.written === 'concur')?.gain).toBeGreaterThan(3);
  });

  it('reads a phrase a spinner wrote for one word back through the thesaurus, capitals and all', () => {
    const swaps = swapsOf('The Secretary of Point out said on Monday that the talks would go on.');
    const swap = swaps.find((s) => s.written === 'point out');
    expect(swap?.alternative).toBe('state');
    expect(swap?.source).toBe('thesaurus');
    expect(swap ? swap.last - swap.token : 0).toBe(2);
  });

  it('finds nothing beyond the noise in plain prose', () => {
    const plain = 'The two leaders did not agree on the trade deal, officials told reporters on Tuesday.';
    expect(swapDensity(swapMass(swapsOf(plain), analyze(plain, lexicon)))).toBe(0);
    expect(swapsOf(plain).filter((s) => s.gains.wordnet >= 1)).toEqual([]);
  });

  it('leaves names, numbers and page chrome alone', () => {
    expect(swapsOf('Officials in Marlowby said Kestrelton had 40 cases.').filter((s) => /marlowby|kestrelton|40/.test(s.written))).toEqual([]);
    expect(swapsOf('Share on Facebook\nThe two leaders did not agree on the deal.').filter((s) => /share|facebook/.test(s.written))).toEqual([]);
  });
});

describe('swapDensity', () => {
  it('is zero without swaps and weighs the same swaps less in a longer text', () => {
    const spun = 'The two leaders did not concur on the trade deal.';
    const doc = analyze(spun, lexicon);
    const longer = analyze(`${spun} ${'The talks lasted for hours. '.repeat(5)}`, lexicon);
    expect(swapDensity(swapMass([], doc))).toBe(0);
    expect(swapDensity(swapMass(finder.swaps(doc), doc))).toBeGreaterThan(swapDensity(swapMass(finder.swaps(longer), longer)));
  });

  it("shrinks a short text's density more under a larger length prior", () => {
    const doc = analyze('The two leaders did not concur on the trade deal.', lexicon);
    const mass = swapMass(finder.swaps(doc), doc);
    expect(mass.weight).toBeGreaterThan(0);
    expect(swapDensity(mass, 0)).toBeGreaterThan(swapDensity(mass, 150));
  });

  it('counts a word the text repeats once: a text says its subject again and again', () => {
    const doc = analyze('They concur. They concur. They concur. They agree.', lexicon);
    const swaps = finder.swaps(doc);
    const concur = swaps.filter((s) => s.written === 'concur');
    expect(concur.length).toBe(3);
    expect(swapMass(concur.slice(0, 1), doc).weight).toBeGreaterThan(0);
    expect(swapMass(swaps, doc).weight).toBeCloseTo(swapMass(concur.slice(0, 1), doc).weight, 6);
  });
});

describe('page verdict', () => {
  it('reads the features it names, with a threshold between 0 and 1 and cross-validated figures', () => {
    const model = loadSpunPageModel();
    expect(model.features).toEqual(SPUN_PAGE_FEATURES);
    expect(model.threshold).toBeGreaterThan(0);
    expect(model.threshold).toBeLessThan(1);
    expect(model.crossValidation['aucSpunVersusOrdinary']).toBeGreaterThan(0.5);
    expect(model.lengthPrior).toBeGreaterThanOrEqual(0);
  });

  it('rises with the density of swaps', () => {
    expect(spunProbability({ swapDensity: 8 })).toBeGreaterThan(spunProbability({ swapDensity: 2 }));
  });

  it('says plain prose is not spun, as a calibrated probability', () => {
    const inspection = inspect('The two leaders did not agree on the trade deal, officials told reporters on Tuesday.');
    expect(inspection.spun).toBe(false);
    expect(inspection.spunProbability).toBeGreaterThanOrEqual(0);
    expect(inspection.spunProbability).toBeLessThan(0.5);
  });

  it('calls a swap the spinner\'s likelier the more it gains, from even odds up', () => {
    const model = loadSpunPageModel();
    const swap = (gain: number) => ({ features: SWAP_FEATURES.map((name) => (name === 'gain' ? gain : (model.swap.logistic.mean[SWAP_FEATURES.indexOf(name)] ?? 0))) });
    expect(model.swap.features).toEqual(SWAP_FEATURES);
    expect(spinnerSwapProbability(swap(3))).toBeGreaterThan(spinnerSwapProbability(swap(1)));
    expect(model.swap.threshold).toBe(0.5);
    expect(model.swap.crossValidation['precision']).toBeGreaterThan(0.5);
  });
});

// Written for these tests: one short report, spun by hand as a sense-blind spinner would, and as written.
const SPUN_REPORT = [
  'The mayor claimed the city would hold doing the job on the new bridge, and the council did not concur with the strategy.',
  'At this second, the undertaking is behind agenda, officers explained to reporters, and the expense has grown to two times the first estimate.',
  'The mayor said she would select up the matter with the governor following thirty day period.',
  'Citizens who dwell near the river have complained about the sound and the filth for many years.',
  'The Secretary of Point out for transport is expected to stop by the site previously this week.',
].join(' ');
const PLAIN_REPORT = [
  'The mayor said the city would keep working on the new bridge, and the council did not agree with the plan.',
  'At this moment, the project is behind schedule, officials told reporters, and the cost has grown to twice the first estimate.',
  'The mayor said she would take up the matter with the governor next month.',
  'People who live near the river have complained about the noise and the dirt for many years.',
  'The Secretary of State for transport is expected to visit the site earlier this week.',
].join(' ');

describe('choice of the original', () => {
  it("picks one of a swap's alternatives, and was measured to pick the replaced word more often than the language model", () => {
    const swap = swapsOf('The Secretary of Point out said on Monday that the talks would go on.').find((s) => s.written === 'point out');
    const chosen = swap ? likeliestOriginal(swap) : undefined;
    expect(swap?.choices.map((c) => c.word)).toContain(chosen?.choice.word);
    expect(chosen?.choice.word).toBe('state');
    const figures = loadSpunPageModel().choice.crossValidation;
    expect(figures['pickedFirst']).toBeGreaterThan(figures['likeliestInPlaceFirst'] as number);
  });
});

describe('findings on a text that reads spun', () => {
  it("flags the words the language model reads as a spinner's; restore applies the sure ones and leaves the guesses", () => {
    const inspection = inspect(SPUN_REPORT);
    expect(inspection.spun).toBe(true);
    const found = (text: string) => inspection.findings.find((f) => f.text === text);
    expect(inspection.findings.map((f) => f.text)).toEqual(expect.arrayContaining(['concur', 'select', 'Point out']));
    expect(found('Point out')).toMatchObject({ suggestion: 'State', evidence: expect.stringContaining('in the Moby thesaurus') });
    expect(found('concur')).toMatchObject({ suggestion: 'agree', evidence: expect.stringContaining('likelier with "agree"') });
    for (const f of inspection.findings) expect(f.confidence).toBeLessThan(inspection.spunProbability);
    expect(inspection.findings.filter((f) => f.guess).length).toBeGreaterThan(0);
    expect(inspection.findings.filter((f) => !f.guess).length).toBeGreaterThan(0);
    const changes = restore(SPUN_REPORT).changes;
    for (const f of inspection.findings) expect(changes.some((c) => c.start < f.end && f.start < c.end)).toBe(!f.guess);
  });

  it('makes no guesses on a text that does not read spun', () => {
    const inspection = inspect(PLAIN_REPORT);
    expect(inspection.spun).toBe(false);
    expect(inspection.findings).toEqual([]);
  });
});
