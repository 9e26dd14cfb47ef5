import { describe, expect, it } from 'vitest';
import { renderInspection } from '../../src/report/inspection.js';
import { cleanInspection, copy, copyInspection } from './fixtures.js';

describe('renderInspection', () => {
  it('marks each finding in the text and gives the page verdict, then the score and the evidence', () => {
    const out = renderInspection(copy.text, copyInspection(), { color: false });
    expect(out).toContain('[[Point out Antony → State Antony]][1]');
    expect(out).toContain("Spun: yes, the text reads as a spinner's output (91% likely)");
    expect(out).toContain('Spin score 0.62: 2 suspect phrases');
    expect(out).toContain('[1] "Point out Antony" → "State Antony" (91%)');
  });

  it('says plainly when a text does not read as spun', () => {
    const out = renderInspection('A plain sentence.', cleanInspection, { color: false });
    expect(out).toContain("Spun: no (4% likely to be a spinner's output).");
    expect(out).toContain('(no spinner fingerprints found)');
    expect(out).not.toContain('field');
  });

  it("says whether a text inspected with a list is of the list's field", () => {
    const other = renderInspection('A plain sentence.', { ...cleanInspection, listField: 0.02 }, { color: false });
    expect(other).toContain("The text reads as of another field than the spin list's (2% likely of the list's)");
    const own = renderInspection('A plain sentence.', { ...cleanInspection, listField: 0.97 }, { color: false });
    expect(own).toContain('The text reads as of the field the spin list came from (97% likely)');
  });
});
