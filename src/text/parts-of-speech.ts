import { createRequire } from 'node:module';
import type winkNLPType from 'wink-nlp';
import type { ItemToken } from 'wink-nlp';
import type { Token } from './types.js';

/** Universal Dependencies tags, as wink's tagger gives them ("NOUN", "VERB", "ADJ", "PROPN", ...). */
export type PartOfSpeech = string;

let nlp: ReturnType<typeof winkNLPType> | undefined;

/** Loaded on first use: the tagger's model takes about 80 ms to read, which commands without spin forensics need not pay. */
function tagger(): ReturnType<typeof winkNLPType> {
  const require = createRequire(import.meta.url);
  const winkNLP = require('wink-nlp') as typeof winkNLPType;
  return winkNLP(require('wink-eng-lite-web-model'), ['pos']);
}

/**
 * The part of speech of every token, from wink-nlp's English tagger run over the original text; undefined
 * for a token the tagger split differently. Token i of the result belongs to tokens[i].
 */
export function partsOfSpeech(original: string, tokens: readonly Token[]): Array<PartOfSpeech | undefined> {
  nlp ??= tagger();
  const its = nlp.its;
  const doc = nlp.readDoc(original);
  const byStart = new Map<number, PartOfSpeech>();
  let cursor = 0;
  doc.tokens().each((t: ItemToken) => {
    const text = t.out();
    const at = original.indexOf(text, cursor);
    if (at < 0) return;
    byStart.set(at, t.out(its.pos));
    cursor = at + text.length;
  });
  return tokens.map((t) => byStart.get(t.span[0]));
}
