/** Regular English inflection, enough to give a synonym the form of the word it stands for. */

const PARTICLES = new Set(['out', 'up', 'off', 'down', 'in', 'on', 'over', 'away', 'back', 'about']);

function plural(word: string): string {
  if (/(?:s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

function past(word: string): string {
  if (word.endsWith('e')) return `${word}d`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ied`;
  return `${word}ed`;
}

function gerund(word: string): string {
  return /[^e]e$/.test(word) ? `${word.slice(0, -1)}ing` : `${word}ing`;
}

/** How to give a synonym the word's regular ending ("talks": plural), or undefined for an irregular form. */
export function inflectionOf(word: string, lemma: string): ((synonym: string) => string) | undefined {
  if (word === lemma) return (synonym) => synonym;
  if (!word.startsWith(lemma)) return undefined;
  const ending = word.slice(lemma.length);
  const inflect = ending === 's' || ending === 'es' ? plural : ending === 'd' || ending === 'ed' ? past : ending === 'ing' ? gerund : undefined;
  if (!inflect) return undefined;
  return (synonym) => {
    const parts = synonym.split(' ');
    // Phrasal verbs inflect their verb ("points out"), noun phrases their head ("think tanks").
    const at = parts.length > 1 && PARTICLES.has(parts[parts.length - 1] ?? '') ? 0 : parts.length - 1;
    parts[at] = inflect(parts[at] ?? '');
    return parts.join(' ');
  };
}
