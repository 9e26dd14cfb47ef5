/**
 * Scan speed on one core: a store of N documents (default 2,000) — pieces of the State of the Union addresses
 * shipped in npm, with a trimmed copy of every tenth and an extract of every twentieth, so that clusters form —
 * indexed, then scanned in this process. Prints documents per second, pairs compared and clusters.
 * Run alone: npx tsx bench/scan-bench.ts [--documents N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { indexCorpus } from '../src/corpus/index-corpus.js';
import { scan } from '../src/corpus/scan.js';
import type { ReadEvent, SourceDocument } from '../src/corpus/types.js';
import { loadLexicon } from '../src/lexicon/index.js';
import { openStore } from '../src/store/store.js';
import { naturalPieces } from './corpus-data.js';

const DEFAULT_DOCUMENTS = 2000;

/** The pieces, and after every tenth a copy without its first sentence, after every twentieth its middle third. */
function corpus(documents: number): SourceDocument[] {
  const docs: SourceDocument[] = [];
  for (const [i, piece] of naturalPieces().entries()) {
    if (docs.length >= documents) break;
    docs.push({ id: piece.id, text: piece.text });
    if (i % 10 === 0) docs.push({ id: `${piece.id}/trimmed`, text: piece.sentences.slice(1).join(' ') });
    if (i % 20 === 0) {
      const third = Math.max(1, Math.floor(piece.sentences.length / 3));
      docs.push({ id: `${piece.id}/extract`, text: piece.sentences.slice(third, 2 * third).join(' ') });
    }
  }
  return docs.slice(0, documents);
}

async function* events(docs: readonly SourceDocument[]): AsyncGenerator<ReadEvent> {
  for (const document of docs) yield { kind: 'document', document };
}

export async function runScanBench(documents = DEFAULT_DOCUMENTS): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'unspin-scan-bench-'));
  try {
    const store = openStore(join(dir, 'scan.db'));
    await indexCorpus(store, events(corpus(documents)));
    const lexicon = loadLexicon();
    const started = performance.now();
    const result = await scan(store, { lexicon });
    const seconds = (performance.now() - started) / 1000;
    const n = await store.documentCount();
    await store.close();
    const figures = { documents: n, seconds: Math.round(seconds * 10) / 10, documentsPerSecond: Math.round((n / seconds) * 10) / 10, compared: result.compared, clusters: result.clusters.length };
    console.log(`scan: ${n} documents in ${figures.seconds} s (${figures.documentsPerSecond} documents/s on one core), ${figures.compared} pairs compared, ${figures.clusters} clusters`);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--documents');
  console.log(JSON.stringify(await runScanBench(at >= 0 ? Number(process.argv[at + 1]) : DEFAULT_DOCUMENTS)));
}
