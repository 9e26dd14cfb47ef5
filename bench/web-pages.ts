/**
 * Labelled real web pages: the label tables (addresses and labels, never text) and the excerpts a developer
 * gathered into a scratch folder (see ../shared/data/README.md, "Real web pages").
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One labelled page: `cluster` is a letter or tag shared by pages derived from one text, or undefined for a singleton. */
export interface LabelledPage {
  readonly id: string;
  readonly cluster: string | undefined;
  /** `original`, `verbatim`, `partial`, `paraphrase`, `spun`, `independent report of X`, `distractor: ...` (with notes). */
  readonly kind: string;
  readonly address: string;
  readonly title: string;
}

/** A labelled page whose excerpt is present. */
export interface WebPage extends LabelledPage {
  readonly text: string;
  /** The story (event) it reports: its cluster, or for a singleton the cluster its kind names, else its own id. */
  readonly story: string;
}

/** Rows of the markdown table `| id | cluster | kind | address | title |` (other tables in the file are ignored). */
export function readLabels(path: string): LabelledPage[] {
  const pages: LabelledPage[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 7) continue;
    const [, id, cluster, kind, address, title] = cells as [string, string, string, string, string, string];
    if (!/^\d+$/.test(id) || !/^https?:/.test(address)) continue;
    pages.push({ id, cluster: cluster === 'singleton' ? undefined : cluster, kind, address, title });
  }
  return pages;
}

/**
 * Rows of the spin-evaluation table `| id | label | group | address | title |` (bench/web-pages/spin.md): the label
 * becomes the kind, and the group (`-` for none) the cluster.
 */
export function readSpinLabels(path: string): LabelledPage[] {
  return readLabels(path).map((row) => ({ ...row, kind: row.cluster ?? '', cluster: row.kind === '-' ? undefined : row.kind }));
}

/** A page labelled as a synonym spinner's output (a spun copy, or a distractor that is one). */
export const isSpunPage = (page: LabelledPage): boolean => /^spun\b|^distractor: spun\b/.test(page.kind);

/** A page that is neither spun nor reworded (an original, a scrape, an extract, an independent report). */
export const isOrdinaryPage = (page: LabelledPage): boolean => !isSpunPage(page) && !/paraphrase|translat/.test(page.kind);

/** Cluster tags a singleton's kind names ("independent report of B2, B3 and B4 (Reuters)" → B2, B3, B4). */
function reportedClusters(kind: string): string[] {
  const named = /independent report of ([^(]*)/.exec(kind)?.[1] ?? '';
  return named.match(/\b[A-Z]{1,2}\d{0,3}\b/g) ?? [];
}

/**
 * The labelled pages whose excerpt `NN.txt` is in the folder, each with its story: clusters named together by an
 * independent report are one event, and a page that names none is a story of its own.
 */
export function readPages(labels: readonly LabelledPage[], folder: string): WebPage[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    const p = parent.get(x) ?? x;
    if (p === x) return x;
    const root = find(p);
    parent.set(x, root);
    return root;
  };
  const tags = (page: LabelledPage): string[] => (page.cluster ? [page.cluster] : reportedClusters(page.kind));
  for (const page of labels) {
    const [first, ...rest] = tags(page);
    for (const t of rest) if (first && find(t) !== find(first)) parent.set(find(t), find(first));
  }
  return labels.flatMap((page) => {
    const file = join(folder, `${page.id}.txt`);
    const tag = tags(page)[0];
    return existsSync(file) ? [{ ...page, text: readFileSync(file, 'utf8'), story: tag ? find(tag) : `page ${page.id}` }] : [];
  });
}

/** Pairwise "same cluster" precision and recall of a clustering, over every pair of pages (`joined`: put in one cluster). */
export function pairwiseScore<P extends WebPage>(pages: readonly P[], joined: (x: P, y: P) => boolean): { precision: number; recall: number; truePairs: number; predictedPairs: number } {
  let tp = 0;
  let predicted = 0;
  let actual = 0;
  for (let i = 0; i < pages.length; i++) {
    for (let j = i + 1; j < pages.length; j++) {
      const x = pages[i] as P;
      const y = pages[j] as P;
      const same = x.cluster !== undefined && x.cluster === y.cluster;
      const together = joined(x, y);
      if (same) actual++;
      if (together) predicted++;
      if (same && together) tp++;
    }
  }
  return { precision: predicted > 0 ? tp / predicted : 1, recall: actual > 0 ? tp / actual : 1, truePairs: actual, predictedPairs: predicted };
}

/** The folder of excerpts named by a `--flag DIR` argument or an environment variable, when it exists. */
export function excerptFolder(flag: string, variable: string): string | undefined {
  const at = process.argv.indexOf(flag);
  const folder = at >= 0 ? process.argv[at + 1] : process.env[variable];
  return folder && existsSync(folder) ? folder : undefined;
}

/**
 * The fresh pages (bench/web-pages/fresh.md; excerpts in `--web-fresh DIR` or UNSPIN_WEB_FRESH): labelled after the
 * shipped model was fitted, and never trained on, so they measure it out of sample.
 */
export function freshSet(): { readonly name: string; readonly labels: string; readonly folder: string | undefined } {
  return { name: 'fresh', labels: fileURLToPath(new URL('./web-pages/fresh.md', import.meta.url)), folder: excerptFolder('--web-fresh', 'UNSPIN_WEB_FRESH') };
}
