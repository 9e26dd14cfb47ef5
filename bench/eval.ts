/**
 * Accuracy on the development halves of the public data sets in ../shared/data (absent in a user's
 * clone: each part then says it skipped), and on labelled real web pages whose excerpts a developer gathered
 * (`--web-dev DIR`, `--web-extra DIR`, `--web-spin DIR`, `--science DIR` or UNSPIN_WEB_DEV / UNSPIN_WEB_EXTRA /
 * UNSPIN_WEB_SPIN / UNSPIN_SCIENCE; see bench/eval-web.ts and bench/eval-spin.ts).
 * Held-out halves are measured separately.
 */
import { evalCorpus } from './eval-corpus.js';
import { evalPan } from './eval-pan.js';
import { evalParaphrase } from './eval-paraphrase.js';
import { evalReuse } from './eval-reuse.js';
import { evalSeeds } from './eval-seeds.js';
import { evalSpin } from './eval-spin.js';
import { evalWeb } from './eval-web.js';

const started = performance.now();
const pan = await evalPan();
console.log();
const paraphrase = await evalParaphrase();
console.log();
const seeds = await evalSeeds();
console.log();
const spin = await evalSpin();
console.log();
const corpus = await evalCorpus();
console.log();
const reuse = await evalReuse();
console.log();
const web = await evalWeb();
console.log();
console.log(JSON.stringify({ pan, paraphrase, seeds, spin, corpus, reuse, web, seconds: Math.round((performance.now() - started) / 100) / 10 }));
