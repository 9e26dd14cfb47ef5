import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLexicon } from '../../src/lexicon/index.js';
import { CLI, tempFiles, unspin, type CliResult } from '../helpers/cli.js';
import { copiesOf, SOURCE, UNRELATED, UNRELATED_QUERY, type Copies } from '../helpers/corpus-fixtures.js';

/** `unspin ARGS...` in a child process that runs alongside others. */
function unspinAsync(...args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A folder of the source and the unrelated texts, as .txt files. */
function corpusFolder(extra: Record<string, string | Uint8Array> = {}): string {
  const files: Record<string, string | Uint8Array> = { 'source.txt': SOURCE, ...extra };
  UNRELATED.forEach((text, i) => (files[`unrelated-${i}.txt`] = text));
  return tempFiles(files);
}

const json = (r: CliResult): any => JSON.parse(r.stdout);
const lines = (r: CliResult): any[] =>
  r.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
const TEXT_BYTES = [SOURCE, ...UNRELATED].reduce((n, t) => n + Buffer.byteLength(t), 0);

function expectOneLineError(r: CliResult, message: RegExp): void {
  expect(r.status).toBe(1);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe('');
}

let copies: Copies;
beforeAll(() => {
  copies = copiesOf(loadLexicon());
});

describe('unspin index', () => {
  it('indexes a folder, prints the JSON summary, and leaves it unchanged when run again', () => {
    const dir = corpusFolder();
    const db = join(tempFiles({}), 'news.db');
    const first = unspin('index', dir, '--db', db, '--json');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const summary = json(first);
    expect(Object.keys(summary)).toEqual(['indexed', 'unchanged', 'replaced', 'skipped', 'warnings', 'textBytes', 'documents', 'seconds']);
    expect(summary).toMatchObject({ indexed: 11, unchanged: 0, replaced: 0, skipped: [], warnings: [], textBytes: TEXT_BYTES, documents: 11 });
    expect(typeof summary.seconds).toBe('number');

    const again = unspin('index', dir, '--db', db, '--json');
    expect(again.status).toBe(0);
    expect(json(again)).toMatchObject({ indexed: 0, unchanged: 11, replaced: 0, skipped: [], documents: 11 });

    writeFileSync(join(dir, 'source.txt'), `${SOURCE} The meeting starts at seven.`);
    writeFileSync(join(dir, 'knitting.txt'), UNRELATED_QUERY);
    const changed = unspin('index', dir, '--db', db);
    expect(changed.status).toBe(0);
    expect(changed.stdout).toBe('');
    expect(changed.stderr).toMatch(/indexed 1, unchanged 10, replaced 1, skipped 0 .*the store holds 12 documents/);
  });

  it('skips a binary file, an empty file and a broken JSONL line by name, exiting 3', () => {
    const feed = [
      JSON.stringify({ id: 'feed-1', text: UNRELATED[0], title: 'Bees' }),
      '{"id": "feed-2", "text": "unfinished',
      JSON.stringify({ id: 'feed-3', text: UNRELATED[1], date: '2024-02-03' }),
    ].join('\n');
    const dir = tempFiles({
      'good.txt': SOURCE,
      'picture.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3, 0]),
      'empty.txt': '',
      'feed.jsonl': `${feed}\n`,
    });
    const db = join(tempFiles({}), 'news.db');
    const r = unspin('index', dir, '--db', db, '--json');
    expect(r.status).toBe(3);
    const summary = json(r);
    expect(summary).toMatchObject({ indexed: 3, documents: 3 });
    const bySource = Object.fromEntries(summary.skipped.map((s: { source: string }) => [s.source, s]));
    expect(Object.keys(bySource).sort()).toEqual(['empty.txt', 'feed.jsonl:2', 'picture.txt']);
    expect(bySource['picture.txt'].reason).toBe('binary');
    expect(bySource['empty.txt'].reason).toBe('empty');
    expect(bySource['feed.jsonl:2']).toMatchObject({ reason: 'bad-json', detail: expect.stringMatching(/line 2/) });

    // Without --json the skips are listed by name on standard error; the exit status stays 3.
    const text = unspin('index', dir, '--db', db);
    expect(text.status).toBe(3);
    expect(text.stderr).toMatch(/unchanged 3/);
    expect(text.stderr).toMatch(/skipped 3/);
    expect(text.stderr).toMatch(/picture\.txt: binary/);
    expect(text.stderr).toMatch(/empty\.txt: empty/);
    expect(text.stderr).toMatch(/feed\.jsonl:2: bad-json: line 2/);
  });

  it('exits 1 with a usage error for a bad --max-document-size', () => {
    const r = unspin('index', corpusFolder(), '--db', join(tempFiles({}), 'x.db'), '--max-document-size', 'lots');
    expectOneLineError(r, /--max-document-size/);
  });

  it('lets two processes index different folders into one store at the same time', async () => {
    const a = corpusFolder();
    const bFiles: Record<string, string> = { 'knitting.txt': UNRELATED_QUERY, 'spun.txt': copies.spun, 'paraphrase.txt': copies.paraphrase };
    const b = tempFiles(bFiles);
    mkdirSync(join(b, 'more'));
    writeFileSync(join(b, 'more', 'verbatim.txt'), copies.verbatim);
    const db = join(tempFiles({}), 'shared.db');
    const [ra, rb] = await Promise.all([unspinAsync('index', a, '--db', db, '--json'), unspinAsync('index', b, '--db', db, '--json')]);
    expect(ra.stderr).toBe('');
    expect(rb.stderr).toBe('');
    expect(ra.status).toBe(0);
    expect(rb.status).toBe(0);
    expect(json(ra).indexed).toBe(11);
    expect(json(rb).indexed).toBe(4);

    const stats = unspin('stats', '--db', db, '--json');
    expect(stats.status).toBe(0);
    expect(json(stats).documents).toBe(15);
    expect(json(stats).textBytes).toBe(TEXT_BYTES + [UNRELATED_QUERY, copies.spun, copies.paraphrase, copies.verbatim].reduce((n, t) => n + Buffer.byteLength(t), 0));

    expect(json(unspin('index', a, '--db', db, '--json'))).toMatchObject({ indexed: 0, unchanged: 11, replaced: 0, documents: 15 });
    expect(json(unspin('index', b, '--db', db, '--json'))).toMatchObject({ indexed: 0, unchanged: 4, replaced: 0, documents: 15 });
  });
});

describe('unspin search, scan and stats', () => {
  let db: string;
  let queries: string;

  beforeAll(() => {
    db = join(tempFiles({}), 'news.db');
    const r = unspin('index', corpusFolder(), '--db', db, '--json');
    if (r.status !== 0) throw new Error(`index failed: ${r.stderr}`);
    queries = tempFiles({
      'spun.txt': copies.spun,
      'knitting.txt': UNRELATED_QUERY,
      'two.jsonl': [JSON.stringify({ id: 'q-paraphrase', text: copies.paraphrase }), JSON.stringify({ id: 'q-knitting', text: UNRELATED_QUERY })].join('\n'),
    });
  });

  it('prints one JSON line per query, in the documented shape, the source first', () => {
    const file = join(queries, 'spun.txt');
    const r = unspin('search', file, '--db', db, '--json');
    expect(r.status).toBe(0);
    const out = lines(r);
    expect(out).toHaveLength(1);
    expect(Object.keys(out[0])).toEqual(['query', 'matches']);
    expect(out[0].query).toBe(file);
    const [best] = out[0].matches;
    expect(Object.keys(best)).toEqual(['id', 'relation', 'derived', 'similarity', 'direction', 'passages']);
    expect(best).toMatchObject({ id: 'source.txt', derived: true });
    expect(best.passages.length).toBeGreaterThan(0);
    expect(Object.keys(best.passages[0])).toEqual(expect.arrayContaining(['a', 'b']));
  });

  it('answers each query of a JSONL file on its own line, with no match for an unrelated one', () => {
    const r = unspin('search', join(queries, 'two.jsonl'), '--db', db, '--json');
    expect(r.status).toBe(0);
    const out = lines(r);
    expect(out.map((o) => o.query)).toEqual(['q-paraphrase', 'q-knitting']);
    expect(out[0].matches[0]).toMatchObject({ id: 'source.txt', derived: true });
    expect(out[1].matches).toEqual([]);
  });

  it('keeps to --limit, and prints a readable answer without --json', () => {
    const r = unspin('search', join(queries, 'spun.txt'), join(queries, 'knitting.txt'), '--db', db, '--limit', '1');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/spun\.txt: 1 match\n\s+1\. source\.txt/);
    expect(r.stdout).toMatch(/knitting\.txt: no copies found/);
  });

  it('rejects --limit 0 as a usage error', () => {
    expectOneLineError(unspin('search', join(queries, 'spun.txt'), '--db', db, '--limit', '0'), /--limit.*at least 1/);
  });

  it('prints the store counts', () => {
    const r = unspin('stats', '--db', db, '--json');
    expect(r.status).toBe(0);
    const stats = json(r);
    expect(Object.keys(stats)).toEqual(['documents', 'words', 'textBytes', 'postings', 'storeBytes', 'spinPairs', 'indexBytesPerDocument']);
    expect(stats).toMatchObject({ documents: 11, textBytes: TEXT_BYTES, spinPairs: 0 });
    expect(stats.postings).toBeGreaterThan(11 * 24);
    const text = unspin('stats', '--db', db);
    expect(text.stdout).toMatch(/documents\s+11/);
  });

  it.each([
    ['search', (missing: string) => ['search', join(tempFiles({ 'q.txt': SOURCE }), 'q.txt'), '--db', missing]],
    ['stats', (missing: string) => ['stats', '--db', missing]],
    ['scan', (missing: string) => ['scan', '--db', missing]],
  ])('%s on a missing store exits 1 with one line, creating nothing', (_, args) => {
    const missing = join(tempFiles({}), 'nowhere.db');
    expectOneLineError(unspin(...args(missing)), /no store at .*nowhere\.db/);
    expect(existsSync(missing)).toBe(false);
  });

  it('scans the store: one cluster of the source and its copies, as JSON and as HTML', () => {
    const dir = corpusFolder({ 'spun.txt': copies.spun, 'paraphrase.txt': copies.paraphrase, 'verbatim.txt': copies.verbatim });
    const store = join(tempFiles({}), 'scan.db');
    expect(unspin('index', dir, '--db', store).status).toBe(0);
    const out = tempFiles({});
    const html = join(out, 'clusters.html');
    const r = unspin('scan', '--db', store, '--json', '--html', html);
    expect(r.status).toBe(0);
    const result = json(r);
    expect(Object.keys(result)).toEqual(['clusters', 'compared', 'spinPairsLearned']);
    expect(result.compared).toBeGreaterThanOrEqual(3);
    expect(result.clusters).toHaveLength(1);
    const [cluster] = result.clusters;
    expect(Object.keys(cluster)).toEqual(['original', 'reason', 'members']);
    const ids = [cluster.original, ...cluster.members.map((m: { id: string }) => m.id)].sort();
    expect(ids).toEqual(['paraphrase.txt', 'source.txt', 'spun.txt', 'verbatim.txt']);
    for (const m of cluster.members) {
      expect(Object.keys(m)).toEqual(expect.arrayContaining(['id', 'relation', 'similarity', 'path']));
      for (const between of m.path) expect(ids).toContain(between);
    }
    expect(r.stderr).toMatch(/HTML report written to/);
    expect(existsSync(html)).toBe(true);
    expect(readFileSync(html, 'utf8')).toContain('clusters.pairs/1.html');
    for (let i = 1; i <= 3; i++) expect(existsSync(join(out, 'clusters.pairs', `${i}.html`))).toBe(true);
    expect(existsSync(join(out, 'clusters.pairs', '4.html'))).toBe(false);
  });

  it('scans a store of unrelated texts without finding a cluster', () => {
    const r = unspin('scan', '--db', db, '--json');
    expect(r.status).toBe(0);
    expect(json(r).clusters).toEqual([]);
    const text = unspin('scan', '--db', db);
    expect(text.stdout).toMatch(/^no clusters/);
  });
});
