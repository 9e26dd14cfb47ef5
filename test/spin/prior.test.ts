import { describe, expect, it } from 'vitest';
import { adaptToText, PSEUDO_CANDIDATES } from '../../src/spin/prior.js';

describe('adaptToText', () => {
  it('leaves a short text at the training odds', () => {
    const adapted = adaptToText([0.9, 0.3, 0.05], 0.1);
    expect(adapted[0]).toBeCloseTo(0.9, 1);
    expect(adapted[1]).toBeCloseTo(0.3, 1);
  });

  it('lowers the odds in a long text whose candidates mostly look clean', () => {
    const clean = [...Array.from({ length: 20 * PSEUDO_CANDIDATES }, () => 0.02), 0.35];
    const adapted = adaptToText(clean, 0.1);
    expect(adapted[adapted.length - 1]).toBeLessThan(0.2);
  });

  it('keeps a strong candidate strong and the order of all', () => {
    const text = [...Array.from({ length: 5 * PSEUDO_CANDIDATES }, () => 0.03), 0.95, 0.5];
    const adapted = adaptToText(text, 0.1);
    expect(adapted[adapted.length - 2]).toBeGreaterThan(0.5);
    expect(adapted[adapted.length - 2]).toBeGreaterThan(adapted[adapted.length - 1] as number);
  });

  it('raises the odds where a long text looks spun throughout', () => {
    const spun = Array.from({ length: 5 * PSEUDO_CANDIDATES }, (_, i) => (i % 2 ? 0.6 : 0.2));
    expect(adaptToText(spun, 0.1)[1]).toBeGreaterThan(0.6);
  });

  it('starts a short text from a lower prior share where one is known', () => {
    const adapted = adaptToText([0.6, 0.1], 0.1, 0.005);
    expect(adapted[0]).toBeLessThan(0.2);
    expect(adaptToText([0.6, 0.1], 0.1, 0.1)[0]).toBeCloseTo(0.6, 1);
  });

  it('changes nothing without a training share', () => {
    expect(adaptToText([0.4, 0.6], 0)).toEqual([0.4, 0.6]);
    expect(adaptToText([], 0.1)).toEqual([]);
  });
});
