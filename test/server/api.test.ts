import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../helpers/cli.js';
import { type Server, serve } from '../helpers/serve.js';


const SOURCE =
  'The ferry to the island leaves twice a day in summer, once at dawn and once at noon. In bad weather the captain ' +
  'may cancel both crossings without warning, so travellers should carry a warm coat and a little patience.';
const COPY =
  'The ferry to the island departs two times a day in summer, once at dawn and once at noon. In poor weather the ' +
  'skipper may call off both crossings without notice, so travellers should bring a warm coat and a little patience.';

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: r.status, json: await r.json() };
}

describe('unspin serve: the API', () => {
  let server: Server;
  let api = '';

  beforeAll(async () => {
    server = await serve(['--db', join(tempFiles({}), 'api.db'), '--body-limit', '64KB']);
    api = `${server.url}/api`;
  }, 30_000);

  afterAll(() => {
    server?.child.kill();
  });

  it('says when its engine threads are ready', async () => {
    await expect.poll(() => server.stderr(), { timeout: 20_000 }).toMatch(/unspin: \d+ engine threads ready/);
  });

  it('compares two texts with the JSON of `unspin compare --json`', async () => {
    const r = await post(`${api}/compare`, { a: SOURCE, b: COPY });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ derived: true });
    expect(['spun', 'paraphrase']).toContain(r.json.relation);
    expect(r.json.passages.length).toBeGreaterThan(0);
    expect(r.json.substitutions.length).toBeGreaterThan(0);
  });

  it('gives the HTML report of a comparison as a download, and the main text of a page', async () => {
    const r = await fetch(`${api}/report`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: SOURCE, b: COPY, nameA: 'source.txt', nameB: 'copy.txt' }),
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.headers.get('content-disposition')).toMatch(/^attachment/);
    const html = await r.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('source.txt');
    const page = await post(`${api}/extract`, { html: `<html><head><title>Ferries</title></head><body><nav>Home</nav><article><p>${SOURCE}</p></article></body></html>` });
    expect(page.status).toBe(200);
    expect(page.json).toMatchObject({ title: 'Ferries', text: expect.stringContaining('The ferry to the island') });
    expect(page.json.text).not.toContain('Home');
    expect((await post(`${api}/extract`, { html: '<html><body></body></html>' })).json.error.code).toBe('E_EMPTY_INPUT');
  });

  it('inspects and restores a text', async () => {
    const inspected = await post(`${api}/inspect`, { text: COPY });
    expect(inspected.status).toBe(200);
    expect(inspected.json).toHaveProperty('spinScore');
    expect(Array.isArray(inspected.json.findings)).toBe(true);
    const restored = await post(`${api}/restore`, { text: COPY, with: [SOURCE] });
    expect(restored.status).toBe(200);
    expect(typeof restored.json.text).toBe('string');
    expect(restored.json.changes.length).toBeGreaterThan(0);
  });

  it('indexes documents, gives them back, and finds the copies of a text', async () => {
    expect((await post(`${api}/documents`, { id: 'source', text: SOURCE, date: '2024-01-02' })).json).toMatchObject({ id: 'source', indexed: 1 });
    expect((await post(`${api}/documents`, { id: 'source', text: SOURCE, date: '2024-01-02' })).json).toMatchObject({ unchanged: 1 });
    const page = `<html><head><title>Ferries</title></head><body><nav>Home</nav><article><p>${COPY}</p><p>${COPY}</p></article></body></html>`;
    expect((await post(`${api}/documents`, { id: 'page', html: page })).json).toMatchObject({ id: 'page', indexed: 1 });
    const stored = await (await fetch(`${api}/documents/source`)).json();
    expect(stored).toMatchObject({ id: 'source', text: SOURCE, date: '2024-01-02' });
    const found = await post(`${api}/search`, { text: COPY });
    expect(found.json.matches.map((m: { id: string }) => m.id)).toContain('source');
    const matches = (await (await fetch(`${api}/documents/page/matches`)).json()) as { matches: { id: string }[] };
    expect(matches.matches.map((m) => m.id)).toContain('source');
    expect(await (await fetch(`${api}/stats`)).json()).toMatchObject({ documents: 2 });
    expect((await fetch(`${api}/documents/nothing`)).status).toBe(404);
  });

  it('indexes uploaded files as a job, naming what it skipped', async () => {
    const form = new FormData();
    form.append('a', new Blob([`${JSON.stringify({ id: 'up-1', text: 'The lighthouse keeper retired after thirty years.' })}\n{broken\n`]), 'docs.jsonl');
    form.append('b', new Blob(['Tide tables are posted at the harbour office every Monday.']), '../../etc/notes.txt');
    const started = await fetch(`${api}/documents`, { method: 'POST', body: form });
    expect(started.status).toBe(202);
    const { job } = (await started.json()) as { job: { id: string } };
    type Status = { state: string; unit: string; done: number; total: number; result?: { indexed: number; unchanged: number; skipped: { source: string; reason: string }[] } };
    const finished = async (id: string): Promise<Status> => {
      let status = { state: 'running' } as Status;
      for (let i = 0; i < 100 && status.state === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        status = (await (await fetch(`${api}/jobs/${id}`)).json()) as Status;
      }
      return status;
    };
    const status = await finished(job.id);
    expect(status).toMatchObject({ state: 'done', unit: 'bytes' });
    expect(status.total).toBeGreaterThan(100);
    expect(status.done).toBe(status.total);
    expect(status.result?.indexed).toBe(2);
    expect(status.result?.skipped).toEqual([expect.objectContaining({ reason: 'bad-json' })]);
    expect(((await (await fetch(`${api}/documents/up-1`)).json()) as { id: string }).id).toBe('up-1');
    // Stored under its base name: the same file uploaded again, in another position, is unchanged.
    expect((await fetch(`${api}/documents/notes.txt`)).status).toBe(200);
    const again = new FormData();
    again.append('x', new Blob(['Another note.']), 'other.txt');
    again.append('b', new Blob(['Tide tables are posted at the harbour office every Monday.']), 'notes.txt');
    const second = await finished(((await (await fetch(`${api}/documents`, { method: 'POST', body: again })).json()) as { job: { id: string } }).job.id);
    expect(second.result).toMatchObject({ indexed: 1, unchanged: 1 });
    const empty = await fetch(`${api}/documents`, { method: 'POST', body: new FormData() });
    expect(empty.status).toBe(400);
  });

  it('runs a scan as a job and pages through its clusters', async () => {
    expect(await (await fetch(`${api}/clusters`)).json()).toMatchObject({ scanned: null, total: 0, clusters: [] });
    await post(`${api}/documents`, { id: 'copy', text: COPY });
    const started = await fetch(`${api}/scan`, { method: 'POST' });
    expect(started.status).toBe(202);
    const { job } = (await started.json()) as { job: { id: string } };
    let state = 'running';
    for (let i = 0; i < 100 && state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      state = ((await (await fetch(`${api}/jobs/${job.id}`)).json()) as { state: string }).state;
    }
    expect(state).toBe('done');
    const page = (await (await fetch(`${api}/clusters?limit=1`)).json()) as { total: number; clusters: { original: string; members: { id: string }[] }[] };
    expect(page.total).toBe(1);
    const [cluster] = page.clusters;
    expect([cluster?.original, ...(cluster?.members.map((m) => m.id) ?? [])].sort()).toEqual(['copy', 'page', 'source']);
    expect((await fetch(`${api}/clusters?limit=0`)).status).toBe(400);
    expect((await fetch(`${api}/jobs/nope`)).status).toBe(404);
  });

  it('answers bad requests with a 400 that names the field, never a 5xx', async () => {
    expect(await post(`${api}/compare`, { a: SOURCE })).toEqual({ status: 400, json: { error: { code: 'E_BAD_REQUEST', message: 'body.b is required' } } });
    const wrongType = await post(`${api}/compare`, { a: 5, b: COPY });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.error.message).toMatch(/^body\.a /);
    expect((await post(`${api}/inspect`, '{not json')).json.error.code).toBe('E_BAD_JSON');
    expect((await post(`${api}/documents`, { id: 'x' })).status).toBe(400);
    expect((await post(`${api}/compare`, { a: SOURCE, b: COPY, extra: 1 })).status).toBe(400);
    expect((await fetch(`${api}/nowhere`)).status).toBe(404);
  });

  it('answers a body over the limit with 413 and goes on serving', async () => {
    const big = await post(`${api}/inspect`, { text: 'word '.repeat(20_000) });
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe('E_TOO_LARGE');
    for (let i = 0; i < 50; i++) expect((await post(`${api}/compare`, '{"a": ')).status).toBe(400);
    expect((await fetch(`${api}/stats`)).status).toBe(200);
  });

  it('sends security headers and an OpenAPI document', async () => {
    const r = await fetch(`${api}/openapi.json`);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
    // The server speaks plain HTTP: a browser told to upgrade would fetch nothing beyond loopback.
    expect(r.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    const doc = (await r.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/compare', '/api/inspect', '/api/restore', '/api/search', '/api/documents']));
  });
});

describe('unspin serve: the token rule', () => {
  it('refuses to bind beyond loopback without a token', async () => {
    await expect(serve(['--host', '0.0.0.0', '--db', join(tempFiles({}), 'x.db')])).rejects.toThrow(/needs a token/);
  });

  it('requires the bearer token on writing endpoints when it has one', async () => {
    const server = await serve(['--token', 's3cret', '--db', join(tempFiles({}), 't.db')]);
    try {
      const api = `${server.url}/api`;
      expect((await post(`${api}/documents`, { id: 'a', text: SOURCE })).status).toBe(401);
      expect((await post(`${api}/documents`, { id: 'a', text: SOURCE }, { authorization: 'Bearer wrong!' })).status).toBe(401);
      expect((await post(`${api}/documents`, { id: 'a', text: SOURCE }, { authorization: 'Bearer s3cret' })).status).toBe(200);
      expect((await fetch(`${api}/scan`, { method: 'POST' })).status).toBe(401);
      expect((await fetch(`${api}/scan`, { method: 'POST', headers: { authorization: 'Bearer s3cret' } })).status).toBe(202);
      expect((await post(`${api}/compare`, { a: SOURCE, b: COPY })).status).toBe(200);
    } finally {
      server.child.kill();
    }
  }, 30_000);
});

describe('unspin serve: time limits', () => {
  it('stops work that runs past --timeout with a 503, and goes on serving', async () => {
    const server = await serve(['--timeout', '0.3', '--db', join(tempFiles({}), 'slow.db')]);
    try {
      const api = `${server.url}/api`;
      // A fresh engine thread first loads its lexicon and models, which may take longer than the limit itself.
      const answersSmall = async (): Promise<number> => {
        let status = 0;
        for (let i = 0; i < 100 && status !== 200; i++) {
          status = (await post(`${api}/inspect`, { text: SOURCE })).status;
          if (status !== 200) await new Promise((r) => setTimeout(r, 100));
        }
        return status;
      };
      expect(await answersSmall()).toBe(200);
      const long = await post(`${api}/compare`, { a: Array(300).fill(SOURCE).join('\n\n'), b: Array(300).fill(COPY).join('\n\n') });
      expect(long).toEqual({ status: 503, json: { error: { code: 'E_TIMEOUT', message: expect.stringMatching(/0\.3-second limit/) } } });
      expect(await answersSmall()).toBe(200);
    } finally {
      server.child.kill();
    }
  }, 60_000);
});

describe('unspin serve: the rate limit', () => {
  it('answers a client over --rate-limit requests a minute with 429 and a JSON error', async () => {
    const server = await serve(['--rate-limit', '3', '--db', join(tempFiles({}), 'rate.db')]);
    try {
      for (let i = 0; i < 3; i++) expect((await fetch(`${server.url}/api/stats`)).status).toBe(200);
      const limited = await fetch(`${server.url}/api/stats`);
      expect(limited.status).toBe(429);
      expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('E_RATE_LIMITED');
    } finally {
      server.child.kill();
    }
  }, 30_000);
});

describe('unspin serve: stopping', () => {
  it('stops at once on SIGINT, even with a kept-alive client halfway through its next request', async () => {
    const server = await serve(['--db', join(tempFiles({}), 'stop.db')]);
    const { hostname, port } = new URL(server.url);
    const socket = connect(Number(port), hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    // One request answered on a kept-alive connection, then the next begun and never finished.
    socket.write('GET /api/stats HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((resolve) => socket.once('data', resolve));
    socket.write('POST /api/compare HTTP/1.1\r\nHost: x\r\n');
    const exited = new Promise<number>((resolve) => server.child.once('exit', () => resolve(Date.now())));
    const started = Date.now();
    server.child.kill('SIGINT');
    expect((await exited) - started).toBeLessThan(5_000);
    socket.destroy();
  }, 20_000);
});
