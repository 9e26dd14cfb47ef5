/**
 * Accuracy on the development halves of the public data sets in ../shared/data (absent in a user's
 * clone: each part then says it skipped). Held-out halves are measured separately.
 */
import { evalCorpus } from './eval-corpus.js';
import { evalPan } from './eval-pan.js';
import { evalParaphrase } from './eval-paraphrase.js';
import { evalSeeds } from './eval-seeds.js';
import { evalSpin } from './eval-spin.js';

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
console.log(JSON.stringify({ pan, paraphrase, seeds, spin, corpus, seconds: Math.round((performance.now() - started) / 100) / 10 }));
