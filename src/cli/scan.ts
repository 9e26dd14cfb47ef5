import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { indexCorpus } from '../corpus/index-corpus.js';
import { readInputs } from '../corpus/readers.js';
import { scan } from '../corpus/scan.js';
import { verify } from '../corpus/search.js';
import type { ClusterMember, ReadEvent, ScanResult, StoredDocument } from '../corpus/types.js';
import type { Comparison } from '../judge/types.js';
import { percent } from '../judge/explain.js';
import { loadLexicon } from '../lexicon/index.js';
import { renderHtml } from '../report/html.js';
import { renderScanHtml, type DocumentFacts } from '../report/scan-html.js';
import type { CorpusStore } from '../store/corpus-store.js';
import { openCorpusStore, type StoreChoice } from '../store/open.js';
import { writeReport } from './compare.js';
import { describeSkips, EXIT_SKIPPED, parseCount } from './corpus-input.js';
import { progress } from './progress.js';
import { action } from './run.js';
import { clusterAddress, following } from './cluster-work.js';
import { storeOptions } from './store-option.js';

interface ScanFlags extends StoreChoice {
  readonly queue?: boolean;
  readonly json?: boolean;
  readonly html?: string;
  readonly reference?: string[];
  readonly candidates: number;
}

function describe(result: ScanResult): string {
  const learned = result.spinPairsLearned > 0 ? `; the spin lexicon learned ${result.spinPairsLearned} new word swap${result.spinPairsLearned === 1 ? '' : 's'}` : '';
  if (result.clusters.length === 0) return `no clusters: no two documents were found derived from one another (${result.compared} pairs compared${learned})\n`;
  const lines = [`${result.clusters.length} cluster${result.clusters.length === 1 ? '' : 's'} (${result.compared} pairs compared${learned})`];
  for (const c of result.clusters) {
    lines.push('', `original: ${c.original}  (${c.reason})`);
    for (const m of c.members) lines.push(`  ${m.id}  ${m.relation}, ${percent(m.similarity)} shared${m.path.length > 0 ? `, reached through ${m.path.join(' → ')}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Indexes the reference paths and returns their ids. */
async function indexReference(store: CorpusStore, paths: readonly string[]): Promise<Set<string>> {
  const ids = new Set<string>();
  async function* recording(): AsyncGenerator<ReadEvent> {
    for await (const event of readInputs(paths)) {
      if (event.kind === 'document') ids.add(event.document.id);
      yield event;
    }
  }
  const summary = await indexCorpus(store, recording());
  process.stderr.write(`unspin: reference set: ${ids.size} documents (${summary.indexed} newly indexed)\n${describeSkips(summary.skipped)}`);
  if (summary.skipped.length > 0) process.exitCode = EXIT_SKIPPED;
  return ids;
}

/** A derived pair's two documents (in the order they were aligned) and their comparison: one pair view. */
interface PairView {
  readonly a: StoredDocument;
  readonly b: StoredDocument;
  readonly comparison: Comparison;
}
/** The pair view of a cluster's original and one of its members, where they were found derived. */
type PairViewOf = (original: string, member: string) => Promise<PairView | undefined>;

const pairKey = (x: string, y: string): string => (x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`);

/** The cluster report and, in a folder beside it, one pair view per member. */
async function writeHtml(path: string, result: ScanResult, store: CorpusStore, viewOf: PairViewOf): Promise<string> {
  const folderName = `${basename(path).replace(/\.html?$/i, '')}.pairs`;
  const folder = join(dirname(path), folderName);
  mkdirSync(folder, { recursive: true });
  const hrefs = new Map<ClusterMember, string>();
  const facts = new Map<string, DocumentFacts>();
  const bar = progress('pair views', result.clusters.reduce((n, c) => n + c.members.length, 0));
  let n = 0;
  try {
    for (const cluster of result.clusters) {
      const original = await store.document(cluster.original);
      if (original) facts.set(original.id, { ...(original.title ? { title: original.title } : {}), ...(original.url ? { url: original.url } : {}), ...(original.date ? { date: original.date } : {}) });
      for (const member of cluster.members) {
        bar.tick();
        const pair = await viewOf(cluster.original, member.id);
        if (!pair) continue;
        const { a, b, comparison } = pair;
        const file = `${++n}.html`;
        writeReport(join(folder, file), renderHtml({ name: a.id, text: a.text }, { name: b.id, text: b.text }, comparison));
        hrefs.set(member, `${encodeURIComponent(folderName)}/${file}`);
      }
    }
  } finally {
    bar.stop();
  }
  const scanned = `${store.location}, ${await store.documentCount()} documents`;
  return writeReport(path, renderScanHtml(result, { pairHref: (m) => hrefs.get(m), documents: facts, scanned }));
}

/**
 * Pair views made again after a distributed scan, whose comparisons were made by the workers: each member aligned with
 * its original as a scan aligns a pair (in the order of their ids), the view kept where they are found derived.
 */
function comparedAgain(store: CorpusStore): PairViewOf {
  const lexicon = loadLexicon();
  // The members of a cluster come one after another: their original is read once.
  let last: { id: string; document: Promise<StoredDocument | undefined> } | undefined;
  return async (original, member) => {
    if (last?.id !== original) last = { id: original, document: store.document(original) };
    const [x, y] = await Promise.all([last.document, store.document(member)]);
    if (!x || !y) return undefined;
    const [a, b] = x.id <= y.id ? [x, y] : [y, x];
    const comparison = verify(a, b, lexicon);
    return comparison.derived ? { a, b, comparison } : undefined;
  };
}

/** A scan shared out among workers: queued as jobs, followed until they are done. */
async function runQueuedScan(flags: ScanFlags): Promise<void> {
  const address = clusterAddress(flags, '--queue');
  let reference: Set<string> | undefined;
  if (flags.reference !== undefined) {
    // A reference set is indexed by this process, as the embedded scan does: it is the smaller side of the scan.
    const store = await openCorpusStore({ store: address });
    try {
      reference = await indexReference(store, flags.reference);
    } finally {
      await store.close();
    }
  }
  const { submitScan } = await import('../cluster/submit.js');
  const follow = following();
  let result: ScanResult;
  try {
    result = await submitScan(address, { candidates: flags.candidates, ...(reference ? { reference } : {}), ...follow });
  } finally {
    follow.stop();
  }
  if (flags.html !== undefined) {
    const store = await openCorpusStore({ store: address });
    try {
      process.stderr.write(`unspin: HTML report written to ${await writeHtml(flags.html, result, store, comparedAgain(store))}\n`);
    } finally {
      await store.close();
    }
  }
  process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : describe(result));
}

async function runScan(flags: ScanFlags): Promise<void> {
  if (flags.queue) return runQueuedScan(flags);
  // Writable: the scan teaches the store's spin lexicon. Only --reference may start a new store.
  const store = await openCorpusStore(flags, { existing: flags.reference === undefined });
  try {
    const reference = flags.reference ? await indexReference(store, flags.reference) : undefined;
    const lexicon = loadLexicon();
    let bar: ReturnType<typeof progress> | undefined;
    const pairs = new Map<string, PairView>();
    const result = await scan(store, {
      candidates: flags.candidates,
      lexicon,
      ...(reference ? { reference } : {}),
      ...(flags.html !== undefined ? { onDerived: (a, b, comparison) => pairs.set(pairKey(a.id, b.id), { a, b, comparison }) } : {}),
      onProgress: (done, total) => {
        bar ??= progress('scanning', total);
        bar.tick();
      },
    });
    bar?.stop();
    if (flags.html !== undefined) {
      const viewOf: PairViewOf = async (original, member) => pairs.get(pairKey(original, member));
      process.stderr.write(`unspin: HTML report written to ${await writeHtml(flags.html, result, store, viewOf)}\n`);
    }
    process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : describe(result));
  } finally {
    await store.close();
  }
}

export function registerScan(program: Command): void {
  const command = program
    .command('scan')
    .summary('find the clusters of documents derived from one another, and each one\'s original')
    .description(
      'Look through the whole store for documents derived from one another (duplicate, spun, paraphrase, partial): ' +
        "each document's candidates from the fingerprints are aligned with it, and derived pairs are joined into " +
        'clusters. Pages that report the same event independently are judged related, not derived, and are not ' +
        'clustered. Each cluster names its most likely original: the earliest published member when every member has a ' +
        'date, else, among the members that credit no other outlet for their story, the one that says most of what the ' +
        'others say. With ' +
        '--reference, the paths are indexed first and only pairs of one reference document and one other are compared ' +
        "(a publisher's archive against a crawl). The word swaps of every copy found (with its direction known) " +
        "go into the store's spin lexicon, which `inspect --db` and `restore --db` use. --json prints {clusters: " +
        '[{original, reason, members: [{id, relation, similarity, path}]}], compared, spinPairsLearned}; a member\'s ' +
        'relation and similarity are to the original, and `path` lists the members it was first reached through.',
    )
    .option('--json', 'print the clusters as JSON')
    .option('--html <file>', 'also write an HTML report to FILE, with a pair view of each member in FILE.pairs/ beside it (with --queue, made once the workers are done)')
    .option('--reference <path...>', 'files or folders of the reference set (indexed into the store first)')
    .option('--candidates <n>', 'align at most N candidates per document', parseCount, 5)
    .option('--queue', 'share the work out among workers (`unspin worker`) through the Redis Cluster of --store; waits for them to finish')
    .addHelpText('after', '\nExamples:\n  unspin scan --db news.db --html clusters.html\n  unspin scan --db crawl.db --reference archive/ --json\n  unspin scan --store redis://10.0.0.5:7001 --queue --json\n');
  storeOptions(command, 'the store to scan').action(action((flags: ScanFlags) => runScan(flags)));
}
