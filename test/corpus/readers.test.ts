import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect, docs, skips, warnings } from '../helpers/read-events.js';
import { tempFiles } from '../helpers/cli.js';


const ARTICLE = `<html><head><title>Ferry cut</title></head><body><nav>Home News</nav><article><p>${'The harbour ferry stops on weekdays from November, the council said. '.repeat(4)}</p><p>${'Commuters will petition to keep the early crossing. '.repeat(4)}</p></article></body></html>`;

describe('readInputs', () => {
  it('reads a folder recursively, in sorted order, with ids relative to it', async () => {
    const dir = tempFiles({ 'b.txt': 'bee text', 'a.md': '# A\n\nalpha text', 'page.html': ARTICLE, '.hidden.txt': 'secret' });
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'c.text'), 'sea text');
    const events = await collect([dir]);
    expect(docs(events).map((d) => d.id)).toEqual(['a.md', 'b.txt', 'page.html', 'sub/c.text']);
    expect(docs(events)[0]?.text).toBe('# A\n\nalpha text');
    const page = docs(events)[2];
    expect(page?.title).toBe('Ferry cut');
    expect(page?.text).toContain('council said.');
    expect(page?.text).toContain('\n\nCommuters');
    expect(page?.text).not.toContain('Home News');
    expect(await collect([dir])).toEqual(events);
  });

  it('names a file given directly by its path', async () => {
    const dir = tempFiles({ 'one.txt': 'some text' });
    const path = join(dir, 'one.txt');
    expect(docs(await collect([path]))).toEqual([{ id: path, text: 'some text' }]);
  });

  it('reads JSONL line by line, skipping broken lines with their numbers and going on', async () => {
    const lines = [
      JSON.stringify({ id: 'x1', text: 'first text', url: 'https://e.example/1', title: 'One', date: '2023-06-19' }),
      '{not json',
      JSON.stringify({ id: 'x2', body: 'no text field' }),
      '',
      JSON.stringify({ text: 'by url', url: 'https://e.example/5' }),
      JSON.stringify({ text: 'no id at all' }),
      '[1, 2]',
    ];
    const dir = tempFiles({ 'c.jsonl': lines.join('\n') + '\n' });
    const events = await collect([dir]);
    expect(docs(events)).toEqual([
      { id: 'x1', text: 'first text', url: 'https://e.example/1', title: 'One', date: '2023-06-19' },
      { id: 'https://e.example/5', text: 'by url', url: 'https://e.example/5' },
      { id: 'c.jsonl:6', text: 'no id at all' },
    ]);
    expect(skips(events).map((s) => [s.source, s.reason])).toEqual([
      ['c.jsonl:2', 'bad-json'],
      ['c.jsonl:3', 'bad-json'],
      ['c.jsonl:7', 'bad-json'],
    ]);
    expect(skips(events)[0]?.detail).toMatch(/^line 2: not JSON/);
    expect(skips(events)[1]?.detail).toBe('line 3: no "text" string');
  });

  it('skips a JSONL line over the size cap and reads the rest', async () => {
    const dir = tempFiles({ 'big.ndjson': [JSON.stringify({ id: 'a', text: 'x'.repeat(500) }), JSON.stringify({ id: 'b', text: 'short' })].join('\n') });
    const events = await collect([dir], { maxDocumentBytes: 100 });
    expect(docs(events).map((d) => d.id)).toEqual(['b']);
    expect(skips(events)).toEqual([{ source: 'big.ndjson:1', reason: 'too-large', detail: 'line 1: over 100 bytes, the limit per document' }]);
  });

  it('names every skip: binary, empty, too large, unsupported, missing', async () => {
    const dir = tempFiles({
      'bin.txt': new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01]),
      'empty.txt': '',
      'blank.md': '  \n\n ',
      'large.txt': 'y'.repeat(2000),
      'photo.jpg': 'not really',
      'ok.txt': 'fine',
    });
    const events = await collect([dir, join(dir, 'missing.txt')], { maxDocumentBytes: 1000 });
    expect(docs(events).map((d) => d.id)).toEqual(['ok.txt']);
    expect(skips(events).map((s) => [s.source, s.reason])).toEqual([
      ['bin.txt', 'binary'],
      ['blank.md', 'empty'],
      ['empty.txt', 'empty'],
      ['large.txt', 'too-large'],
      ['photo.jpg', 'unsupported'],
      [join(dir, 'missing.txt'), 'unreadable'],
    ]);
    expect(skips(events)[3]?.detail).toBe('2000 bytes, over the 1000-byte limit per document');
  });

  it('decodes invalid UTF-8 with replacement characters and warns', async () => {
    const bytes = new Uint8Array([...Buffer.from('caf'), 0xe9, ...Buffer.from(' au lait')]);
    const dir = tempFiles({ 'latin1.txt': bytes });
    const events = await collect([dir]);
    expect(docs(events)).toEqual([{ id: 'latin1.txt', text: 'caf\uFFFD au lait' }]);
    expect(warnings(events)).toEqual([{ kind: 'warning', source: 'latin1.txt', detail: 'invalid UTF-8: 1 replacement character (U+FFFD) put in' }]);
  });

  it('reads a deeply nested HTML page without overflowing the stack', async () => {
    const dir = tempFiles({ 'deep.html': `<html><body>${'<div>'.repeat(100_000)}<p>At the bottom.</p>${'</div>'.repeat(100_000)}</body></html>` });
    expect(docs(await collect([dir]))).toEqual([{ id: 'deep.html', text: 'At the bottom.' }]);
  });

  it('skips an HTML page with no text', async () => {
    const dir = tempFiles({ 'nav.htm': '<html><body><nav>Home</nav></body></html>' });
    expect(skips(await collect([dir]))).toEqual([{ source: 'nav.htm', reason: 'no-text', detail: 'no main text found in the page' }]);
  });

  it('reads "-" as text, or as JSONL when it starts with {', async () => {
    async function* bytes(...parts: string[]): AsyncGenerator<Uint8Array> {
      for (const p of parts) yield Buffer.from(p);
    }
    expect(docs(await collect(['-'], { stdin: bytes('plain ', 'text') }))).toEqual([{ id: 'stdin', text: 'plain text' }]);
    const jsonl = await collect(['-'], { stdin: bytes('\n{"id":"a","te', 'xt":"one"}\n{"id":"b","text":"two"}\nbad') });
    expect(docs(jsonl).map((d) => d.id)).toEqual(['a', 'b']);
    expect(skips(jsonl).map((s) => s.source)).toEqual(['stdin:4']);
    expect(skips(await collect(['-'], { stdin: bytes() }))).toEqual([{ source: 'stdin', reason: 'empty', detail: 'the file is empty' }]);
  });

  it('reports progress in input bytes: every file once in all, a long JSONL file as it goes', async () => {
    const dir = tempFiles({});
    const line = `${JSON.stringify({ id: 'x', text: 'A line of text about the harbour. '.repeat(40) })}\n`;
    writeFileSync(join(dir, 'many.jsonl'), line.repeat(200));
    writeFileSync(join(dir, 'one.txt'), 'The ferry leaves at nine.');
    writeFileSync(join(dir, 'skip.bin'), Buffer.from([0, 1, 2, 3]));
    const events = await collect([dir]);
    const progress = events.flatMap((e) => (e.kind === 'progress' ? [e.bytes] : []));
    expect(progress.reduce((a, b) => a + b, 0)).toBe(line.length * 200 + 'The ferry leaves at nine.'.length + 4);
    expect(progress.length).toBeGreaterThan(3);
  });
});
