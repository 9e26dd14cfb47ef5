/**
 * PAN text-alignment measures (Potthast et al. 2010, "An Evaluation Framework for Plagiarism
 * Detection"), as computed by the PAN 2013 evaluator (perfmeasures.py, macro-averaged):
 * - recall: mean over cases of the share of the case's characters (suspicious + source) covered by
 *   the detections that overlap it in both documents;
 * - precision: the same with cases and detections swapped, mean over detections;
 * - granularity: mean number of overlapping detections per detected case;
 * - plagdet = F1(precision, recall) / log2(1 + granularity).
 */
import type { PanAnnotation } from '../src/corpus/pan.js';

export interface PlagdetScores {
  readonly precision: number;
  readonly recall: number;
  readonly granularity: number;
  readonly plagdet: number;
}

/** True when y shares at least one character with x in the suspicious and in the source document. */
export function isOverlapping(x: PanAnnotation, y: PanAnnotation): boolean {
  return (
    x.susp === y.susp &&
    x.src === y.src &&
    y.suspOffset + y.suspLength > x.suspOffset &&
    y.suspOffset < x.suspOffset + x.suspLength &&
    y.srcOffset + y.srcLength > x.srcOffset &&
    y.srcOffset < x.srcOffset + x.srcLength
  );
}

/** Characters of [start, start + length) covered by the union of the given ranges. */
function coveredChars(start: number, length: number, ranges: ReadonlyArray<readonly [number, number]>): number {
  const end = start + length;
  const clipped = ranges
    .map(([s, l]): [number, number] => [Math.max(start, s), Math.min(end, s + l)])
    .filter(([s, e]) => e > s)
    .sort((p, q) => p[0] - q[0]);
  let covered = 0;
  let reach = start;
  for (const [s, e] of clipped) {
    if (e <= reach) continue;
    covered += e - Math.max(s, reach);
    reach = e;
  }
  return covered;
}

/** Share of the case's characters, in both documents, that the overlapping detections cover. */
export function caseRecall(c: PanAnnotation, detections: readonly PanAnnotation[]): number {
  const hits = detections.filter((d) => isOverlapping(c, d));
  if (hits.length === 0) return 0;
  const susp = coveredChars(c.suspOffset, c.suspLength, hits.map((d) => [d.suspOffset, d.suspLength]));
  const src = coveredChars(c.srcOffset, c.srcLength, hits.map((d) => [d.srcOffset, d.srcLength]));
  return (susp + src) / (c.suspLength + c.srcLength);
}

/** The evaluator reads annotations into sets: identical ones count once. */
function distinct(annotations: readonly PanAnnotation[]): PanAnnotation[] {
  const seen = new Map<string, PanAnnotation>();
  for (const x of annotations) {
    seen.set([x.susp, x.suspOffset, x.suspLength, x.src, x.srcOffset, x.srcLength].join('\u0000'), x);
  }
  return [...seen.values()];
}

function bySuspicious(annotations: readonly PanAnnotation[]): Map<string, PanAnnotation[]> {
  const index = new Map<string, PanAnnotation[]>();
  for (const x of annotations) {
    const list = index.get(x.susp);
    if (list) list.push(x);
    else index.set(x.susp, [x]);
  }
  return index;
}

/** Mean over cases of caseRecall; 1 when there is nothing to find and nothing found. */
export function macroRecall(cases: readonly PanAnnotation[], detections: readonly PanAnnotation[]): number {
  const cs = distinct(cases);
  const ds = distinct(detections);
  if (cs.length === 0 && ds.length === 0) return 1;
  if (cs.length === 0 || ds.length === 0) return 0;
  const index = bySuspicious(ds);
  const total = cs.reduce((sum, c) => sum + caseRecall(c, index.get(c.susp) ?? []), 0);
  return total / cs.length;
}

/** Mean over detections of the share of their characters inside cases. */
export function macroPrecision(cases: readonly PanAnnotation[], detections: readonly PanAnnotation[]): number {
  return macroRecall(detections, cases);
}

/** Mean number of detections overlapping each detected case; 1 when nothing was detected. */
export function granularity(cases: readonly PanAnnotation[], detections: readonly PanAnnotation[]): number {
  const index = bySuspicious(distinct(detections));
  let detected = 0;
  let hits = 0;
  for (const c of distinct(cases)) {
    const n = (index.get(c.susp) ?? []).filter((d) => isOverlapping(c, d)).length;
    if (n > 0) detected++;
    hits += n;
  }
  return detected === 0 ? 1 : hits / detected;
}

/** F1 of precision and recall, discounted by log2(1 + granularity). */
export function plagdetScore(recall: number, precision: number, gran: number): number {
  if ((recall === 0 && precision === 0) || recall < 0 || precision < 0 || gran < 1) return 0;
  return (2 * recall * precision) / (recall + precision) / Math.log2(1 + gran);
}

export function plagdet(cases: readonly PanAnnotation[], detections: readonly PanAnnotation[]): PlagdetScores {
  const recall = macroRecall(cases, detections);
  const precision = macroPrecision(cases, detections);
  const gran = granularity(cases, detections);
  return { precision, recall, granularity: gran, plagdet: plagdetScore(recall, precision, gran) };
}
