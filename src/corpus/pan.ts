import { basename } from 'node:path';
import { UnspinError } from '../errors.js';
import { readTextFile } from './read-text.js';

/**
 * PAN text-alignment files (PAN 2012–2015 layout): a pairs list, and one XML per pair of
 * `<feature>` annotations. Offsets and lengths count characters of the file decoded as UTF-8:
 * JavaScript string indices, the same as PAN's character offsets except for the rare characters
 * outside the Basic Multilingual Plane (and the same as bytes in ASCII files).
 */

export interface PanPair {
  /** File names, as written in the pairs file (e.g. "suspicious-document00013.txt"). */
  readonly susp: string;
  readonly src: string;
}

/** One plagiarism case or detection: a stretch of the suspicious document and its source stretch. */
export interface PanAnnotation {
  readonly susp: string;
  readonly suspOffset: number;
  readonly suspLength: number;
  readonly src: string;
  readonly srcOffset: number;
  readonly srcLength: number;
}

/** Parses a pairs list: one "suspicious-name source-name" per line; blank lines are skipped. */
export function parsePanPairs(text: string, where = 'pairs'): PanPair[] {
  const pairs: PanPair[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const fields = line.trim().split(/\s+/);
    if (fields[0] === '') return;
    const [susp, src] = fields;
    if (fields.length !== 2 || susp === undefined || src === undefined) {
      throw new UnspinError('E_BAD_FORMAT', `${where}:${i + 1}: expected "suspicious-file source-file", got "${line.trim()}"`);
    }
    pairs.push({ susp, src });
  });
  return pairs;
}

/** Reads a pairs file; see parsePanPairs. */
export function readPanPairs(path: string): PanPair[] {
  return parsePanPairs(readTextFile(path), path);
}

function stem(name: string): string {
  return basename(name).replace(/\.txt$/i, '');
}

/** The detection file name PAN expects for a pair: "<susp>-<src>.xml", names without ".txt". */
export function panDetectionFileName(pair: PanPair): string {
  return `${stem(pair.susp)}-${stem(pair.src)}.xml`;
}

function xmlAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The detection XML of one pair: one `detected-plagiarism` feature per detection. */
export function panDetectionXml(pair: PanPair, detections: readonly PanAnnotation[]): string {
  const features = detections.map(
    (d) =>
      `<feature name="detected-plagiarism" this_offset="${d.suspOffset}" this_length="${d.suspLength}"` +
      ` source_reference="${xmlAttr(d.src)}" source_offset="${d.srcOffset}" source_length="${d.srcLength}"/>\n`,
  );
  return `<document reference="${xmlAttr(pair.susp)}">\n${features.join('')}</document>\n`;
}

function unescapeXml(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attrs.set(m[1] ?? '', unescapeXml(m[2] ?? m[3] ?? ''));
  }
  return attrs;
}

function intAttr(attrs: Map<string, string>, name: string, where: string): number {
  const value = Number(attrs.get(name));
  if (!Number.isInteger(value) || value < 0) throw new UnspinError('E_BAD_FORMAT', `${where}: feature without a valid ${name}`);
  return value;
}

/**
 * Reads the annotations named `featureName` ("plagiarism" for cases, "detected-plagiarism"
 * for detections) from one PAN XML document.
 */
export function parsePanXml(xml: string, featureName: string, where = 'PAN XML'): PanAnnotation[] {
  const document = /<document\b([^>]*)>/.exec(xml);
  const susp = document ? attributes(document[1] ?? '').get('reference') : undefined;
  if (susp === undefined) throw new UnspinError('E_BAD_FORMAT', `${where}: no <document reference="...">`);
  const found: PanAnnotation[] = [];
  for (const m of xml.matchAll(/<feature\b([^>]*?)\/?>/g)) {
    const attrs = attributes(m[1] ?? '');
    if (attrs.get('name') !== featureName) continue;
    found.push({
      susp,
      suspOffset: intAttr(attrs, 'this_offset', where),
      suspLength: intAttr(attrs, 'this_length', where),
      src: attrs.get('source_reference') ?? '',
      srcOffset: intAttr(attrs, 'source_offset', where),
      srcLength: intAttr(attrs, 'source_length', where),
    });
  }
  return found;
}

/** Reads a PAN XML file; see parsePanXml. */
export function readPanXml(path: string, featureName: string): PanAnnotation[] {
  return parsePanXml(readTextFile(path), featureName, path);
}
