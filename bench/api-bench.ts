/**
 * API load benchmark: `unspin serve` in a child process on loopback, then
 * - POST /api/compare of two ~1,000-word texts (the demo's original and spun copy) from 8 concurrent clients
 *   for 10 s (autocannon): latency p50 / p99 (targets ≤ 150 ms / ≤ 400 ms);
 * - 1,000 malformed or oversized requests in a row: all must be 4xx, the server must answer afterwards, and its
 *   memory must come back to its baseline.
 * - a 10,000-word pair and the first page load of the web app (bench/web-bench.ts).
 * Needs `npm run build` first. Prints a table and one JSON line. Run alone: npx tsx bench/api-bench.ts
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { buildDemoSet } from '../src/demo/demo-set.js';
import { loadLexicon } from '../src/lexicon/index.js';
import { longPair, pageLoad } from './web-bench.js';

const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

/** A request that announces a body over the 20 MB limit and sends none: the server must answer 413 at once. */
function oversized(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/compare`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': 25 * 1024 * 1024 } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', reject);
    req.flushHeaders();
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

export async function apiBench(): Promise<Record<string, number | boolean>> {
  const dir = mkdtempSync(join(tmpdir(), 'unspin-api-bench-'));
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--rate-limit', '1000000', '--db', join(dir, 'api.db')], { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const m = /serving (http:\/\/\S+)/.exec(stderr);
        if (m?.[1]) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`unspin serve exited with ${code}: ${stderr}`)));
    });
    const set = buildDemoSet(loadLexicon(), 1);
    const body = JSON.stringify({ a: set.original.document.text, b: set.spun.document.text });
    const post = (b: string) => fetch(`${url}/api/compare`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: b });
    for (let i = 0; i < 3; i++) await post(body); // warm: lexicon, models, JIT

    const load = await autocannon({ url: `${url}/api/compare`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: 8, duration: 10 });

    const long = await longPair(url);
    const page = await pageLoad(url);

    const baseline = rssMb(child.pid as number);
    const bad = ['{"a": ', '{"a": 5, "b": "x"}', '{"a": "x"}', '[]', 'null'];
    let fourXX = 0;
    for (let i = 0; i < 1000; i++) {
      let status: number;
      if (i % 6 === 5) status = await oversized(url);
      else {
        const r = await post(bad[i % 6] as string);
        await r.arrayBuffer();
        status = r.status;
      }
      if (status >= 400 && status < 500) fourXX++;
    }
    const afterwards = (await fetch(`${url}/api/stats`)).status;
    const stillAnswers = afterwards < 500;
    await new Promise((r) => setTimeout(r, 2000));
    const after = rssMb(child.pid as number);
    const result = {
      compareP50Ms: load.latency.p50,
      compareP99Ms: load.latency.p99,
      compareRequestsPerS: load.requests.average,
      errors: load.errors + load.non2xx,
      malformed: 1000,
      malformed4xx: fourXX,
      stillAnswers,
      longPairWords: long.words,
      longCompareMs: long.compareMs,
      longInspectMs: long.inspectMs,
      ...(page ? { pageScriptAndStyleKb: Math.round(page.scriptAndStyleBytes / 1024), pageInteractiveMs: page.interactiveMs } : {}),
      rssBaselineMb: Math.round(baseline),
      rssAfterMb: Math.round(after),
    };
    console.log('API (unspin serve on loopback)');
    console.log(`  POST /api/compare, two ~1,000-word texts, 8 clients, 10 s: p50 ${result.compareP50Ms} ms, p99 ${result.compareP99Ms} ms (targets ≤ 150 / ≤ 400), ${result.compareRequestsPerS} req/s, ${result.errors} errors`);
    console.log(`  a ${long.words}-word spun pair, one request at a time: compare ${long.compareMs} ms, inspect (the copy) ${long.inspectMs} ms`);
    if (page) console.log(`  first page load: ${result.pageScriptAndStyleKb} KB of JavaScript and CSS (target ≤ 300), interactive after ${page.interactiveMs} ms (target < 1,000; median of 5 cold loads)`);
    console.log(`  1,000 malformed or oversized requests: ${fourXX} answered 4xx; answers afterwards: ${stillAnswers} (${afterwards}); RSS ${result.rssBaselineMb} MB before, ${result.rssAfterMb} MB after`);
    console.log(JSON.stringify(result));
    return result;
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await apiBench();
