import { describe, expect, it } from 'vitest';
import { align } from '../../src/align/index.js';
import { pairKind } from '../../src/judge/derivation.js';
import { gatherEvidence } from '../../src/judge/evidence.js';
import { loadLexicon } from '../../src/lexicon/index.js';
import { analyze } from '../../src/text/analyze.js';

const lexicon = loadLexicon();
const evidenceOf = (a: string, b: string) => {
  const x = analyze(a, lexicon);
  const y = analyze(b, lexicon);
  return gatherEvidence(x, y, align(x, y, lexicon), lexicon);
};

const PASSAGE =
  'The old lighthouse on Gull Point was switched off for good last winter. Its lamp had guided fishing boats past the reef for more than a century. Volunteers now hope to turn the tower into a small museum.';
const REWORDED =
  'Last winter the historic Gull Point lighthouse went dark permanently. For over a hundred years its light had steered fishermen safely around the reef. A group of volunteers wants the tower to become a little museum.';

describe('passage evidence (real lexicon)', () => {
  it('measures two passages as passages: meaning cosine and the sentence-pair reading', () => {
    const e = evidenceOf(PASSAGE, REWORDED);
    expect(pairKind(e)).toBe('passage');
    expect(e.passage?.meaning).toBeGreaterThan(0.5);
    expect(e.passage?.sameMeaning).toBeGreaterThan(0.5);
  });

  it('leaves single sentences and long texts to the page judge', () => {
    expect(pairKind(evidenceOf('The lamp went dark last winter.', 'Last winter the lamp went dark.'))).toBe('page');
    const long = Array.from({ length: 4 }, () => PASSAGE).join(' ');
    expect(pairKind(evidenceOf(long, REWORDED))).toBe('page');
  });

  it('leaves passages the lexicon has no vectors for to the page judge', () => {
    const russian = 'Мэрия объявила о ремонте старого моста через реку. Работы продлятся до поздней осени этого года. Движение транспорта по мосту будет ограничено, а пешеходы смогут пользоваться временным переходом рядом с ним.';
    const e = evidenceOf(russian, `${russian} Об этом сообщили в пресс-службе города.`);
    expect(e.wordsA).toBeGreaterThanOrEqual(25);
    expect(pairKind(e)).toBe('page');
  });
});
