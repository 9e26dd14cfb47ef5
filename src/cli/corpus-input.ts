import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { Skip } from '../corpus/types.js';

/** Exit status when a run finished but passed over some inputs (listed in its summary). */
export const EXIT_SKIPPED = 3;

/** The bytes the readers will go through, for a progress bar's ETA; undefined when unknowable (standard input). */
export function inputSize(paths: readonly string[]): number | undefined {
  let total = 0;
  const walk = (path: string): void => {
    let info;
    try {
      info = statSync(path);
    } catch {
      return;
    }
    if (info.isFile()) total += info.size;
    else if (info.isDirectory()) {
      let names: string[] = [];
      try {
        names = readdirSync(path);
      } catch {
        return;
      }
      for (const name of names) if (!name.startsWith('.')) walk(join(path, name));
    }
  };
  for (const path of paths) {
    if (path === '-') return undefined;
    walk(path);
  }
  return total;
}

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, k: 1e3, mb: 1e6, m: 1e6, gb: 1e9, g: 1e9 };

/** Parses a size such as 10MB, 500kb or 2000000 (bytes). */
export function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = m ? UNITS[(m[2] ?? '').toLowerCase()] : undefined;
  if (!m || unit === undefined || Number(m[1]) <= 0) {
    throw new InvalidArgumentError('expected a size such as 10MB, 500KB or 2000000');
  }
  return Math.round(Number(m[1]) * unit);
}

/** Parses a whole number of at least 1. */
export function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

const SHOWN_SKIPS = 20;

/** The skips of a run, one a line, grouped by reason in the heading; long lists are cut with a count. */
export function describeSkips(skipped: readonly Skip[]): string {
  if (skipped.length === 0) return '';
  const byReason = new Map<string, number>();
  for (const s of skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
  const heading = `skipped ${skipped.length}: ${[...byReason].map(([reason, n]) => `${reason} ${n}`).join(', ')}`;
  const lines = skipped.slice(0, SHOWN_SKIPS).map((s) => `  ${s.source}: ${s.reason}: ${s.detail}`);
  if (skipped.length > SHOWN_SKIPS) lines.push(`  … and ${skipped.length - SHOWN_SKIPS} more (--json lists them all)`);
  return `${heading}\n${lines.join('\n')}\n`;
}
