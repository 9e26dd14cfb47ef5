/**
 * Sentence-paraphrase accuracy on the development halves in ../shared/data/paraphrase.
 * These files trained the shipped model, so their accuracy flatters it; the honest estimate is the
 * cross-validated accuracy the training script recorded in the model file, printed beside it.
 *
 *   npx tsx bench/eval-paraphrase.ts
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readPairTable } from '../src/cli/pairs.js';
import { commonStyle, examinePair, judgeEvidence, loadParaphraseModel } from '../src/judge/paraphrase.js';
import { loadLexicon } from '../src/lexicon/index.js';
import { analyze } from '../src/text/analyze.js';
import { SHARED_DIR, sharedPath } from './shared-data.js';

const DATA_DIR = pathToFileURL(`${SHARED_DIR}data/paraphrase/`);
const FILES: Record<string, string> = { 'pan-para': 'pan-para-train.tsv', mrpc: 'mrpc-train.tsv', paws: 'paws-dev.tsv' };
// The quality bars of the design brief (held-out accuracy).
const TARGETS: Record<string, number> = { 'pan-para': 0.935, mrpc: 0.805 };

const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;

/** Accuracy of the paraphrase decision per dev file, judged the way `unspin pairs` judges a file. */
function devAccuracy(file: string): { pairs: number; accuracy: number; seconds: number } {
  const lexicon = loadLexicon();
  const model = loadParaphraseModel();
  const rows = readPairTable(fileURLToPath(new URL(file, DATA_DIR)));
  const start = performance.now();
  const evidence = rows.map((r) => examinePair(analyze(r.a, lexicon), analyze(r.b, lexicon), lexicon, model));
  const style = commonStyle(evidence);
  const right = evidence.filter((e, i) => (judgeEvidence(e, model, style).paraphrase ? 1 : 0) === rows[i]?.label).length;
  return { pairs: rows.length, accuracy: right / rows.length, seconds: (performance.now() - start) / 1000 };
}

export async function evalParaphrase(): Promise<Record<string, number> | undefined> {
  console.log('Sentence paraphrase, dev halves');
  if (!sharedPath('data/paraphrase')) return undefined;
  const cv = loadParaphraseModel().crossValidation;
  const results: Record<string, number> = {};
  console.log('paraphrase      pairs   CV accuracy (honest)   target   dev accuracy (training data)   pairs/s');
  for (const [name, file] of Object.entries(FILES)) {
    const dev = devAccuracy(file);
    const fold = cv[name];
    results[`${name}.dev`] = dev.accuracy;
    if (fold) results[`${name}.cv`] = fold.mean;
    const cvText = fold ? `${pct(fold.mean)} ± ${pct(fold.spread)}` : 'not recorded';
    const target = TARGETS[name] !== undefined ? pct(TARGETS[name]) : '—';
    console.log(
      `${name.padEnd(12)} ${String(dev.pairs).padStart(6)}   ${cvText.padEnd(20)}   ${target.padStart(6)}   ${pct(dev.accuracy).padStart(28)}   ${Math.round(dev.pairs / dev.seconds)}`,
    );
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await evalParaphrase();
