/**
 * A replacement written in the case of the words it replaces: all capitals stay all capitals ("NASA"-style
 * runs of two or more letters), a leading capital stays a leading capital, anything else is left as given.
 */
export function matchCase(written: string, replacement: string): string {
  if (written.length > 1 && written === written.toUpperCase() && /\p{L}{2}/u.test(written)) return replacement.toUpperCase();
  const first = written.charAt(0);
  return first !== first.toLowerCase() ? replacement.charAt(0).toUpperCase() + replacement.slice(1) : replacement;
}
