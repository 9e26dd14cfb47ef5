import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { planIndexJobs } from '../../src/cluster/index-jobs.js';
import { readInputs, readParts, type InputPart } from '../../src/corpus/readers.js';
import type { ReadEvent } from '../../src/corpus/types.js';
import { docs } from '../helpers/read-events.js';

/** A WARC resource record holding a short plain text. */
function record(n: number): string {
  const block = `Note ${n}: the harbour ferry number ${n} leaves at ${n % 12} o'clock, weather permitting, from the north pier.`;
  const headers = ['WARC/1.0', 'WARC-Type: resource', `WARC-Record-ID: <urn:uuid:note-${n}>`, 'WARC-Date: 2024-03-05T10:00:00Z', `WARC-Target-URI: file:///notes/${n}.txt`, 'Content-Type: text/plain', `Content-Length: ${Buffer.byteLength(block)}`];
  return `${headers.join('\r\n')}\r\n\r\n${block}\r\n\r\n`;
}

function corpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'unspin-parts-'));
  const records = Array.from({ length: 60 }, (_, i) => record(i + 1));
  writeFileSync(join(dir, 'crawl.warc'), records.join(''));
  // One gzip member per record, as crawlers write them.
  writeFileSync(join(dir, 'crawl.warc.gz'), Buffer.concat(records.map((r) => gzipSync(r.replaceAll('notes/', 'zipped/')))));
  const lines = Array.from({ length: 80 }, (_, i) => (i === 7 ? 'not json' : JSON.stringify({ text: `Line ${i + 1} of the logbook: the tide was ${i} centimetres over the mark.` })));
  writeFileSync(join(dir, 'log.jsonl'), `${lines.join('\n')}\n`);
  writeFileSync(join(dir, 'note.txt'), 'A plain note about the lighthouse keeper.');
  return dir;
}

async function read(events: AsyncIterable<ReadEvent>): Promise<ReadEvent[]> {
  const out: ReadEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

describe('the input shared out as parts', () => {
  it('cuts JSONL and WARC files into ranges that read, together, as the whole files do', async () => {
    const dir = corpus();
    const parts: InputPart[] = [];
    for await (const planned of planIndexJobs([dir], 1000)) if ('parts' in planned) parts.push(...planned.parts);
    // Each big file is cut in several ranges, and a range of JSONL lines knows its first line's number.
    expect(parts.filter((p) => p.kind === 'records' && p.path.endsWith('.warc')).length).toBeGreaterThan(3);
    expect(parts.filter((p) => p.kind === 'records' && p.path.endsWith('.gz')).length).toBeGreaterThan(3);
    expect(parts.filter((p) => p.kind === 'lines').length).toBeGreaterThan(3);
    const whole = await read(readInputs([dir]));
    const split = await read(readParts(parts));
    const view = (events: ReadEvent[]) => docs(events).map((d) => `${d.id} ${d.text}`).sort();
    expect(view(split)).toEqual(view(whole));
    expect(view(whole)).toHaveLength(60 + 60 + 79 + 1);
    // The broken line is reported by the same name either way.
    const bad = (events: ReadEvent[]) => events.flatMap((e) => (e.kind === 'skip' ? [e.skip.source] : []));
    expect(bad(split)).toEqual(bad(whole));
  });
});
