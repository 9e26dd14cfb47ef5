import { describe, expect, it } from 'vitest';
import { toJson } from '../../src/report/json.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { copy, source, spunComparison } from './fixtures.js';

const ANSI = /\u001b\[/;

describe('renderTerminal', () => {
  it('has no ANSI codes without colour, and shows the verdict and the swap', () => {
    const out = renderTerminal(source, copy, spunComparison(), { color: false, width: 100 });
    expect(out).not.toMatch(ANSI);
    expect(out).toContain('spun');
    expect(out).toContain('87%');
    expect(out).toContain('copy <b>.txt was derived from source.txt');
    expect(out).toContain('[State→Point out]');
    expect(out).toMatch(/State → Point out \(synonym\)/);
  });

  it('colours the swap when asked', () => {
    const out = renderTerminal(source, copy, spunComparison(), { color: true, width: 100 });
    expect(out).toMatch(ANSI);
    expect(out).not.toContain('[State→Point out]');
  });

  it('keeps every line within the width', () => {
    const out = renderTerminal(source, copy, spunComparison(), { color: false, width: 60 });
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });

  it('strips control characters from the input', () => {
    const evil = { name: 'evil', text: 'Secretary of State \u001b[31mred\u0007 said hi. The trip ended on Tuesday.' };
    const passages = [{ a: [0, evil.text.length] as [number, number], b: [0, evil.text.length] as [number, number], relation: 'verbatim' as const, similarity: 1, sentenceLinks: 1 }];
    const out = renderTerminal(evil, evil, { ...spunComparison(), passages, substitutions: [] }, { color: false, width: 100 });
    expect(out).not.toMatch(ANSI);
    expect(out).not.toContain('\u0007');
  });

  it('shows at most 20 passages and says how many more there are', () => {
    const c = spunComparison();
    const passages = Array.from({ length: 25 }, () => c.passages[1]!);
    const out = renderTerminal(source, copy, { ...c, passages }, { color: false, width: 100 });
    expect(out).toContain('── 20 ·');
    expect(out).not.toContain('── 21 ·');
    expect(out).toContain('and 5 more passages');
  });
});

describe('toJson', () => {
  it('prints exactly the verdict fields, similarities to 3 decimals', () => {
    const parsed = JSON.parse(toJson(spunComparison())) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['relation', 'derived', 'direction', 'similarity', 'shared', 'explanation', 'passages', 'substitutions']);
    expect(parsed['similarity']).toBe(0.873);
    expect(parsed['shared']).toEqual({ a: 0.881, b: 0.866 });
    expect((parsed['passages'] as Array<Record<string, unknown>>)[0]).toEqual({ a: [0, 72], b: [0, 79], relation: 'spun', similarity: 0.812 });
    expect(toJson(spunComparison())).toContain('\n  "relation": "spun"');
    expect(toJson(spunComparison())).toContain('"a": [0, 72],');
  });
});
