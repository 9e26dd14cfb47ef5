import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePanXml } from '../../src/corpus/pan.js';
import { tempFiles, unspin } from '../helpers/cli.js';

const COPIED =
  'The ferry to the island leaves twice a day in summer, once at dawn and once at noon, and in bad ' +
  'weather the captain may cancel both crossings without warning, so travellers should always carry a ' +
  'warm coat, some bread and a little patience when they plan the journey.';
const SUSP = `Notes from a walking holiday along the coast.\n\n${COPIED} We waited three days for calm water.`;
const SRC = `Practical advice for visitors.\n${COPIED}\nThe island has one shop and no bank.`;
const OTHER = 'A recipe for plum jam: wash the fruit, remove the stones, and simmer it slowly with sugar until thick.';

describe('unspin align --pan', () => {
  let dir = '';

  beforeAll(() => {
    dir = tempFiles({});
    mkdirSync(join(dir, 'susp'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'susp', 'suspicious-document00001.txt'), SUSP);
    writeFileSync(join(dir, 'src', 'source-document00001.txt'), SRC);
    writeFileSync(join(dir, 'src', 'source-document00002.txt'), OTHER);
    writeFileSync(
      join(dir, 'pairs'),
      'suspicious-document00001.txt source-document00001.txt\nsuspicious-document00001.txt source-document00002.txt\n',
    );
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes one detection XML per pair with the copied passage offsets', () => {
    const out = join(dir, 'out', 'nested');
    const r = unspin('align', '--pan', join(dir, 'pairs'), join(dir, 'susp'), join(dir, 'src'), out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);

    const xml = readFileSync(join(out, 'suspicious-document00001-source-document00001.xml'), 'utf8');
    expect(xml).toMatch(/^<document reference="suspicious-document00001.txt">/);
    const found = parsePanXml(xml, 'detected-plagiarism');
    expect(found).toEqual([
      {
        susp: 'suspicious-document00001.txt',
        suspOffset: SUSP.indexOf(COPIED),
        suspLength: COPIED.length,
        src: 'source-document00001.txt',
        srcOffset: SRC.indexOf(COPIED),
        srcLength: COPIED.length,
      },
    ]);

    const none = readFileSync(join(out, 'suspicious-document00001-source-document00002.xml'), 'utf8');
    expect(parsePanXml(none, 'detected-plagiarism')).toEqual([]);
  });

  it('exits 1 with one line and no stack trace when a folder is missing', () => {
    const r = unspin('align', '--pan', join(dir, 'pairs'), join(dir, 'no-such-folder'), join(dir, 'src'), join(dir, 'out2'));
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^unspin: .*no-such-folder/);
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it('exits 1 with one line when --pan is missing', () => {
    const r = unspin('align', join(dir, 'pairs'), join(dir, 'susp'), join(dir, 'src'), join(dir, 'out3'));
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--pan/);
  });
});
