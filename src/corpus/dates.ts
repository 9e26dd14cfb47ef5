/** A date as ISO 8601: a bare `YYYY-MM-DD` stays as it is, anything with a time becomes UTC. */
export function isoDate(value: string | null | undefined): string | undefined {
  const s = value?.trim();
  if (!s) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return Number.isNaN(Date.parse(s)) ? undefined : s;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
