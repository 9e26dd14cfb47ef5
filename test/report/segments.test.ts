import { describe, expect, it } from 'vitest';
import { runs, segment } from '../../src/report/segments.js';

describe('segment (the web app cuts a text at every mark boundary)', () => {
  it('covers the whole text with flat segments, each with the marks over it', () => {
    const segments = segment(20, [
      { kind: 'passage', id: 1, span: [0, 12] },
      { kind: 'passage', id: 0, span: [8, 20] },
      { kind: 'swap', id: 3, span: [4, 6] },
      { kind: 'suspect', id: 0, span: [4, 10] },
    ]);
    expect(segments.map((s) => [s.start, s.end])).toEqual([[0, 4], [4, 6], [6, 8], [8, 10], [10, 12], [12, 20]]);
    expect(segments[1]).toEqual({ start: 4, end: 6, passage: [1], swap: [3], suspect: [0] });
    expect(segments[3]?.passage).toEqual([0, 1]);
    expect(segments[5]).toEqual({ start: 12, end: 20, passage: [0], swap: [], suspect: [] });
  });

  it('clamps spans to the text and drops empty ones', () => {
    const segments = segment(5, [
      { kind: 'swap', id: 0, span: [3, 9] },
      { kind: 'swap', id: 1, span: [2, 2] },
      { kind: 'passage', id: 0, span: [-4, 1] },
    ]);
    expect(segments.map((s) => [s.start, s.end, s.passage.length, s.swap.length])).toEqual([[0, 1, 1, 0], [1, 3, 0, 0], [3, 5, 0, 1]]);
    expect(segment(0, [{ kind: 'swap', id: 0, span: [0, 3] }])).toEqual([]);
  });
});

describe('runs', () => {
  it('groups consecutive items with the same key', () => {
    expect(runs([1, 1, 2, 1, 3, 3], String)).toEqual([[1, 1], [2], [1], [3, 3]]);
  });
});
