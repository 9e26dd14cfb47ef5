/**
 * A broad, sense-blind thesaurus read backwards: for a written word or phrase, the single words a spinner may have
 * replaced with it ("point out" → "state", "condition" → "state", "advised" → "told"). From the Moby Thesaurus II
 * (public domain), built into models/thesaurus by scripts/build-thesaurus.ts; read on first use, once.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { UnspinError } from '../errors.js';

export const THESAURUS_FORMAT = 'unspin-thesaurus/1';
export const THESAURUS_PATH = new URL('../../models/thesaurus/moby.tsv.gz', import.meta.url);

export interface Thesaurus {
  /** The single words the thesaurus links with a unit (lower-case, lemma form, space-separated), most frequent first. */
  originals(unit: string): readonly string[];
}

class MobyThesaurus implements Thesaurus {
  /** Each unit's words as stored, split on first use. */
  private readonly raw = new Map<string, string>();
  private readonly split = new Map<string, readonly string[]>();

  constructor(text: string) {
    const lines = text.split('\n');
    if (lines[0] !== `# ${THESAURUS_FORMAT}`) throw new UnspinError('E_INTERNAL', `${THESAURUS_PATH.pathname} is not a ${THESAURUS_FORMAT} file; run scripts/build-thesaurus.ts`);
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] ?? '';
      const tab = line.indexOf('\t');
      if (tab > 0) this.raw.set(line.slice(0, tab), line.slice(tab + 1));
    }
  }

  originals(unit: string): readonly string[] {
    let words = this.split.get(unit);
    if (!words) {
      words = this.raw.get(unit)?.split(' ') ?? [];
      this.split.set(unit, words);
    }
    return words;
  }
}

let cached: Thesaurus | undefined;

export function loadThesaurus(): Thesaurus {
  if (cached) return cached;
  let text: string;
  try {
    text = gunzipSync(readFileSync(THESAURUS_PATH)).toString('utf8');
  } catch (error) {
    throw new UnspinError('E_INTERNAL', `cannot read the thesaurus ${THESAURUS_PATH.pathname}; run scripts/build-thesaurus.ts`, { cause: error });
  }
  cached = new MobyThesaurus(text);
  return cached;
}
