import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { compare } from '../src/compare.js';
import { readTextFile } from '../src/corpus/read-text.js';
import { coverage } from '../src/report/describe.js';
import { sharedPath } from './shared-data.js';

/** The verdict on the two seed documents (two rewritten copies of one news article). */
export async function evalSeeds(): Promise<Record<string, number | string | boolean> | undefined> {
  console.log('Seeds: two rewritten copies of one news article');
  const dir = sharedPath('seeds');
  if (!dir) return undefined;
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  const [fa, fb] = files;
  if (!fa || !fb) return undefined;
  const a = { name: fa, text: readTextFile(`${dir}/${fa}`) };
  const b = { name: fb, text: readTextFile(`${dir}/${fb}`) };
  const started = performance.now();
  const c = compare(a, b);
  const ms = performance.now() - started;
  const result = {
    relation: c.relation,
    derived: c.derived,
    direction: c.direction,
    similarity: c.similarity,
    passages: c.passages.length,
    coverageA: Math.round(coverage(c.passages.map((p) => p.a), a.text.length) * 1000) / 1000,
    coverageB: Math.round(coverage(c.passages.map((p) => p.b), b.text.length) * 1000) / 1000,
    substitutions: c.substitutions.length,
    ms: Math.round(ms),
  };
  console.log(`  ${fa} vs ${fb}`);
  console.log(`  relation ${result.relation}, derived ${result.derived}, direction ${result.direction}, similarity ${result.similarity}`);
  console.log(`  passages ${result.passages}, characters covered: A ${result.coverageA}, B ${result.coverageB}; ${result.substitutions} substitutions; ${result.ms} ms`);
  console.log(`  ${c.explanation}`);
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await evalSeeds();
