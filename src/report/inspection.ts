import pc from 'picocolors';
import { percent } from '../judge/explain.js';
import type { Inspection, Restoration } from '../spin/types.js';

export interface InspectionView {
  readonly color: boolean;
}

/** Control characters in the input could drive the terminal. */
function sanitize(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ' ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The text with each finding marked and its suggested original beside it, then the evidence, numbered. */
export function renderInspection(text: string, inspection: Inspection, view: InspectionView): string {
  const c = pc.createColors(view.color);
  let body = '';
  let at = 0;
  inspection.findings.forEach((f, i) => {
    body += sanitize(text.slice(at, f.start));
    body += view.color
      ? `${c.red(c.strikethrough(sanitize(f.text)))} ${c.green(`→ ${f.suggestion}`)}${c.dim(`[${i + 1}]`)}`
      : `[[${sanitize(f.text)} → ${f.suggestion}]][${i + 1}]`;
    at = f.end;
  });
  body += sanitize(text.slice(at));
  const words = text.split(/\s+/).filter(Boolean).length;
  const lines = [
    body.trimEnd(),
    '',
    c.bold(
      inspection.spun
        ? `Spun: yes, the text reads as a spinner's output (${percent(inspection.spunProbability)} likely): many of its words read far less likely than a synonym would.`
        : `Spun: no (${percent(inspection.spunProbability)} likely to be a spinner's output).`,
    ),
    ...(inspection.listField === undefined ? [] : [listFieldLine(inspection.listField)]),
    c.bold(
      `Spin score ${inspection.spinScore.toFixed(2)}: ${plural(inspection.findings.length, 'suspect phrase')} in ${plural(words, 'word')}` +
        (inspection.findings.length === 0 ? ' (no spinner fingerprints found).' : '.'),
    ),
    ...inspection.findings.map(
      (f, i) => `${c.dim(`[${i + 1}]`)} "${sanitize(f.text)}" → "${f.suggestion}" (${percent(f.confidence)}): ${f.evidence}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** How much the imported lists weigh on this text: their word swaps are a spinner's only in the field they came from. */
function listFieldLine(listField: number): string {
  return listField >= 0.5
    ? `The text reads as of the field the spin list came from (${percent(listField)} likely): the list's word swaps weigh in full.`
    : `The text reads as of another field than the spin list's (${percent(listField)} likely of the list's): ` +
        "the list's exact phrases still count, its word swaps weigh less.";
}

/** One line per change, for stderr beside the restored text. */
export function renderChanges(restoration: Restoration): string {
  if (restoration.changes.length === 0) return 'unspin: no changes: nothing looked spun\n';
  const lines = restoration.changes.map((ch) => `  "${sanitize(ch.from)}" → "${ch.to}" (${percent(ch.confidence)}): ${ch.evidence}`);
  return `unspin: ${plural(restoration.changes.length, 'change')}:\n${lines.join('\n')}\n`;
}
