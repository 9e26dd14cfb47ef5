import { describe, expect, it } from 'vitest';
import { extractParagraphs } from '../../src/demo/demo-set.js';
import { seededRandom } from '../../src/random.js';

const paragraphs = ['The first paragraph.', 'The second one, a little longer.', 'A third.', 'And the last.'];

describe('extractParagraphs', () => {
  it('is a verbatim run of consecutive paragraphs', () => {
    const extract = extractParagraphs(paragraphs, seededRandom(7), 2);
    expect(paragraphs.join('\n\n')).toContain(extract);
    expect(extract.split('\n\n')).toHaveLength(2);
  });
});
