import { describe, it, expect } from 'vitest';
import { caseRecall, granularity, macroPrecision, macroRecall, plagdet, plagdetScore } from '../../bench/plagdet.js';
import type { PanAnnotation } from '../../src/corpus/pan.js';

function ann(suspOffset: number, suspLength: number, srcOffset: number, srcLength: number, doc = 1): PanAnnotation {
  return { susp: `susp${doc}.txt`, suspOffset, suspLength, src: `src${doc}.txt`, srcOffset, srcLength };
}

describe('plagdet', () => {
  const truth = ann(100, 200, 1000, 200);

  it('scores a perfect detection 1', () => {
    expect(plagdet([truth], [truth])).toEqual({ precision: 1, recall: 1, granularity: 1, plagdet: 1 });
  });

  it('gives half recall and full precision when half of the case is covered in both documents', () => {
    const half = ann(100, 100, 1000, 100);
    expect(caseRecall(truth, [half])).toBe(0.5);
    const s = plagdet([truth], [half]);
    expect(s.recall).toBe(0.5);
    expect(s.precision).toBe(1);
    expect(s.granularity).toBe(1);
    expect(s.plagdet).toBeCloseTo(2 / 3, 10);
  });

  it('counts a case split into two detections as granularity 2', () => {
    const first = ann(100, 100, 1000, 100);
    const second = ann(200, 100, 1100, 100);
    const s = plagdet([truth], [first, second]);
    expect(s.recall).toBe(1);
    expect(s.precision).toBe(1);
    expect(s.granularity).toBe(2);
    expect(s.plagdet).toBeCloseTo(1 / Math.log2(3), 10);
  });

  it('needs overlap in both documents: a detection elsewhere in the source finds nothing', () => {
    const wrongSource = ann(100, 200, 5000, 200);
    expect(caseRecall(truth, [wrongSource])).toBe(0);
    expect(plagdet([truth], [wrongSource]).plagdet).toBe(0);
  });

  it('macro-averages over cases and over detections', () => {
    const other = ann(0, 100, 0, 100, 2);
    // One of two cases found: recall 1/2; the only detection is right: precision 1.
    expect(macroRecall([truth, other], [truth])).toBe(0.5);
    expect(macroPrecision([truth, other], [truth])).toBe(1);
    // A detection twice the case's size: precision 1/2 on the chars of both documents.
    expect(macroPrecision([truth], [ann(100, 400, 1000, 400)])).toBe(0.5);
  });

  it('scores empty input like the PAN evaluator', () => {
    expect(macroRecall([], [])).toBe(1);
    expect(macroRecall([truth], [])).toBe(0);
    expect(granularity([truth], [])).toBe(1);
    expect(plagdetScore(0, 0, 1)).toBe(0);
  });
});
