import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ReadEvent } from '../../src/corpus/types.js';
import { collect, docs, skips } from '../helpers/read-events.js';


/** One WARC/1.0 record, its Content-Length counted in bytes. */
function record(type: string, uri: string | undefined, contentType: string, block: string, date = '2024-03-05T10:00:00Z'): string {
  const headers = [
    'WARC/1.0',
    `WARC-Type: ${type}`,
    `WARC-Record-ID: <urn:uuid:${type}-${Math.random().toString(16).slice(2)}>`,
    `WARC-Date: ${date}`,
    ...(uri ? [`WARC-Target-URI: ${uri}`] : []),
    `Content-Type: ${contentType}`,
    `Content-Length: ${Buffer.byteLength(block)}`,
  ];
  return `${headers.join('\r\n')}\r\n\r\n${block}\r\n\r\n`;
}
const http = (contentType: string, body: string) => `HTTP/1.1 200 OK\r\nContent-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

const PAGE = `<html><head><title>Lighthouse keeper</title></head><body><nav>Home News</nav><article><p>${'The last keeper of the island lighthouse retired this spring after thirty years. '.repeat(4)}</p><p>${'Visitors may now climb the tower on Sundays. '.repeat(4)}</p></article></body></html>`;
const DATED = PAGE.replace('<head>', '<head><meta property="article:published_time" content="2023-01-02T08:00:00Z">');

const RECORDS = [
  record('warcinfo', undefined, 'application/warc-fields', 'software: hand-written\r\nformat: WARC File Format 1.0\r\n'),
  record('request', 'https://example.org/keeper', 'application/http; msgtype=request', 'GET /keeper HTTP/1.1\r\nHost: example.org\r\n\r\n'),
  record('response', 'https://example.org/keeper', 'application/http; msgtype=response', http('text/html; charset=utf-8', PAGE)),
  record('response', 'https://example.org/notes.txt', 'application/http; msgtype=response', http('text/plain', 'Tide tables are posted at the harbour office.'), '2024-03-06T11:30:00Z'),
  record('response', 'https://example.org/logo.png', 'application/http; msgtype=response', http('image/png', '\x89PNG\r\n\x1a\nnot really')),
  record('resource', 'file:///notes/ferry.txt', 'text/plain', 'The ferry leaves at nine.'),
  record('metadata', 'https://example.org/keeper', 'application/warc-fields', 'via: https://example.org/\r\n'),
];

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'unspin-warc-'));
}

function expectThreeDocuments(events: ReadEvent[]): void {
  const found = docs(events);
  expect(found.map((d) => d.id)).toEqual(['https://example.org/keeper', 'https://example.org/notes.txt', 'file:///notes/ferry.txt']);
  expect(found[0]?.title).toBe('Lighthouse keeper');
  expect(found[0]?.text).toContain('thirty years.');
  expect(found[0]?.text).not.toContain('Home News');
  expect(found[0]?.date?.startsWith('2024-03-05T10:00')).toBe(true);
  expect(found[1]).toMatchObject({ text: 'Tide tables are posted at the harbour office.', url: 'https://example.org/notes.txt' });
  expect(found[1]?.date?.startsWith('2024-03-06T11:30')).toBe(true);
  expect(found[2]?.text).toBe('The ferry leaves at nine.');
  expect(skips(events)).toEqual([]);
}

describe('WARC files', () => {
  it('reads HTML and text responses and resources, by target URI, and passes over the rest silently', async () => {
    const path = join(tempDir(), 'crawl.warc');
    writeFileSync(path, RECORDS.join(''));
    expectThreeDocuments(await collect([path]));
  });

  it('reads a .warc.gz of one gzip member per record', async () => {
    const path = join(tempDir(), 'crawl.warc.gz');
    writeFileSync(path, Buffer.concat(RECORDS.map((r) => gzipSync(r))));
    expectThreeDocuments(await collect([path]));
  });

  it("keeps a page's own published date over the WARC-Date", async () => {
    const path = join(tempDir(), 'dated.warc');
    writeFileSync(path, record('response', 'https://example.org/dated', 'application/http; msgtype=response', http('text/html', DATED)));
    const [page] = docs(await collect([path]));
    expect(page?.date?.startsWith('2023-01-02')).toBe(true);
  });

  it('skips a truncated last record as bad-record, after the documents before it', async () => {
    const whole = RECORDS.slice(0, 4).join('');
    const last = record('response', 'https://example.org/cut', 'application/http; msgtype=response', http('text/html', PAGE));
    const dir = tempDir();
    writeFileSync(join(dir, 'cut.warc'), whole + last.slice(0, last.length - 200));
    writeFileSync(join(dir, 'cut.warc.gz'), Buffer.concat([...RECORDS.slice(0, 4).map((r) => gzipSync(r)), gzipSync(last).subarray(0, 60)]));
    for (const name of ['cut.warc', 'cut.warc.gz']) {
      const events = await collect([join(dir, name)]);
      expect(docs(events).map((d) => d.id)).toEqual(['https://example.org/keeper', 'https://example.org/notes.txt']);
      expect(skips(events)).toHaveLength(1);
      expect(skips(events)[0]).toMatchObject({ source: `${join(dir, name)}#5`, reason: 'bad-record' });
      expect(skips(events)[0]?.detail).toContain('record 5');
    }
  });

  it('skips a malformed record and stops that file without throwing', async () => {
    const path = join(tempDir(), 'bad.warc');
    writeFileSync(path, RECORDS[3] + 'WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\nwhatever\r\n\r\n' + RECORDS[5]);
    const events = await collect([path]);
    expect(docs(events).map((d) => d.id)).toEqual(['https://example.org/notes.txt']);
    expect(skips(events).map((s) => s.reason)).toEqual(['bad-record']);
  });

  it('skips records over the size cap as too-large and goes on', async () => {
    const path = join(tempDir(), 'big.warc');
    writeFileSync(path, RECORDS.join(''));
    const events = await collect([path], { maxDocumentBytes: 200 });
    expect(docs(events).map((d) => d.id)).toEqual(['https://example.org/notes.txt', 'file:///notes/ferry.txt']);
    expect(skips(events)).toEqual([expect.objectContaining({ source: 'https://example.org/keeper', reason: 'too-large' })]);
  });

  it('stops a file at the cap on decompressed bytes (a gzip bomb)', async () => {
    const path = join(tempDir(), 'bomb.warc.gz');
    const padding = record('resource', 'file:///zeros.bin', 'application/octet-stream', '\0'.repeat(5_000_000));
    writeFileSync(path, Buffer.concat([gzipSync(RECORDS[3] ?? ''), gzipSync(padding), gzipSync(RECORDS[5] ?? '')]));
    expect(padding.length / (await import('node:fs')).statSync(path).size).toBeGreaterThan(100);
    const events = await collect([path], { maxDecompressedBytes: 1_000_000 });
    expect(docs(events).map((d) => d.id)).toEqual(['https://example.org/notes.txt']);
    expect(skips(events)).toEqual([expect.objectContaining({ reason: 'too-large', source: `${path}#2` })]);
  });

  it('stops at a header line too long to be one (a bomb of zeros after a good record) without buffering it', async () => {
    const path = join(tempDir(), 'zeros.warc.gz');
    writeFileSync(path, Buffer.concat([gzipSync(RECORDS[3] ?? ''), gzipSync(Buffer.alloc(3_000_000))]));
    const events = await collect([path]);
    expect(docs(events).map((d) => d.id)).toEqual(['https://example.org/notes.txt']);
    expect(skips(events)).toEqual([expect.objectContaining({ reason: 'bad-record', source: `${path}#2` })]);
    expect(skips(events)[0]?.detail).toMatch(/header line longer than/);
  });
});
