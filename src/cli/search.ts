import type { Command } from 'commander';
import { readInputs } from '../corpus/readers.js';
import { search } from '../corpus/search.js';
import type { SearchResult, Skip } from '../corpus/types.js';
import { percent } from '../judge/explain.js';
import { loadLexicon } from '../lexicon/index.js';
import { openCorpusStore, type StoreChoice } from '../store/open.js';
import { describeSkips, EXIT_SKIPPED, parseCount } from './corpus-input.js';
import { countBar } from './progress.js';
import { action } from './run.js';
import { storeOptions } from './store-option.js';

interface SearchFlags extends StoreChoice {
  readonly json?: boolean;
  readonly limit: number;
  readonly candidates: number;
  readonly related?: boolean;
}

const DIRECTION_WORDS = {
  'query-from-match': 'the query was written from it',
  'match-from-query': 'it was written from the query',
  'common-source': 'both come from a common source',
  unknown: 'direction unknown',
} as const;

function describe(result: SearchResult): string {
  if (result.matches.length === 0) return `${result.query}: no copies found\n`;
  const lines = [`${result.query}: ${result.matches.length} match${result.matches.length === 1 ? '' : 'es'}`];
  result.matches.forEach((m, i) => {
    lines.push(`  ${i + 1}. ${m.id}  ${m.relation}, ${percent(m.similarity)} shared, ${m.passages.length} passage${m.passages.length === 1 ? '' : 's'}; ${DIRECTION_WORDS[m.direction]}`);
  });
  return `${lines.join('\n')}\n`;
}

async function runSearch(queries: readonly string[], flags: SearchFlags): Promise<void> {
  const store = await openCorpusStore(flags, { readonly: true });
  const skipped: Skip[] = [];
  try {
    const lexicon = loadLexicon();
    // A store copied without its saved meaning index builds it once, and a Redis store's at every search: minutes at a million documents.
    const catchUp = countBar('meaning index', 'vectors');
    await store.catchUpMeaning((added, total) => catchUp.update(added, total));
    catchUp.stop();
    for await (const event of readInputs(queries)) {
      if (event.kind === 'skip') skipped.push(event.skip);
      if (event.kind === 'warning') process.stderr.write(`unspin: warning: ${event.source}: ${event.detail}\n`);
      if (event.kind !== 'document') continue;
      const result = await search(store, event.document, { limit: flags.limit, candidates: flags.candidates, related: flags.related ?? false, lexicon });
      process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : describe(result));
    }
  } finally {
    await store.close();
  }
  if (skipped.length > 0) {
    process.stderr.write(`unspin: ${describeSkips(skipped)}`);
    process.exitCode = EXIT_SKIPPED;
  }
}

export function registerSearch(program: Command): void {
  const command = program
    .command('search')
    .summary('find the stored copies of a text, however rewritten')
    .description(
      'Find the documents in the store that a query was copied from, or that were copied from it: verbatim, spun, ' +
        'paraphrased or in part. Candidates come from the fingerprints that `unspin index` stored; each is then aligned ' +
        'with the query by the same engine as `unspin compare`, and only derived ones are listed (with --related, also ' +
        'texts on the same event written independently). QUERY is a file, a folder (each file a query) or a JSONL file ' +
        '(each line a query), read like `unspin index` reads them. With --json: one line per query, ' +
        '{query, matches: [{id, relation, derived, similarity, direction, passages}]}, best first; passages give ' +
        'character offsets, `a` in the query and `b` in the match.',
    )
    .argument('<query...>', 'files, folders or JSONL files of queries; - for standard input')
    .option('--json', 'one JSON line per query')
    .option('--limit <n>', 'at most N matches per query', parseCount, 10)
    .option('--candidates <n>', 'align at most N candidates per query (more finds more, slower)', parseCount, 10)
    .option('--related', 'also list documents alignment found related but not derived')
    .addHelpText('after', '\nExamples:\n  unspin search suspicious.html --db news.db\n  unspin search queries.jsonl --store redis://10.0.0.5:6379 --json --limit 3\n');
  storeOptions(command, 'the store to search');
  command.action(action((queries: string[], flags: SearchFlags) => runSearch(queries, flags)));
}
