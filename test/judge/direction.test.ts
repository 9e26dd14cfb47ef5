import { describe, expect, it } from 'vitest';
import { judgeDirection } from '../../src/judge/direction.js';

const copy = { coverageA: 0.95, coverageB: 0.95 };

describe('judgeDirection', () => {
  it('names the text whose swapped words fit their context worse as the spun copy', () => {
    expect(judgeDirection({ ...copy, spinLean: { lean: 0.1, swaps: 6 } }).direction).toBe('b-from-a');
    expect(judgeDirection({ ...copy, spinLean: { lean: -0.1, swaps: 6 } }).direction).toBe('a-from-b');
  });

  it('takes no direction from one or two odd-looking words', () => {
    expect(judgeDirection({ ...copy, spinLean: { lean: 0.3, swaps: 2 } }).direction).toBe('unknown');
  });

  it('lets dates decide first', () => {
    expect(judgeDirection({ ...copy, spinLean: { lean: 0.3, swaps: 9 }, dateA: '2024-03-07', dateB: '2024-03-05' }).direction).toBe('a-from-b');
  });
});
