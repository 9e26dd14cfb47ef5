/**
 * Speed benchmarks of whole CLI processes, as a user runs them:
 * `unspin compare` on two ~1,000-word texts (cold and warm), `unspin inspect` on the spun one (the whole
 * process, and the library call once warm) and `unspin pairs` on 3,000 sentence pairs.
 * Needs `npm run build` first. Prints a table and one JSON line.
 * Then the corpus benchmark (bench/corpus-bench.ts): its own table and JSON line; `--scale N` (and `--full`, `--thorough`,
 * `--keep`) are passed through to it, e.g. `npm run bench -- --scale 100000`. Then the scan benchmark (bench/scan-bench.ts, 2,000
 * documents on one core). Then the API load benchmark (bench/api-bench.ts). Last, the scale-out benchmark on a local
 * Redis Cluster (bench/cluster-bench.ts), where redis-server is installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemoSet } from '../src/demo/demo-set.js';
import { inspect } from '../src/spin/detect.js';
import { obfuscate } from '../src/spin/obfuscate.js';
import { seededRandom } from '../src/random.js';
import { lexiconCachePath, loadLexicon } from '../src/lexicon/index.js';
import { apiBench } from './api-bench.js';
import { corpusBenchOptions, runCorpusBench } from './corpus-bench.js';
import { runClusterBench } from './cluster-bench.js';
import { runScanBench } from './scan-bench.js';

const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const WARM_RUNS = 7;
const PAIRS = 3000;

function seconds(args: string[]): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`unspin ${args.join(' ')} failed: ${r.stderr}`);
  return (performance.now() - started) / 1000;
}

/** Asks the kernel to drop the lexicon cache file from memory, so the next run reads it from disk. */
function evictLexicon(): boolean {
  try {
    execFileSync('dd', [`if=${lexiconCachePath()}`, 'iflag=nocache', 'count=0', 'status=none']);
    return true;
  } catch {
    return false;
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const lexicon = loadLexicon();
const set = buildDemoSet(lexicon, 1);
const dir = mkdtempSync(join(tmpdir(), 'unspin-bench-'));
const a = join(dir, 'original.txt');
const b = join(dir, 'spun.txt');
writeFileSync(a, set.original.document.text);
writeFileSync(b, set.spun.document.text);
const words = set.original.document.text.split(/\s+/).length;

const evicted = evictLexicon();
const cold = seconds(['compare', a, b, '--json']);
const warm = median(Array.from({ length: WARM_RUNS }, () => seconds(['compare', a, b, '--json'])));

// inspect: the whole process, and the library call once the lexicon and the models are loaded.
const inspectProcess = median(Array.from({ length: WARM_RUNS }, () => seconds(['inspect', b, '--json'])));
inspect(set.spun.document.text);
const inspectWarm = median(
  Array.from({ length: WARM_RUNS }, () => {
    const started = performance.now();
    inspect(set.spun.document.text);
    return (performance.now() - started) / 1000;
  }),
);

// Sentence pairs: each sentence of the demo texts against a spun copy of itself or a sentence of another text.
const sentences = [set.original, set.unrelated, set.reworded].flatMap((t) => t.document.text.split(/(?<=[.!?])\s+/));
const random = seededRandom(7);
const rows = ['label\ta\tb'];
for (let i = 0; rows.length <= PAIRS; i++) {
  const s = sentences[i % sentences.length] ?? '';
  const other = sentences[Math.floor(random() * sentences.length)] ?? '';
  rows.push(`${i % 2}\t${s}\t${i % 2 ? obfuscate(s, { spin: 0.3, paraphrase: false, seed: i }, lexicon).text : other}`.replace(/\n/g, ' '));
}
const tsv = join(dir, 'pairs.tsv');
writeFileSync(tsv, `${rows.join('\n')}\n`);
const pairs = seconds(['pairs', tsv, '--json']);

const result = { compareWords: words, compareColdS: cold, compareWarmS: warm, coldEvicted: evicted, inspectProcessS: inspectProcess, inspectWarmS: inspectWarm, pairs: PAIRS, pairsS: pairs };
console.log(`unspin compare, two texts of ~${words} words:  cold ${cold.toFixed(2)} s${evicted ? '' : ' (page cache not evicted)'}  (target < 1.5 s)`);
console.log(`                                           warm ${warm.toFixed(2)} s median of ${WARM_RUNS}  (target < 0.5 s)`);
console.log(`unspin inspect, ~${words} words:                 warm ${(inspectWarm * 1000).toFixed(0)} ms in-process (target < 200 ms), ${inspectProcess.toFixed(2)} s whole process`);
console.log(`unspin pairs, ${PAIRS} sentence pairs:          ${pairs.toFixed(2)} s  (target < 30 s)`);
console.log(JSON.stringify(result));

await runCorpusBench(corpusBenchOptions(process.argv.slice(2)));
console.log();
console.log(JSON.stringify(await runScanBench()));
console.log();
await apiBench();
console.log();
// The scale-out benchmark needs Debian's redis-server (apt-get install redis-server) for its local cluster.
if (spawnSync('redis-server', ['--version']).status === 0) console.log(JSON.stringify(await runClusterBench()));
else console.log('Scale-out benchmark skipped: redis-server is not installed (apt-get install redis-server).');
