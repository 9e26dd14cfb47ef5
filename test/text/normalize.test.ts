import { describe, expect, it } from 'vitest';
import { normalize, toOriginal } from '../../src/text/normalize.js';

describe('normalize', () => {
  it('straightens quotes and dashes, drops soft hyphens, collapses spaces', () => {
    const n = normalize('\u201CHi\u201D \u2014  it\u2019s co\u00ADop');
    expect(n.text).toBe('"Hi" - it\'s coop');
  });

  it('keeps line breaks as a single newline', () => {
    expect(normalize('Title\r\n\r\nBody  text').text).toBe('Title\nBody text');
  });

  it('maps every normalized range back to the original characters', () => {
    const original = 'Caf\u00E9 \uFB01ne \u2014 \uD83D\uDE00 ok';
    const n = normalize(original);
    const at = n.text.indexOf('fine');
    expect(original.slice(...toOriginal(n, at, at + 4))).toBe('\uFB01ne');
    const ok = n.text.indexOf('ok');
    expect(original.slice(...toOriginal(n, ok, ok + 2))).toBe('ok');
    const emoji = n.text.indexOf('\uD83D');
    expect(original.slice(...toOriginal(n, emoji, emoji + 2))).toBe('\uD83D\uDE00');
  });
});
